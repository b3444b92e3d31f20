"""Small dossiers written into a temporary folder: one article, one topic, two entities, one fact."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.problems import DossierError

ARTICLE_TEXT = """第一段：2022 年 8 月,Acme 发布了 Acme Paint,日活很快达到 1000 万。

第二段：每日样报报道,公司每月支出约 800 万美元。
"""

SETTINGS = """\
languages:
  - {code: zh, locale: zh_CN, name: 中文}
  - {code: en, locale: en_GB, name: English}
site:
  name: {zh: 演示档案, en: The demo dossier}
  description: {zh: 一份演示档案。, en: A demo dossier.}
home:
  story: {zh: "演示：{facts} 条事实。", en: "A demo: {facts} facts."}
measures: [funding, valuation, revenue, cost, price, deal, users, count]
citation_key: demo-dossier
new_fact: {topic: downfall, section: rise}
previews:
  bold: /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
  regular: /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  face: 2
"""

ARTICLE_META = """\
id: demo
text: demo.txt
language: zh
name: {zh: 演示, en: Demo}
title: {zh: 演示文章, en: A demo article}
outlet: {zh: 演示媒体, en: Demo Media}
authors:
  - {zh: 作者, en: Author}
published: {date: "2024-03"}
rights: {zh: 版权所有, en: All rights reserved}
"""

TOPICS = """\
topics:
  - id: downfall
    title: {zh: 崩塌, en: Collapse}
    intro: {zh: 介绍, en: Introduction}
    sections:
      - id: rise
        title: {zh: 崛起, en: Rise}
      - id: money
        title: {zh: 钱, en: Money}
"""

ENTITIES = """\
entities:
  - id: acme-labs
    kind: organisation
    name: {zh: Acme Labs, en: Acme Labs}
  - id: daily-example
    kind: organisation
    name: {zh: 每日样报, en: The Daily Example}
"""

FACT = """\
facts:
  - id: release
    title: {zh: 发布, en: Release}
    claim: {zh: 2022 年 8 月发布。, en: Released in August 2022.}
    date: "2022-08"
    topics: [downfall]
    section: rise
    entities: [acme-labs]
    asserted_by: [acme-labs]
    status: reported
    sources:
      - article: demo
        quote: 2022 年 8 月,Acme 发布了 Acme Paint
"""


class Project:
    """A dossier on disk that a test can change one file at a time."""

    def __init__(self, root: Path):
        self.root = root
        self.write("dossier.yml", SETTINGS)
        self.write("source_articles/demo.txt", ARTICLE_TEXT)
        self.write("source_articles/demo.yml", ARTICLE_META)
        self.write("facts/topics.yml", TOPICS)
        self.write("facts/entities.yml", ENTITIES)
        self.write("facts/facts.yml", FACT)
        self.write("docs/methodology.md", "# 方法\n")
        self.write("docs/methodology.en.md", "# Methodology\n")

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def replace(self, relative: str, old: str, new: str) -> None:
        """Change one file of the dossier: its first `old` becomes `new` (which must be there)."""
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def check(self):
        return pipeline.check(self.root)

    def problems(self) -> list[str]:
        with pytest.raises(DossierError) as raised:
            self.check()
        return [str(problem) for problem in raised.value.problems]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)
