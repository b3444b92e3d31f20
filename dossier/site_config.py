"""mkdocs.yml, generated from dossier.yml: the site's name, languages, navigation and the words
the theme's own pages (overrides/) show, so that MkDocs and the dossier never disagree."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jinja2

from . import urls
from .model import Dossier, Language
from .text import Wording

CONFIG_FILE = "mkdocs.yml"
TEMPLATE = "mkdocs.yml.j2"
# The pages every dossier has, in the navigation's order around its topics; methodology.md is
# written by hand (`build_site.py init` starts one).
PAGES_BEFORE_TOPICS = (urls.HOME,)
PAGES_AFTER_TOPICS = (urls.TIMELINE, urls.NUMBERS, urls.ENTITIES, urls.SOURCES, urls.CORRECTIONS, urls.METHODOLOGY)
# The interface's words that the theme's pages use, by their name there.
THEME_WORDS = {
    "closest_facts": "not_found.closest", "not_found_title": "not_found.title", "not_found_text": "not_found.text", "home": "not_found.home",
    "search": "search.open", "close_search": "search.close",
}


def mkdocs_config(root: Path, engine: Path, templates: Path, dossier: Dossier, wordings: dict[Language, Wording]) -> str:
    settings = dossier.settings
    root_language, other = settings.languages

    def relative(path: Path) -> str:
        return os.path.relpath(path, root)

    def theme_language(code: Language) -> dict[str, str]:
        language = settings.language(code)
        words = {name: wordings[code].word(key) for name, key in THEME_WORDS.items()}
        return {"code": code, "prefix": urls.language_prefix(code, settings.codes), "locale": language.locale, **words}

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    environment.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)  # JSON is YAML, whatever the text holds
    return environment.get_template(TEMPLATE).render(
        settings=settings,
        root=root_language,
        other=other,
        engine={
            "overrides": relative(engine / "overrides"),
            "hooks": relative(engine / "dossier" / "serving.py"),
            # The templates in use: the dossier's own folder, when it has one, else the engine's.
            "watched": [relative(templates), relative(engine / "dossier"), relative(engine / "overrides")],
        },
        palette={code: _palette(wordings[code]) for code in settings.codes},
        theme_languages=[theme_language(code) for code in settings.codes],
        nav=[*PAGES_BEFORE_TOPICS, *(urls.topic_page(topic_id) for topic_id in dossier.topics), *PAGES_AFTER_TOPICS],
    )


def _palette(wording: Wording) -> list[dict]:
    """The light and dark schemes, each with its switch named in the page's language."""
    return [
        {"media": "(prefers-color-scheme: light)", "scheme": "default", "toggle": {"icon": "material/weather-night", "name": wording.word("theme.dark")}},
        {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "toggle": {"icon": "material/weather-sunny", "name": wording.word("theme.light")}},
    ]
