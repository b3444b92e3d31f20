"""Every address of the site, from one place.

Pages are named by their Markdown source path relative to docs/ ("facts/x.md"); MkDocs turns
that into the published address ("facts/x/"). Links between pages are written relative to the
page that holds them, so the site works under any host and prefix.
"""

from __future__ import annotations

from .model import Language

HOME = "index.md"
TIMELINE = "timeline.md"
ENTITIES = "entities.md"
SOURCES = "sources.md"
NUMBERS = "numbers.md"
METHODOLOGY = "methodology.md"
CORRECTIONS = "corrections.md"
DATA_JSON = "data/dossier.json"
DATA_CSV = "data/facts.csv"
ROBOTS = "robots.txt"
SOCIAL = "assets/social"
# Generated pages live beside the hand-written ones (mkdocs-static-i18n only sees real files),
# in places that the build owns and git ignores.
GENERATED_DIRECTORIES = ("facts", "topics", "entities", "data")


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


def fact_url(fact_id: str, language: Language, languages: tuple[Language, ...]) -> str:
    return language_prefix(language, languages) + published(fact_page(fact_id))


def language_prefix(language: Language, languages: tuple[Language, ...]) -> str:
    """The folder of a language's pages: the first language is at the site root, another under its code."""
    return "" if language == languages[0] else f"{language}/"


def source_file(page: str, language: Language, languages: tuple[Language, ...]) -> str:
    """The file the page is written to: the first language's is the page, another's carries its code (`.en.md`)."""
    return page if language == languages[0] else page.removesuffix(".md") + f".{language}.md"


# Templates write links from the site root, behind these marks; `resolve_links` turns them
# into links relative to the page, once the page is rendered.
_SOURCE_ROOT = "\x00source-root/"
_PUBLISHED_ROOT = "\x00published-root/"


def generated_files(languages: tuple[Language, ...]) -> tuple[str, ...]:
    """The generated files outside GENERATED_DIRECTORIES."""
    return tuple(source_file(page, language, languages) for page in (HOME, TIMELINE, ENTITIES, SOURCES, NUMBERS, CORRECTIONS) for language in languages) + (ROBOTS,)


def from_root(page: str) -> str:
    """A Markdown link to a page (or 'page#anchor'), resolved later against the page holding it."""
    return page if page.startswith("#") else _SOURCE_ROOT + page


def published_from_root(page: str) -> str:
    """A link for raw HTML (MkDocs rewrites only Markdown links): to the page's published address."""
    target, _, anchor = page.partition("#")
    return _PUBLISHED_ROOT + published(target) + (f"#{anchor}" if anchor else "")


def resolve_links(text: str, page: str) -> str:
    source_depth = page.count("/")
    published_depth = published(page).count("/")
    return text.replace(_SOURCE_ROOT, "../" * source_depth).replace(_PUBLISHED_ROOT, "../" * published_depth or "./")
