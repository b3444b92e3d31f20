"""Problems found in the editors' input, each located at a file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class DossierError(Exception):
    """Raised with every problem found, so that an editor sees them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path, root: Path) -> str:
    """The path as the editor knows it: relative to the project, the file itself even when it is a link."""
    try:
        return str(path.absolute().relative_to(root.absolute()))
    except ValueError:
        return str(path)
