"""One function per kind of page: its template, the values it shows, and what it says of itself."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from . import charts, exports, urls
from .model import Entity, Fact, Language, Topic
from .page import PageMeta, PlannedPage
from .render import Site
from .settings import EventChartSettings
from .text import escape_attribute, escape_markdown, format_amount, format_date, format_period, summarize

DESCRIPTION_LIMIT = 150  # characters: what chat apps show of a preview's description, in Chinese too


def plan(site: Site, language: Language) -> list[PlannedPage]:
    """Every page of one language."""
    dossier = site.dossier
    return [
        home(site, language),
        timeline(site, language),
        entities(site, language),
        sources(site, language),
        numbers(site, language),
        corrections(site, language),
        *(topic(site, language, each) for each in dossier.topics.values()),
        *(fact(site, language, each) for each in dossier.facts.values()),
        *(entity(site, language, each) for each in dossier.entities.values()),
    ]


LATEST_EVENTS = 5  # on the home page, newest first
NOT_EVENTS = ("prediction", "opinion")  # what someone expects or thinks is no event


def home(site: Site, language: Language) -> PlannedPage:
    settings = site.dossier.settings

    def values() -> dict[str, Any]:
        chosen = settings.home.key_figures
        key_figures = [
            (fact, figure)
            for fact in site.dossier.facts.values()
            if chosen and fact.home_topic == chosen.topic
            for figure in fact.figures
            if figure.measure in chosen.measures
        ]
        story = settings.home.story[language].replace("{facts}", str(len(site.dossier.facts)))
        return {
            "meta": _meta(language, settings.site.description[language]),
            "story": [escape_markdown(paragraph) for paragraph in story.split("\n\n") if paragraph.strip()],
            "key_facts": key_figures,
            "latest": [fact for fact in site.arrangement.timeline if fact.status not in NOT_EVENTS][-LATEST_EVENTS:][::-1],
        }

    return _page(site, "home.md.j2", urls.HOME, language, values, whole_dossier=True)


def timeline(site: Site, language: Language) -> PlannedPage:
    def values() -> dict[str, Any]:
        return {
            "meta": _described(site, language, "timeline"),
            "timeline": site.arrangement.timeline,
            "chart": _timeline_chart(site, language),
            "legend": [(each.id, each.title[language]) for each in site.dossier.topics.values()],
        }

    return _page(site, "timeline.md.j2", urls.TIMELINE, language, values, whole_dossier=True)


def entities(site: Site, language: Language) -> PlannedPage:
    def values() -> dict[str, Any]:
        return {"meta": _described(site, language, "entities"), "facts_of": site.arrangement.facts_of_entity.__getitem__}

    return _page(site, "entities.md.j2", urls.ENTITIES, language, values, whole_dossier=True)


def sources(site: Site, language: Language) -> PlannedPage:
    def values() -> dict[str, Any]:
        return {"meta": _described(site, language, "sources"), "quoted": site.arrangement.quoted.__getitem__}

    return _page(site, "sources.md.j2", urls.SOURCES, language, values, whole_dossier=True)


def numbers(site: Site, language: Language) -> PlannedPage:
    def values() -> dict[str, Any]:
        return {"meta": _described(site, language, "numbers"), "figures_by_measure": site.arrangement.figures_by_measure, "charts": _money_charts(site, language)}

    return _page(site, "numbers.md.j2", urls.NUMBERS, language, values, whole_dossier=True)


def corrections(site: Site, language: Language) -> PlannedPage:
    def values() -> dict[str, Any]:
        return {"meta": _described(site, language, "corrections"), "corrections": site.arrangement.corrections}

    return _page(site, "corrections.md.j2", urls.CORRECTIONS, language, values, whole_dossier=True)


def topic(site: Site, language: Language, shown: Topic) -> PlannedPage:
    see_also = site.arrangement.see_also[shown.id]

    def values() -> dict[str, Any]:
        meta = _meta(language, shown.intro[language], urls.social_image(f"topics/{shown.id}", language))
        return {"meta": meta, "topic": shown, "related": see_also, "event_charts": _event_charts(site, language, shown.id)}

    charted = [site.dossier.facts[fact_id] for chart in _event_charts_of(site, shown.id) for fact_id in [*chart.facts, *filter(None, [chart.count])]]
    return _page(site, "topic.md.j2", urls.topic_page(shown.id), language, values, facts=[*site.arrangement.topic_order[shown.id], None, *see_also, None, *charted])


def fact(site: Site, language: Language, shown: Fact) -> PlannedPage:
    previous, following = site.arrangement.neighbours[shown.id]
    related = site.arrangement.related[shown.id]

    def values() -> dict[str, Any]:
        image = urls.social_image(f"facts/{shown.id}", language)
        return {
            "meta": _meta(language, shown.claim[language], image, shown.title[language], "article"),
            "fact": shown,
            "previous": previous,
            "following": following,
            "related": related,
            "json_ld": exports.json_ld(site, shown, language),
            "permalink": site.site_url + urls.fact_url(shown.id, language, site.dossier.languages) if site.site_url else "PERMALINK",
        }

    return _page(site, "fact.md.j2", urls.fact_page(shown.id), language, values, facts=[shown, previous, following, *related])


def entity(site: Site, language: Language, shown: Entity) -> PlannedPage:
    facts = site.arrangement.facts_of_entity[shown.id]

    def values() -> dict[str, Any]:
        summary = (shown.role[language] + " · " if shown.role else "") + site.wordings[language].word("facts_count", count=len(facts))
        return {"meta": _meta(language, summary, title=shown.name[language]), "entity": shown, "facts": facts}

    return _page(site, "entity.md.j2", urls.entity_page(shown.id), language, values, facts=facts)


def _page(
    site: Site, template: str, page: str, language: Language, values: Callable[[], dict[str, Any]], facts: Iterable[Fact | None] = (), whole_dossier: bool = False
) -> PlannedPage:
    """A page from a template, showing `facts` (or, with `whole_dossier`, every fact); `values`
    gives the page's meta and the template's values, and is called only when the page is rendered."""

    def render() -> str:
        page_values = values()
        meta = page_values.pop("meta")
        body = site.environments[language].get_template(template).render(page_values)
        return _front_matter(meta) + urls.resolve_links(body, page)

    labels = (template, page, language, site.all_facts if whole_dossier else b"")
    return PlannedPage(urls.source_file(page, language, site.dossier.languages), site.inputs(*labels, facts=facts), render)


def _front_matter(meta: PageMeta) -> str:
    # JSON strings are valid YAML scalars, whatever characters the text holds; the theme prints
    # these values into HTML unescaped, so they are escaped here.
    def string(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    title = f"title: {string(escape_attribute(meta.title))}\n" if meta.title else ""
    return (
        "---\n# Generated by build_site.py from facts/ and templates/: edit those, not this file.\n"
        f"{title}description: {string(escape_attribute(meta.description))}\nimage: {string(meta.image)}\nog_type: {string(meta.kind)}\n---\n\n"
    )


def _meta(language: Language, description: str, image: str | None = None, title: str | None = None, kind: str = "website") -> PageMeta:
    return PageMeta(title, summarize(description, DESCRIPTION_LIMIT), image or urls.social_image("site", language), kind)


def _described(site: Site, language: Language, key: str) -> PageMeta:
    return _meta(language, site.wordings[language].word(f"description.{key}"))


def _money_charts(site: Site, language: Language) -> list[charts.Chart]:
    facts, wording = list(site.dossier.facts.values()), site.wordings[language]
    made = []
    for chart in site.dossier.settings.charts:
        rows = [
            (
                figure.label[language] + (f" · {figure.period[language]}" if figure.period else ""),
                format_amount(figure, wording),
                figure.measure,
                shown.id,
                figure.amount,
            )
            for shown, figure in charts.money_figures(facts, chart.measures, chart.entity, chart.currency)
        ]
        if rows:
            made.append(charts.bar_chart(chart.id, chart.title[language], chart.description[language], rows))
    return made


def _timeline_chart(site: Site, language: Language) -> charts.EventChart | None:
    """The facts dated to the month or day from the dossier's timeline start, a row a month; the
    key events (dossier.yml's timeline.labelled) with their title beside their dot."""
    wording, timeline = site.wordings[language], site.dossier.settings.timeline
    events = [
        (format_date(shown.date[:7], wording), charts.Mark(shown.id, shown.home_topic, shown.title[language], shown.id in timeline.labelled))
        for shown in site.arrangement.timeline
        if len(shown.date) >= 7 and shown.date >= (timeline.start or "")
    ]
    if not events:
        return None
    return charts.event_chart("chart-timeline", wording.word("timeline_chart.title"), wording.word("timeline_chart.description"), events)


def _event_charts_of(site: Site, topic_id: str) -> list[EventChartSettings]:
    return [chart for chart in site.dossier.settings.event_charts if chart.topic == topic_id]


def _event_charts(site: Site, language: Language, topic_id: str) -> list[tuple[charts.EventChart, Fact | None]]:
    """The topic's event charts, each with the fact that counts its events: every event labelled,
    in the order of the timeline, undated ones last."""
    wording, facts, made = site.wordings[language], site.dossier.facts, []
    in_order = {fact.id: position for position, fact in enumerate(site.arrangement.timeline)}
    for chart in _event_charts_of(site, topic_id):
        shown = sorted((facts[fact_id] for fact_id in chart.facts), key=lambda fact: in_order.get(fact.id, len(in_order)))
        events = [
            (format_period(fact.date, fact.date_end, wording) if fact.date else wording.word("undated"), charts.Mark(fact.id, fact.home_topic, fact.title[language], True))
            for fact in shown
        ]
        made.append((charts.event_chart(chart.id, chart.title[language], chart.description[language], events), facts.get(chart.count or "")))
    return made
