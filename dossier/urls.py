"""Every address of the site, from one place.

Pages are named by their Markdown source path relative to docs/ ("facts/x.md"); MkDocs turns
that into the published address ("facts/x/"). Links between pages are written relative to the
page that holds them, so the site works under any host and prefix.
"""

from __future__ import annotations

import posixpath

from .model import Language

HOME = "index.md"
TIMELINE = "timeline.md"
ENTITIES = "entities.md"
SOURCES = "sources.md"
NUMBERS = "numbers.md"
METHODOLOGY = "methodology.md"
DATA_JSON = "data/dossier.json"
DATA_CSV = "data/facts.csv"
ROBOTS = "robots.txt"
SOCIAL = "assets/social"


def fact_page(fact_id: str) -> str:
    return f"facts/{fact_id}.md"


def topic_page(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def entity_page(entity_id: str) -> str:
    return f"entities/{entity_id}.md"


def social_image(name: str, language: Language) -> str:
    """A preview image, relative to the site root: assets/social/<language>/<name>.png."""
    return f"{SOCIAL}/{language}/{name}.png"


def published(page: str) -> str:
    """The address MkDocs gives a page, relative to the site root ('' for the home page)."""
    if page == HOME:
        return ""
    return page.removesuffix(".md").removesuffix("/index") + "/"


def fact_url(fact_id: str, language: Language = "zh") -> str:
    return language_prefix(language) + published(fact_page(fact_id))


def language_prefix(language: Language) -> str:
    return "" if language == "zh" else "en/"


def source_file(page: str, language: Language) -> str:
    """The file the page is written to: Chinese is the default language, English carries `.en`."""
    return page if language == "zh" else page.removesuffix(".md") + ".en.md"


def relative(from_page: str, to_page: str) -> str:
    """A link from one Markdown page to another (or to an anchor '#x' on it)."""
    target, _, anchor = to_page.partition("#")
    path = posixpath.relpath(target, posixpath.dirname(from_page) or ".") if target else ""
    return path + (f"#{anchor}" if anchor else "")


def relative_published(from_page: str, to_page: str) -> str:
    """A link for raw HTML (MkDocs rewrites only Markdown links): between published addresses."""
    target, _, anchor = to_page.partition("#")
    path = ""
    if target:
        path = posixpath.relpath(published(target) or ".", published(from_page) or ".")
        path = "./" if path == "." else path + "/"
    return path + (f"#{anchor}" if anchor else "")
