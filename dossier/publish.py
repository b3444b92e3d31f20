"""Write the generated pages into docs/ and build the site with MkDocs, never leaving a half-built site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Generated pages live beside the hand-written ones (mkdocs-static-i18n only sees real files),
# in places that the build owns and git ignores.
GENERATED_DIRECTORIES = ("facts", "topics", "entities", "data")


class BuildError(Exception):
    """MkDocs refused to build; its own output says why."""


def write_pages(pages: dict[str, str], docs: Path) -> list[str]:
    """Write the pages that changed and remove generated pages that no longer exist.

    Unchanged files are left untouched, so MkDocs' file watcher does not rebuild in a loop.
    Returns the paths written.
    """
    written = []
    for relative, content in sorted(pages.items()):
        path = docs / relative
        data = content.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(relative)
    for directory in GENERATED_DIRECTORIES:
        for path in sorted((docs / directory).rglob("*")) if (docs / directory).is_dir() else []:
            if path.is_file() and path.relative_to(docs).as_posix() not in pages:
                path.unlink()
    return written


def mkdocs_environment() -> dict[str, str]:
    # Material's banner about MkDocs 2 would otherwise open every build log.
    return os.environ | {"NO_MKDOCS_2_WARNING": "1"}


def build_site(root: Path, site_dir: Path) -> None:
    """Run a strict MkDocs build into a fresh folder, then swap it in place of the old site."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-building-", dir=site_dir.parent))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(staging)],
            cwd=root,
            env=mkdocs_environment(),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BuildError((result.stdout + result.stderr).strip() or f"mkdocs exited with status {result.returncode}")
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
