"""The engine (dossier/, templates/, overrides/) and its tests name nothing of the real dossier:
its content lives in dossier.yml, facts/ and source_articles/, so that another dossier needs no
change to the engine."""

from __future__ import annotations

import re
from pathlib import Path

from dossier import pipeline
from tests.conftest import REPO

# The engine, and its tests, which run against small dossiers of their own.
ENGINE_FOLDERS = ("dossier", "templates", "overrides", "tests/engine")
MAIN_ACTORS = 8  # the people and organisations most facts name


def engine_files() -> list[Path]:
    return [path for folder in ENGINE_FOLDERS for path in sorted((REPO / folder).rglob("*")) if path.is_file() and path.suffix in (".py", ".j2", ".yml", ".html", ".js", ".css", ".txt")]


def the_dossiers_own_words() -> set[str]:
    """Its articles, its topics and its main actors, by id and by name in each language."""
    dossier = pipeline.check(REPO)
    counts = {entity_id: sum(entity_id in fact.everyone for fact in dossier.facts.values()) for entity_id in dossier.entities}
    actors = sorted(counts, key=counts.get, reverse=True)[:MAIN_ACTORS]
    words = {*dossier.articles, *dossier.topics, *actors}
    words |= {record.name[language] for record in [*dossier.articles.values(), *(dossier.entities[actor] for actor in actors)] for language in dossier.languages}
    words |= {topic.title[language] for topic in dossier.topics.values() for language in dossier.languages}
    # and each capitalised word of their names: "Stability" of "Stability AI"
    words |= {part for word in list(words) for part in re.findall(r"[A-Z][a-z]{3,}", word)}
    return words


def test_the_engine_names_none_of_the_dossiers_articles_topics_or_main_actors():
    words = the_dossiers_own_words()
    assert {"appso", "collapse", "stability-ai", "Stability AI"} <= words  # what is looked for
    found = []
    for path in engine_files():
        text = path.read_text(encoding="utf-8")
        for word in words:
            for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?!\w)", text):
                found.append(f"{path.relative_to(REPO)}:{text.count(chr(10), 0, match.start()) + 1}: {word}")
    assert not found, "\n".join(found)


def test_no_template_chooses_its_words_by_a_language_code():
    branches = [f"{path.name}: {line.strip()}" for path in (REPO / "templates").glob("*.j2") for line in path.read_text(encoding="utf-8").splitlines() if re.search(r"lang\s*[!=]=\s*['\"]", line)]
    assert not branches, "\n".join(branches)
