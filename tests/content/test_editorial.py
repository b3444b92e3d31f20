"""End to end: the editors' notes and the first reports, where a reader of the built site sees them."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

LANGUAGES = {"zh": "", "en": "en/"}


@pytest.fixture(scope="module")
def data(site) -> dict:
    return json.loads((site / "data/dossier.json").read_text(encoding="utf-8"))


def visible_text(markup: str) -> str:
    """A page's text as a reader sees it: no tags, entities decoded, whitespace folded."""
    without_code = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", without_code))).strip()


def squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_text(site: Path, language: str, path: str) -> str:
    return visible_text((site / LANGUAGES[language] / path / "index.html").read_text(encoding="utf-8"))


def card_text(site: Path, language: str, fact: dict) -> str:
    """The text of a fact's card on its home topic's page."""
    markup = (site / LANGUAGES[language] / "topics" / fact["topics"][0] / "index.html").read_text(encoding="utf-8")
    start = markup.index(f'id="{fact["id"]}"')
    end = markup.find('class="dossier-fact"', start)
    return visible_text(markup[start : end if end > 0 else None])


def first_with_note(data: dict, kind: str, naming_facts: bool = False) -> tuple[dict, dict]:
    noted = [(fact, note) for fact in data["facts"] for note in fact["notes"] if note["kind"] == kind and (note["facts"] or not naming_facts)]
    assert noted, f"the dossier has no '{kind}' note"
    return noted[0]


@pytest.mark.parametrize("kind", ["sic", "disagreement", "no-reply"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_note_shows_on_its_facts_page_and_card_and_on_the_corrections_page(site, data, kind, language):
    fact, note = first_with_note(data, kind)
    text = squeezed(note["text"][language])
    assert text in page_text(site, language, f"facts/{fact['id']}"), "fact page"
    assert text in card_text(site, language, fact), "card on the topic page"
    assert text in page_text(site, language, "corrections"), "corrections page"
    if kind == "sic":
        assert note["article_wrote"] in page_text(site, language, f"facts/{fact['id']}")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_disagreement_is_shown_on_each_fact_it_names_with_a_link_to_the_others(site, data, language):
    fact, note = first_with_note(data, "disagreement", naming_facts=True)
    by_id = {each["id"]: each for each in data["facts"]}
    involved = [fact["id"], *note["facts"]]
    for shown_on in involved:
        markup = (site / LANGUAGES[language] / "facts" / shown_on / "index.html").read_text(encoding="utf-8")
        assert squeezed(note["text"][language]) in visible_text(markup), shown_on
        for other in involved:
            if other != shown_on:
                assert f'href="../{other}/"' in markup, f"{shown_on} links {other}"
                assert squeezed(by_id[other]["title"][language]) in visible_text(markup)


def test_the_first_report_shows_the_chain_on_the_card(site, data):
    fact = next(fact for fact in data["facts"] if fact["first_reported_by"])
    report = fact["first_reported_by"][0]
    outlet = next(entity for entity in data["entities"] if entity["id"] == report["by"])["name"]["en"]
    via = next(article for article in data["articles"] if article["id"] == report["via"])["name"]["en"]
    card = card_text(site, "en", fact)
    assert re.search(rf"{re.escape(outlet)}( \([^)]*\))?, via {re.escape(via)}", card), card[:300]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_reported_badge_says_it_is_reported_not_verified(site, language):
    markup = (site / LANGUAGES[language] / "index.html").read_text(encoding="utf-8")
    explained = html.unescape(re.search(r'class="dossier-status dossier-status--reported" title="([^"]+)"', markup).group(1))
    assert ("未作独立核实" if language == "zh" else "not verified by this dossier") in explained
    assert "as fact" not in explained and "作为事实" not in explained


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_quote_leads_to_its_paragraph_on_the_sources_page_and_on_to_the_original_or_says_there_is_none(site, data, language):
    fact = next(fact for fact in data["facts"] if fact["sources"])
    markup = (site / LANGUAGES[language] / "facts" / fact["id"] / "index.html").read_text(encoding="utf-8")
    anchor = re.search(r'href="\.\./\.\./sources/#([a-z0-9-]+-l\d+)"', markup).group(1)
    sources = (site / LANGUAGES[language] / "sources" / "index.html").read_text(encoding="utf-8")
    start = sources.index(f'id="{anchor}"')
    paragraph = visible_text(sources[start : sources.index("</div>", start)])
    assert squeezed(fact["sources"][0]["quote"]) in paragraph
    if language == "en" and fact["sources"][0]["translation"]:
        assert squeezed(fact["sources"][0]["translation"]) in paragraph
    for article in data["articles"]:
        if article["url"]:
            assert f'href="{article["url"]}"' in sources
        for reference in article["references"]:
            assert f'href="{reference}"' in sources
    if not all(article["url"] for article in data["articles"]):
        assert ("我们收到的文本没有给出原文地址" if language == "zh" else "The original address is not given in the text we received") in visible_text(sources)
