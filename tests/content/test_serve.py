"""The editor's loop: `build_site.py serve` follows the YAML, survives mistakes and recovers from them."""

from __future__ import annotations

import json
import re
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.content.conftest import copy_with_previews
from tests.local_server import fetch, free_port, running, wait_for

FACT_ID = "stable-diffusion-public-release"


@pytest.fixture
def served(tmp_path, site):
    copy = copy_with_previews(tmp_path / "repo", site)
    port = free_port()
    log = tmp_path / "serve.log"
    page = f"http://127.0.0.1:{port}/facts/{FACT_ID}/"
    with running([sys.executable, "build_site.py", "serve", "--dev-addr", f"127.0.0.1:{port}"], copy, log) as process:

        def first_build_served() -> bool:
            if process.poll() is not None:  # say why at once, rather than wait for a server that is gone
                pytest.fail(f"`build_site.py serve` stopped before serving:\n{log.read_text(encoding='utf-8')}")
            return "<h1" in fetch(page)

        wait_for(first_build_served, 300, "the first build")
        yield copy, page, log


def edit(facts_file: Path, old: str, new: str) -> None:
    text = facts_file.read_text(encoding="utf-8")
    assert old in text
    facts_file.write_text(text.replace(old, new, 1), encoding="utf-8")


def preview_image(page: str) -> bytes:
    """The page's preview image (its og:image), as the server sends it."""
    address = re.search(r'<meta property="og:image" content="([^"]+)"', fetch(page)).group(1)
    with urllib.request.urlopen(urllib.parse.urljoin(page, address), timeout=5) as response:
        return response.read()


@pytest.mark.serve
def test_saving_yaml_updates_the_page_and_its_preview_and_a_mistake_keeps_the_last_good_page(served):
    copy, page, log = served
    facts_file = next(path for path in (copy / "facts").glob("*.yml") if f"- id: {FACT_ID}\n" in path.read_text(encoding="utf-8"))
    title = re.search(rf"- id: {FACT_ID}\n    title:\n      zh: (.+)\n", facts_file.read_text(encoding="utf-8")).group(1)
    preview = preview_image(page)
    assert preview.startswith(b"\x89PNG")

    edit(facts_file, f"zh: {title}\n", f"zh: {title}（第一版）\n")
    wait_for(lambda: "（第一版）" in fetch(page), 240, "the edited title to show")
    assert preview_image(page) != preview, "the preview image shows the old title"
    time.sleep(3)  # the build reads the watched sources: a watcher taking that for an edit would rebuild on and on
    assert log.read_text(encoding="utf-8").count("Detected file changes") == 1

    edit(facts_file, "    sources:\n      - article: appso\n        quote: ", "    sources:\n      - article: appso\n        quote: 并不存在的原文")
    wait_for(lambda: re.search(r"facts/\S+\.yml:\d+:\d+: fact '[a-z0-9-]+': quote not found", log.read_text(encoding="utf-8")), 240, "the error in the terminal")
    wait_for(lambda: "（第一版）" in fetch(page), 240, "the last good page to be served again")
    assert "Traceback" not in log.read_text(encoding="utf-8")

    edit(facts_file, "quote: 并不存在的原文", "quote: ")
    edit(facts_file, f"zh: {title}（第一版）\n", f"zh: {title}（第二版）\n")
    wait_for(lambda: "（第二版）" in fetch(page), 240, "recovery after the fix")


def navigation_titles(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>|\s+", " ", title).strip() for title in re.findall(r'<a href="[^"]*" class="md-nav__link[^"]*">(.*?)</a>', html, re.S)]


def search_indexes(url: str) -> dict[str, dict]:
    """The search index of each language: its digest and how many pages it holds."""
    return json.loads(fetch(url) or '{"languages": {}}')["languages"]


@pytest.mark.serve
def test_a_rebuild_of_the_changed_pages_keeps_the_navigation_and_reindexes_every_page_and_a_file_added_to_the_theme_is_served(served):
    copy, page, _ = served
    index = page.split("/facts/")[0] + "/pagefind/pagefind-entry.json"
    before_titles, before_index = navigation_titles(fetch(page)), search_indexes(index)
    assert len(before_titles) >= 9 and "None" not in before_titles
    assert set(before_index) == {"zh", "en"}
    facts_file = next(path for path in (copy / "facts").glob("*.yml") if f"- id: {FACT_ID}\n" in path.read_text(encoding="utf-8"))
    title = re.search(rf"- id: {FACT_ID}\n    title:\n      zh: (.+)\n", facts_file.read_text(encoding="utf-8")).group(1)

    edit(facts_file, f"zh: {title}\n", f"zh: {title}（修订）\n")
    wait_for(lambda: "（修订）" in fetch(page), 240, "the edited title to show")
    assert navigation_titles(fetch(page)) == before_titles
    wait_for(lambda: search_indexes(index).get("zh", {}).get("hash") != before_index["zh"]["hash"], 60, "the Chinese search index to be rebuilt")
    after_index = search_indexes(index)
    assert {code: each["page_count"] for code, each in after_index.items()} == {code: each["page_count"] for code, each in before_index.items()}

    added = copy / "overrides" / "assets" / "added-while-serving.css"
    added.parent.mkdir(exist_ok=True)
    added.write_text("p { margin: 0 }\n", encoding="utf-8")
    wait_for(lambda: fetch(urllib.parse.urljoin(page, "../../assets/added-while-serving.css")), 240, "the file added to the theme to be served")
