"""The site's search index: Pagefind reads the built pages and writes, into the site's pagefind/
folder, one index per language (the pages' `lang`), in small pieces that a reader's browser
fetches only when searching. Chinese is split into words as it is indexed.

What a page is found by is marked in its HTML: `data-pagefind-body` around each page's content
(overrides/main.html; redirects have none, and are not indexed), and `data-pagefind-ignore`, in
the templates, around what other pages say (the facts a page lists, a fact's citation box).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# The pilcrow of each heading's permalink is not a word of the page (nor of a result's title).
NOT_TEXT = ".headerlink"


class SearchIndexError(Exception):
    """Pagefind could not index the site; its output says why."""


def index(site: Path) -> None:
    """Write the search index of the built site into site/pagefind/."""
    command = [sys.executable, "-m", "pagefind_bin_extended", "--site", str(site), "--exclude-selectors", NOT_TEXT, "--silent"]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise SearchIndexError((finished.stdout + finished.stderr).strip() or f"pagefind exited with status {finished.returncode}")
    # Pagefind lists the languages in its entry file in no fixed order: sorted, the same input gives the same bytes.
    entry = site / "pagefind" / "pagefind-entry.json"
    entry.write_text(json.dumps(json.loads(entry.read_text(encoding="utf-8")), ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
