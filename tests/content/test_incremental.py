"""Rebuilding after an edit redoes only what the edit touched, and writes exactly what a build from nothing writes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.urls import GENERATED_DIRECTORIES, generated_files as generated_outside_folders
from tests.content.conftest import copy_of_repo


def generate(root: Path) -> list[str]:
    """The Markdown step of `build_site.py build`; returns the pages written."""
    return pipeline.generate(root).written


def generated_files(root: Path) -> dict[str, bytes]:
    docs = root / "docs"
    paths = [path for folder in GENERATED_DIRECTORIES for path in (docs / folder).rglob("*") if path.is_file()]
    paths += [docs / name for name in generated_outside_folders(("zh", "en"))]
    return {path.relative_to(docs).as_posix(): path.read_bytes() for path in paths}


def retitle_first_fact(root: Path, new_title: str) -> str:
    facts = root / "facts" / "collapse.yml"
    text = facts.read_text(encoding="utf-8")
    fact_id, title = re.search(r"- id: (\S+)\n    title:\n      zh: (.+)\n", text).groups()
    facts.write_text(text.replace(f"zh: {title}\n", f"zh: {new_title}\n", 1), encoding="utf-8")
    return fact_id


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A copy of the dossier, generated once, with what that run kept in .cache/."""
    root = copy_of_repo(tmp_path / "kept")
    shutil.rmtree(root / "docs" / "facts", ignore_errors=True)
    generate(root)
    return root


def from_nothing(root: Path, destination: Path) -> dict[str, bytes]:
    """The generated files of a copy of `root` built with nothing kept and no earlier pages."""
    fresh = shutil.copytree(root, destination, ignore=shutil.ignore_patterns(".cache"))
    for folder in GENERATED_DIRECTORIES:
        shutil.rmtree(fresh / "docs" / folder, ignore_errors=True)
    generate(fresh)
    return generated_files(fresh)


def test_a_rebuild_after_an_edit_writes_what_a_build_from_nothing_writes(built, tmp_path):
    fact_id = retitle_first_fact(built, "新标题用于测试")
    written = generate(built)

    assert f"facts/{fact_id}.md" in written and "topics/collapse.md" in written and "timeline.md" in written
    assert "新标题用于测试" in (built / "docs" / "timeline.md").read_text(encoding="utf-8")
    assert generated_files(built) == from_nothing(built, tmp_path / "fresh")


def test_a_rebuild_after_a_change_of_people_relates_facts_as_a_build_from_nothing(built, tmp_path):
    facts = built / "facts" / "collapse.yml"
    text = facts.read_text(encoding="utf-8")
    fact_id, entities = re.search(r"- id: (\S+)\n(?:    .+\n)*?    entities: \[(.+)\]\n", text).groups()
    facts.write_text(text.replace(f"entities: [{entities}]\n", "entities: [microsoft]\n", 1), encoding="utf-8")
    generate(built)

    related = (built / "docs" / "facts" / f"{fact_id}.md").read_text(encoding="utf-8").split("{ #related")[1].split("{ #cite")[0]
    related_ids = re.findall(r"\]\(\.\./facts/([a-z0-9-]+)\.md\)", related)
    dossier = pipeline.check(built)
    assert related_ids and all("microsoft" in dossier.facts[other].entities for other in related_ids)
    assert generated_files(built) == from_nothing(built, tmp_path / "fresh")


def test_a_rebuild_after_an_edit_leaves_the_other_languages_and_unrelated_pages_alone(built):
    before = generated_files(built)
    fact_id = retitle_first_fact(built, "只改中文标题")
    written = set(generate(built))

    assert written == {path for path, content in generated_files(built).items() if before.get(path) != content}
    assert f"facts/{fact_id}.md" in written
    assert not any(path.endswith(".en.md") for path in written)  # the English title did not change
    assert len(written) < len(before) / 10


def test_a_rebuild_with_nothing_changed_writes_nothing(built):
    assert generate(built) == []


def test_a_template_edit_reaches_every_page_made_from_it(built):
    template = built / "templates" / "fact.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n模板标记\n", encoding="utf-8")
    generate(built)

    fact_pages = [content for path, content in generated_files(built).items() if path.startswith("facts/")]
    assert fact_pages and all("模板标记".encode() in content for content in fact_pages)


def test_a_generated_page_changed_by_hand_is_restored(built):
    page = built / "docs" / "timeline.md"
    original = page.read_bytes()
    page.write_text("edited by hand\n", encoding="utf-8")

    assert generate(built) == ["timeline.md"]
    assert page.read_bytes() == original


def test_a_deleted_fact_loses_its_pages(built):
    facts = built / "facts" / "collapse.yml"
    text = facts.read_text(encoding="utf-8")
    # A fact that nothing else names (no other fact's note, no chart of dossier.yml).
    named_elsewhere = (built / "dossier.yml").read_text(encoding="utf-8") + "".join(
        path.read_text(encoding="utf-8") for path in (built / "facts").glob("*.yml") if path != facts
    )
    starts = [match.start() for match in re.finditer(r"^  - id: ", text, re.MULTILINE)]
    first, second = next((start, end) for start, end in zip(starts, starts[1:]) if re.match(r"  - id: (\S+)", text[start:]).group(1) not in named_elsewhere + text[:start] + text[end:])
    fact_id = re.match(r"  - id: (\S+)", text[first:]).group(1)
    facts.write_text(text[:first] + text[second:], encoding="utf-8")
    generate(built)

    assert not (built / "docs" / "facts" / f"{fact_id}.md").exists()
    assert not (built / "docs" / "facts" / f"{fact_id}.en.md").exists()


def test_damaged_kept_work_is_ignored(built, tmp_path):
    for path in (built / ".cache").rglob("*.json"):
        path.write_bytes(b"not JSON")
    retitle_first_fact(built, "损坏之后")
    generate(built)

    assert generated_files(built) == from_nothing(built, tmp_path / "fresh")


def test_an_edited_interface_word_reaches_the_pages(built):
    for language, old, new in (("zh", "permalink: 永久链接", "permalink: 固定链接"), ("en", "permalink: Permalink", "permalink: Lasting link")):
        words = built / "templates" / "words" / f"{language}.yml"
        words.write_text(words.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    generate(built)

    topic = (built / "docs" / "topics" / "collapse.md").read_text(encoding="utf-8")
    english = (built / "docs" / "topics" / "collapse.en.md").read_text(encoding="utf-8")
    assert "[固定链接]" in topic and "[永久链接]" not in topic
    assert "[Lasting link]" in english and "[Permalink]" not in english


def test_each_language_keeps_its_own_words_though_both_share_the_compiled_templates(built):
    generate(built)  # from the templates the first run compiled, and kept
    chinese = (built / "docs" / "topics" / "collapse.md").read_text(encoding="utf-8")
    english = (built / "docs" / "topics" / "collapse.en.md").read_text(encoding="utf-8")
    assert "[永久链接]" in chinese and "[Permalink]" not in chinese
    assert "[Permalink]" in english and "[永久链接]" not in english
