"""The Jinja environment of one language: the templates of templates/, the interface's words of
templates/words/, and the filters and globals the templates use.

Links are written from the site root and made relative to their page once the page is rendered
(see `urls.resolve_links`), so that a piece such as a fact's line reads the same on every page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, get_args

import jinja2
from babel import Locale

from . import search, urls
from .arrange import Arrangement, passage_anchor
from .load import position_of, suggest
from .model import STATUSES, Dossier, Entity, EntityKind, Fact, FirstReport, Language, Source, Text
from .problems import DossierError, Problem
from .settings import SETTINGS_FILE, UNSAFE_WORD, UNSAFE_WORD_MESSAGE, Settings
from .text import ORDERS_OF_MAGNITUDE, Wording, escape_attribute, escape_markdown, format_amount, format_date, format_period, magnitude_words, one_line, summarize
from .yaml_source import LocatedDict, load_yaml

PARAGRAPH_EXCERPT = 90  # characters of a quoted paragraph shown on the sources page

# Macros used as filters: `{{ fact | fact_card }}`, `{{ status | badge }}`.
PIECES = {
    "_lookups.md.j2": ("badge", "article_link", "article_authors", "article_credit", "entity_item"),
    "_macros.md.j2": ("fact_line", "fact_meta", "fact_notes", "copy_button", "filter_attributes", "fact_card", "timeline_entry"),
}


WORDS = "words"  # templates/words/<language>.yml
# Word groups whose keys are the language's own (the sizes of its number scales): not the same in every language.
OWN_KEYS = ("magnitude.", "magnitude_scales.")


def load_words(templates: Path, settings: Settings, root: Path) -> dict[Language, Wording]:
    """The interface's words in each of the dossier's languages, with the dossier's own wording
    (dossier.yml `words`) in their place; a word missing in one language is a located problem."""
    found: dict[Language, dict[str, tuple[str, tuple[int, int]]]] = {}
    problems = []
    for language in settings.codes:
        path, display = templates / WORDS / f"{language}.yml", f"{templates.name}/{WORDS}/{language}.yml"
        if not path.is_file():
            problems.append(Problem(display, 1, 1, f"the interface has no words in '{language}': translate {templates.name}/{WORDS}/en.yml into this file"))
            continue
        document = load_yaml(path, display)
        if not isinstance(document.data, LocatedDict):
            raise DossierError([document.problem((1, 1), "expected the interface's words, each a key with its text")])
        found[language] = {}
        for key, text, position in _flatten(document.data):
            if isinstance(text, str) and UNSAFE_WORD.search(text):
                problems.append(document.problem(position, f"'{key}': {UNSAFE_WORD_MESSAGE}"))
            elif isinstance(text, str):
                found[language][key] = (text, position)
            else:
                problems.append(document.problem(position, f"'{key}' must be text: quote it"))
    for language, words in found.items():
        display = f"{templates.name}/{WORDS}/{language}.yml"
        for other, other_words in found.items():
            for key, (_, (line, _)) in other_words.items():
                if key not in words and not key.startswith(OWN_KEYS):
                    problems.append(Problem(display, 1, 1, f"no word '{key}' ({templates.name}/{WORDS}/{other}.yml:{line} has it): add it"))
    for language, overrides in settings.words.items():
        for key in overrides:
            if language in found and key not in found[language]:
                where = position_of(load_yaml(root / SETTINGS_FILE, SETTINGS_FILE).data, ("words", language, key))
                problems.append(Problem(SETTINGS_FILE, *where, f"'{key}' is not a word of the interface{suggest(key, found[language])}: see {templates.name}/{WORDS}/{language}.yml"))
    if problems:
        raise DossierError(problems)
    wordings = {
        language: Wording(language, Locale.parse(settings.language(language).locale), {key: text for key, (text, _) in words.items()} | settings.words.get(language, {}))
        for language, words in found.items()
    }
    # Each language has the words for every amount an order of magnitude may have.
    for language, wording in wordings.items():
        display = f"{templates.name}/{WORDS}/{language}.yml"
        for amount in ORDERS_OF_MAGNITUDE:
            lead = magnitude_words(amount, wording)[0]
            if lead not in wording.words:
                problems.append(Problem(display, 1, 1, f"no word '{lead}', which an order of magnitude of {amount} needs here: add it"))
    if problems:
        raise DossierError(problems)
    return wordings


def environment(templates: Path, wording: Wording, dossier: Dossier, arrangement: Arrangement, compiled: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """`compiled`: where compiled templates are kept, for both languages and the next runs."""
    language, words = wording.language, wording.words

    def label(key: str, **values: Any) -> str:
        if key not in words:
            raise DossierError([Problem(f"{templates.name}/{WORDS}/{language}.yml", 1, 1, f"no word '{key}', which a template uses: add it, in every language")])
        return wording.word(key, **values)

    listed = wording.listed

    def names(ids: list[str]) -> str:
        return listed([dossier.entities[entity_id].name[language] for entity_id in ids])

    def first_report(report: FirstReport) -> str:
        """'The Outlet (20 March 2024), via The Article', the outlet linked to its report where the article gives the address."""
        outlet = escape_markdown(dossier.entities[report.by].name[language])
        if report.url:
            outlet = f"[{outlet}](<{report.url}>)"
        via = escape_markdown(dossier.articles[report.via].name[language])
        if report.date:
            return label("first_report_dated", outlet=outlet, date=format_date(report.date, wording), via=via)
        return label("first_report", outlet=outlet, via=via)

    def involved(facts: list[Fact]) -> list[Entity]:
        ids = dict.fromkeys(entity_id for fact in facts for entity_id in fact.everyone)
        return sorted((dossier.entities[entity_id] for entity_id in ids), key=lambda entity: entity.name[language].casefold())

    def located_sources(fact: Fact) -> list[tuple[Source, int]]:
        """Each source of the fact with the line of its article where the quote starts."""
        return [(source, dossier.passage(fact, index).line) for index, source in enumerate(fact.sources)]

    def own_words(fact: Fact) -> str:
        """What search finds the fact by: its title, claim, quotes and people, in words split as a query is."""
        quotes = [text for source in fact.sources for text in (source.quote, source.translation) if text]
        people = [dossier.entities[entity_id].name[language] for entity_id in fact.everyone]
        return search.words_as_queried([fact.title[language], fact.claim[language], *quotes, *people], language)

    def section_title(fact: Fact) -> Text:
        topic = dossier.topics[fact.home_topic]
        return next(section.title for section in topic.sections if section.id == fact.section)

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # the output is Markdown: text is escaped by the `md` and `attr` filters
        bytecode_cache=compiled,
    )
    # The filters whose result depends on the language run as the page renders, never when Jinja
    # compiles a template (which works out a filter of constants, `'sources' | t`, at once): so a
    # template compiles to the same code in both languages, and one compiled copy serves both.
    env.filters.update(
        {
            name: _at_render_time(function)
            for name, function in {
                "t": label,
                "tr": lambda text: text[language],
                "names": names,
                "listed": listed,
                "first_report": first_report,
                "entity_name": lambda entity_id: escape_markdown(dossier.entities[entity_id].name[language]),
                "article_name": lambda article_id: escape_markdown(dossier.articles[article_id].name[language]),
                "involved": involved,
                "date": lambda value: format_date(value, wording),
                "period": lambda fact: format_period(fact.date, fact.date_end, wording),
                "amount": lambda figure: format_amount(figure, wording),
                "section_title": section_title,
                "own_words": own_words,
            }.items()
        }
    )
    env.filters.update(
        md=escape_markdown,
        one_line=one_line,  # in a code block, where a line break could close it
        excerpt=lambda text: summarize(text, PARAGRAPH_EXCERPT),
        passage_link=lambda pair: urls.from_root(f"{urls.SOURCES}#{passage_anchor(*pair)}"),
        attr=escape_attribute,
        link=urls.from_root,
        published_link=urls.published_from_root,
        fact_address=lambda fact_id: urls.published_from_root(urls.fact_page(fact_id)),
        fact_page=urls.fact_page,
        topic_page=urls.topic_page,
        entity_page=urls.entity_page,
        located_sources=located_sources,
        notes=lambda fact: arrangement.notes[fact.id],
        involved_facts=lambda note, owner: arrangement.involved(owner, note),
    )
    env.globals.update(
        lang=language, site_name=dossier.settings.site.name[language], dossier=dossier, topic_order=arrangement.topic_order,
        statuses=STATUSES, entity_kinds=get_args(EntityKind), urls=urls,
    )  # fmt: skip
    # The macros use one another as filters: each filter finds its macro when first called, once
    # the templates that define them are loaded. A piece is the same wherever it stands (a fact's
    # line on a dozen pages, say): each is rendered once per run.
    macros: dict[str, Callable[..., str]] = {}
    rendered: dict[tuple[str, str], str] = {}

    def piece(name: str, value: Any) -> str:
        key = (name, getattr(value, "id", value))
        if key not in rendered:
            rendered[key] = macros[name](value)
        return rendered[key]

    for name in (name for names_of_template in PIECES.values() for name in names_of_template):
        env.filters[name] = _at_render_time(functools.partial(piece, name))
    for template, names_of_template in PIECES.items():
        module = env.get_template(template).module
        macros.update({name: getattr(module, name) for name in names_of_template})
    return env


def _at_render_time(function: Callable[..., str]) -> Callable[..., str]:
    """The function as a filter that Jinja cannot work out when it compiles a template."""

    @jinja2.pass_context
    def at_render_time(context: jinja2.runtime.Context, *args: Any, **kwargs: Any) -> Any:
        return function(*args, **kwargs)

    return at_render_time


def _flatten(words: LocatedDict, prefix: str = "") -> Iterable[tuple[str, Any, tuple[int, int]]]:
    """The interface's words by dotted key ('status.reported'), each with where it is written."""
    for key, value in words.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value, words.position_of(key)
