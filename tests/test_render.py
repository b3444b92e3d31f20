"""Rendering: the pages say what the facts say, in each language, and nothing from YAML runs as code."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from dossier.model import Figure, Text
from dossier.pipeline import render_pages
from dossier.text import escape_markdown, format_amount, format_date, summarize
from tests.conftest import REPO

TEMPLATES = REPO / "templates"


def pages_of(project):
    return render_pages(project.check(), TEMPLATES)


def test_every_page_exists_in_both_languages(project):
    pages = pages_of(project)
    chinese = {path for path in pages if path.endswith(".md") and not path.endswith(".en.md")}
    assert {"index.md", "timeline.md", "entities.md", "sources.md", "topics/collapse.md", "facts/release.md", "entities/stability-ai.md"} <= chinese
    for path in chinese:
        assert path.removesuffix(".md") + ".en.md" in pages


def test_fact_has_its_id_as_anchor_on_its_topic_page(project):
    pages = pages_of(project)
    assert "### 发布 { #release }" in pages["topics/collapse.md"]
    assert "### Release { #release }" in pages["topics/collapse.en.md"]


def test_fact_card_shows_status_attribution_and_quote(project):
    page = pages_of(project)["topics/collapse.en.md"]
    assert 'dossier-status--reported' in page and ">Reported<" in page
    assert ">Reported</span> by Stability AI" in page
    assert "> 2022 年 8 月,Stability 发布了 Stable Diffusion" in page
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
    text = text.replace("asserted_by: [stability-ai]", "asserted_by: [stability-ai, bloomberg]") + "      - article: demo\n        quote: 彭博社报道,公司每月支出约 800 万美元\n"
    path.write_text(text, encoding="utf-8")
    page = pages_of(project)["facts/release.en.md"]
    embedded = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    claim = json.loads(embedded)

    assert claim["name"] == 'Release </script> & "more"' and claim["temporalCoverage"] == "2022-08/2022-09"
    assert [author["name"] for author in claim["author"]] == ["Stability AI", "Bloomberg"]
    assert [citation["text"] for citation in claim["citation"]] == ["2022 年 8 月,Stability 发布了 Stable Diffusion", "彭博社报道,公司每月支出约 800 万美元"]
    assert claim["citation"][0]["publisher"] == {"@type": "Organization", "name": "Demo"}
    assert "<" not in embedded and ">" not in embedded


RENDER_EVERY_PAGE = """
import hashlib, json, sys
from pathlib import Path
from dossier.pipeline import check, render_pages
pages = render_pages(check(Path(sys.argv[1])), Path(sys.argv[1]) / "templates", "https://dossier.example/")
print(json.dumps({path: hashlib.sha256(text.encode()).hexdigest() for path, text in pages.items()}, sort_keys=True))
"""


def test_rendering_gives_the_same_bytes_in_processes_with_other_hash_seeds():
    def rendered_with(seed: str) -> str:
        environment = os.environ | {"PYTHONHASHSEED": seed}
        return subprocess.run([sys.executable, "-c", RENDER_EVERY_PAGE, str(REPO)], cwd=REPO, env=environment, capture_output=True, text=True, check=True).stdout

    first = rendered_with("1")
    assert {"index.md", "corrections.en.md", "data/dossier.json"} <= set(json.loads(first))
    assert rendered_with("2") == first


def test_data_json_has_the_documented_shape(project):
    data = json.loads(pages_of(project)["data/dossier.json"])
    (article,) = data["articles"]
    assert article["id"] == "demo" and article["path"] == "source_articles/demo.txt"
    (fact,) = data["facts"]
    assert fact["title"] == {"zh": "发布", "en": "Release"}
    assert fact["url"] == "facts/release/"
    assert fact["sources"] == [{"article": "demo", "quote": "2022 年 8 月,Stability 发布了 Stable Diffusion", "translation": None}]
    assert {"date", "topics", "entities", "figures", "attribution", "status"} <= set(fact)


def test_timeline_lists_dated_facts_under_their_year(project):
    page = pages_of(project)["timeline.en.md"]
    assert "## 2022 { #y2022 }" in page
    assert "**August 2022**" in page


def test_dates_are_written_with_their_precision():
    assert format_date("2024-03-20", "zh") == "2024 年 3 月 20 日"
    assert format_date("2024-03", "en") == "March 2024"
    assert format_date("2024", "en") == "2024"


def test_amounts_keep_currency_and_qualifier():
    labels = __import__("yaml").safe_load((TEMPLATES / "labels.yml").read_text(encoding="utf-8"))
    figure = Figure(label=Text(zh="支出", en="costs"), amount=8_000_000, currency="USD", qualifier="about", as_written="800 万美元")
    assert format_amount(figure, "zh", labels) == "约 800 万美元"
    assert format_amount(figure, "en", labels) == "about US$8 million"


def test_an_order_of_magnitude_keeps_the_words_precision():
    labels = __import__("yaml").safe_load((TEMPLATES / "labels.yml").read_text(encoding="utf-8"))
    revenue = Figure(label=Text(zh="收入", en="revenue"), amount=10_000_000_000, currency="USD", qualifier="several", as_written="数百亿美元")
    assert format_amount(revenue, "zh", labels) == "数百亿美元"
    assert format_amount(revenue, "en", labels) == "tens of billions of US dollars"
    downloads = Figure(label=Text(zh="下载", en="downloads"), amount=100_000_000, unit=Text(zh="次", en="downloads"), qualifier="several", as_written="数亿次")
    assert format_amount(downloads, "zh", labels) == "数亿 次"
    assert format_amount(downloads, "en", labels) == "hundreds of millions of downloads"


def test_escape_markdown_leaves_plain_chinese_alone():
    assert escape_markdown("Stability 否认了此事。") == "Stability 否认了此事。"


def test_summary_cuts_at_a_clause_not_inside_a_word():
    text = "Stability AI was valued at one billion dollars, and then it spent far more than it earned, month after month."
    short = summarize(text, 60)
    assert len(short) <= 60 and short.endswith("…") and text.startswith(short.removesuffix("…"))
    assert short == "Stability AI was valued at one billion dollars…"


def test_bar_chart_scales_bars_to_the_largest_value():
    from dossier import charts

    chart = charts.bar_chart("c", "Title", "Description", [("a", "8", "cost", "x", 8.0), ("b", "2", "revenue", "y", 2.0)])
    widths = [bar.width for bar in chart.bars]
    assert widths[0] == charts.WIDTH - charts.VALUE_SPACE
    assert widths[1] == widths[0] / 4
    assert chart.height == 2 * charts.ROW_HEIGHT + 8
