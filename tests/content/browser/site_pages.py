"""What the browser tests visit: every kind of page a reader meets, in both languages."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

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
