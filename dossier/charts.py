"""Charts of the dossier: bar charts of its money figures, and event charts (the timeline's, and
those of dossier.yml's `event_charts`), laid out here and drawn by templates as HTML, so that
their text keeps its size on a phone.

Charts are made at build time: no script runs in the reader's browser, and colours come from
the page's stylesheet, so they follow the light and dark schemes.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .model import Fact, Figure

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
class Mark:
    """One event: a dot in its topic's colour linked to its fact, with the fact's title beside it when labelled."""

    fact_id: str
    topic: str
    title: str
    labelled: bool


@dataclass(frozen=True)
class EventRow:
    period: str  # as the page writes it: "March 2024"
    marks: list[Mark]


@dataclass(frozen=True)
class EventChart:
    id: str
    title: str
    description: str
    rows: list[EventRow]


def event_chart(chart_id: str, title: str, description: str, events: list[tuple[str, Mark]]) -> EventChart:
    """Events are (period, mark) in the order shown; the events of one period share its row."""
    rows = [EventRow(period, [mark for _, mark in group]) for period, group in itertools.groupby(events, key=lambda event: event[0])]
    return EventChart(chart_id, title, description, rows)
