"""Publishing: whatever serves site/ always finds a complete site, and builds of one project take turns."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dossier import kept, publish
from tests.content.conftest import copy_with_previews


def digests(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_reader_never_finds_the_site_folder_missing_while_sites_are_swapped(tmp_path):
    site, staging = tmp_path / "site", tmp_path / "staging"
    for folder, word in ((site, "old"), (staging, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(word, encoding="utf-8")
    missing, swapping = [], True

    def read_while_swapping():
        while swapping:
            if not (site / "index.html").is_file():
                missing.append(time.monotonic())

    reader = threading.Thread(target=read_while_swapping)
    reader.start()
    for _ in range(500):
        publish.exchange(staging, site)
    swapping = False
    reader.join()
    assert not missing
    assert (site / "index.html").read_text(encoding="utf-8") == "old"  # an even number of swaps


def build_command(copy: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "build_site.py", "build", "--local"], cwd=copy, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


@pytest.mark.publishing
def test_a_build_killed_while_mkdocs_runs_leaves_the_old_site_and_the_next_build_cleans_up(tmp_path, site):
    copy = copy_with_previews(tmp_path / "repo", site)
    shutil.copytree(site, copy / "site")
    before = digests(copy / "site")

    building = build_command(copy)
    deadline = time.monotonic() + 120
    while not list(copy.glob(".site-building-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(copy.glob(".site-building-*")), "the build never started MkDocs"
    time.sleep(1)
    os.killpg(building.pid, signal.SIGKILL)
    building.wait()
    assert digests(copy / "site") == before

    rebuilt = subprocess.run([sys.executable, "build_site.py", "build", "--local"], cwd=copy, capture_output=True, text=True)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert not list(copy.glob(".site-building-*")) and not (copy / "site.previous").exists()
    assert (copy / "site" / "index.html").is_file()


@pytest.mark.publishing
def test_a_second_build_waits_for_the_first_and_says_so(tmp_path, site):
    copy = copy_with_previews(tmp_path / "repo", site)
    with publish.one_build_at_a_time(copy / kept.BUILD_LOCK, copy / "site"):
        waiting = build_command(copy)
        time.sleep(3)
        assert waiting.poll() is None, "the second build did not wait"
    _, errors = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, errors
    assert "Another build of this project is running: waiting" in errors


INJECTED = "<img src=x onerror=alert(1)>"


@pytest.mark.publishing
def test_markup_written_into_titles_and_names_is_shown_as_text_on_every_page(tmp_path, site):
    copy = copy_with_previews(tmp_path / "repo", site)

    def replace(relative: str, old: str, new: str) -> None:
        path = copy / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    # A topic title that closes <title>; an article name that is a Markdown link; a fact title
    # that breaks out of the citation's code block.
    replace("facts/topics.yml", "      en: The company's collapse\n", f"      en: \"The company's collapse</title>{INJECTED}\"\n")
    replace("source_articles/appso.yml", "name: {zh: APPSO, en: APPSO}", "name: {zh: APPSO, en: '[APPSO](javascript:alert(1))'}")
    replace("facts/collapse.yml", "      en: Stable Diffusion released to the public\n", f"      en: \"Stable Diffusion released\\n```\\n{INJECTED}\"\n")
    built = subprocess.run([sys.executable, "build_site.py", "build", "--local"], cwd=copy, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    for page in (copy / "site").rglob("*.html"):
        markup = page.read_text(encoding="utf-8")
        assert INJECTED not in markup, page
        assert 'href="javascript:' not in markup, page
