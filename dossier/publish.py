"""Write the generated pages into docs/ and build the site with MkDocs, never leaving a half-built site."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache, urls
from .model import LANGUAGES

if TYPE_CHECKING:
    from .render import PlannedPage

# Generated pages live beside the hand-written ones (mkdocs-static-i18n only sees real files),
# in places that the build owns and git ignores.
GENERATED_DIRECTORIES = ("facts", "topics", "entities", "data")
GENERATED_FILES = tuple(
    urls.source_file(page, language) for page in (urls.HOME, urls.TIMELINE, urls.ENTITIES, urls.SOURCES, urls.NUMBERS) for language in LANGUAGES
) + (urls.ROBOTS,)


class BuildError(Exception):
    """MkDocs refused to build; its own output says why."""


def write_pages(planned: list[PlannedPage], docs: Path, kept: Path | None = None) -> list[str]:
    """Write the pages that changed; returns the paths written.

    Unchanged files are left untouched, so MkDocs' file watcher does not rebuild in a loop.
    `kept` records what each file was last written from (its inputs, size and time): a page
    whose inputs have not changed since, and whose file nobody touched, is not even rendered.
    """
    written_from = (cache.read(kept, b"") or {}) if kept else {}
    on_disk_now = _files_in(docs, {os.path.dirname(page.path) for page in planned})
    now = {}
    written = []
    for page in sorted(planned, key=lambda page: page.path):
        path = os.path.join(docs, page.path)
        before = written_from.get(page.path)
        on_disk = _size_and_time(path) if page.path in on_disk_now else MISSING
        if before is None or before[0] != page.inputs or before[1:] != on_disk:
            written_as = write_if_changed(path, page.render(), missing=on_disk == MISSING)
            if written_as:
                on_disk = written_as
                written.append(page.path)
        now[page.path] = (page.inputs, *on_disk)
    if kept and now != written_from:
        cache.write(kept, b"", now)
    return written


def remove_stale_pages(docs: Path, pages: set[str]) -> None:
    """Remove the generated files that are not among today's pages (a deleted fact's page, say)."""
    for directory in GENERATED_DIRECTORIES:
        for folder, _, names in os.walk(docs / directory):
            relative = Path(folder).relative_to(docs).as_posix()
            for name in names:
                if f"{relative}/{name}" not in pages:
                    os.unlink(os.path.join(folder, name))


MISSING = (-1, -1)


def _files_in(docs: Path, folders: set[str]) -> set[str]:
    """The files in these folders of docs/, as paths relative to it. Listed once, so that the pages
    not written yet are known without asking for each (on a first run, thousands of failed stat
    calls, each raising an exception, cost more than writing the pages)."""
    found = set()
    for folder in folders:
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            found.update(f"{folder}/{name}" if folder else name for name in os.listdir(docs / folder))
    return found


def _size_and_time(path: str) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return MISSING
    return (status.st_size, status.st_mtime_ns)


def write_if_changed(path: str | Path, content: str, missing: bool = False) -> tuple[int, int] | None:
    """Write a generated file only when its content differs, so that file watchers stay quiet;
    returns its size and time when it was written, None when it already held this content.

    `missing`: the caller knows there is no file there, so there is nothing to compare with (a first
    run writes thousands of pages, and failing to open each one costs more than writing it).
    """
    data = content.encode("utf-8")
    if not missing and _read(path) == data:
        return None
    return _write(path, data)


def _read(path: str | Path) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read()
    except (FileNotFoundError, IsADirectoryError):
        return None


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def _write(path: str | Path, data: bytes) -> tuple[int, int]:
    """Write the file; returns its size and time. Written through the operating system's calls,
    without Python's file objects, which cost more than the writing itself on a first run's
    thousands of pages. The folder is made only when it is missing, for the same reason."""
    try:
        descriptor = os.open(path, _NEW_FILE, 0o666)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        descriptor = os.open(path, _NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        status = os.fstat(descriptor)
    finally:
        os.close(descriptor)
    return (status.st_size, status.st_mtime_ns)


def mkdocs_environment(root: Path) -> dict[str, str]:
    """MkDocs' environment: quiet about MkDocs 2, and dated by the last commit so that the same input gives the same site."""
    environment = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    if "SOURCE_DATE_EPOCH" not in environment:
        commit_time = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=False).stdout.strip()
        environment["SOURCE_DATE_EPOCH"] = commit_time or "0"
    return environment


def build_site(root: Path, site_dir: Path, extra_files: dict[str, str] | None = None) -> None:
    """Run a strict MkDocs build into a fresh folder, add the extra files, then swap it in place of the old site."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-building-", dir=site_dir.parent))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)],
            cwd=root,
            env=mkdocs_environment(root),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BuildError((result.stdout + result.stderr).strip() or f"mkdocs exited with status {result.returncode}")
        for relative, content in (extra_files or {}).items():
            path = staging / relative
            if path.exists():
                raise BuildError(f"{relative}: an old address of a renamed fact is also the address of a page")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(target.name + ".previous")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
