"""Build the site with MkDocs into a fresh folder beside the published one, add what MkDocs does
not make, then put it in place of the old site: a failed build leaves the old site as it was."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

# renameat2(2), from the C library: Python's os module has no atomic exchange of two folders.
_libc = ctypes.CDLL(None, use_errno=True)
AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


class BuildError(Exception):
    """MkDocs refused to build; its own output says why."""


class UnsafeSetting(Exception):
    """A setting that would destroy files or publish a broken or unsafe site."""


class UnsafeSiteFolder(UnsafeSetting):
    """The site folder would replace the project or one of its folders."""


# The project's own folders: a finished site takes the place of its folder, so it never goes in one of these.
PROJECT_FOLDERS = (".ci", ".git", ".github", ".venv", ".cache", "benchmarks", "docs", "dossier", "facts", "overrides", "source_articles", "templates", "tests")


def check_site_folder(root: Path, site_dir: Path) -> None:
    """Refuse a site folder that is, holds or lies inside one of the project's folders, or the project itself."""
    project, site = root.resolve(), site_dir.resolve()
    if project.is_relative_to(site):
        raise UnsafeSiteFolder(f"{site_dir}: the built site would replace this folder, which holds the project: choose a folder of its own, such as site/")
    if site.is_relative_to(project) and site.relative_to(project).parts[0] in PROJECT_FOLDERS:
        folder = site.relative_to(project).parts[0]
        raise UnsafeSiteFolder(f"{site_dir}: the built site would replace the project's {folder}/ or a folder in it: choose a folder of its own, such as site/")


def mkdocs_environment(root: Path) -> dict[str, str]:
    """MkDocs' environment: quiet about MkDocs 2, and dated by the last commit so that the same input gives the same site."""
    environment = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    if "SOURCE_DATE_EPOCH" not in environment:
        commit_time = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=False).stdout.strip()
        environment["SOURCE_DATE_EPOCH"] = commit_time or "0"
    return environment


class StagedBuild:
    """A strict `mkdocs build` running in its own process, into a staging folder, while this
    process goes on (drawing the preview images, say)."""

    def __init__(self, root: Path, site_dir: Path):
        self.site_dir = site_dir.resolve()
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=staging_prefix(self.site_dir), dir=self.site_dir.parent))
        # A file, not a pipe: MkDocs would stop once a pipe nobody reads yet is full.
        self.output = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(self.staging)]
        self.process = subprocess.Popen(command, cwd=root, env=mkdocs_environment(root), stdout=self.output, stderr=subprocess.STDOUT, text=True)

    def wait(self) -> None:
        """Wait for MkDocs to finish; raises BuildError with its output if it failed."""
        status = self.process.wait()
        if status != 0:
            self.output.seek(0)
            raise BuildError(self.output.read().strip() or f"mkdocs exited with status {status}")

    def add_files(self, files: dict[str, str]) -> None:
        for relative, content in files.items():
            path = self.staging / relative
            if path.exists():
                raise BuildError(f"{relative}: an old address of a renamed fact is also the address of a page")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")

    def add_folder(self, folder: Path) -> None:
        shutil.copytree(folder, self.staging, dirs_exist_ok=True)

    def publish(self) -> None:
        """Put the built site in place of the old one in one step: whatever serves the folder
        finds the old site or the new one, never none (the old one then goes with the staging folder)."""
        if not self.site_dir.exists():
            self.staging.rename(self.site_dir)
            return
        try:
            exchange(self.staging, self.site_dir)
        except OSError as error:
            if error.errno not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
                raise
            # A file system that cannot exchange: two renames, with a moment of no site between them.
            old = previous_site(self.site_dir)
            self.site_dir.rename(old)
            self.staging.rename(self.site_dir)
            self.staging = old  # removed by discard(), like the old site after an exchange

    def discard(self) -> None:
        """Stop MkDocs if it still runs, and remove what is left of the staging folder."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.output.close()
        shutil.rmtree(self.staging, ignore_errors=True)


def staging_prefix(site_dir: Path) -> str:
    """The name of the folders a build of this site folder is staged in, beside it."""
    return f".site-building-{site_dir.name}-"


def previous_site(site_dir: Path) -> Path:
    """Where the old site waits, on a file system that cannot exchange two folders, until it is removed."""
    return site_dir.with_name(site_dir.name + ".previous")


def exchange(first: Path, second: Path) -> None:
    """Swap two folders atomically (Linux renameat2 with RENAME_EXCHANGE, glibc 2.28 and later)."""
    if _libc.renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"cannot swap {first} and {second}: {os.strerror(error)}")


@contextlib.contextmanager
def one_build_at_a_time(lock_file: Path, site_dir: Path) -> Iterator[None]:
    """Hold the project's build lock (a second build waits, and says so); once it is held, what a
    killed build left behind (its staging folder) is removed, and an old site it had moved aside
    without putting the new one in its place (see StagedBuild.publish) is put back."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Another build of this project is running: waiting for it to finish…", file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        site = site_dir.resolve()
        if previous_site(site).is_dir() and not site.exists():
            previous_site(site).rename(site)
        for leftover in [*site.parent.glob(staging_prefix(site) + "*"), previous_site(site)]:
            shutil.rmtree(leftover, ignore_errors=True)
        yield
