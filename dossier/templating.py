"""The Jinja environment of one language: the templates of templates/, the interface's words of
templates/labels.yml, and the filters and globals the templates use.

Links are written from the site root and made relative to their page once the page is rendered
(see `urls.resolve_links`), so that a piece such as a fact's line reads the same on every page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2

from . import urls
from .arrange import Arrangement, passage_anchor
from .model import LANGUAGES, STATUSES, Dossier, Entity, Fact, FirstReport, Language, Source, Text
from .problems import DossierError, Problem
from .text import escape_attribute, escape_markdown, format_amount, format_date, format_period, summarize
from .yaml_source import LocatedDict, load_yaml

PARAGRAPH_EXCERPT = 90  # characters of a quoted paragraph shown on the sources page

# Macros used as filters: `{{ fact | fact_card }}`, `{{ status | badge }}`.
PIECES = {
    "_lookups.md.j2": ("badge", "article_link", "article_authors", "article_credit", "entity_item"),
    "_macros.md.j2": ("fact_line", "fact_meta", "fact_notes", "copy_button", "filter_attributes", "fact_card", "timeline_entry"),
}


LABELS = "labels.yml"


def load_labels(templates: Path) -> dict[str, Any]:
    """The interface's words, by key, each in both languages; a word missing in one is a located problem."""
    document = load_yaml(templates / LABELS, f"{templates.name}/{LABELS}")
    problems = []
    if not isinstance(document.data, LocatedDict):
        raise DossierError([document.problem((1, 1), "expected the interface's words, each a key with zh and en")])
    for key, text, position in _flatten(document.data):
        if not isinstance(text, dict) or set(text) != set(LANGUAGES):
            problems.append(document.problem(position, f"'{key}' needs its words in zh and en, like {{zh: 来源, en: Sources}}"))
    if problems:
        raise DossierError(problems)
    return document.data


def environment(
    templates: Path, language: Language, dossier: Dossier, arrangement: Arrangement, labels: dict[str, Any], compiled: jinja2.BytecodeCache | None = None
) -> jinja2.Environment:
    """`compiled`: where compiled templates are kept, for both languages and the next runs."""
    words = {key: text[language] for key, text, _ in _flatten(labels)}

    def label(key: str, **values: Any) -> str:
        if key not in words:
            raise DossierError([Problem(f"{templates.name}/{LABELS}", 1, 1, f"no word '{key}', which a template uses: add it, in zh and en")])
        return words[key].format(**values) if values else words[key]

    def listed(items: list[str]) -> str:
        if language == "zh":
            return "、".join(items)
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

    def names(ids: list[str]) -> str:
        return listed([dossier.entities[entity_id].name[language] for entity_id in ids])

    def first_report(report: FirstReport) -> str:
        """'Forbes (20 March 2024), via QbitAI', the outlet linked to its report where the article gives the address."""
        outlet = escape_markdown(dossier.entities[report.by].name[language])
        if report.url:
            outlet = f"[{outlet}](<{report.url}>)"
        via = escape_markdown(dossier.articles[report.via].name[language])
        if report.date:
            return label("first_report_dated", outlet=outlet, date=format_date(report.date, language), via=via)
        return label("first_report", outlet=outlet, via=via)

    def involved(facts: list[Fact]) -> list[Entity]:
        ids = dict.fromkeys(entity_id for fact in facts for entity_id in fact.everyone)
        return sorted((dossier.entities[entity_id] for entity_id in ids), key=lambda entity: entity.name[language].casefold())

    def located_sources(fact: Fact) -> list[tuple[Source, int]]:
        """Each source of the fact with the line of its article where the quote starts."""
        return [(source, dossier.passage(fact, index).line) for index, source in enumerate(fact.sources)]

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
                "date": lambda value: format_date(value, language),
                "period": lambda fact: format_period(fact.date, fact.date_end, language, words["undated"]),
                "amount": lambda figure: format_amount(figure, language, labels),
                "section_title": section_title,
            }.items()
        }
    )
    env.filters.update(
        md=escape_markdown,
        one_line=lambda text: " ".join(text.split()),  # in a code block, where a line break could close it
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
    env.globals.update(lang=language, dossier=dossier, topic_order=arrangement.topic_order, statuses=STATUSES, urls=urls)
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


def _flatten(labels: LocatedDict, prefix: str = "") -> Iterable[tuple[str, Any, tuple[int, int]]]:
    """The interface's words by dotted key ('status.reported'), each with its zh and en and where it is written."""
    for key, value in labels.items():
        if isinstance(value, dict) and not set(value) & set(LANGUAGES):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value, labels.position_of(key)
