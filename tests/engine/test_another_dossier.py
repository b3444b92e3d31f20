"""The engine builds any dossier: a new one made by `init`, and a second one in another pair of
languages (English at the root, French under fr/), with no change to the engine."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.problems import DossierError
from tests.conftest import REPO

ENGINE = REPO
LORVENNES = Path(__file__).resolve().parent / "dossiers" / "lorvennes"


def run(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ENGINE / "build_site.py"), *arguments], cwd=cwd, capture_output=True, text=True, timeout=300)


def new_dossier(folder: Path, languages: tuple[str, str] = ("en:en_GB:English", "fr:fr_FR:Français")) -> Path:
    made = run("init", str(folder), "--languages", *languages, cwd=folder.parent)
    assert made.returncode == 0, made.stderr
    return folder


class Page(HTMLParser):
    """What a reader sees of a page: its language, its heading, its text."""

    def __init__(self, path: Path):
        super().__init__()
        self.language, self.headings, self.text, self._in_h1 = "", [], [], False
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.language = dict(attrs).get("lang", "")
        self._in_h1 = tag == "h1" or self._in_h1

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_h1 and data.strip() and data.strip() != "¶":  # not the heading's permalink
            self.headings.append(data.strip())


@pytest.fixture(scope="module")
def lorvennes(tmp_path_factory) -> Path:
    """The second dossier: made by init, filled with its two articles and its facts, built."""
    folder = new_dossier(tmp_path_factory.mktemp("lorvennes") / "dossier")
    for sample in ("source_articles", "facts"):
        shutil.rmtree(folder / sample)
    shutil.copytree(LORVENNES, folder, dirs_exist_ok=True)
    built = run("--dossier", str(folder), "build", "--local", cwd=folder)
    assert built.returncode == 0, built.stderr
    return folder


@pytest.mark.publishing
def test_a_new_dossier_builds_into_a_site_at_once(tmp_path):
    folder = new_dossier(tmp_path / "mine")
    built = subprocess.run(["make", "preview"], cwd=folder, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    assert Page(folder / "site" / "index.html").headings == ["A new dossier"]
    assert "(fr) A new dossier" in Page(folder / "site" / "fr" / "index.html").headings
    assert (folder / "site" / "facts" / "reading-room-cost" / "index.html").is_file()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine", encoding="utf-8")
    refused = run("init", str(tmp_path / "mine"), cwd=tmp_path)
    assert refused.returncode == 1 and "not empty" in refused.stderr and "Traceback" not in refused.stderr
    assert [path.name for path in (tmp_path / "mine").iterdir()] == ["notes.txt"]


@pytest.mark.publishing
def test_the_root_language_is_the_first_one_and_the_other_lives_under_its_code(lorvennes):
    site = lorvennes / "site"
    home, french_home = Page(site / "index.html"), Page(site / "fr" / "index.html")
    assert (home.language, home.headings) == ("en", ["The Radio Lorvennes dossier"])
    assert (french_home.language, french_home.headings) == ("fr", ["Le dossier Radio Lorvennes"])
    assert "Chronologie" in " ".join(Page(site / "fr" / "timeline" / "index.html").headings)


@pytest.mark.publishing
def test_every_fact_has_a_page_and_a_preview_in_both_languages(lorvennes):
    site = lorvennes / "site"
    data = json.loads((site / "data" / "dossier.json").read_text(encoding="utf-8"))
    assert len(data["facts"]) == 9
    for fact in data["facts"]:
        for prefix, language in (("", "en"), ("fr/", "fr")):
            page = Page(site / prefix / "facts" / fact["id"] / "index.html")
            assert page.headings[0] == fact["title"][language]
            assert (site / "assets" / "social" / language / "facts" / f"{fact['id']}.png").is_file()


@pytest.mark.publishing
def test_quotes_stand_in_their_articles_language_with_the_translation_beside_them(lorvennes):
    markup = (lorvennes / "site" / "facts" / "marchetti-alleges-grant-retaliation" / "index.html").read_text(encoding="utf-8")
    assert '<blockquote lang="en"' in markup and '<blockquote lang="fr"' in markup


@pytest.mark.publishing
def test_amounts_and_dates_are_written_as_each_language_writes_them(lorvennes):
    english = " ".join(Page(lorvennes / "site" / "numbers" / "index.html").text)
    french = " ".join(Page(lorvennes / "site" / "fr" / "numbers" / "index.html").text)
    assert "€22,000" in english
    assert "22\u202f000 €" in french  # French groups digits with a narrow space
    assert "30 April 2025" in " ".join(Page(lorvennes / "site" / "timeline" / "index.html").text)
    assert "30 avril 2025" in " ".join(Page(lorvennes / "site" / "fr" / "timeline" / "index.html").text)


@pytest.mark.publishing
def test_search_indexes_both_languages(lorvennes):
    languages = json.loads((lorvennes / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    assert set(languages) == {"en", "fr"}
    facts = len(list((lorvennes / "site" / "facts").iterdir()))
    assert all(language["page_count"] >= facts for language in languages.values())


def test_a_misquoted_article_is_refused_in_the_second_dossier_too(tmp_path):
    folder = shutil.copytree(LORVENNES, tmp_path / "lorvennes")
    facts = folder / "facts" / "closure.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("annual grant of €22,000, which", "annual grant of €23,000, which", 1), encoding="utf-8")
    with pytest.raises(DossierError) as raised:
        pipeline.check(folder)
    assert any(str(problem).startswith("facts/closure.yml:30:") and "not found" in str(problem) for problem in raised.value.problems)


@pytest.mark.publishing
def test_a_local_preview_keeps_its_addresses_relative(lorvennes):
    markup = (lorvennes / "site" / "fr" / "facts" / "last-broadcast-30-april" / "index.html").read_text(encoding="utf-8")
    image = re.search(r'<meta property="og:image" content="([^"]+)"', markup).group(1)
    assert image == "../../../assets/social/fr/facts/last-broadcast-30-april.png"
    assert "Sitemap:" not in (lorvennes / "site" / "robots.txt").read_text(encoding="utf-8")
