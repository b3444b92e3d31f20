"""Link sharing: every page previews well in its language, permalinks never break, the data can be downloaded."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from tests.content.conftest import SITE_URL


class HeadReader(HTMLParser):
    """The <title>, <meta> and <link> tags of a page, and its JSON-LD."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.title = ""
        self.json_ld: list[dict] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and ("property" in attributes or "name" in attributes):
            self.meta[attributes.get("property") or attributes["name"]] = attributes.get("content", "")
        elif tag == "link" and attributes.get("rel") == "canonical":
            self.links["canonical"] = attributes["href"]
        elif tag == "title" or (tag == "script" and attributes.get("type") == "application/ld+json"):
            self._in = tag

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in = None


def head(site: Path, path: str) -> HeadReader:
    reader = HeadReader()
    reader.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return reader


@pytest.fixture(scope="module")
def data(site) -> dict:
    return json.loads((site / "data/dossier.json").read_text(encoding="utf-8"))


def content_pages(site: Path) -> list[str]:
    """Every page of the site as a path like 'facts/x/' (redirect pages and the 404 page aside)."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' not in text:
            pages.append(path.parent.relative_to(site).as_posix() + "/" if path.parent != site else "")
    return pages


@pytest.mark.parametrize("language", ["zh", "en"])
def test_fact_pages_carry_preview_tags_in_their_language(site, data, language):
    prefix = "" if language == "zh" else "en/"
    for fact in data["facts"][::20]:
        tags = head(site, prefix + fact["url"])
        expected_url = SITE_URL + prefix + fact["url"]
        assert tags.meta["og:title"] == fact["title"][language]
        assert tags.title.startswith(fact["title"][language])
        assert tags.meta["og:type"] == "article"
        assert tags.meta["og:locale"] == ("zh_CN" if language == "zh" else "en_GB")
        assert tags.meta["og:locale:alternate"] == ("en_GB" if language == "zh" else "zh_CN")
        assert tags.meta["twitter:card"] == "summary_large_image"
        assert tags.meta["og:url"] == tags.links["canonical"] == expected_url
        assert tags.meta["og:image"] == f"{SITE_URL}assets/social/{language}/facts/{fact['id']}.png"
        assert tags.meta["description"] == tags.meta["og:description"]
        assert fact["claim"][language].startswith(tags.meta["og:description"].removesuffix("…"))


@pytest.fixture(scope="module")
def heads(site) -> dict[str, HeadReader]:
    """The head of every page, read once for the tests that look at all of them."""
    return {page: head(site, page) for page in content_pages(site)}


def test_every_page_has_a_title_description_and_preview_image(heads):
    for page, tags in heads.items():
        for name in ("description", "og:title", "og:description", "og:url", "og:image", "og:locale", "og:type", "twitter:card"):
            assert tags.meta.get(name), f"{page} has no {name}"


def test_every_preview_image_is_a_1200_by_630_png(site, heads):
    images = {tags.meta["og:image"] for tags in heads.values()}
    assert len(images) > 100
    for url in images:
        with Image.open(site / url.removeprefix(SITE_URL)) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630)), url


def test_descriptions_are_short_and_end_cleanly(heads):
    for page, tags in heads.items():
        description = tags.meta["description"]
        assert 0 < len(description) <= 150, page  # what chat apps show of a preview
        if description.endswith("…"):
            kept = description.removesuffix("…")
            assert not kept.endswith((" ", "，", ",")), f"{page}: {description!r}"


def test_english_descriptions_never_stop_inside_a_word(site, data):
    for fact in data["facts"]:
        description = head(site, "en/" + fact["url"]).meta["description"]
        kept = description.removesuffix("…")
        claim = " ".join(fact["claim"]["en"].split())
        assert claim.startswith(kept)
        following = claim[len(kept) : len(kept) + 1]
        assert following in ("", " ", ",", ";", ":", ".", "—") or not following.isalnum(), description


def test_fact_pages_describe_the_claim_and_its_sources_as_json_ld(site, data):
    fact = data["facts"][0]
    (claim,) = head(site, "en/" + fact["url"]).json_ld
    assert claim["@type"] == "Claim" and claim["name"] == fact["title"]["en"]
    assert [citation["text"] for citation in claim["citation"]] == [source["quote"] for source in fact["sources"]]


def test_sitemap_lists_every_page_in_both_languages_with_alternates(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for page in content_pages(site):
        assert SITE_URL + page in listed, page
    assert f'hreflang="en" href="{SITE_URL}en/timeline/"' in sitemap
    assert (site / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {SITE_URL}sitemap.xml\n")


def test_facts_csv_has_one_row_a_fact_in_both_languages(site, data):
    raw = (site / "data/facts.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # so that a spreadsheet reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == [fact["id"] for fact in data["facts"]]
    assert rows[0]["title_zh"] == data["facts"][0]["title"]["zh"] and rows[0]["claim_en"] == data["facts"][0]["claim"]["en"]


def test_methodology_links_the_downloads_and_states_the_licence(site):
    for prefix in ("", "en/"):
        page = (site / prefix / "methodology/index.html").read_text(encoding="utf-8")
        assert "data/dossier.json" in page and "data/facts.csv" in page
        assert "CC BY 4.0" in page


def test_fact_page_offers_a_citation_with_its_permalink(site, data):
    fact = data["facts"][0]
    page = re.sub(r"<[^>]+>", "", (site / "en" / fact["url"] / "index.html").read_text(encoding="utf-8"))
    assert f"@misc{{stability-dossier-{fact['id']}," in page
    assert SITE_URL + "en/" + fact["url"] in page


def test_the_404_page_speaks_both_languages(site):
    page = (site / "404.html").read_text(encoding="utf-8")
    assert "找不到这个页面" in page and "Page not found" in page


@pytest.mark.parametrize("kind", ["facts", "entities"])
def test_a_renamed_fact_or_entity_keeps_its_old_address(site, data, kind):
    renamed = [(record["id"], alias) for record in data[kind] for alias in record["aliases"]]
    assert renamed
    for record_id, alias in renamed:
        for prefix in ("", "en/"):
            old_page = (site / prefix / kind / alias / "index.html").read_text(encoding="utf-8")
            target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', old_page).group(1)
            assert target.endswith(f"/{record_id}/")
            assert (site / prefix / kind / alias / target / "index.html").resolve().is_file()
