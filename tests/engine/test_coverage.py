"""Completeness: every paragraph of both articles is quoted by a fact, or listed with the reason it carries nothing checkable."""

from __future__ import annotations


from dossier.coverage import paragraphs


def test_a_paragraph_no_fact_quotes_is_found(project):
    project.write("source_articles/demo.txt", "第一段：2022 年 8 月,Acme 发布了 Acme Paint。\n\n新的一段，没有事实引用。\n")
    found = [(p.line, p.covered) for p in paragraphs(project.check())]
    assert found == [(1, True), (3, False)]


def test_an_uncited_paragraph_counts_as_covered(project):
    project.write("source_articles/demo.txt", "第一段：2022 年 8 月,Acme 发布了 Acme Paint。\n\n潮水退去。\n")
    project.write("facts/uncited.yml", "uncited:\n  - {article: demo, passage: 潮水退去。, reason: Rhetorical opening.}\n")
    assert all(p.covered for p in paragraphs(project.check()))
