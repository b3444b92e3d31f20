"""`build_site.py init`: a new dossier's folder, with every file a build needs and a sample of
each kind (an article, a topic, entities, two facts), so that `make build` works at once."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jinja2

from .problems import DossierError, Problem
from .settings import LanguageSettings

SKELETON = Path("templates") / "skeleton"
# The sample's texts are written in English; in another language they are marked for translation.
SAMPLE_LANGUAGE = "en"
# The skeleton's files: where each goes in the new dossier, from which file of the skeleton.
FILES = {
    "dossier.yml": "dossier.yml.j2",
    "source_articles/sample.txt": "sample.txt",
    "source_articles/sample.yml": "sample.yml.j2",
    "facts/topics.yml": "topics.yml.j2",
    "facts/entities.yml": "entities.yml.j2",
    "facts/sample-topic.yml": "facts.yml.j2",
    "Makefile": "Makefile.j2",
    "README.md": "README.md.j2",
    ".gitignore": "gitignore",
}


def parse_language(text: str) -> LanguageSettings:
    """'fr:fr_FR:Français' as a language of the dossier."""
    parts = text.split(":", 2)
    if len(parts) != 3:
        raise DossierError([Problem("--languages", 1, 1, f"'{text}' is not CODE:LOCALE:NAME, like fr:fr_FR:Français")])
    code, locale, name = parts
    try:
        return LanguageSettings(code=code, locale=locale, name=name)
    except ValueError as error:
        raise DossierError([Problem("--languages", 1, 1, f"'{text}': {error}")]) from None


def init(folder: Path, languages: list[LanguageSettings], engine: Path) -> list[str]:
    """Write the skeleton into folder (which must be empty or new); returns the files written."""
    if folder.exists() and any(folder.iterdir()):
        raise DossierError([Problem(str(folder), 1, 1, "this folder is not empty: start a dossier in a new folder")])
    codes = [language.code for language in languages]
    article_language = SAMPLE_LANGUAGE if SAMPLE_LANGUAGE in codes else codes[0]

    def in_language(english: str, code: str) -> str:
        return english if code == SAMPLE_LANGUAGE else f"({code}) {english}"

    def text(english: str) -> str:
        """A text of the dossier's files, in each language, as YAML."""
        return json.dumps({code: in_language(english, code) for code in codes}, ensure_ascii=False)

    def other_text(english: str) -> str:
        """A quote of the sample article, in the other language."""
        other = next(code for code in codes if code != article_language)
        return json.dumps(in_language(english, other), ensure_ascii=False)

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(engine / SKELETON), undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    environment.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    values = {
        "languages": languages,
        "example": ", ".join(f"{code}: ..." for code in codes),
        "names": " and ".join(language.name for language in languages),
        "article_language": article_language,
        "engine": os.path.relpath(engine, folder),
        "text": text,
        "other_text": other_text,
    }
    written = {target: environment.get_template(source).render(values) for target, source in FILES.items()}
    for index, language in enumerate(languages):
        page = "docs/methodology.md" if index == 0 else f"docs/methodology.{language.code}.md"
        written[page] = f"# {in_language('Methodology', language.code)}\n\n{in_language('How the facts of this dossier are chosen, written and checked: write it here.', language.code)}\n"
    for target, content in written.items():
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return sorted(written)
