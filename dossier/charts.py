"""Charts of the dossier: bar charts of its money figures (drawn as HTML, so that their text
keeps its size on a phone) and the timeline's dots (SVG), laid out here and drawn by templates.

Charts are made at build time: no script runs in the reader's browser, and colours come from
the page's stylesheet, so they follow the light and dark schemes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Fact, Figure

WIDTH = 720  # of the timeline chart
LONGEST_BAR = 55  # per cent of the chart's width: the rest holds the value beside it, on a phone too


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    measure: str
    fact_id: str
    percent: float  # of the largest bar's length, which leaves room for its value


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    bars: list[Bar]


def money_figures(facts: list[Fact], measures: list[str], entity: str | None, currency: str) -> list[tuple[Fact, Figure]]:
    """Figures in one currency, optionally only those of facts about one entity; an order of
    magnitude ("hundreds of millions") is no length a bar could honestly have."""
    return [
        (fact, figure)
        for fact in facts
        if entity is None or entity in fact.entities
        for figure in fact.figures
        if figure.measure in measures and figure.currency == currency and figure.qualifier != "several"
    ]


def bar_chart(chart_id: str, title: str, description: str, rows: list[tuple[str, str, str, str, float]]) -> Chart:
    """Rows are (label, value text, measure, fact id, amount); bars share one linear scale."""
    largest = max((amount for *_, amount in rows), default=1) or 1
    bars = [Bar(label, value_text, measure, fact_id, max(0.5, round(amount / largest * LONGEST_BAR, 1))) for label, value_text, measure, fact_id, amount in rows]
    return Chart(chart_id, title, description, bars)


@dataclass(frozen=True)
class Dot:
    fact_id: str
    topic: str
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class TimelineChart:
    id: str
    title: str
    description: str
    dots: list[Dot]
    ticks: list[Tick]
    height: int
    axis_y: int

    @property
    def width(self) -> int:
        return WIDTH


DOT_SPACING = 13
TIMELINE_MARGIN = 16


def timeline_chart(chart_id: str, title: str, description: str, events: list[tuple[str, str, str, str]], year_label) -> TimelineChart:
    """Events are (month 'YYYY-MM', fact id, topic, label); each month stacks its events upwards."""
    months = sorted({month for month, *_ in events})
    first_year, first_month = (int(part) for part in months[0].split("-"))
    last_year, last_month = (int(part) for part in months[-1].split("-"))
    span = (last_year - first_year) * 12 + last_month - first_month + 1
    step = (WIDTH - 2 * TIMELINE_MARGIN) / max(span, 1)

    def x_of(month: str) -> float:
        year, number = (int(part) for part in month.split("-"))
        return round(TIMELINE_MARGIN + ((year - first_year) * 12 + number - first_month + 0.5) * step, 1)

    stacks: dict[str, int] = {}
    for month, *_ in events:
        stacks[month] = stacks.get(month, 0) + 1
    axis_y = max(stacks.values()) * DOT_SPACING + 12
    seen: dict[str, int] = {}
    dots = []
    for month, fact_id, topic, label in events:
        level = seen.get(month, 0)
        seen[month] = level + 1
        dots.append(Dot(fact_id, topic, x_of(month), axis_y - 8 - level * DOT_SPACING, label))
    ticks = [Tick(x_of(f"{year}-01") - step / 2, year_label(str(year))) for year in range(first_year + (first_month > 1), last_year + 1)]
    return TimelineChart(chart_id, title, description, dots, ticks, axis_y + 28, axis_y)
