"""Cross-check the loaded records: ids resolve, quotes stand verbatim in their articles."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .load import Loaded, Origin, suggest
from .model import Dossier, Fact, Passage
from .problems import DossierError, Problem

ELLIPSIS = "…"


class ArticleIndex:
    """An article's text with whitespace removed, remembering each character's line."""

    def __init__(self, article_id: str, text: str):
        self.article_id = article_id
        characters: list[str] = []
        self.lines: list[int] = []
        self.offsets: list[int] = []
        line = 1
        for offset, character in enumerate(text):
            if character == "\n":
                line += 1
            if not character.isspace():
                characters.append(character)
                self.lines.append(line)
                self.offsets.append(offset)
        self.compact = "".join(characters)

    @staticmethod
    def squeeze(text: str) -> str:
        return "".join(text.split())

    def pieces(self, quote: str) -> list[str]:
        """The quote's `…`-joined pieces, whitespace removed."""
        return [piece for piece in (self.squeeze(part) for part in quote.split(ELLIPSIS)) if piece]

    def _spans(self, quote: str) -> list[tuple[int, int]] | None:
        """Where each piece stands in the compact text, in order; None if one is missing."""
        spans, cursor = [], 0
        for piece in self.pieces(quote):
            found = self.compact.find(piece, cursor)
            if found < 0:
                return None
            cursor = found + len(piece)
            spans.append((found, cursor))
        return spans

    def locate(self, quote: str) -> Passage | None:
        """Where the quote starts, if every `…`-joined piece appears, in order."""
        spans = self._spans(quote)
        if not spans:
            return None
        start = spans[0][0]
        return Passage(self.article_id, self.offsets[start], self.lines[start])

    def lines_of(self, quote: str) -> set[int]:
        """The lines a quote covers (empty if it is not in the article)."""
        return {line for start, end in self._spans(quote) or [] for line in self.lines[start:end]}

    def closest(self, quote: str) -> str:
        """Explain where a quote stops matching, so the editor sees the difference."""
        cursor = 0
        for piece in self.pieces(quote):
            found = self.compact.find(piece, cursor)
            if found >= 0:
                cursor = found + len(piece)
                continue
            low, high = 0, len(piece)
            while low < high:  # the longest prefix of the piece found after the cursor
                middle = (low + high + 1) // 2
                if self.compact.find(piece[:middle], cursor) >= 0:
                    low = middle
                else:
                    high = middle - 1
            if low == 0:
                return f"not even its first character '{piece[0]}' occurs there; copy the passage from the article"
            at = self.compact.find(piece[:low], cursor)
            end = at + low
            article_next = self.compact[end : end + 12] or "(end of article)"
            return (
                f"it matches line {self.lines[at]} up to '{piece[max(0, low - 12):low]}', then the article has "
                f"'{article_next}' where the quote has '{piece[low:low + 12]}'"
            )
        return "its pieces are not in the article's order"


def verify(loaded: Loaded) -> Dossier:
    """Build the dossier, or raise DossierError listing every problem at once."""
    problems = list(loaded.problems)
    articles = _unique(loaded.articles, "article", problems)
    indexes = {article_id: ArticleIndex(article_id, text) for article_id, text in loaded.article_texts.items()}
    entities = _unique(loaded.records["entities"], "entity", problems)
    topics = _unique(loaded.records["topics"], "topic", problems)
    facts = _unique(loaded.records["facts"], "fact", problems)
    _check_aliases(loaded.records["facts"], problems)

    passages: dict[tuple[str, int], Passage] = {}
    for fact, origin in loaded.records["facts"]:
        problems.extend(_check_fact(fact, origin, articles, entities, topics, indexes, passages))
    for uncited, origin in loaded.records["uncited"]:
        index = indexes.get(uncited.article)
        if index is None:
            problems.append(origin.problem(("article",), f"unknown article '{uncited.article}'{suggest(uncited.article, indexes)}"))
        elif index.locate(uncited.passage) is None:
            problems.append(origin.problem(("passage",), f"passage not found in article '{uncited.article}': {index.closest(uncited.passage)}"))

    if problems:
        raise DossierError(problems)
    return Dossier(
        articles={key: article for key, (article, _) in articles.items()},
        article_texts=dict(loaded.article_texts),
        entities={key: entity for key, (entity, _) in entities.items()},
        topics={key: topic for key, (topic, _) in topics.items()},
        facts={key: fact for key, (fact, _) in facts.items()},
        uncited=[uncited for uncited, _ in loaded.records["uncited"]],
        terms=[term for term, _ in loaded.records["terms"]],
        passages=passages,
    )


def _unique(records: list[tuple[Any, Origin]], kind: str, problems: list[Problem]) -> dict[str, tuple[Any, Origin]]:
    unique: dict[str, tuple[Any, Origin]] = {}
    for record, origin in records:
        if record.id in unique:
            first = unique[record.id][1]
            where = f"{first.document.display}:{first.problem(('id',), '').line}"
            problems.append(origin.problem(("id",), f"duplicate {kind} id '{record.id}', already used at {where}: choose another id"))
        else:
            unique[record.id] = (record, origin)
    return unique


def _check_aliases(records: list[tuple[Fact, Origin]], problems: list[Problem]) -> None:
    claimed: dict[str, str] = {fact.id: fact.id for fact, _ in records}
    for fact, origin in records:
        for index, alias in enumerate(fact.aliases):
            if alias in claimed and claimed[alias] != fact.id:
                problems.append(origin.problem(("aliases", index), f"alias '{alias}' is already the id or alias of fact '{claimed[alias]}'"))
            claimed.setdefault(alias, fact.id)


def _check_fact(
    fact: Fact,
    origin: Origin,
    articles: dict[str, Any],
    entities: dict[str, Any],
    topics: dict[str, Any],
    indexes: dict[str, ArticleIndex],
    passages: dict[tuple[str, int], Passage],
) -> list[Problem]:
    problems: list[Problem] = []

    def unknown(path: tuple[Any, ...], kind: str, value: str, known: Any, where: str) -> None:
        problems.append(origin.problem(path, f"fact '{fact.id}': unknown {kind} '{value}'{suggest(value, known)}: add it to {where} or fix the id"))

    for index, topic_id in enumerate(fact.topics):
        if topic_id not in topics:
            unknown(("topics", index), "topic", topic_id, topics, "facts/topics.yml")
    home = topics.get(fact.home_topic)
    if home is not None:
        sections = [section.id for section in home[0].sections]
        if fact.section not in sections:
            problems.append(
                origin.problem(("section",), f"fact '{fact.id}': '{fact.section}' is not a section of topic '{fact.home_topic}'{suggest(fact.section, sections)}; its sections are: {', '.join(sections)}")
            )
    for field_name in ("entities", "asserted_by", "denied_by"):
        for index, entity_id in enumerate(getattr(fact, field_name)):
            if entity_id not in entities:
                unknown((field_name, index), "entity", entity_id, entities, "facts/entities.yml")
    if fact.status == "denied" and not fact.denied_by:
        problems.append(origin.problem(("status",), f"fact '{fact.id}': status 'denied' needs 'denied_by': who denies it"))
    if fact.denied_by and fact.status != "denied":
        problems.append(origin.problem(("denied_by",), f"fact '{fact.id}': 'denied_by' is set, so the status should be 'denied'"))
    if fact.date_end and not fact.date:
        problems.append(origin.problem(("date_end",), f"fact '{fact.id}': 'date_end' needs a 'date' where the period starts"))
    elif fact.date_end and fact.date and fact.date_end < fact.date:
        problems.append(origin.problem(("date_end",), f"fact '{fact.id}': the period ends ({fact.date_end}) before it starts ({fact.date})"))

    for index, source in enumerate(fact.sources):
        if source.article not in articles:
            unknown(("sources", index, "article"), "article", source.article, articles, "source_articles/")
            continue
        passage = indexes[source.article].locate(source.quote)
        if passage is None:
            problems.append(
                origin.problem(("sources", index, "quote"), f"fact '{fact.id}': quote not found in article '{source.article}': {indexes[source.article].closest(source.quote)}")
            )
        else:
            passages[(fact.id, index)] = passage
    quotes = ArticleIndex.squeeze("".join(source.quote for source in fact.sources))
    for index, figure in enumerate(fact.figures):
        if ArticleIndex.squeeze(figure.as_written) not in quotes:
            problems.append(origin.problem(("figures", index, "as_written"), f"fact '{fact.id}': figure '{figure.as_written}' does not appear in the fact's quotes: copy it as the article writes it"))
        if figure.currency is None and figure.unit is None:
            problems.append(origin.problem(("figures", index), f"fact '{fact.id}': a figure needs a 'currency' (USD, CNY…) or a 'unit'"))
    counts = Counter(fact.entities)
    for entity_id, count in counts.items():
        if count > 1:
            problems.append(origin.problem(("entities",), f"fact '{fact.id}': entity '{entity_id}' is listed twice"))
    return problems
