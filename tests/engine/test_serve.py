"""`serve` for a small dossier: the command it starts MkDocs with, and a server that lives
through every kind of hostile save."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dossier import serving
from tests.conftest import REPO
from tests.engine.conftest import Project
from tests.local_server import fetch, free_port, running, wait_for

TEMPLATES = REPO / "templates"


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


@dataclass(frozen=True)
class HostileSave:
    """A save that must not reach the served pages: what it writes, and the problem the terminal must show for it."""

    kind: str
    save: Callable[[Project], None]
    located: str  # the file the problem names, at its line and column
    says: str


def in_facts(old: str, new: str) -> Callable[[Project], None]:
    return lambda project: project.replace("facts/facts.yml", old, new)


def nested(levels: int, closed: bool) -> Callable[[Project], None]:
    return lambda project: project.write("facts/deep.yml", "terms: " + "[" * levels + ("]" * levels if closed else "") + "\n")


def symlink_loop(project: Project) -> None:
    (project.root / "facts/loop.yml").symlink_to(project.root / "facts/loop.yml")


HOSTILE_SAVES = [
    HostileSave("a YAML syntax error", in_facts("    status: reported\n", "    status: [reported\n"), "facts/facts.yml", "YAML syntax error"),
    HostileSave("a facts file nested 100,000 levels deep", nested(100_000, closed=True), "facts/deep.yml", "nested more than 100 deep"),
    HostileSave("a facts file opening 100,000 levels it never closes", nested(100_000, closed=False), "facts/deep.yml", "nested more than 100 deep"),
    HostileSave("a facts file nested 2,000 levels deep", nested(2_000, closed=True), "facts/deep.yml", "nested more than 100 deep"),
    HostileSave(
        "an unknown currency",
        in_facts("    status: reported\n", "    status: reported\n    figures: [{label: {zh: 支出, en: costs}, amount: 8000000, currency: XYZ, as_written: '2022'}]\n"),
        "facts/facts.yml", "'XYZ' is not an ISO 4217 currency code",
    ),
    HostileSave(
        "an id of 300 characters",
        lambda project: project.replace("facts/entities.yml", "id: daily-example", "id: " + "a" * 300),
        "facts/entities.yml", "longer than 80 characters",
    ),
    HostileSave("a symlink loop as a facts file", symlink_loop, "facts/loop.yml", "cannot read this file"),
    HostileSave(
        "a Jinja syntax error in a template",
        lambda project: project.replace("templates/fact.md.j2", "{% if fact.date_note %}", "{% if fact.date_note %"),
        "templates/fact.md.j2", "template syntax error",
    ),
    HostileSave(
        "an interface words file with a missing key",
        lambda project: project.replace("templates/words/en.yml", "\nsource: Source\n", "\n"),
        "templates/words/en.yml", "no word 'source'",
    ),
    HostileSave("a quote not in the article", in_facts("quote: 2022 年 8 月", "quote: 并不存在的原文 2022 年 8 月"), "facts/facts.yml", "quote not found"),
]  # fmt: skip


def sources(project: Project) -> dict[Path, bytes]:
    """The dossier's files an editor saves, as they are."""
    found = [project.root / "dossier.yml"] + [path for folder in ("facts", "source_articles", "templates") for path in (project.root / folder).rglob("*")]
    return {path: path.read_bytes() for path in found if path.is_file() and not path.is_symlink()}


def restore(project: Project, saved: dict[Path, bytes]) -> None:
    for folder in ("facts", "source_articles", "templates"):
        for path in (project.root / folder).rglob("*"):
            if path.is_symlink() or (path.is_file() and path not in saved):
                path.unlink()
    for path, content in saved.items():
        if path.read_bytes() != content:
            path.write_bytes(content)


def retitle(project: Project, old: str, new: str) -> None:
    project.replace("facts/facts.yml", f"en: {old}}}", f"en: {new}}}")


@pytest.mark.serve
def test_serve_fed_each_hostile_save_in_turn_keeps_the_last_good_page_and_recovers_from_each(project, tmp_path):
    shutil.copytree(TEMPLATES, project.root / "templates")  # a dossier's own templates, which it may break
    good = sources(project)
    port = free_port()
    page = f"http://127.0.0.1:{port}/en/facts/release/"
    log = tmp_path / "serve.log"
    with running([sys.executable, str(REPO / "build_site.py"), "--dossier", str(project.root), "serve", "--dev-addr", f"127.0.0.1:{port}"], project.root, log) as server:
        wait_for(lambda: server.poll() is not None or "<h1" in fetch(page), 300, "the first build to be served")
        assert server.poll() is None, log.read_text(encoding="utf-8")
        shown = "Release"
        for number, hostile in enumerate(HOSTILE_SAVES):
            start = len(log.read_text(encoding="utf-8"))

            def terminal() -> str:
                return log.read_text(encoding="utf-8")[start:]

            problem = re.compile(rf"^{re.escape(hostile.located)}:\d+:\d+: .*{re.escape(hostile.says)}", re.M)

            def told(times: int, after: str) -> None:
                """Wait for the problem to be in the terminal `times` times, from a server that lives and shows no traceback."""
                said = lambda: len(problem.findall(terminal())) >= times or "Traceback" in terminal() or server.poll() is not None  # noqa: E731
                try:
                    wait_for(said, 120, f"{hostile.kind}: its problem in the terminal, {after}")
                except AssertionError as error:
                    raise AssertionError(f"{error}; the terminal showed:\n{terminal()}") from None
                assert server.poll() is None, f"{hostile.kind}: the server died:\n{terminal()}"
                assert "Traceback" not in terminal(), f"{hostile.kind}:\n{terminal()}"

            hostile.save(project)
            told(1, "after its save")
            retitle(project, shown, f"Hostile {number}")  # an edit saved while the problem stands: it must not show
            told(2, "after the next save")
            served = fetch(page)
            assert f">{shown}" in served and "Hostile" not in served, f"{hostile.kind}: the last good page is not served"

            restore(project, good)
            retitle(project, shown, f"Good {number}")
            wait_for(lambda: f">Good {number}" in fetch(page), 120, f"{hostile.kind}: the page to show the fixed save")
            shown = f"Good {number}"
            good = sources(project)
        assert "Traceback" not in log.read_text(encoding="utf-8")


def test_serving_with_other_versions_indexes_each_rebuild_for_search_too(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<html lang="en"><body><main data-pagefind-body><h1>Saved</h1></main></body></html>', encoding="utf-8")
    monkeypatch.setattr(serving, "served", serving.ServedSite(dirty=False))
    serving.served.depth = 1
    serving.on_post_build(type("Config", (), {"config_file_path": str(tmp_path / "mkdocs.yml"), "site_dir": str(site)})())
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
