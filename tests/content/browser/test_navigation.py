"""Getting around: the language selector, the facts' permanent addresses, and a quote's way back to its article."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browsing import ON_A_PHONE

from .site_pages import LANGUAGES, OTHER_LANGUAGE, PAGE_TYPES, address

pytestmark = pytest.mark.browser

H1_TEXT = """h1 => [...h1.childNodes].filter(node => !(node.classList && node.classList.contains('headerlink')))
                                   .map(node => node.textContent).join('')"""


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("path", ["facts/amazon-gpu-threat-denied/", "topics/collapse/"], ids=["fact", "topic"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_language_selector_leads_to_the_same_page_in_the_other_language(page, base_url, language, path):
    other = OTHER_LANGUAGE[language]
    page.goto(address(language, path))
    page.locator(".md-header .md-select").hover()
    with page.expect_navigation():
        page.locator(f".md-header .md-select a[hreflang='{other}']").click()
    assert urlsplit(page.url).path == urlsplit(base_url + address(other, path)).path
    assert page.locator("html").get_attribute("lang") == other


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_language_selector_keeps_the_fact_and_the_filter_a_reader_is_at(page, base_url, language):
    other = OTHER_LANGUAGE[language]
    page.goto(address(language, "topics/collapse/") + "?status=alleged#unpaid-wages-allegation")
    page.locator(".md-header .md-select").hover()
    with page.expect_navigation():
        page.locator(f".md-header .md-select a[hreflang='{other}']").click()
    moved = urlsplit(page.url)
    assert moved.path == urlsplit(base_url + address(other, "topics/collapse/")).path
    assert (moved.query, moved.fragment) == ("status=alleged", "unpaid-wages-allegation")
    assert page.locator("form.dossier-filters select[name=status]").input_value() == "alleged"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_facts_permalink_opens_a_page_titled_with_that_fact(page, dossier, language):
    facts = dossier["facts"]
    # A spread of facts, and any whose title holds characters that need escaping in HTML.
    chosen = facts[:: max(1, len(facts) // 6)] + [fact for fact in facts if re.search(r"[&<>\"']", fact["title"][language])][:3]
    for fact in chosen:
        page.goto(address(language, f"facts/{fact['id']}/"))
        h1 = page.locator("article h1").first
        assert normalised(h1.evaluate(H1_TEXT)) == normalised(fact["title"][language]), f"facts/{fact['id']}/ in {language}"


def page_title(site: Path, url_path: str) -> str:
    """The text of a built page's h1, from its file."""
    text = (site / url_path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1)
    return normalised(html.unescape(re.sub(r'<a class="headerlink".*?</a>|<[^>]+>', "", h1)))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_navigation_names_each_page_by_its_title(page, site, language):
    page.goto(address(language, "methodology/"))
    entries = page.evaluate(
        """() => [...document.querySelectorAll('.md-nav--primary a.md-nav__link[href]')]
                  .filter(link => !link.getAttribute('href').includes('#'))
                  .map(link => [new URL(link.href).pathname, link.innerText])"""
    )
    assert len(entries) >= 9
    for path, label in entries:
        assert normalised(label) == page_title(site, path), f"the navigation calls {path} {label!r}"


CORRECTIONS_TITLE = {"zh": "更正与分歧", "en": "Corrections and disagreements"}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_corrections_page_is_one_click_from_the_home_page(page, language):
    page.goto(address(language, ""))
    with page.expect_navigation():
        page.locator("article a", has_text=CORRECTIONS_TITLE[language]).first.click()
    assert normalised(page.locator("article h1").first.evaluate(H1_TEXT)) == CORRECTIONS_TITLE[language]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_on_a_phone_the_corrections_page_is_two_clicks_from_the_home_page(new_context, language):
    page = new_context(**ON_A_PHONE).new_page()
    page.goto(address(language, ""))
    page.locator("label.md-header__button[for='__drawer']").click()
    with page.expect_navigation():
        page.locator(".md-nav--primary a.md-nav__link", has_text=CORRECTIONS_TITLE[language]).first.click()
    assert normalised(page.locator("article h1").first.evaluate(H1_TEXT)) == CORRECTIONS_TITLE[language]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_quotes_line_link_opens_its_passage_on_the_sources_page_in_view(page, language):
    page.goto(address(language, PAGE_TYPES["fact"]))
    quote = page.locator(".dossier-quote blockquote").first.inner_text().strip()
    link = page.locator("article a[href*='sources/#']").filter(has_text=re.compile(r"\d")).first
    with page.expect_navigation():
        link.click()
    fragment = urlsplit(page.url).fragment
    assert urlsplit(page.url).path.endswith("/sources/") and fragment, page.url
    passage = page.locator(f"[id='{fragment}']")
    expect(passage).to_be_in_viewport()
    assert quote[:12] in passage.inner_text(), (quote, passage.inner_text()[:200])
