"""Hostile or unlucky input: each kind is a located problem (or a refusal), never a traceback or a published file."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys

import pytest

import build_site
from dossier import pipeline
from dossier.pipeline import render_pages
from dossier.problems import DossierError
from tests.conftest import REPO

TEMPLATES = REPO / "templates"
FIGURE = "    figures:\n      - {{label: {{zh: 支出, en: costs}}, amount: {amount}, currency: {currency}, as_written: '2022'}}\n"


def with_figure(project, amount: str, currency: str = "USD") -> None:
    project.replace("facts/facts.yml", "    status: reported\n", "    status: reported\n" + FIGURE.format(amount=amount, currency=currency))


BLOCK_NESTING = "\n" + "".join("  " * (level + 3) + "-\n" for level in range(150)) + "  " * 153 + "- x"


@pytest.mark.parametrize("nesting", ["[" * 150 + "]" * 150, BLOCK_NESTING], ids=["flow", "block"])
def test_nesting_deeper_than_any_file_needs_is_refused_at_its_line(project, nesting):
    project.write("facts/deep.yml", "terms:\n  - zh: 一\n    extra: " + nesting + "\n")
    (problem,) = project.problems()
    assert problem.startswith("facts/deep.yml:") and "nested more than 100 deep" in problem


def test_a_file_deep_enough_to_crash_the_parser_is_refused_in_a_process_that_lives(project):
    project.write("facts/deep.yml", "terms: " + "[" * 200_000 + "]" * 200_000 + "\n")
    checked = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from dossier.pipeline import check; check(Path(sys.argv[1]))", str(project.root)], cwd=REPO, capture_output=True, text=True)
    assert checked.returncode == 1 and "nested more than 100 deep" in checked.stderr  # a DossierError, not a crash


@pytest.mark.parametrize("bad_id", ["index", "a" * 81])
def test_an_id_that_would_break_a_page_is_refused_at_its_line(project, bad_id):
    project.replace("facts/entities.yml", "id: daily-example", f"id: {bad_id}")
    problems = project.problems()
    assert any(problem.startswith("facts/entities.yml:5:") and ("reserved" in problem or "longer than 80" in problem) for problem in problems), problems


@pytest.mark.parametrize("amount", [".nan", ".inf", "1e400", "true", '"100"', "1" * 400, "-5"])
def test_an_amount_is_a_finite_number_in_a_sane_range(project, amount):
    with_figure(project, amount)
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:") and "is not an amount" in problem


def test_a_currency_must_be_an_iso_code_and_one_without_a_word_shows_its_symbol(project):
    with_figure(project, "8000000", "XYZ")
    (problem,) = project.problems()
    assert "'XYZ' is not an ISO 4217 currency code" in problem

    project.replace("facts/facts.yml", "currency: XYZ", "currency: CHF")
    pages = render_pages(project.root, project.check())
    assert "**CHF 8 million**" in pages["facts/release.en.md"]


@pytest.mark.parametrize("field", ["url: 'javascript:alert(1)'", "url: 'data:text/html,x'", "references: ['https://ok.example/\"><script>']"])
def test_an_articles_addresses_must_be_plain_web_addresses(project, field):
    project.write("source_articles/demo.yml", (project.root / "source_articles/demo.yml").read_text(encoding="utf-8") + field + "\n")
    problems = project.problems()
    assert any(problem.startswith("source_articles/demo.yml:") and "is not a web address" in problem for problem in problems), problems


@pytest.mark.parametrize("text_path", ["../facts/topics.yml", "/etc/hostname", "link.txt"])
def test_an_article_text_must_lie_in_the_articles_folder(project, text_path):
    (project.root / "source_articles/link.txt").symlink_to(project.root / "facts/topics.yml")
    project.replace("source_articles/demo.yml", "text: demo.txt", f"text: {text_path}")
    problems = project.problems()
    assert any(problem.startswith("source_articles/demo.yml:2:") and "must be a file in source_articles/" in problem for problem in problems), problems


def test_a_yaml_file_with_the_other_ending_is_reported_not_ignored(project):
    project.write("facts/more.yaml", "terms:\n  - zh: 一\n")
    assert project.problems() == ["facts/more.yaml:1:1: files here end in .yml: rename it to more.yml, or it is not read"]


def test_a_section_id_used_twice_in_a_topic_is_refused(project):
    project.replace("facts/topics.yml", "- id: money", "- id: rise")
    (problem,) = project.problems()
    assert problem.startswith("facts/topics.yml:") and "section id 'rise' is used twice" in problem


def test_an_alias_equal_to_its_own_id_is_refused(project):
    project.replace("facts/facts.yml", "    status: reported\n", "    status: reported\n    aliases: [release]\n")
    (problem,) = project.problems()
    assert "alias 'release' is this fact's own id" in problem


@pytest.mark.parametrize("site_url", ['https://example.org/a"onload=alert(1)', "https://example.org/\n<script>", "javascript:alert(1)//", "example.org/dossier"])
def test_a_site_url_that_could_break_out_of_the_page_stops_the_build_before_anything_is_written(tmp_path, site_url, monkeypatch, capsys):
    site = tmp_path / "site"
    monkeypatch.setenv("SITE_URL", site_url)
    assert build_site.main(["build", "--site-dir", str(site)]) == 2
    assert "is not a plain web address" in capsys.readouterr().err
    assert not site.exists()


def test_serving_on_a_port_in_use_says_so_and_fails(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        served = subprocess.run([sys.executable, "build_site.py", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert served.returncode == 1 and f"Cannot serve on 127.0.0.1:{port}" in served.stderr and "Traceback" not in served.stderr


def test_a_word_missing_in_one_language_is_a_located_problem(project):
    shutil.copytree(TEMPLATES, project.root / "templates")
    words = project.root / "templates/words/en.yml"
    words.write_text(words.read_text(encoding="utf-8").replace("\nsource: Source\n", "\n"), encoding="utf-8")
    problems = project.problems()
    assert len(problems) == 1
    assert problems[0].startswith("templates/words/en.yml:") and "no word 'source' (templates/words/zh.yml:" in problems[0]


def test_a_template_syntax_error_is_a_located_problem(project):
    shutil.copytree(TEMPLATES, project.root / "templates")
    fact_template = project.root / "templates/fact.md.j2"
    fact_template.write_text(fact_template.read_text(encoding="utf-8").replace("{% if fact.date_note %}", "{% if fact.date_note %"), encoding="utf-8")
    with pytest.raises(DossierError) as raised:
        pipeline.generate(project.root)
    (problem,) = raised.value.problems
    assert str(problem).startswith("templates/fact.md.j2:") and "template syntax error" in str(problem)


def test_a_damaged_cache_is_ignored_and_rebuilt_to_the_same_bytes(project):
    shutil.copytree(TEMPLATES, project.root / "templates")

    def generate_and_draw() -> dict[str, bytes]:
        pipeline.draw_previews(project.root, pipeline.generate(project.root))
        return {str(path.relative_to(project.root)): path.read_bytes() for folder in ("docs", ".cache/previews") for path in sorted((project.root / folder).rglob("*")) if path.is_file()}

    clean = generate_and_draw()
    cache = project.root / ".cache"
    outside = project.root / "keep-me.txt"
    outside.write_text("an editor's file", encoding="utf-8")
    manifest = next(cache.rglob("manifest.json"))
    manifest.write_text('{"../../keep-me.txt": "x"}', encoding="utf-8")  # a stale entry pointing out of the cache
    (cache / "pages.json").write_text("[1, 2", encoding="utf-8")
    image = next(cache.rglob("*.png"))
    image.write_bytes(image.read_bytes()[:100])
    assert generate_and_draw() == clean
    assert outside.read_text(encoding="utf-8") == "an editor's file"

    manifest.write_text("[]", encoding="utf-8")
    assert generate_and_draw() == clean

    shutil.rmtree(cache / "previews")
    (cache / "previews").write_text("not a folder", encoding="utf-8")
    assert generate_and_draw() == clean
    shutil.rmtree(cache)
    cache.write_text("not a folder either", encoding="utf-8")
    assert generate_and_draw() == clean


@pytest.mark.parametrize("odd", ["a link to itself", "a dangling link", "a folder"])
def test_an_odd_file_among_the_facts_is_a_located_problem(project, odd):
    path = project.root / "facts/odd.yml"
    if odd == "a link to itself":
        path.symlink_to(path)
    elif odd == "a dangling link":
        path.symlink_to(project.root / "facts/nothing-here")
    else:
        path.mkdir()
    (problem,) = project.problems()
    assert problem.startswith("facts/odd.yml:1:1: cannot read this file")


def test_the_two_languages_kept_files_swapped_are_each_rebuilt_in_their_own_language(project):
    pipeline.draw_previews(project.root, pipeline.generate(project.root))
    docs, previews = project.root / "docs", project.root / ".cache" / "previews" / "assets" / "social"
    pairs = [(docs / "topics" / "downfall.md", docs / "topics" / "downfall.en.md"), (previews / "zh" / "site.png", previews / "en" / "site.png")]
    clean = {path: path.read_bytes() for pair in pairs for path in pair}
    for chinese, english in pairs:
        chinese_bytes = chinese.read_bytes()
        chinese.write_bytes(english.read_bytes())
        english.write_bytes(chinese_bytes)
    pipeline.draw_previews(project.root, pipeline.generate(project.root))
    assert {path: path.read_bytes() for path in clean} == clean


def test_a_generated_folder_that_cannot_be_written_is_named_without_a_traceback(project, capsys):
    (project.root / "docs" / "facts").write_text("a file where the facts' pages go", encoding="utf-8")
    assert build_site.main(["--dossier", str(project.root), "build", "--local"]) == 1
    errors = capsys.readouterr().err
    assert "docs/facts" in errors and "nothing was published" in errors and "Traceback" not in errors
    assert not (project.root / "site").exists()


def test_a_language_without_the_words_of_an_order_of_magnitude_is_told_so_by_check(project):
    shutil.copytree(TEMPLATES, project.root / "templates")
    project.replace("templates/words/zh.yml", ', "1000": "数千"', "")
    problems = project.problems()
    assert problems and all(problem.startswith("templates/words/zh.yml:") and "no word 'magnitude.1000'" in problem for problem in problems)
