"""Rendering: the pages say what the facts say, in each language, and nothing from YAML runs as code."""

from __future__ import annotations

import json

import pytest

from dossier.model import Figure, Text
from dossier.pipeline import render_pages, words_of
from dossier.text import escape_markdown, format_amount, format_date, summarize
from tests.conftest import REPO

TEMPLATES = REPO / "templates"


def pages_of(project):
    return render_pages(project.root, project.check())


def test_every_page_exists_in_both_languages(project):
    pages = pages_of(project)
    chinese = {path for path in pages if path.endswith(".md") and not path.endswith(".en.md")}
    assert {"index.md", "timeline.md", "entities.md", "sources.md", "topics/downfall.md", "facts/release.md", "entities/acme-labs.md"} <= chinese
    for path in chinese:
        assert path.removesuffix(".md") + ".en.md" in pages


def test_fact_has_its_id_as_anchor_on_its_topic_page(project):
    pages = pages_of(project)
    assert "### 发布 { #release }" in pages["topics/downfall.md"]
    assert "### Release { #release }" in pages["topics/downfall.en.md"]


def test_fact_card_shows_status_attribution_and_quote(project):
    page = pages_of(project)["topics/downfall.en.md"]
    assert 'dossier-status--reported' in page and ">Reported<" in page
    assert ">Reported</span> by Acme Labs" in page
    assert "> 2022 年 8 月,Acme 发布了 Acme Paint" in page
    assert "(../facts/release.md)" in page


def test_script_and_markdown_in_a_claim_show_as_text(project):
    path = project.root / "facts/facts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("en: Released in August 2022.", "en: '<script>alert(1)</script> **bold** [link](http://x)'"), encoding="utf-8")
    page = pages_of(project)["facts/release.en.md"]
    assert "<script>" not in page
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*\\*bold\\*\\* \\[link\\]\\(http://x\\)" in page


def test_json_ld_describes_the_claim_and_its_sources_and_cannot_end_its_script_element(project):
    path = project.root / "facts/facts.yml"
    text = path.read_text(encoding="utf-8").replace("en: Release}", "en: 'Release </script> & \"more\"'}").replace('date: "2022-08"', 'date: "2022-08"\n    date_end: "2022-09"')
    text = text.replace("asserted_by: [acme-labs]", "asserted_by: [acme-labs, daily-example]") + "      - article: demo\n        quote: 每日样报报道,公司每月支出约 800 万美元\n"
    path.write_text(text, encoding="utf-8")
    page = pages_of(project)["facts/release.en.md"]
    embedded = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    claim = json.loads(embedded)

    assert claim["name"] == 'Release </script> & "more"' and claim["temporalCoverage"] == "2022-08/2022-09"
    assert [author["name"] for author in claim["author"]] == ["Acme Labs", "The Daily Example"]
    assert [citation["text"] for citation in claim["citation"]] == ["2022 年 8 月,Acme 发布了 Acme Paint", "每日样报报道,公司每月支出约 800 万美元"]
    assert claim["citation"][0]["publisher"] == {"@type": "Organization", "name": "Demo"}
    assert "<" not in embedded and ">" not in embedded


def test_data_json_has_the_documented_shape(project):
    data = json.loads(pages_of(project)["data/dossier.json"])
    (article,) = data["articles"]
    assert article["id"] == "demo" and article["path"] == "source_articles/demo.txt"
    (fact,) = data["facts"]
    assert fact["title"] == {"zh": "发布", "en": "Release"}
    assert fact["url"] == "facts/release/"
    assert fact["sources"] == [{"article": "demo", "quote": "2022 年 8 月,Acme 发布了 Acme Paint", "translation": None}]
    assert {"date", "topics", "entities", "figures", "attribution", "status"} <= set(fact)


def test_timeline_lists_dated_facts_under_their_year(project):
    page = pages_of(project)["timeline.en.md"]
    assert "## 2022 { #y2022 }" in page
    assert "**August 2022**" in page


@pytest.fixture
def wordings(project):
    return words_of(project.root, project.check())


def test_dates_are_written_with_their_precision_as_the_locale_writes_them(wordings):
    assert format_date("2024-03-20", wordings["zh"]) == "2024年3月20日"
    assert format_date("2024-03-20", wordings["en"]) == "20 March 2024"
    assert format_date("2024-03", wordings["en"]) == "March 2024"
    assert format_date("2024", wordings["en"]) == "2024"


def test_amounts_keep_currency_and_qualifier(wordings):
    figure = Figure(label=Text({"zh": "支出", "en": "costs"}), amount=8_000_000, currency="USD", qualifier="about", as_written="800 万美元")
    assert format_amount(figure, wordings["zh"]) == "约 800万美元"
    assert format_amount(figure, wordings["en"]) == "about US$8 million"


def test_a_currency_without_a_word_of_its_own_is_written_with_its_symbol(wordings):
    figure = Figure(label=Text({"zh": "支出", "en": "costs"}), amount=8_000_000, currency="GBP", as_written="800 万英镑")
    assert format_amount(figure, wordings["en"]) == "£8 million"


def test_an_order_of_magnitude_keeps_the_words_precision(wordings):
    revenue = Figure(label=Text({"zh": "收入", "en": "revenue"}), amount=10_000_000_000, currency="USD", qualifier="several", as_written="数百亿美元")
    assert format_amount(revenue, wordings["zh"]) == "数百亿美元"
    assert format_amount(revenue, wordings["en"]) == "tens of billions of US dollars"
    downloads = Figure(label=Text({"zh": "下载", "en": "downloads"}), amount=100_000_000, unit=Text({"zh": "次", "en": "downloads"}), qualifier="several", as_written="数亿次")
    assert format_amount(downloads, wordings["zh"]) == "数亿 次"
    assert format_amount(downloads, wordings["en"]) == "hundreds of millions of downloads"


def test_escape_markdown_leaves_plain_chinese_alone():
    assert escape_markdown("Acme 否认了此事。") == "Acme 否认了此事。"


def test_summary_cuts_at_a_clause_not_inside_a_word():
    text = "Acme Labs was valued at one billion dollars, and then it spent far more than it earned, month after month."
    short = summarize(text, 60)
    assert len(short) <= 60 and short.endswith("…") and text.startswith(short.removesuffix("…"))
    assert short == "Acme Labs was valued at one billion dollars…"


def test_bar_chart_scales_bars_to_the_largest_value():
    from dossier import charts

    chart = charts.bar_chart("c", "Title", "Description", [("a", "8", "cost", "x", 8.0), ("b", "2", "revenue", "y", 2.0)])
    largest, smaller = (bar.percent for bar in chart.bars)
    assert 50 <= largest < 100  # room beside the longest bar for its value
    assert smaller == round(largest / 4, 1)


SECOND_FACT_OF_AUGUST = """\
  - id: launch-party
    title: {zh: 发布会, en: Launch party}
    claim: {zh: 发布之后开了发布会。, en: A party followed the release.}
    date: "2022-08"
    topics: [downfall]
    section: rise
    asserted_by: [acme-labs]
    status: reported
    sources:
      - article: demo
        quote: 日活很快达到 1000 万
"""


def test_within_a_month_the_timeline_lists_a_fact_after_the_ones_it_is_said_to_follow(project):
    # Written first in the file, the party is said to follow the release.
    project.replace("facts/facts.yml", "facts:\n", "facts:\n" + SECOND_FACT_OF_AUGUST.replace('date: "2022-08"\n', 'date: "2022-08"\n    after: [release]\n'))
    page = pages_of(project)["timeline.en.md"]
    assert page.index("Release") < page.index("Launch party")


def test_a_section_intro_opens_its_section_on_the_topic_page(project):
    project.replace("facts/topics.yml", "title: {zh: 钱, en: Money}", "title: {zh: 钱, en: Money}\n        intro: {zh: 钱从哪里来。, en: Where the money came from.}")
    page = pages_of(project)["topics/downfall.en.md"]
    assert page.index("## Money") < page.index("Where the money came from.")


def test_an_event_chart_stands_at_the_top_of_its_topic_page_with_each_event_labelled(project):
    project.replace("dossier.yml", "citation_key:", "event_charts:\n  - {id: chart-left, topic: downfall, title: {zh: 离开, en: Who left}, description: {zh: 离开, en: Departures}, facts: [release]}\ncitation_key:")
    page = pages_of(project)["topics/downfall.en.md"]
    assert page.index('id="chart-left"') < page.index("## Rise")
    assert 'dossier-events__mark--labelled' in page and '<span class="dossier-events__label">Release</span>' in page
