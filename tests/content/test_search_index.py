"""What search finds a fact page by: the fact's own words, not the other facts the page lists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def index_of(site):
    entries = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    def text_of(page: str) -> str:
        return " ".join(entry["title"] + " " + entry["text"] for entry in entries if entry["location"].split("#")[0] == page).replace("\u200b", "")

    return text_of


def titles_linked_under(markup: str, section: str) -> list[str]:
    """The titles of the facts linked in one section of a fact page (up to the next heading)."""
    part = markup.split(f'id="{section}"', 1)[1].split("<h2", 1)[0]
    return [re.sub(r"<[^>]+>", "", title) for title in re.findall(r'<a href="\.\./[^"]+/">(.*?)</a>', part)]


@pytest.mark.parametrize("language, prefix", [("zh", ""), ("en", "en/")])
def test_a_fact_page_is_found_by_its_own_title_and_claim_not_by_the_facts_it_lists(site, data, index_of, language, prefix):
    checked = 0
    for fact in data["facts"]:
        markup = (Path(site) / prefix / "facts" / fact["id"] / "index.html").read_text(encoding="utf-8")
        if 'id="related"' not in markup:
            continue
        text = index_of(f"{prefix}facts/{fact['id']}/")
        assert fact["title"][language].replace(" ", "")[:12] in text.replace(" ", "")
        entities = {entity["id"]: entity for entity in data["entities"]}
        people = [entities[entity_id][field][language] for entity_id in fact["entities"] for field in ("name", "role") if entities[entity_id].get(field)]
        own = " ".join([fact["title"][language], fact["claim"][language], *people, *(source["quote"] + (source.get("translation") or "") for source in fact["sources"])])
        for other in titles_linked_under(markup, "related"):
            if other not in own:
                assert other not in text, f"{fact['id']}: found by the related fact '{other}'"
        assert "@misc" not in text
        checked += 1
    assert checked > 20


@pytest.fixture(scope="module")
def data(site) -> dict:
    return json.loads((site / "data" / "dossier.json").read_text(encoding="utf-8"))
