"""What the browser tests visit: every kind of page a reader meets, in both languages; and how a
reader searches them."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

# Each page type by name and address; the Chinese page is at the root, its English twin under en/.
PAGE_TYPES = {
    "home": "",
    "topic": "topics/collapse/",
    "fact": "facts/amazon-gpu-threat-denied/",
    "timeline": "timeline/",
    "numbers": "numbers/",
    "people": "entities/",
    "entity": "entities/emad-mostaque/",
    "sources": "sources/",
    "corrections": "corrections/",
    "methodology": "methodology/",
}
PAGE_TYPE_OF = {path: name for name, path in PAGE_TYPES.items()}
LANGUAGES = {"zh": "", "en": "en/"}
OTHER_LANGUAGE = {"zh": "en", "en": "zh"}


def address(language: str, path: str) -> str:
    """The address of a page, relative to the site's root, in one language."""
    return LANGUAGES[language] + path


# Every page type in both languages, as pytest parameters (language, path) with ids such as "en-topic".
EVERY_PAGE = [pytest.param(language, path, id=f"{language}-{name}") for name, path in PAGE_TYPES.items() for language in LANGUAGES]


def language_of(url: str) -> str:
    """The language of a page of the site from its URL: English under /en/, Chinese elsewhere."""
    return "en" if urlsplit(url).path.startswith("/en/") else "zh"


def open_search(page: Page) -> Locator:
    page.locator(".dossier-search-button").click()
    field = page.locator(".dossier-search .pagefind-ui__search-input")
    expect(field).to_be_focused(timeout=15_000)
    return field


def search(page: Page, query: str) -> list[str]:
    """Types a query into the search box as a reader would; returns the listed results' addresses, best first."""
    field = open_search(page)
    field.click()
    page.keyboard.insert_text(query)
    # The message repeats the query, first while searching ("正在搜索 800万..."), then with the
    # number of results: wait for a number that is not the query's.
    page.wait_for_function(
        "query => /\\d|没有|No results/.test(document.querySelector('.dossier-search .pagefind-ui__message')?.textContent.replace(query, '') ?? '')",
        arg=query,
    )
    counted = re.findall(r"\d+", page.locator(".dossier-search .pagefind-ui__message").inner_text().replace(query, ""))
    # Each result's title and address arrive after the count: wait for the first three.
    page.wait_for_function(
        "count => document.querySelectorAll('.dossier-search .pagefind-ui__result-link').length >= count", arg=min([3, *map(int, counted[:1])])
    )
    return page.locator(".dossier-search .pagefind-ui__result-link").evaluate_all("links => links.map(link => link.href)")
