"""End to end: the real dossier builds into a complete bilingual site that loads nothing from elsewhere."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dossier import pipeline
from tests.conftest import REPO
from tests.content.conftest import copy_of_repo


@pytest.fixture(scope="module")
def data(site) -> dict:
    return json.loads((site / "data/dossier.json").read_text(encoding="utf-8"))


def html_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html"))


def chinese_pages(site: Path) -> list[Path]:
    return [path for path in html_pages(site) if path.relative_to(site).parts[0] != "en" and path.name == "index.html"]


class ResourceCollector(HTMLParser):
    """The addresses a browser would load without a click: scripts, styles, images, icons, frames."""

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("src", "srcset", "poster", "data"):
            if attributes.get(name):
                self.loaded.append(attributes[name])
        if tag == "link" and attributes.get("href") and attributes.get("rel") not in ("alternate", "canonical"):
            self.loaded.append(attributes["href"])


def test_every_chinese_page_has_its_english_twin_at_the_same_path(site):
    pages = chinese_pages(site)
    assert len(pages) > 100
    for page in pages:
        twin = site / "en" / page.relative_to(site)
        assert twin.is_file(), f"no English twin for {page.relative_to(site)}"


def test_every_fact_has_a_page_in_both_languages_with_its_title(site, data):
    for fact in data["facts"]:
        chinese = (site / fact["url"] / "index.html").read_text(encoding="utf-8")
        english = (site / "en" / fact["url"] / "index.html").read_text(encoding="utf-8")
        assert fact["title"]["zh"].replace("&", "&amp;") in chinese
        assert fact["title"]["en"].replace("&", "&amp;").replace('"', "&quot;") in english or fact["title"]["en"] in english


def test_every_fact_has_its_anchor_on_its_topic_page(site, data):
    for fact in data["facts"]:
        topic_page = (site / "topics" / fact["topics"][0] / "index.html").read_text(encoding="utf-8")
        assert f'id="{fact["id"]}"' in topic_page


def test_language_switch_stays_on_the_same_page(site):
    english = (site / "en/topics/collapse/index.html").read_text(encoding="utf-8")
    chinese = (site / "topics/collapse/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="\.\./\.\./\.\./topics/collapse/" hreflang="zh"', english)
    assert re.search(r'<a href="\.\./\.\./en/topics/collapse/" hreflang="en"', chinese)


def test_pages_are_in_their_language(site):
    assert '<html lang="zh"' in (site / "timeline/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (site / "en/timeline/index.html").read_text(encoding="utf-8")


def test_nothing_is_loaded_from_another_host(site):
    for page in html_pages(site):
        collector = ResourceCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        external = [url for url in collector.loaded if re.match(r"^(https?:)?//", url)]
        assert not external, f"{page.relative_to(site)} loads {external}"
    for stylesheet in site.rglob("*.css"):
        assert "fonts.googleapis" not in stylesheet.read_text(encoding="utf-8")


def test_dossier_json_describes_articles_and_facts(site, data):
    assert {article["id"] for article in data["articles"]} == {"appso", "qbitai"}
    for article in data["articles"]:
        assert (REPO / article["path"]).is_file()
    assert len(data["facts"]) >= 40
    for fact in data["facts"]:
        assert set(fact["title"]) == {"zh", "en"} and set(fact["claim"]) == {"zh", "en"}
        assert fact["status"] in {"reported", "alleged", "denied", "prediction", "opinion"}
        assert fact["sources"] and all(set(source) == {"article", "quote", "translation"} for source in fact["sources"])
        assert (site / fact["url"] / "index.html").is_file()


def test_facts_come_from_both_articles_and_all_three_topics(data):
    cited = {source["article"] for fact in data["facts"] for source in fact["sources"]}
    assert cited == {"appso", "qbitai"}
    assert {fact["topics"][0] for fact in data["facts"]} == {"collapse", "talent-exodus", "business-models"}


def test_search_has_an_index_for_each_language_holding_every_fact(site, data):
    languages = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    assert set(languages) == {"zh", "en"}
    assert all(language["page_count"] >= len(data["facts"]) for language in languages.values())


def test_fact_pages_stay_out_of_the_navigation(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert len(home) < 150_000
    assert "facts/" not in re.sub(r'<div class="md-content".*', "", home, flags=re.S)


def test_sources_page_lists_quoted_passages_in_article_order(site):
    page = (site / "sources/index.html").read_text(encoding="utf-8")
    appso = page[page.index('id="appso"') : page.index('id="qbitai"')] if page.index('id="appso"') < page.index('id="qbitai"') else page[page.index('id="appso"') :]
    lines = [int(number) for number in re.findall(r"第 (\d+) 行", appso)]
    assert lines and lines == sorted(lines)


def file_digests(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_check_command_accepts_the_real_dossier():
    result = subprocess.run([sys.executable, "build_site.py", "check"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_a_broken_fact_fails_the_build_and_leaves_the_site_as_it_was(tmp_path, site):
    copy = copy_of_repo(tmp_path / "repo")
    shutil.copytree(site, copy / "site")
    before = file_digests(copy / "site")
    facts_file = sorted((copy / "facts").glob("*.yml"))[0]
    text = facts_file.read_text(encoding="utf-8")
    quote_line = next(number for number, line in enumerate(text.splitlines(), 1) if line.strip().startswith("quote:"))
    lines = text.splitlines()
    lines[quote_line - 1] = lines[quote_line - 1].replace("quote:", "quote: 这句话不在文章里", 1)
    facts_file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = subprocess.run([sys.executable, "build_site.py", "build"], cwd=copy, capture_output=True, text=True)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(rf"^facts/{facts_file.name}:{quote_line}:\d+: fact '[a-z0-9-]+': quote not found", result.stderr, re.M)
    assert file_digests(copy / "site") == before


def test_a_site_to_publish_is_refused_without_its_address_and_says_how_to_give_it(tmp_path):
    copy = copy_of_repo(tmp_path / "repo")
    environment = {name: value for name, value in os.environ.items() if name != "SITE_URL"}
    result = subprocess.run([sys.executable, "build_site.py", "build"], cwd=copy, capture_output=True, text=True, env=environment)

    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "SITE_URL=https://your.host/path/ make build" in result.stderr and "make preview" in result.stderr
    assert not (copy / "site").exists()


def test_numbers_page_tables_every_figure_and_charts_the_money(site, data):
    charted = pipeline.check(REPO).settings.charts
    facts = {fact["id"]: fact for fact in data["facts"]}
    for prefix in ("", "en/"):
        page = (site / prefix / "numbers/index.html").read_text(encoding="utf-8")
        figures = sum(len(fact["figures"]) for fact in data["facts"])
        table_rows = len(re.findall(r"<tr>\s*<td[^>]*>\s*<strong>", page))
        assert table_rows == figures
        charts = re.findall(r'<figure class="dossier-chart dossier-chart--bars" id="([^"]+)"[^>]*>(.*?)</figure>', page, re.S)
        assert [chart_id for chart_id, _ in charts] == [chart.id for chart in charted]
        for (_, chart), settings in zip(charts, charted):
            assert 'class="dossier-chart__title"' in chart and 'class="dossier-chart__desc"' in chart
            hrefs = re.findall(r'<a class="dossier-bar" href="([^"]+)"', chart)
            assert hrefs
            for href in hrefs:
                assert (site / prefix / "numbers" / href / "index.html").resolve().is_file()
                # one company to a chart: a bar scale is never shared by two companies' figures
                fact_id = href.rstrip("/").rsplit("/", 1)[-1]
                assert settings.entity is None or settings.entity in facts[fact_id]["entities"], (settings.id, fact_id)


def test_building_leaves_the_editors_files_alone(site):
    built_from = site.parent
    for folder in ("facts", "source_articles", "templates"):
        before = sorted(path.relative_to(REPO).as_posix() for path in (REPO / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts)
        after = sorted(path.relative_to(built_from).as_posix() for path in (built_from / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts)
        assert after == before


@pytest.mark.parametrize("site_dir", ["docs", "facts", "templates/site", ".", ".."])
def test_a_site_folder_that_would_replace_the_project_or_its_folders_is_refused(tmp_path, site_dir):
    copy = copy_of_repo(tmp_path / "repo")
    before = source_digests(copy)
    result = subprocess.run([sys.executable, "build_site.py", "build", "--site-dir", site_dir], cwd=copy, capture_output=True, text=True)

    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "choose a folder of its own" in result.stderr
    assert source_digests(copy) == before


def source_digests(folder: Path) -> dict[str, str]:
    """Every file of the project but Python's own caches, which running it may write."""
    return {path: digest for path, digest in file_digests(folder).items() if "__pycache__" not in Path(path).parts}


class ChineseText(HTMLParser):
    """A page's own words: its text outside quotes of the articles (blockquote, q), code, scripts and styles."""

    SKIPPED = {"blockquote", "q", "pre", "code", "script", "style"}

    def __init__(self):
        super().__init__()
        self.depth, self.text = 0, []

    def handle_starttag(self, tag, attrs):
        self.depth += tag in self.SKIPPED

    def handle_endtag(self, tag):
        self.depth -= tag in self.SKIPPED

    def handle_data(self, data):
        if not self.depth:
            self.text.append(data)


def test_chinese_pages_use_chinese_punctuation_and_no_english_interface_words(site):
    found = []
    for page in chinese_pages(site):
        reader = ChineseText()
        reader.feed(page.read_text(encoding="utf-8"))
        text = " ".join(reader.text)
        found += [f"{page.relative_to(site)}: …{match.group(0)}" for match in re.finditer(r".{0,6}[\u4e00-\u9fff][:,] ", text)]
        found += [f"{page.relative_to(site)}: {word}" for word in ("Dark mode", "Light mode", "Made with") if word in text]
    assert not found, "\n".join(found[:20])
