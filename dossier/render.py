"""Render the dossier into Markdown pages, through the Jinja templates in templates/.

The result is a mapping from a file path under docs/ to its content; the same dossier always
gives the same bytes.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
import yaml

from . import charts, urls
from .model import LANGUAGES, STATUSES, Dossier, Fact, Language, Text
from .text import escape_attribute, escape_markdown, format_amount, format_date, format_period, summarize

DESCRIPTION_LIMIT = 160


class Renderer:
    def __init__(self, dossier: Dossier, templates: Path):
        self.dossier = dossier
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

    def _facts_of_entity(self, entity_id: str) -> list[Fact]:
        return [fact for fact in self.dossier.facts.values() if entity_id in {*fact.entities, *fact.asserted_by, *fact.denied_by}]

    def _neighbours(self, fact: Fact) -> tuple[Fact | None, Fact | None]:
        order = self.topic_order[fact.home_topic]
        index = order.index(fact)
        return (order[index - 1] if index > 0 else None, order[index + 1] if index + 1 < len(order) else None)

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

    def _context(self, language: Language, page: str) -> dict[str, Any]:
        def label(key: str, **values: Any) -> str:
            node: Any = self.labels
            for part in key.split("."):
                node = node[part]
            return node[language].format(**values)

        def names(ids: list[str]) -> str:
            words = [self.dossier.entities[entity_id].name[language] for entity_id in ids]
            if language == "zh":
                return "、".join(words)
            return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]

        return {
            "lang": language,
            "page": page,
            "dossier": self.dossier,
            "topic_order": self.topic_order,
            "statuses": STATUSES,
            "t": label,
            "tr": lambda text: text[language] if isinstance(text, Text) else text[language],
            "names": names,
            "link": partial(urls.relative, page),
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

    def _section_title(self, fact: Fact) -> Text:
        topic = self.dossier.topics[fact.home_topic]
        return next(section.title for section in topic.sections if section.id == fact.section)

    def _render(self, template: str, page: str, language: Language, **values: Any) -> tuple[str, str]:
        context = self._context(language, page) | values
        return urls.source_file(page, language), self.environment.get_template(template).render(context)

    # -- generating: one method per page type --------------------------------------------------

    def pages(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        for language in LANGUAGES:
            rendered = [
                self._render("home.md.j2", urls.HOME, language, key_facts=self._key_figures()),
                self._render("timeline.md.j2", urls.TIMELINE, language, timeline=self._timeline()),
                self._render("entities.md.j2", urls.ENTITIES, language, facts_of=self._facts_of_entity),
                self._render("sources.md.j2", urls.SOURCES, language, quoted=self._quoted_passages),
                self._render(
                    "numbers.md.j2",
                    urls.NUMBERS,
                    language,
                    figures_by_measure=self._figures_by_measure(),
                    charts=self._money_charts(language),
                    fact_link=lambda fact_id: urls.relative_published(urls.NUMBERS, urls.fact_page(fact_id)),
                ),
            ]
            for topic in self.dossier.topics.values():
                related = [f for f in self.dossier.facts.values() if topic.id in f.topics[1:]]
                rendered.append(self._render("topic.md.j2", urls.topic_page(topic.id), language, topic=topic, related=related))
            for fact in self.dossier.facts.values():
                previous, following = self._neighbours(fact)
                description = summarize(fact.claim[language], DESCRIPTION_LIMIT)
                rendered.append(
                    self._render("fact.md.j2", urls.fact_page(fact.id), language, fact=fact, previous=previous, following=following, description=description)
                )
            for entity in self.dossier.entities.values():
                rendered.append(self._render("entity.md.j2", urls.entity_page(entity.id), language, entity=entity, facts=self._facts_of_entity(entity.id)))
            pages.update(rendered)
        pages[urls.DATA_JSON] = self.data_json()
        return pages

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
            record = fact.model_dump(mode="json", exclude_none=True)
            record["date"] = fact.date
            record["attribution"] = {"asserted_by": fact.asserted_by, "denied_by": fact.denied_by}
            record["url"] = urls.fact_url(fact.id)
            facts.append(record)
        entities = [entity.model_dump(mode="json", exclude_none=True) for entity in self.dossier.entities.values()]
        topics = [topic.model_dump(mode="json") for topic in self.dossier.topics.values()]
        data = {"articles": articles, "topics": topics, "entities": entities, "facts": facts}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def render_pages(dossier: Dossier, templates: Path) -> dict[str, str]:
    return Renderer(dossier, templates).pages()
