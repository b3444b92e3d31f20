"""Generated files beside hand-written ones: written only when their content changed, removed
when nothing generates them any more, and told apart from the hand-written ones."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write the file unless it already holds this content; True when it was written. (MkDocs'
    file watcher hears of every write: a file rewritten with the same bytes would make `serve`
    rebuild for nothing.)"""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return False
    except (FileNotFoundError, IsADirectoryError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def replace_atomically(path: Path, content: str) -> None:
    """Write the file aside, then rename it into place: a run killed halfway leaves the old file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_text(content, encoding="utf-8")
    os.replace(partial, path)


def remove_files_not_listed(root: Path, folders: tuple[str, ...], listed: set[str]) -> None:
    """Remove the files in these folders of root that are not listed (as paths relative to root)."""
    for folder in folders:
        for directory, _, names in os.walk(root / folder):
            relative = Path(directory).relative_to(root).as_posix()
            for name in names:
                if f"{relative}/{name}" not in listed:
                    os.unlink(os.path.join(directory, name))


def hand_written(folder: Path, docs: Path, generated: set[str]) -> list[Path]:
    """The entries of a folder under docs/ that nothing generates, descending into folders that hold both kinds."""
    found = []
    for path in sorted(folder.iterdir()):
        relative = path.relative_to(docs).as_posix()
        if relative in generated or path.name.startswith("."):
            continue
        if any(name.startswith(relative + "/") for name in generated):
            found += hand_written(path, docs, generated)
        else:
            found.append(path)
    return found


def read_record(path: Path) -> dict[str, Any]:
    """A JSON object this program wrote before, or {} when it is missing or damaged: a record that
    cannot be trusted means the work is done again."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}
