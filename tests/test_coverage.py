"""Completeness: every paragraph of both articles is quoted by a fact, or listed with the reason it carries nothing checkable."""

from __future__ import annotations

import pytest

from dossier.coverage import paragraphs
from dossier.pipeline import check
from tests.conftest import REPO


@pytest.fixture(scope="module")
def real_paragraphs():
    return paragraphs(check(REPO))


def test_every_paragraph_is_quoted_or_explained(real_paragraphs):
    uncovered = [f"source_articles/{p.article}.txt:{p.line}: {p.text[:40]}" for p in real_paragraphs if not p.covered]
    assert not uncovered, "paragraphs quoted by no fact and not listed under 'uncited':\n" + "\n".join(uncovered)


def test_both_articles_are_counted_paragraph_by_paragraph(real_paragraphs):
    assert {p.article for p in real_paragraphs} == {"appso", "qbitai"}
    assert sum(p.article == "qbitai" for p in real_paragraphs) > 40


def test_a_paragraph_no_fact_quotes_is_found(project):
    project.write("source_articles/demo.txt", "第一段：2022 年 8 月,Stability 发布了 Stable Diffusion。\n\n新的一段，没有事实引用。\n")
    found = [(p.line, p.covered) for p in paragraphs(project.check())]
    assert found == [(1, True), (3, False)]


def test_an_uncited_paragraph_counts_as_covered(project):
    project.write("source_articles/demo.txt", "第一段：2022 年 8 月,Stability 发布了 Stable Diffusion。\n\n潮水退去。\n")
    project.write("facts/uncited.yml", "uncited:\n  - {article: demo, passage: 潮水退去。, reason: Rhetorical opening.}\n")
    assert all(p.covered for p in paragraphs(project.check()))
