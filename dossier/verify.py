"""Cross-check the loaded records: ids resolve, quotes stand verbatim in their articles."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .load import Loaded, Origin, suggest
from .model import Dossier, Fact, Passage
from .problems import DossierError, Problem
from .settings import Settings
from .text import ORDERS_OF_MAGNITUDE

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
    for topic, origin in loaded.records["topics"]:
        seen: set[str] = set()
        for index, section in enumerate(topic.sections):
            if section.id in seen:
                problems.append(origin.problem(("sections", index, "id"), f"topic '{topic.id}': section id '{section.id}' is used twice: give each section its own id"))
            seen.add(section.id)
    facts = _unique(loaded.records["facts"], "fact", problems)
    _check_aliases(loaded.records["facts"], "fact", problems)
    _check_aliases(loaded.records["entities"], "entity", problems)

    passages: dict[tuple[str, int], Passage] = {}
    for fact, origin in loaded.records["facts"]:
        problems.extend(_check_fact(fact, origin, articles, entities, topics, indexes, passages))
        problems.extend(_check_notes(fact, origin, facts, articles, entities, indexes))
        problems.extend(_check_order(fact, origin, facts))
    problems.extend(_check_settings(*loaded.settings, entities, topics, facts))
    for uncited, origin in loaded.records["uncited"]:
        index = indexes.get(uncited.article)
        if index is None:
            problems.append(origin.problem(("article",), f"unknown article '{uncited.article}'{suggest(uncited.article, indexes)}"))
        elif index.locate(uncited.passage) is None:
            problems.append(origin.problem(("passage",), f"passage not found in article '{uncited.article}': {index.closest(uncited.passage)}"))

    if problems:
        raise DossierError(problems)
    return Dossier(
        settings=loaded.settings[0],
        articles={key: article for key, (article, _) in articles.items()},
        article_texts=dict(loaded.article_texts),
        entities={key: entity for key, (entity, _) in entities.items()},
        topics={key: topic for key, (topic, _) in topics.items()},
        facts={key: fact for key, (fact, _) in facts.items()},
        uncited=[uncited for uncited, _ in loaded.records["uncited"]],
        passages=passages,
    )


def _check_settings(settings: Settings, origin: Origin, entities: dict[str, Any], topics: dict[str, Any], facts: dict[str, Any]) -> list[Problem]:
    """What dossier.yml names exists in the facts' files."""
    problems = []

    def known_fact(path: tuple[Any, ...], fact_id: str) -> None:
        if fact_id not in facts:
            problems.append(origin.problem(path, f"unknown fact '{fact_id}'{suggest(fact_id, facts)}"))

    for index, fact_id in enumerate(settings.timeline.labelled):
        known_fact(("timeline", "labelled", index), fact_id)
    for index, chart in enumerate(settings.event_charts):
        if chart.topic not in topics:
            problems.append(origin.problem(("event_charts", index, "topic"), f"unknown topic '{chart.topic}'{suggest(chart.topic, topics)}"))
        for position, fact_id in enumerate(chart.facts):
            known_fact(("event_charts", index, "facts", position), fact_id)
        if chart.count:
            known_fact(("event_charts", index, "count"), chart.count)
    if settings.home.key_figures and settings.home.key_figures.topic not in topics:
        topic = settings.home.key_figures.topic
        problems.append(origin.problem(("home", "key_figures", "topic"), f"unknown topic '{topic}'{suggest(topic, topics)}"))
    for index, chart in enumerate(settings.charts):
        if chart.entity and chart.entity not in entities:
            problems.append(origin.problem(("charts", index, "entity"), f"unknown entity '{chart.entity}'{suggest(chart.entity, entities)}"))
    chart_ids = [chart.id for chart in [*settings.charts, *settings.event_charts]]
    for kind, listed in (("charts", settings.charts), ("event_charts", settings.event_charts)):
        for index, chart in enumerate(listed):
            if chart_ids.count(chart.id) > 1:
                problems.append(origin.problem((kind, index, "id"), f"chart id '{chart.id}' is used twice: give each chart its own id"))
    new_fact = settings.new_fact
    if new_fact.topic not in topics:
        problems.append(origin.problem(("new_fact", "topic"), f"unknown topic '{new_fact.topic}'{suggest(new_fact.topic, topics)}"))
    elif new_fact.section not in (sections := [section.id for section in topics[new_fact.topic][0].sections]):
        problems.append(origin.problem(("new_fact", "section"), f"topic '{new_fact.topic}' has no section '{new_fact.section}'{suggest(new_fact.section, sections)}"))
    return problems


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


def _check_aliases(records: list[tuple[Any, Origin]], kind: str, problems: list[Problem]) -> None:
    claimed: dict[str, str] = {record.id: record.id for record, _ in records}
    for record, origin in records:
        for index, alias in enumerate(record.aliases):
            if alias == record.id:
                problems.append(origin.problem(("aliases", index), f"alias '{alias}' is this {kind}'s own id: an alias is a former id; remove it"))
            elif alias in claimed and claimed[alias] != record.id:
                problems.append(origin.problem(("aliases", index), f"alias '{alias}' is already the id or alias of {kind} '{claimed[alias]}'"))
            claimed.setdefault(alias, record.id)


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
        if figure.qualifier == "several" and figure.amount not in ORDERS_OF_MAGNITUDE:
            problems.append(
                origin.problem(("figures", index, "amount"), f"fact '{fact.id}': with qualifier 'several', the amount is the order of magnitude the words give (数亿: 100000000; 数百亿: 10000000000), a power of ten from 10 to 100000000000")
            )
        if figure.currency is None and figure.unit is None:
            problems.append(origin.problem(("figures", index), f"fact '{fact.id}': a figure needs a 'currency' (USD, CNY…) or a 'unit'"))
    counts = Counter(fact.entities)
    for entity_id, count in counts.items():
        if count > 1:
            problems.append(origin.problem(("entities",), f"fact '{fact.id}': entity '{entity_id}' is listed twice"))
    return problems


def _check_order(fact: Fact, origin: Origin, facts: dict[str, tuple[Fact, Origin]]) -> list[Problem]:
    """`after` names facts of the same date, and following it never leads back to the fact."""
    problems: list[Problem] = []
    for index, other_id in enumerate(fact.after):
        other = facts.get(other_id)
        if other is None:
            problems.append(origin.problem(("after", index), f"fact '{fact.id}': unknown fact '{other_id}'{suggest(other_id, facts)} in 'after'"))
        elif other[0].date != fact.date:
            problems.append(
                origin.problem(("after", index), f"fact '{fact.id}': 'after' orders facts of one date, and '{other_id}' is dated {other[0].date or 'not at all'}, this one {fact.date or 'not at all'}: their dates order them already")
            )
    earlier, seen = list(fact.after), set()
    while earlier:
        other_id = earlier.pop()
        if other_id == fact.id:
            problems.append(origin.problem(("after",), f"fact '{fact.id}': 'after' leads back to this fact: one of the facts it names comes after it"))
            break
        if other_id not in seen and other_id in facts:
            seen.add(other_id)
            earlier.extend(facts[other_id][0].after)
    return problems


def _check_notes(
    fact: Fact, origin: Origin, facts: dict[str, Any], articles: dict[str, Any], entities: dict[str, Any], indexes: dict[str, ArticleIndex]
) -> list[Problem]:
    """The editor's notes and the first reports say what they must, and name what exists."""
    problems: list[Problem] = []
    cited = [source.article for source in fact.sources]
    for index, note in enumerate(fact.notes):
        where = ("notes", index)
        if note.kind == "sic":
            if note.article_wrote is None:
                problems.append(origin.problem(where, f"fact '{fact.id}': a 'sic' note needs 'article_wrote': the form the article uses, copied from it"))
            elif not any(indexes[article].locate(note.article_wrote) for article in cited if article in indexes):
                problems.append(origin.problem((*where, "article_wrote"), f"fact '{fact.id}': '{note.article_wrote}' is not in the articles this fact quotes: copy the article's form exactly"))
        if note.kind == "disagreement" and not (note.facts or note.articles):
            problems.append(origin.problem(where, f"fact '{fact.id}': a 'disagreement' note must name the other facts ('facts') or the sources ('articles') that say otherwise"))
        for position, other in enumerate(note.facts):
            if other == fact.id or other not in facts:
                problems.append(origin.problem((*where, "facts", position), f"fact '{fact.id}': the note names '{other}', which is {'this fact' if other == fact.id else 'no fact'}{suggest(other, facts)}: name another fact's id"))
        for position, article in enumerate(note.articles):
            if article not in indexes:
                problems.append(origin.problem((*where, "articles", position), f"fact '{fact.id}': unknown article '{article}'{suggest(article, indexes)}"))
    people = [entity_id for entity_id in fact.entities if entity_id in entities and entities[entity_id][0].kind == "person"]
    if fact.status == "alleged" and people and not any(note.kind == "no-reply" for note in fact.notes):
        problems.append(
            origin.problem(
                ("status",),
                f"fact '{fact.id}': an allegation naming {', '.join(people)} needs a 'no-reply' note: say that the articles report no response, or quote the one they report",
            )
        )
    for index, report in enumerate(fact.first_reported_by):
        where = ("first_reported_by", index)
        if report.by not in entities:
            problems.append(origin.problem((*where, "by"), f"fact '{fact.id}': unknown entity '{report.by}'{suggest(report.by, entities)}: add it to facts/entities.yml or fix the id"))
        if report.via not in cited:
            problems.append(origin.problem((*where, "via"), f"fact '{fact.id}': 'via' is '{report.via}', but the fact quotes {', '.join(cited)}: name the article that tells who reported it"))
        elif report.url is not None and report.via in articles and report.url not in articles[report.via][0].references:
            problems.append(origin.problem((*where, "url"), f"fact '{fact.id}': article '{report.via}' cites no such address: use one of its references, or leave 'url' out"))
    return problems
