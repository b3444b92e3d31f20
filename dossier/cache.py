"""Work kept in .cache/ from one run to the next, so that a rebuild redoes only what an edit touched.

Everything kept is labelled with a digest of what it was made from, and of the code that made it
(`CODE_VERSION`): a kept result whose label differs from today's is ignored and made afresh. A
cache file that is missing, damaged or from another version reads as empty; it is only ever a
shortcut, never the source of anything.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

import jinja2
import pydantic

FOLDER = ".cache"


def digest(*parts: bytes | str) -> bytes:
    """One digest of several parts; each part's length goes in too, so ("ab", "c") differs from ("a", "bc")."""
    chunks = []
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        chunks += (len(data).to_bytes(8, "little"), data)
    return hashlib.blake2b(b"".join(chunks), digest_size=16).digest()  # hashed at once: a page's digest is made of several short parts


def _code_version() -> bytes:
    package = Path(__file__).resolve().parent
    sources = [path.read_bytes() for path in sorted(package.glob("*.py"))]
    return digest(sys.version, pydantic.VERSION, jinja2.__version__, *sources)


CODE_VERSION = _code_version()


def read(path: Path, label: bytes) -> Any | None:
    """What `write` kept at `path` under this label, or None."""
    try:
        with path.open("rb") as file:
            kept_label, value = pickle.load(file)
    except Exception:  # noqa: BLE001 - a damaged or outdated cache is only a missed shortcut
        return None
    return value if kept_label == digest(CODE_VERSION, label) else None


def write(path: Path, label: bytes, value: Any) -> None:
    """Keep `value` at `path`; written aside and renamed, so an interrupted run leaves the old file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + f".{os.getpid()}.partial")
    with partial.open("wb") as file:
        pickle.dump((digest(CODE_VERSION, label), value), file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, path)
