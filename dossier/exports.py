"""The files beside the pages, for re-use and for machines: the data in JSON and CSV, each fact's
JSON-LD, robots.txt, and the redirects from renamed facts."""

from __future__ import annotations

import csv
import io
import json

from . import urls
from .model import Fact, Language
from .page import PlannedPage
from .render import Site



def csv_fields(languages: tuple[Language, ...]) -> list[str]:
    return [
        "id", *(f"title_{code}" for code in languages), *(f"claim_{code}" for code in languages), "date", "date_end", "topics", "section", "entities",
        "status", "asserted_by", "first_reported_by", "denied_by", *(f"notes_{code}" for code in languages), "sources", "url",
    ]  # fmt: skip


def plan(site: Site) -> list[PlannedPage]:
    return [
        PlannedPage(urls.DATA_JSON, site.inputs(urls.DATA_JSON, site.all_facts), lambda: data_json(site)),
        PlannedPage(urls.DATA_CSV, site.inputs(urls.DATA_CSV, site.all_facts), lambda: data_csv(site)),
        PlannedPage(urls.ROBOTS, site.inputs(urls.ROBOTS), lambda: robots_txt(site.site_url)),
    ]


def data_json(site: Site) -> str:
    """Everything the dossier holds; each fact with its attribution and address."""
    dossier = site.dossier
    data = {
        "articles": [
            {"id": article.id, "path": f"source_articles/{article.text}", **article.model_dump(mode="json", exclude={"id", "text"})}
            for article in dossier.articles.values()
        ],
        "topics": [topic.model_dump(mode="json") for topic in dossier.topics.values()],
        "entities": [entity.model_dump(mode="json", exclude_none=True) for entity in dossier.entities.values()],
        "facts": [
            {
                **fact.model_dump(mode="json"),
                "attribution": {"asserted_by": fact.asserted_by, "denied_by": fact.denied_by},
                "url": urls.fact_url(fact.id, dossier.languages[0], dossier.languages),
            }
            for fact in dossier.facts.values()
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def data_csv(site: Site) -> str:
    """One row a fact, both languages: for spreadsheets, which read UTF-8 (and so the Chinese) by
    the byte-order mark it starts with."""
    languages = site.dossier.languages
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.DictWriter(output, fieldnames=csv_fields(languages), lineterminator="\n")
    writer.writeheader()
    for fact in site.dossier.facts.values():
        writer.writerow(
            {
                "id": fact.id,
                **{f"title_{language}": fact.title[language] for language in languages},
                **{f"claim_{language}": fact.claim[language] for language in languages},
                "date": fact.date or "",
                "date_end": fact.date_end or "",
                "topics": " ".join(fact.topics),
                "section": fact.section,
                "entities": " ".join(fact.entities),
                "status": fact.status,
                "asserted_by": " ".join(fact.asserted_by),
                "first_reported_by": " | ".join(f"{report.by} via {report.via}" + (f" ({report.date})" if report.date else "") for report in fact.first_reported_by),
                "denied_by": " ".join(fact.denied_by),
                **{f"notes_{language}": " | ".join(f"{note.kind}: {note.text[language]}" for note in fact.notes) for language in languages},
                "sources": " | ".join(f"{source.article}: {source.quote}" for source in fact.sources),
                "url": urls.fact_url(fact.id, languages[0], languages),
            }
        )
    return output.getvalue()


def json_ld(site: Site, fact: Fact, language: Language) -> str:
    """schema.org description of the claim and its sources, safe to embed in a <script> element."""
    dossier = site.dossier

    def tag(code: Language) -> str:  # BCP 47, as schema.org wants it: zh-CN
        return dossier.settings.language(code).locale.replace("_", "-")

    data = {
        "@context": "https://schema.org",
        "@type": "Claim",
        "author": [{"@type": "Organization", "name": dossier.entities[entity_id].name[language]} for entity_id in fact.asserted_by],
        "citation": [
            {
                "@type": "NewsArticle",
                "headline": article.title[article.language],
                "publisher": {"@type": "Organization", "name": article.name[language]},
                "author": [author[article.language] for author in article.authors],
                "inLanguage": tag(article.language),
                "text": source.quote,
            }
            for source in fact.sources
            for article in [dossier.articles[source.article]]
        ],
        "inLanguage": tag(language),
        "name": fact.title[language],
        **({"temporalCoverage": fact.date + (f"/{fact.date_end}" if fact.date_end else "")} if fact.date else {}),
        "text": fact.claim[language],
        "url": site.site_url + urls.fact_url(fact.id, language, dossier.languages),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def robots_txt(site_url: str) -> str:
    sitemap = f"Sitemap: {site_url}sitemap.xml\n" if site_url else "# Set SITE_URL when building to point crawlers at the sitemap.\n"
    return "User-agent: *\nAllow: /\n" + sitemap


def redirects(site: Site) -> dict[str, str]:
    """A page at each old address of a renamed fact or entity, sending the reader to its page today."""
    renamed = [(urls.fact_page, fact.id, fact.title, fact.aliases) for fact in site.dossier.facts.values()] + [
        (urls.entity_page, entity.id, entity.name, entity.aliases) for entity in site.dossier.entities.values()
    ]
    pages = {}
    for language in site.dossier.languages:
        template = site.environments[language].get_template("redirect.html.j2")
        for page_of, record_id, title, aliases in renamed:
            for alias in aliases:
                old = urls.language_prefix(language, site.dossier.languages) + urls.published(page_of(alias)) + "index.html"
                target = urls.resolve_links(urls.published_from_root(page_of(record_id)), page_of(alias))
                pages[old] = template.render(target=target, title=title[language])
    return pages
