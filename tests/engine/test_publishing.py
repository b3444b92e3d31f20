"""Whatever serves site/ finds a whole site, the old one or the new one: while a build puts the
new one in place, and after a build killed at any moment (SIGKILL: a power cut, an out-of-memory
kill, a closed CI job), whose leftovers the next build repairs.

The small dossier builds in a few seconds, so a build is killed at moments spread over the whole
of it, each seen from outside, whatever the machine's speed: at once, as the pages are written,
as MkDocs starts, loads, and has written a third and two thirds of the site, as it finishes (the
preview images and redirects being added), and as the new site is put in place.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dossier import pipeline, publish
from tests.conftest import REPO
from tests.engine.conftest import FACT, Project

BUILD_TIMEOUT = 300  # seconds: another build may be running on this machine


def digests(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.rglob("*")) if path.is_file()}


def retitle(root: Path, title: str) -> None:
    """Save the fact under a new English title, which shows on its page once built."""
    (root / "facts/facts.yml").write_text(FACT.replace("en: Release}", f"en: {title}}}"), encoding="utf-8")


def build_command(root: Path) -> list[str]:
    return [sys.executable, str(REPO / "build_site.py"), "--dossier", str(root), "build", "--local"]


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(build_command(root), capture_output=True, text=True, timeout=BUILD_TIMEOUT)


class WatchedBuild:
    """`build_site.py build --local` in a process group of its own, and what can be seen of its steps from outside."""

    def __init__(self, root: Path, title: str):
        self.root, self.title = root, title.encode()
        self.process = subprocess.Popen(build_command(root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.mkdocs_seen = False
        self.staging_seen_at: float | None = None

    def staging_made(self) -> bool:
        """The staging folder MkDocs builds into has been made (it goes once the new site is in place)."""
        if self.staging_seen_at is None and any(self.root.glob(".site-building-*")):
            self.staging_seen_at = time.monotonic()
        return self.staging_seen_at is not None

    def staging_for(self) -> float:
        """How long ago the staging folder was made (0 before it is)."""
        return time.monotonic() - self.staging_seen_at if self.staging_made() else 0.0

    def files_staged(self) -> int:
        """How many files MkDocs has written into the staging folder so far."""
        return sum(1 for folder in self.root.glob(".site-building-*") for path in folder.rglob("*") if path.is_file()) if self.mkdocs_running() else 0

    def mkdocs_running(self) -> bool:
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
            running = any(b"mkdocs" in Path(f"/proc/{child}/cmdline").read_bytes() for child in children)
        except OSError:  # the build, or its child, has just ended
            running = False
        self.mkdocs_seen |= running
        return running

    def mkdocs_finished(self) -> bool:
        """MkDocs has built the staging folder, and the build adds its files and puts it in place."""
        return not self.mkdocs_running() and self.mkdocs_seen and self.staging_made()

    def pages_written(self) -> bool:
        """A page of the new title has been written into docs/."""
        return any(self._holds_title(path) for path in (self.root / "docs").rglob("*.md"))

    def new_site_in_place(self) -> bool:
        return self._holds_title(self.root / "site/en/facts/release/index.html")

    def _holds_title(self, path: Path) -> bool:
        try:
            return self.title in path.read_bytes()
        except OSError:  # not there (yet, or any more)
            return False

    def step(self) -> str:
        """Which step the build is at, for a failure's message."""
        if self.new_site_in_place():
            return "the new site in place"
        if self.mkdocs_running():
            return "MkDocs running"
        if self.staging_made():
            return "MkDocs finished, files being added" if self.mkdocs_seen else "MkDocs starting"
        return "the pages written" if self.pages_written() else "starting, or reading the facts"

    def kill_when(self, moment: Callable[[WatchedBuild], bool], what: str) -> str:
        """SIGKILL the build's whole process group (MkDocs with it) once `moment` is reached; the step it was at."""
        while not moment(self):
            if self.process.poll() is not None:
                pytest.fail(f"the build ended before {what}")
            time.sleep(0.001)
        step = self.step()
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        return step


@dataclass(frozen=True)
class Moment:
    name: str
    reached: Callable[[WatchedBuild, int], bool]  # the build, and how many files a whole site has


MOMENTS = [
    Moment("as the build starts", lambda build, _: True),
    Moment("as the first page is written", lambda build, _: build.pages_written()),
    Moment("as MkDocs starts", lambda build, _: build.staging_made()),
    Moment("while MkDocs loads", lambda build, _: build.staging_for() >= 0.5),  # it writes its first file a second or more later
    Moment("once MkDocs has written a third of the site", lambda build, files: build.files_staged() >= files / 3),
    Moment("once MkDocs has written two thirds of the site", lambda build, files: build.files_staged() >= files * 2 / 3),
    Moment("as MkDocs finishes", lambda build, _: build.mkdocs_finished()),
    Moment("as the new site is put in place", lambda build, _: build.new_site_in_place()),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The small dossier, built once."""
    root = Project(tmp_path_factory.mktemp("killed") / "dossier").root
    first = build(root)
    assert first.returncode == 0, first.stderr
    return root


def generated(root: Path) -> dict[str, str]:
    """What generation leaves: the Markdown pages and data files in docs/, and the preview images."""
    return {f"{folder}/{name}": digest for folder in ("docs", ".cache/previews") for name, digest in digests(root / folder).items()}


def generated_from_nothing(root: Path, scratch: Path) -> dict[str, str]:
    """What generating the same dossier leaves in a folder that has never been built."""
    fresh = scratch / "from-nothing"
    for source in ("dossier.yml", "facts", "source_articles", "docs/methodology.md", "docs/methodology.en.md"):
        (fresh / source).parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if (root / source).is_dir() else shutil.copy2)(root / source, fresh / source)
    pipeline.draw_previews(fresh, pipeline.generate(fresh))
    return generated(fresh)


@pytest.mark.publishing
@pytest.mark.parametrize("moment", MOMENTS, ids=[moment.name for moment in MOMENTS])
def test_a_build_killed_at_any_moment_leaves_a_whole_site_and_the_next_build_repairs_the_rest(built, tmp_path, moment):
    root = tmp_path / "dossier"
    shutil.copytree(built, root, symlinks=True)  # with its site, its generated pages and its cache
    site = root / "site"
    old_site = digests(site)
    title = f"Release {moment.name}"
    retitle(root, title)

    killed = WatchedBuild(root, title)
    mkdocs_files = len([name for name in old_site if not name.startswith("pagefind/")])  # the search index is written after MkDocs
    step = killed.kill_when(lambda build: moment.reached(build, mkdocs_files), moment.name)
    left = digests(site) if site.is_dir() else {}

    rebuilt = build(root)
    assert rebuilt.returncode == 0, f"the build after one killed with {step} failed:\n{rebuilt.stderr}"
    assert not list(root.glob(".site-building-*")) and not (root / "site.previous").exists(), f"killed with {step}: left over after the next build"
    new_site = digests(site)
    assert title.encode() in (site / "en/facts/release/index.html").read_bytes()
    # The same pages: only a title changed (the search index's pieces are named by what they hold).
    assert sorted(name for name in new_site if name.endswith(".html")) == sorted(name for name in old_site if name.endswith(".html"))
    # A build's site is the same, byte for byte, from the same input (SOURCE_DATE_EPOCH): so a
    # whole new site left by the killed build is the very one the next build made.
    assert left in (old_site, new_site), (
        f"killed with {step}, site/ held neither the old site nor the new one: "
        f"missing {sorted(set(old_site) - set(left))[:5]}, changed {sorted(name for name in left if left[name] != old_site.get(name))[:5]}"
    )
    assert generated(root) == generated_from_nothing(root, tmp_path), f"killed with {step}: the next build did not repair docs/ or the preview images"


# Another process (no lock shared with the test's): counts the times it finds the site's page missing.
READER = """
import os, sys
page, done, checks, missing = sys.argv[1], sys.argv[2], 0, 0
while not os.path.exists(done):
    checks += 1
    missing += not os.path.exists(page)
print(checks, missing)
"""


class FinishedMkDocs:
    """An MkDocs that has built an empty site, at once: the test adds the site's page itself."""

    def __init__(self, *args, **kwargs):
        pass

    def wait(self) -> int:
        return 0

    def poll(self) -> int:
        return 0


def test_a_reader_never_finds_the_site_folder_missing_while_builds_publish_one_site_after_another(tmp_path, monkeypatch):
    site, done = tmp_path / "site", tmp_path / "done"
    site.mkdir()
    (site / "index.html").write_text("0", encoding="utf-8")
    reader = subprocess.Popen([sys.executable, "-c", READER, str(site / "index.html"), str(done)], stdout=subprocess.PIPE, text=True)
    monkeypatch.setattr(publish.subprocess, "Popen", FinishedMkDocs)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    try:
        for number in range(1, 201):
            building = publish.StagedBuild(tmp_path, site)
            try:
                building.add_files({"index.html": str(number)})
                building.publish()
            finally:
                building.discard()
    finally:
        done.touch()
        checks, missing = map(int, reader.communicate(timeout=60)[0].split())
    assert checks > 1000, "the reader hardly looked"
    assert missing == 0, f"the site's page was missing {missing} times in {checks} looks"
    assert (site / "index.html").read_text(encoding="utf-8") == "200"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["done", "site"]  # nothing left beside it


def test_an_old_site_a_killed_build_had_moved_aside_is_put_back_by_the_next_build(tmp_path):
    """On a file system that cannot exchange two folders, a build killed between its two renames left no site/."""
    site = tmp_path / "site"
    moved_aside = publish.previous_site(site)  # the first rename done, the second not
    moved_aside.mkdir()
    (moved_aside / "index.html").write_text("the old site", encoding="utf-8")
    with publish.one_build_at_a_time(tmp_path / "build.lock", site):
        assert (site / "index.html").read_text(encoding="utf-8") == "the old site"  # even if this build then fails
    assert not moved_aside.exists()
