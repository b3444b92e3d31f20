"""`serve` for a small dossier: the command it starts MkDocs with, and how search splits Chinese while serving."""

from __future__ import annotations

import subprocess
from types import SimpleNamespace

from dossier import serving


def test_search_while_serving_splits_chinese_into_the_words_material_would(monkeypatch):
    from material.plugins.search.plugin import SearchIndex

    monkeypatch.setattr(serving, "served", serving.ServedSite(dirty=True))
    material = SearchIndex._segment_chinese.__get__(SearchIndex.__new__(SearchIndex))
    index = SimpleNamespace(_segment_chinese=material)
    serving._segment_each_text_once(index)
    texts = ["Acme Labs 的创始人 Jane Roe 宣布辞职。", "首席执行官辞职了，公司陷入危机", "Only English.", ""]
    edited = [text.replace("辞职", "离开公司") for text in texts]
    for text in texts + edited + texts:  # the last ones from what was kept
        assert index._segment_chinese(text) == material(text)


def serve_command(project, monkeypatch) -> list[str]:
    """The command `build_site.py serve` starts MkDocs with, for a small dossier."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    started = []
    monkeypatch.setattr(subprocess, "run", lambda command, **options: started.append(command) or subprocess.CompletedProcess(command, 0))
    serving.serve(project.root, "127.0.0.1:0")  # port 0: any free one, so that a server running here does not matter
    (command,) = started
    return command


def test_with_the_versions_it_was_written_for_serve_rebuilds_only_the_changed_pages(project, monkeypatch):
    assert "--dirty" in serve_command(project, monkeypatch)


def test_with_other_versions_of_mkdocs_serve_says_so_and_rebuilds_every_page(project, monkeypatch, capsys):
    monkeypatch.setitem(serving.SUPPORTED, "mkdocs", "0.1")
    assert "--dirty" not in serve_command(project, monkeypatch)
    assert "(written for 0.1): every save rebuilds the whole site" in capsys.readouterr().err
