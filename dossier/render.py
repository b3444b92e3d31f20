"""Render the dossier into Markdown pages, through the Jinja templates in templates/.

The result is a mapping from a file path under docs/ to its content; the same dossier always
gives the same bytes.
"""

from __future__ import annotations

import csv
import bisect
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

from . import charts, social, urls
from .model import LANGUAGES, STATUSES, Dossier, Fact, Language, Text
from .text import escape_attribute, escape_markdown, format_amount, format_date, format_period, summarize

DESCRIPTION_LIMIT = 160


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself to browsers and link previews (its front matter)."""

    title: str | None
    description: str
    image: str
    kind: str

    def front_matter(self) -> str:
        # JSON strings are valid YAML scalars, whatever characters the text holds; the theme prints
        # these values into HTML unescaped, so they are escaped here.
        title = escape_attribute(self.title) if self.title else None
        fields = {"title": title, "description": escape_attribute(self.description), "image": self.image, "og_type": self.kind}
        lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items() if value is not None]
        return "---\n" + "\n".join(lines) + "\n---\n\n"


class Renderer:
    def __init__(self, dossier: Dossier, templates: Path, site_url: str = ""):
        self.dossier = dossier
        self.site_url = site_url
        self.labels = yaml.safe_load((templates / "labels.yml").read_text(encoding="utf-8"))
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,  # the output is Markdown: text is escaped by the `md` and `attr` filters
        )
        self.environment.filters.update(md=escape_markdown, attr=escape_attribute)
        self.topic_order = self._order_by_topic()
        self.position_in_topic = {fact.id: index for order in self.topic_order.values() for index, fact in enumerate(order)}
        self.facts_by_entity = self._index_entities()
        self.file_order = {fact_id: index for index, fact_id in enumerate(self.dossier.facts)}
        self.fact_ids = list(self.dossier.facts)
        self.entity_positions = {
            entity_id: [self.file_order[fact.id] for fact in facts if entity_id in fact.entities] for entity_id, facts in self.facts_by_entity.items()
        }
        self.related: dict[str, list[Fact]] = {}
        self.contexts: dict[str, dict[str, Any]] = {}

    # -- resolving: the dossier arranged as the pages need it -------------------------------

    def _order_by_topic(self) -> dict[str, list[Fact]]:
        """Facts of each topic, section by section, in the order editors wrote them."""
        ordered: dict[str, list[Fact]] = {}
        for topic in self.dossier.topics.values():
            at_home = [fact for fact in self.dossier.facts.values() if fact.home_topic == topic.id]
            ordered[topic.id] = [fact for section in topic.sections for fact in at_home if fact.section == section.id]
        return ordered

    def _timeline(self) -> list[Fact]:
        return sorted((fact for fact in self.dossier.facts.values() if fact.date), key=lambda fact: fact.date)

    def _index_entities(self) -> dict[str, list[Fact]]:
        """The facts each person or organisation appears in, as involved, asserting or denying."""
        index: dict[str, list[Fact]] = {entity_id: [] for entity_id in self.dossier.entities}
        for fact in self.dossier.facts.values():
            for entity_id in dict.fromkeys([*fact.entities, *fact.asserted_by, *fact.denied_by]):
                index[entity_id].append(fact)
        return index

    def _facts_of_entity(self, entity_id: str) -> list[Fact]:
        return self.facts_by_entity[entity_id]

    def _neighbours(self, fact: Fact) -> tuple[Fact | None, Fact | None]:
        order = self.topic_order[fact.home_topic]
        index = self.position_in_topic[fact.id]
        return (order[index - 1] if index > 0 else None, order[index + 1] if index + 1 < len(order) else None)

    def _related(self, fact_id: str, limit: int = 5) -> list[Fact]:
        """Other facts about the same people and organisations: the most shared first, then the nearest."""
        if fact_id not in self.related:  # both languages ask
            self.related[fact_id] = self._closest_by_entities(fact_id, limit)
        return self.related[fact_id]

    def _closest_by_entities(self, fact_id: str, limit: int, reach: int = 12) -> list[Fact]:
        # Only the facts nearest in the editors' order are weighed, so that the work per fact stays
        # the same however large the dossier grows.
        fact = self.dossier.facts[fact_id]
        position = self.file_order[fact_id]
        involved = set(fact.entities)
        candidates: set[str] = set()
        for entity_id in involved:
            positions = self.entity_positions[entity_id]
            at = bisect.bisect_left(positions, position)
            candidates.update(self.fact_ids[index] for index in positions[max(0, at - reach) : at + reach + 1])
        candidates.discard(fact_id)
        ranked = sorted(
            candidates,
            key=lambda other: (-len(involved.intersection(self.dossier.facts[other].entities)), abs(self.file_order[other] - position), self.file_order[other]),
        )
        return [self.dossier.facts[other] for other in ranked[:limit]]

    def _quoted_passages(self, article_id: str) -> list[tuple[int, Any, list[Fact]]]:
        """Each distinct quote of an article, in the article's order, with the facts that cite it."""
        by_quote: dict[str, tuple[Any, list[Fact]]] = {}
        for fact in self.dossier.facts.values():
            for index, source in enumerate(fact.sources):
                if source.article == article_id:
                    passage = self.dossier.passage(fact, index)
                    by_quote.setdefault(" ".join(source.quote.split()), (passage, []))[1].append(fact)
        ordered = sorted(by_quote.items(), key=lambda item: (item[1][0].offset, item[0]))
        return [(passage.line, quote, facts) for quote, (passage, facts) in ordered]

    # -- helpers the templates call ----------------------------------------------------------

    def _context(self, language: Language) -> dict[str, Any]:
        """What every template of one language may call. Links are written from the site root and
        made relative to their page once the page is rendered (see `urls.resolve_links`), so that
        pieces such as a fact's line can be rendered once and used on every page."""
        if language in self.contexts:
            return self.contexts[language]

        def label(key: str, **values: Any) -> str:
            node: Any = self.labels
            for part in key.split("."):
                node = node[part]
            return node[language].format(**values) if values else node[language]

        def names(ids: list[str]) -> str:
            words = [self.dossier.entities[entity_id].name[language] for entity_id in ids]
            if language == "zh":
                return "、".join(words)
            return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]

        def involved(facts: list[Fact]) -> list[Any]:
            ids = dict.fromkeys(entity_id for fact in facts for entity_id in (*fact.entities, *fact.asserted_by, *fact.denied_by))
            return sorted((self.dossier.entities[entity_id] for entity_id in ids), key=lambda entity: entity.name[language].casefold())

        context = {
            "lang": language,
            "involved": involved,
            "dossier": self.dossier,
            "topic_order": self.topic_order,
            "statuses": STATUSES,
            "t": label,
            "tr": lambda text: text[language],
            "names": names,
            "link": urls.from_root,
            "published_link": urls.published_from_root,
            "urls": urls,
            "fact_page": urls.fact_page,
            "topic_page": urls.topic_page,
            "entity_page": urls.entity_page,
            "date": lambda value: format_date(value, language),
            "period": lambda fact: format_period(fact.date, fact.date_end, language, label("undated")),
            "amount": lambda figure: format_amount(figure, language, self.labels),
            "summary": summarize,
            "section_title": self._section_title,
            "passage": self.dossier.passage,
        }
        self.contexts[language] = context
        macros = self.environment.get_template("_macros.md.j2").make_module(context)
        context["m"] = macros
        context["fact_line"] = self._memoized(language, "fact_line", macros.fact_line)
        context["badge"] = self._memoized(language, "badge", macros.badge)
        return context

    def _memoized(self, language: Language, name: str, macro: Any) -> Any:
        """A macro whose output depends only on its argument: rendered once per fact (or status) and language."""
        cache: dict[Any, str] = {}

        def call(item: Any) -> str:
            key = getattr(item, "id", item)
            if key not in cache:
                cache[key] = macro(item)
            return cache[key]

        return call

    def _section_title(self, fact: Fact) -> Text:
        topic = self.dossier.topics[fact.home_topic]
        return next(section.title for section in topic.sections if section.id == fact.section)

    def _render(self, template: str, page: str, language: Language, meta: PageMeta, **values: Any) -> tuple[str, str]:
        body = self.environment.get_template(template).render(self._context(language) | values)
        notice = "<!-- Generated by build_site.py from facts/ and templates/: edit those, not this file. -->\n\n"
        return urls.source_file(page, language), meta.front_matter() + notice + urls.resolve_links(body, page)

    def _meta(self, language: Language, description: str, image: str | None = None, title: str | None = None, kind: str = "website") -> PageMeta:
        return PageMeta(title, summarize(description, DESCRIPTION_LIMIT), image or urls.social_image("site", language), kind)

    # -- generating: one method per page type --------------------------------------------------

    def pages(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        for language in LANGUAGES:
            def describe(key: str) -> PageMeta:
                return self._meta(language, self.labels["description"][key][language])

            rendered = [
                self._render("home.md.j2", urls.HOME, language, describe("home"), key_facts=self._key_figures()),
                self._render(
                    "timeline.md.j2",
                    urls.TIMELINE,
                    language,
                    describe("timeline"),
                    timeline=self._timeline(),
                    chart=self._timeline_chart(language),
                    legend=[(topic.id, topic.title[language]) for topic in self.dossier.topics.values()],
                    fact_link=lambda fact_id: urls.published_from_root(urls.fact_page(fact_id)),
                ),
                self._render("entities.md.j2", urls.ENTITIES, language, describe("entities"), facts_of=self._facts_of_entity),
                self._render("sources.md.j2", urls.SOURCES, language, describe("sources"), quoted=self._quoted_passages),
                self._render(
                    "numbers.md.j2",
                    urls.NUMBERS,
                    language,
                    describe("numbers"),
                    figures_by_measure=self._figures_by_measure(),
                    charts=self._money_charts(language),
                    fact_link=lambda fact_id: urls.published_from_root(urls.fact_page(fact_id)),
                ),
            ]
            for topic in self.dossier.topics.values():
                related = [f for f in self.dossier.facts.values() if topic.id in f.topics[1:]]
                meta = self._meta(language, topic.intro[language], urls.social_image(f"topics/{topic.id}", language))
                rendered.append(self._render("topic.md.j2", urls.topic_page(topic.id), language, meta, topic=topic, related=related))
            for fact in self.dossier.facts.values():
                previous, following = self._neighbours(fact)
                meta = self._meta(language, fact.claim[language], urls.social_image(f"facts/{fact.id}", language), fact.title[language], "article")
                rendered.append(
                    self._render(
                        "fact.md.j2",
                        urls.fact_page(fact.id),
                        language,
                        meta,
                        fact=fact,
                        previous=previous,
                        following=following,
                        related=self._related(fact.id),
                        json_ld=self._json_ld(fact, language),
                        permalink=self.site_url + urls.fact_url(fact.id, language) if self.site_url else "PERMALINK",
                    )
                )
            for entity in self.dossier.entities.values():
                facts = self._facts_of_entity(entity.id)
                summary = (entity.role[language] + " · " if entity.role else "") + self.labels["facts_count"][language].format(count=len(facts))
                meta = self._meta(language, summary, title=entity.name[language])
                rendered.append(self._render("entity.md.j2", urls.entity_page(entity.id), language, meta, entity=entity, facts=facts))
            pages.update(rendered)
        pages[urls.DATA_JSON] = self.data_json()
        pages[urls.DATA_CSV] = self.data_csv()
        pages[urls.ROBOTS] = self.robots_txt()
        return pages

    def redirects(self) -> dict[str, str]:
        """A page at each old address of a renamed fact, sending the reader to its page today."""
        template = self.environment.get_template("redirect.html.j2")
        pages = {}
        for language in LANGUAGES:
            for fact in self.dossier.facts.values():
                for alias in fact.aliases:
                    old = urls.language_prefix(language) + urls.published(urls.fact_page(alias)) + "index.html"
                    target = urls.resolve_links(urls.published_from_root(urls.fact_page(fact.id)), urls.fact_page(alias))
                    pages[old] = template.render(lang=language, target=target, title=fact.title[language])
        return pages

    def cards(self) -> list[social.Card]:
        """The preview image of every page that has one of its own, in each language."""
        cards = []
        for language in LANGUAGES:
            site_name = self.labels["site_name"][language]
            cards.append(social.Card(urls.social_image("site", language), site_name, "", site_name, self.labels["description"]["home"][language]))
            for topic in self.dossier.topics.values():
                kicker = self.labels["topic_kicker"][language]
                cards.append(social.Card(urls.social_image(f"topics/{topic.id}", language), site_name, kicker, topic.title[language], topic.intro[language]))
            for fact in self.dossier.facts.values():
                kicker = self.labels["fact_kicker"][language].format(status=self.labels["status"][fact.status][language])
                summary = summarize(fact.claim[language], 150)
                cards.append(social.Card(urls.social_image(f"facts/{fact.id}", language), site_name, kicker, fact.title[language], summary))
        return cards

    def _json_ld(self, fact: Fact, language: Language) -> str:
        """schema.org description of the claim and its sources, safe to embed in a <script> element."""
        data = {
            "@context": "https://schema.org",
            "@type": "Claim",
            "name": fact.title[language],
            "text": fact.claim[language],
            "inLanguage": "zh-CN" if language == "zh" else "en",
            "url": self.site_url + urls.fact_url(fact.id, language),
            "author": [{"@type": "Organization", "name": self.dossier.entities[entity].name[language]} for entity in fact.asserted_by],
            "citation": [
                {
                    "@type": "NewsArticle",
                    "headline": self.dossier.articles[source.article].title.zh,
                    "publisher": {"@type": "Organization", "name": self.dossier.articles[source.article].name[language]},
                    "author": [author.zh for author in self.dossier.articles[source.article].authors],
                    "inLanguage": "zh-CN",
                    "text": source.quote,
                }
                for source in fact.sources
            ],
        }
        if fact.date:
            data["temporalCoverage"] = fact.date + (f"/{fact.date_end}" if fact.date_end else "")
        return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    def data_csv(self) -> str:
        """One row a fact, both languages: for spreadsheets."""
        output = io.StringIO()
        writer = csv.writer(output, lineterminator="\n")
        writer.writerow(
            ["id", "title_zh", "title_en", "claim_zh", "claim_en", "date", "date_end", "topics", "section", "entities", "status", "asserted_by", "denied_by", "sources", "url"]
        )
        for fact in self.dossier.facts.values():
            writer.writerow(
                [
                    fact.id,
                    fact.title.zh,
                    fact.title.en,
                    fact.claim.zh,
                    fact.claim.en,
                    fact.date or "",
                    fact.date_end or "",
                    " ".join(fact.topics),
                    fact.section,
                    " ".join(fact.entities),
                    fact.status,
                    " ".join(fact.asserted_by),
                    " ".join(fact.denied_by),
                    " | ".join(f"{source.article}: {source.quote}" for source in fact.sources),
                    urls.fact_url(fact.id),
                ]
            )
        return output.getvalue()

    def search_dictionary(self) -> str:
        """jieba's user dictionary: names and terms that Chinese search must keep whole."""
        words = [re.sub(r"[（(].*?[)）]|[《》]", "", entity.name.zh).strip() for entity in self.dossier.entities.values()]
        words += [term.zh for term in self.dossier.terms]
        chinese = sorted({word for word in words if re.search(r"[\u4e00-\u9fff]", word) and " " not in word})
        # A high frequency makes jieba prefer the whole term to its parts.
        return "".join(f"{word} 100000 n\n" for word in chinese)

    def robots_txt(self) -> str:
        sitemap = f"Sitemap: {self.site_url}sitemap.xml\n" if self.site_url else "# Set SITE_URL when building to point crawlers at the sitemap.\n"
        return "User-agent: *\nAllow: /\n" + sitemap

    def _figures_by_measure(self) -> list[tuple[str, list[tuple[Fact, Any]]]]:
        order = ("funding", "valuation", "revenue", "cost", "price", "deal", "users", "count", "other")
        grouped: dict[str, list[tuple[Fact, Any]]] = {measure: [] for measure in order}
        for fact in self.dossier.facts.values():
            for figure in fact.figures:
                grouped[figure.measure or "other"].append((fact, figure))
        return [(measure, rows) for measure, rows in grouped.items() if rows]

    def _money_charts(self, language: Language) -> list[charts.Chart]:
        facts = list(self.dossier.facts.values())
        made = []
        for chart_id, measures, entity, title, description in (
            (
                "chart-costs-revenue",
                ("cost", "revenue"),
                "stability-ai",
                {"zh": "Stability AI 的每月支出与收入（美元）", "en": "Stability AI's monthly costs against revenue (US$)"},
                {
                    "zh": "彭博社报道的 Stability AI 每月支出与收入，以美元计，同一线性比例。",
                    "en": "Stability AI's monthly costs and revenue as Bloomberg reported them, in US dollars, on one linear scale.",
                },
            ),
            (
                "chart-funding-valuations",
                ("funding", "valuation"),
                None,
                {"zh": "融资与估值（美元）", "en": "Funding and valuations (US$)"},
                {"zh": "文章报道的融资额与估值，以美元计，同一线性比例。", "en": "The funding rounds and valuations the articles report, in US dollars, on one linear scale."},
            ),
        ):
            rows = [
                (
                    figure.label[language] + (f" · {figure.period[language]}" if figure.period else ""),
                    format_amount(figure, language, self.labels),
                    figure.measure,
                    fact.id,
                    figure.amount,
                )
                for fact, figure in charts.money_figures(facts, measures, entity)
            ]
            if rows:
                made.append(charts.bar_chart(chart_id, title[language], description[language], rows))
        return made

    def _timeline_chart(self, language: Language) -> charts.TimelineChart | None:
        """Facts dated to the month or day since 2022: the months of Stability AI's rise and fall."""
        events = [
            (fact.date[:7], fact.id, fact.home_topic, f"{format_date(fact.date, language)} · {fact.title[language]}")
            for fact in self._timeline()
            if len(fact.date) >= 7 and fact.date >= "2022"
        ]
        if not events:
            return None
        text = self.labels["timeline_chart"]
        return charts.timeline_chart(
            "chart-timeline", text["title"][language], text["description"][language], events, lambda year: format_date(year, language)
        )

    def _key_figures(self) -> list[tuple[Fact, Any]]:
        key_measures = ("funding", "valuation", "cost", "revenue")
        return [(fact, figure) for fact in self.dossier.facts.values() if fact.home_topic == "collapse" for figure in fact.figures if figure.measure in key_measures]

    def data_json(self) -> str:
        """The published data, for re-use and for checks."""
        articles = [
            {"id": article.id, "path": f"source_articles/{article.text}", **article.model_dump(mode="json", exclude={"id", "text"})}
            for article in self.dossier.articles.values()
        ]
        facts = []
        for fact in self.dossier.facts.values():
            record = fact.model_dump(mode="json")
            record["attribution"] = {"asserted_by": fact.asserted_by, "denied_by": fact.denied_by}
            record["url"] = urls.fact_url(fact.id)
            facts.append(record)
        entities = [entity.model_dump(mode="json", exclude_none=True) for entity in self.dossier.entities.values()]
        topics = [topic.model_dump(mode="json") for topic in self.dossier.topics.values()]
        data = {"articles": articles, "topics": topics, "entities": entities, "facts": facts}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def render_pages(dossier: Dossier, templates: Path, site_url: str = "") -> dict[str, str]:
    return Renderer(dossier, templates, site_url).pages()
