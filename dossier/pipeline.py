"""The four steps in order: load, then verify, then render, then publish."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from . import publish
from .load import load
from .model import Dossier
from .render import render_pages
from .verify import verify


def check(root: Path) -> Dossier:
    return verify(load(root))


def generate(root: Path) -> list[str]:
    """Check the facts and write the Markdown pages into docs/; returns the pages that changed."""
    return publish.write_pages(render_pages(check(root), root / "templates"), root / "docs")


def build(root: Path, site_dir: Path) -> None:
    generate(root)
    publish.build_site(root, site_dir)


def serve(root: Path, dev_addr: str) -> None:
    generate(root)  # fail early, with the editor's messages, before the server starts
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", dev_addr]
    subprocess.run(command, cwd=root, env=publish.mkdocs_environment(), check=False)
