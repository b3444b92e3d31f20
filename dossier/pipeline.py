"""The four steps in order: load, then verify, then render, then publish."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from . import cache, processes, publish, social
from .load import load
from .model import LANGUAGES, Dossier, Language
from .render import Renderer
from .verify import verify


@contextmanager
def without_cycle_collection():
    """Loading and rendering make millions of small objects and no reference cycles; Python's
    cycle collector would otherwise walk the growing heap again and again, and the time would
    grow with the square of the dossier's size."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(root: Path) -> Dossier:
    with without_cycle_collection():
        return verify(load(root))


# Named in mkdocs.yml (search: jieba_dict_user); generated, like the pages.
SEARCH_DICTIONARY = ".cache/search-terms.txt"


def site_url() -> str:
    """Where the site will be hosted (SITE_URL), ending with '/', or '' when unknown."""
    url = os.environ.get("SITE_URL", "").strip()
    return url if not url or url.endswith("/") else url + "/"


def generate(root: Path) -> tuple[Renderer, list[str]]:
    """Check the facts, write the Markdown pages into docs/ and draw the preview images; returns the pages that changed."""
    with without_cycle_collection():  # also between the two steps, where a collection would walk the whole heap
        renderer, changed = write_markdown(root, check(root))
    publish.write_if_changed(root / SEARCH_DICTIONARY, renderer.search_dictionary())
    social.write_cards(renderer.cards(), root / social.FOLDER)
    return renderer, changed


def write_markdown(root: Path, dossier: Dossier) -> tuple[Renderer, list[str]]:
    """Render into docs/ the pages whose inputs changed since the last run, each language in its own
    process; returns the renderer and the pages that changed."""
    kept = root / cache.FOLDER
    docs = root / "docs"

    def write(language: Language) -> tuple[list[str], list[str]]:
        planned = renderer.plan(language)
        written = publish.write_pages(planned, docs, kept / f"pages.{language}.pickle")
        renderer.pieces[language].keep()
        return written, [page.path for page in planned]

    with without_cycle_collection():
        renderer = Renderer(dossier, root / "templates", site_url(), kept)
        results = processes.side_by_side([partial(write, language) for language in LANGUAGES])
    publish.remove_stale_pages(docs, {path for _, paths in results for path in paths})
    return renderer, [path for written, _ in results for path in written]


def build(root: Path, site_dir: Path) -> None:
    renderer, _ = generate(root)
    publish.build_site(root, site_dir, extra_files=renderer.redirects())


def serve(root: Path, dev_addr: str) -> None:
    generate(root)  # fail early, with the editor's messages, before the server starts
    # --dirty: each rebuild turns into HTML only the pages whose Markdown changed (see mkdocs_hooks).
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", dev_addr]
    subprocess.run(command, cwd=root, env=publish.mkdocs_environment(root), check=False)
