"""Bar charts of the dossier's money figures, laid out here and drawn as SVG by a template.

Charts are made at build time: no script runs in the reader's browser, and colours come from
the page's stylesheet, so they follow the light and dark schemes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Fact, Figure

WIDTH = 720
ROW_HEIGHT = 56
BAR_HEIGHT = 22
VALUE_SPACE = 150  # room right of the longest bar for its value


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    measure: str
    fact_id: str
    y: int
    width: float


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return len(self.bars) * ROW_HEIGHT + 8

    @property
    def width(self) -> int:
        return WIDTH


def money_figures(facts: list[Fact], measures: tuple[str, ...], entity: str | None = None, currency: str = "USD") -> list[tuple[Fact, Figure]]:
    """Figures in one currency, optionally only those of facts about one entity."""
    return [
        (fact, figure)
        for fact in facts
        if entity is None or entity in fact.entities
        for figure in fact.figures
        if figure.measure in measures and figure.currency == currency
    ]


def bar_chart(chart_id: str, title: str, description: str, rows: list[tuple[str, str, str, str, float]]) -> Chart:
    """Rows are (label, value text, measure, fact id, amount); bars share one linear scale."""
    largest = max((amount for *_, amount in rows), default=1) or 1
    usable = WIDTH - VALUE_SPACE
    bars = [
        Bar(label, value_text, measure, fact_id, index * ROW_HEIGHT, max(2.0, round(amount / largest * usable, 1)))
        for index, (label, value_text, measure, fact_id, amount) in enumerate(rows)
    ]
    return Chart(chart_id, title, description, bars)
