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
