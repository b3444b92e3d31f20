"""`serve` for a small dossier: the command it starts MkDocs with."""

from __future__ import annotations

import subprocess

from dossier import serving


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
