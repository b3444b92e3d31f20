"""The site's search index: Pagefind reads the built pages and writes, into the site's pagefind/
folder, one index per language (the pages' `lang`), in small pieces that a reader's browser
fetches only when searching. Chinese is split into words as it is indexed.

What a page is found by is marked in its HTML: `data-pagefind-body` around each page's content
(overrides/main.html; redirects have none, and are not indexed), and `data-pagefind-ignore`, in
the templates, around what other pages say (the facts a page lists, a fact's citation box).

A fact page also carries its own words (title, claim, quotes, people), split as the reader's
browser splits a query: Pagefind splits the pages' Chinese with one dictionary as it indexes them,
and the query, in the browser, with another (ICU's), so that "800 万美元" is indexed as "800 万美元"
but looked up as "800 万 美元", and found nowhere. The words, split by ICU too, go in a metadata
field that search matches but no result shows: `key_words` for the key events (dossier.yml's
`timeline.labelled`), which weigh more, `words` for the other facts (templates/fact.md.j2; their
weights are in overrides/assets/search.js).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from icu4py.breakers import WordBreaker

# The pilcrow of each heading's permalink is not a word of the page (nor of a result's title).
NOT_TEXT = ".headerlink"


def words_as_queried(texts: Iterable[str], language: str) -> str:
    """The words of the texts as the browser splits a query in this language, each once.

    A word that extends another ("mostaques" after "mostaque") is left out: Pagefind would count a
    query term once for each word of a field it begins, and rank the page as if it matched twice.
    """
    pieces = (piece for text in texts for piece in WordBreaker(text, language))
    words = sorted({"".join(character for character in piece if character.isalnum()).casefold() for piece in pieces} - {""})
    kept: list[str] = []
    for word in words:  # sorted, a word's extensions follow it
        if not (kept and word.startswith(kept[-1])):
            kept.append(word)
    return " ".join(kept)


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
