"""Small dossiers written into a temporary folder: one article, one topic, two entities, one fact."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from dossier.load import load
from dossier.problems import DossierError
from dossier.verify import verify

REPO = Path(__file__).resolve().parent.parent

ARTICLE_TEXT = """第一段：2022 年 8 月,Stability 发布了 Stable Diffusion,日活很快达到 1000 万。

第二段：彭博社报道,公司每月支出约 800 万美元。
"""

ARTICLE_META = """\
id: demo
text: demo.txt
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
  - id: collapse
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
  - id: stability-ai
    kind: organisation
    name: {zh: Stability AI, en: Stability AI}
  - id: bloomberg
    kind: organisation
    name: {zh: 彭博社, en: Bloomberg}
"""

FACT = """\
facts:
  - id: release
    title: {zh: 发布, en: Release}
    claim: {zh: 2022 年 8 月发布。, en: Released in August 2022.}
    date: "2022-08"
    topics: [collapse]
    section: rise
    entities: [stability-ai]
    asserted_by: [stability-ai]
    status: reported
    sources:
      - article: demo
        quote: 2022 年 8 月,Stability 发布了 Stable Diffusion
"""


class Project:
    """A dossier on disk that a test can change one file at a time."""

    def __init__(self, root: Path):
        self.root = root
        self.write("source_articles/demo.txt", ARTICLE_TEXT)
        self.write("source_articles/demo.yml", ARTICLE_META)
        self.write("facts/topics.yml", TOPICS)
        self.write("facts/entities.yml", ENTITIES)
        self.write("facts/facts.yml", FACT)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def check(self):
        return verify(load(self.root))

    def problems(self) -> list[str]:
        with pytest.raises(DossierError) as raised:
            self.check()
        return [str(problem) for problem in raised.value.problems]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


SITE_URL = "https://dossier.example/stability/"


def copy_of_repo(destination: Path) -> Path:
    """The project's files without its environment and outputs, to build or serve in isolation."""
    ignored = shutil.ignore_patterns(".venv", ".git", "site", "site.*", ".site-building-*", "__pycache__", ".pytest_cache", "test-screenshots", ".cache")
    shutil.copytree(REPO, destination, ignore=ignored)
    return destination


def copy_with_previews(destination: Path, site: Path) -> Path:
    """A copy of the project holding the preview images that the test run's shared build drew
    (see `site`): building or serving it draws only the images whose text changed."""
    copy = copy_of_repo(destination)
    shutil.copytree(site.parent / ".cache" / "previews", copy / ".cache" / "previews")
    return copy


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real dossier, built once for the whole test run, as it would be published at SITE_URL.

    It is built from a copy, so that the run never writes into the working tree.
    """
    from dossier import pipeline

    root = copy_of_repo(tmp_path_factory.mktemp("built") / "repo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", SITE_URL)
        pipeline.build(root, root / "site")
    return root / "site"
