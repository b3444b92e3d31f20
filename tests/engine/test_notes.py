"""Editorial notes and first reports: what the check demands of them, and where a reader sees them."""

from __future__ import annotations

import csv
import io

from dossier.pipeline import render_pages
from tests.conftest import REPO

TEMPLATES = REPO / "templates"

PERSON = """\
  - id: jane-roe
    kind: person
    name: {zh: Jane Roe, en: Jane Roe}
"""

# A second fact, quoting the article's second paragraph, that the notes of the first can name.
COSTS = """\
  - id: costs
    title: {zh: 每月支出, en: Monthly costs}
    claim: {zh: 每日样报报道每月支出约 800 万美元。, en: The Daily Example reported costs of about $8 million a month.}
    topics: [downfall]
    section: money
    entities: [acme-labs]
    asserted_by: [daily-example]
    status: reported
    sources:
      - article: demo
        quote: 每日样报报道,公司每月支出约 800 万美元
"""


def add_to_release(project, lines: str) -> None:
    """Add fields to the fixture's fact 'release', and the fact 'costs' after it."""
    path = project.root / "facts/facts.yml"
    text = path.read_text(encoding="utf-8").replace("    status: reported\n", "    status: reported\n" + lines, 1)
    path.write_text(text + COSTS, encoding="utf-8")


def test_a_sic_note_needs_the_articles_own_form(project):
    add_to_release(project, "    notes:\n      - kind: sic\n        text: {zh: 名字写错了, en: The name is wrong}\n")
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:")
    assert "a 'sic' note needs 'article_wrote'" in problem


def test_a_sic_notes_form_must_stand_in_the_quoted_article(project):
    add_to_release(project, "    notes:\n      - kind: sic\n        article_wrote: Stabilty\n        text: {zh: 名字写错了, en: The name is wrong}\n")
    (problem,) = project.problems()
    assert "'Stabilty' is not in the articles this fact quotes" in problem


def test_a_disagreement_must_name_another_fact_or_a_source(project):
    add_to_release(project, "    notes:\n      - kind: disagreement\n        text: {zh: 说法不一, en: They disagree}\n")
    (problem,) = project.problems()
    assert "a 'disagreement' note must name the other facts" in problem


def test_a_disagreement_naming_an_unknown_fact_suggests_the_known_one(project):
    add_to_release(project, "    notes:\n      - kind: disagreement\n        facts: [cost]\n        text: {zh: 说法不一, en: They disagree}\n")
    (problem,) = project.problems()
    assert "names 'cost', which is no fact (did you mean 'costs'?)" in problem


def test_an_allegation_against_a_person_needs_a_no_reply_note(project):
    project.write("facts/entities.yml", (project.root / "facts/entities.yml").read_text(encoding="utf-8") + PERSON)
    path = project.root / "facts/facts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("entities: [acme-labs]", "entities: [jane-roe]").replace("status: reported", "status: alleged"), encoding="utf-8")
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:10:")  # the line of its status
    assert "an allegation naming jane-roe needs a 'no-reply' note" in problem

    path.write_text(path.read_text(encoding="utf-8") + "    notes:\n      - kind: no-reply\n        text: {zh: 未见回应, en: No reply is reported}\n", encoding="utf-8")
    assert project.check().facts["release"].notes[0].kind == "no-reply"


def test_a_first_report_must_come_via_an_article_the_fact_quotes(project):
    project.write("source_articles/other.txt", "另一篇文章。\n")
    project.write("source_articles/other.yml", (project.root / "source_articles/demo.yml").read_text(encoding="utf-8").replace("id: demo", "id: other").replace("demo.txt", "other.txt"))
    add_to_release(project, "    first_reported_by:\n      - {by: daily-example, via: other}\n")
    (problem,) = project.problems()
    assert "'via' is 'other', but the fact quotes demo" in problem


def test_a_first_reports_address_must_be_one_the_article_cites(project):
    meta = project.root / "source_articles/demo.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "references:\n  - https://news.example/report\n", encoding="utf-8")
    add_to_release(project, "    first_reported_by:\n      - {by: daily-example, via: demo, url: 'https://news.example/other'}\n")
    (problem,) = project.problems()
    assert "article 'demo' cites no such address" in problem


def test_a_disagreement_shows_on_every_fact_it_names_linking_the_others_and_on_the_corrections_page(project):
    add_to_release(
        project,
        "    notes:\n      - kind: disagreement\n        facts: [costs]\n        articles: [demo]\n        text: {zh: 两处说法不同, en: The two passages differ}\n",
    )
    pages = render_pages(project.root, project.check())
    for language, heading, text in (("zh", "说法不一", "两处说法不同"), ("en", "The sources disagree", "The two passages differ")):
        suffix = ".md" if language == "zh" else ".en.md"
        release, costs = pages["facts/release" + suffix], pages["facts/costs" + suffix]
        assert f"**{heading}**" in release and text in release and "(../facts/costs.md)" in release
        assert f"**{heading}**" in costs and text in costs and "(../facts/release.md)" in costs
        topic = pages["topics/downfall" + suffix]
        assert topic.count(text) == 2  # on both cards
        corrections = pages["corrections" + suffix]
        assert text in corrections and "(facts/release.md)" in corrections and "(facts/costs.md)" in corrections


def test_a_sic_note_shows_the_articles_form_on_page_card_and_corrections_page(project):
    add_to_release(project, "    notes:\n      - kind: sic\n        article_wrote: Acme\n        text: {zh: 应为 Acme Labs, en: The company is Acme Labs}\n")
    pages = render_pages(project.root, project.check())
    for page in ("facts/release.en.md", "topics/downfall.en.md", "corrections.en.md"):
        assert "The company is Acme Labs (The article writes “Acme”.)" in pages[page], page
    assert "应为 Acme Labs（原文写作“Acme”。）" in pages["facts/release.md"]


def test_the_first_report_shows_the_chain_beside_the_status(project):
    meta = project.root / "source_articles/demo.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "references:\n  - https://news.example/report\n", encoding="utf-8")
    add_to_release(project, "    first_reported_by:\n      - {by: daily-example, via: demo, date: '2024-03-20', url: 'https://news.example/report'}\n")
    pages = render_pages(project.root, project.check())
    card = pages["topics/downfall.en.md"]
    assert ">Reported</span> by Acme Labs and [The Daily Example](<https://news.example/report>) (20 March 2024), via Demo" in card
    assert "据Acme Labs和[每日样报](<https://news.example/report>)（2024年3月20日，经演示转述）" in pages["topics/downfall.md"]


def test_every_fact_page_says_what_the_dossier_is_and_is_not(project):
    pages = render_pages(project.root, project.check())
    assert "it is not an independent verification" in pages["facts/release.en.md"]
    assert "它不是独立的事实核查" in pages["facts/release.md"]


def test_the_spreadsheet_carries_the_notes_and_first_reports(project):
    add_to_release(project, "    first_reported_by:\n      - {by: daily-example, via: demo}\n    notes:\n      - kind: context\n        text: {zh: 译自英文, en: Translated from English}\n")
    rows = list(csv.DictReader(io.StringIO(render_pages(project.root, project.check())["data/facts.csv"].removeprefix("\ufeff"))))
    release = next(row for row in rows if row["id"] == "release")
    assert release["notes_en"] == "context: Translated from English" and release["notes_zh"] == "context: 译自英文"
    assert release["first_reported_by"] == "daily-example via demo"


def test_an_order_of_magnitude_must_be_a_power_of_ten(project):
    path = project.root / "facts/facts.yml"
    figure = "    figures:\n      - {label: {zh: 用户, en: users}, amount: 12000000, unit: {zh: 人, en: users}, qualifier: several, as_written: Acme Paint}\n"
    path.write_text(path.read_text(encoding="utf-8").replace("    status: reported\n", "    status: reported\n" + figure), encoding="utf-8")
    (problem,) = project.problems()
    assert "with qualifier 'several', the amount is the order of magnitude" in problem
