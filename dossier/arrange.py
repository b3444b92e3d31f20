"""The dossier arranged as the pages need it: each topic's order, the timeline, each person's
facts, each fact's neighbours and related facts, each fact's editorial notes, and each article's
quoted passages."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import get_args

from .model import NOTE_KINDS, Dossier, Fact, Figure, Measure, Note

RELATED_LIMIT = 5


class Arrangement:
    def __init__(self, dossier: Dossier):
        facts = list(dossier.facts.values())
        self.topic_order: dict[str, list[Fact]] = {
            topic.id: [fact for section in topic.sections for fact in facts if fact.home_topic == topic.id and fact.section == section.id]
            for topic in dossier.topics.values()
        }
        # The facts whose other topics include this one, listed at the end of its page.
        self.see_also: dict[str, list[Fact]] = {topic_id: [fact for fact in facts if topic_id in fact.topics[1:]] for topic_id in dossier.topics}
        self.timeline: list[Fact] = _in_order_of_events([fact for fact in facts if fact.date])
        self.facts_of_entity: dict[str, list[Fact]] = {entity_id: [] for entity_id in dossier.entities}
        for fact in facts:
            for entity_id in fact.everyone:
                self.facts_of_entity[entity_id].append(fact)
        self.neighbours: dict[str, tuple[Fact | None, Fact | None]] = {}
        for order in self.topic_order.values():
            for index, fact in enumerate(order):
                self.neighbours[fact.id] = (order[index - 1] if index > 0 else None, order[index + 1] if index + 1 < len(order) else None)
        self.related: dict[str, list[Fact]] = _related(facts)
        # A note is written once, on one fact; a disagreement note shows on every fact it names too.
        self.notes: dict[str, list[tuple[Fact, Note]]] = {fact.id: [] for fact in facts}
        self.corrections: dict[str, list[tuple[Fact, Note]]] = {kind: [] for kind in NOTE_KINDS}
        for fact in facts:
            for note in fact.notes:
                self.corrections[note.kind].append((fact, note))
                for shown_on in dict.fromkeys([fact.id, *note.facts]):
                    self.notes[shown_on].append((fact, note))
        # The other facts whose titles a fact's notes show: a page changes when they do.
        self._facts = dossier.facts
        self.noted_with: dict[str, list[Fact]] = {
            fact_id: [dossier.facts[other] for other in dict.fromkeys(shown.id for owner, note in noted for shown in self.involved(owner, note)) if other != fact_id]
            for fact_id, noted in self.notes.items()
        }
        self.quoted: dict[str, list[QuotedParagraph]] = {article_id: _quoted_passages(dossier, article_id) for article_id in dossier.articles}
        self.figures_by_measure: list[tuple[str, list[tuple[Fact, Figure]]]] = _figures_by_measure(facts, dossier.settings.measures)


    def involved(self, owner: Fact, note: Note) -> list[Fact]:
        """The facts a note is about: the one it is written on, then those it names."""
        return [owner, *(self._facts[fact_id] for fact_id in note.facts)]


def _in_order_of_events(facts: list[Fact]) -> list[Fact]:
    """Facts sorted by date, each fact of a date after the ones its `after` names (verify
    makes sure they share its date and never lead back to it)."""
    ordered: list[Fact] = []
    for _, same_date in itertools.groupby(sorted(facts, key=lambda fact: fact.date), key=lambda fact: fact.date):
        pending = list(same_date)
        while pending:
            waiting = {fact.id for fact in pending}
            ready = next(fact for fact in pending if waiting.isdisjoint(fact.after))
            pending.remove(ready)
            ordered.append(ready)
    return ordered


def _related(facts: list[Fact]) -> dict[str, list[Fact]]:
    """For each fact, the other facts about the same people and organisations: those that share
    the most first, then the nearest in the editors' order, then the earlier."""
    entities = [set(fact.entities) for fact in facts]
    positions_of: dict[str, list[int]] = {}
    for position, ids in enumerate(entities):
        for entity_id in ids:
            positions_of.setdefault(entity_id, []).append(position)
    related = {}
    for position, fact in enumerate(facts):
        candidates = {other for entity_id in entities[position] for other in positions_of[entity_id]} - {position}
        ranked = sorted((-len(entities[position] & entities[other]), abs(other - position), other) for other in candidates)
        related[fact.id] = [facts[other] for _, _, other in ranked[:RELATED_LIMIT]]
    return related


@dataclass(frozen=True)
class QuotedPassage:
    quote: str
    translation: str | None  # the first fact's, for English readers
    facts: list[Fact]


@dataclass(frozen=True)
class QuotedParagraph:
    """A paragraph (a line) of an article that the dossier quotes, with what it quotes from it."""

    article: str
    line: int
    text: str
    passages: list[QuotedPassage]

    @property
    def anchor(self) -> str:
        return passage_anchor(self.article, self.line)


def passage_anchor(article: str, line: int) -> str:
    """The anchor of an article's paragraph on the sources page: 'gazette-l43'."""
    return f"{article}-l{line}"


def _quoted_passages(dossier: Dossier, article_id: str) -> list[QuotedParagraph]:
    """Each paragraph of an article that facts quote, in the article's order, with each distinct
    quote from it and the facts that cite it."""
    by_quote: dict[str, tuple[object, str | None, list[Fact]]] = {}
    for fact in dossier.facts.values():
        for index, source in enumerate(fact.sources):
            if source.article == article_id:
                passage = dossier.passage(fact, index)
                by_quote.setdefault(" ".join(source.quote.split()), (passage, source.translation, []))[2].append(fact)
    ordered = sorted(by_quote.items(), key=lambda item: (item[1][0].offset, item[0]))
    lines = dossier.article_texts[article_id].splitlines()
    paragraphs: dict[int, QuotedParagraph] = {}
    for quote, (passage, translation, facts) in ordered:
        paragraph = paragraphs.setdefault(passage.line, QuotedParagraph(article_id, passage.line, lines[passage.line - 1].strip(), []))
        paragraph.passages.append(QuotedPassage(quote, translation, facts))
    return list(paragraphs.values())


def _figures_by_measure(facts: list[Fact], listed: list[str]) -> list[tuple[str, list[tuple[Fact, Figure]]]]:
    """The figures by what they measure: in the dossier's order, then the measures it does not
    list, then the figures of no measure."""
    order = [*listed, *(measure for measure in get_args(Measure) if measure not in listed), "other"]
    grouped: dict[str, list[tuple[Fact, Figure]]] = {measure: [] for measure in order}
    for fact in facts:
        for figure in fact.figures:
            grouped[figure.measure or "other"].append((fact, figure))
    return [(measure, rows) for measure, rows in grouped.items() if rows]
