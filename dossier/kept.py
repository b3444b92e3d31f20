"""Work kept in .cache/ from one run to the next; the one module that knows that folder.

What is kept: the preview images (drawn there, redrawn only when their text changes), the
compiled templates, and a record of what each generated page was last written
from, so that a rebuild renders only the pages whose inputs changed. A kept file that is
missing or damaged only costs time: it is never the source of anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import jinja2
import pydantic

from .files import read_record, replace_atomically, write_if_changed
from .page import PlannedPage

FOLDER = ".cache"
PREVIEWS = f"{FOLDER}/previews"
_WRITTEN_PAGES = f"{FOLDER}/pages.json"
BUILD_LOCK = f"{FOLDER}/build.lock"  # held by the build that is running, so that a second one waits


def digest(*parts: bytes | str) -> bytes:
    """One digest of several parts; each part's length goes in too, so ("ab", "c") differs from ("a", "bc")."""
    hashed = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "little") + data)
    return hashed.digest()


def _code_version() -> bytes:
    package = Path(__file__).resolve().parent
    sources = [path.read_bytes() for path in sorted(package.glob("*.py"))]
    return digest(sys.version, pydantic.VERSION, jinja2.__version__, *sources)


CODE_VERSION = _code_version()


def clear_the_way(root: Path) -> None:
    """Make room for the cache's folders where a file (or a broken link) has taken a folder's name:
    a cache that cannot be used is rebuilt, never a reason to fail."""
    for relative in (FOLDER, PREVIEWS, f"{FOLDER}/templates"):
        path = root / relative
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            path.unlink()


def compiled_templates(root: Path) -> jinja2.BytecodeCache:
    """The dossier's templates, compiled, for the next runs; labelled with the code's version,
    which sets how they compile."""
    folder = root / FOLDER / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder), pattern=f"{CODE_VERSION.hex()}-%s.cache")


def write_pages(planned: list[PlannedPage], docs: Path, root: Path) -> list[str]:
    """Write the pages whose content changed; returns the paths written.

    A page whose inputs are those it was last written from, and whose file nobody touched
    since (same size and time), is not even rendered.
    """
    record_path = root / _WRITTEN_PAGES
    written_from = read_record(record_path)
    record, written = {}, []
    for page in sorted(planned, key=lambda page: page.path):
        path = docs / page.path
        inputs = page.inputs.hex()
        on_disk = _size_and_time(path)
        if written_from.get(page.path) != [inputs, *on_disk] and write_if_changed(path, page.render()):
            written.append(page.path)
            on_disk = _size_and_time(path)
        record[page.path] = [inputs, *on_disk]
    if record != written_from:
        replace_atomically(record_path, json.dumps(record, indent=0, sort_keys=True))
    return written


def _size_and_time(path: Path) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return (-1, -1)
    return (status.st_size, status.st_mtime_ns)
