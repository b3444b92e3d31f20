"""What readers do beyond reading: copy a fact's link, filter a long page, print it, find whole terms."""

from __future__ import annotations

import pytest

from .site_pages import address
from .test_search import search

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["zh", "en"])
def test_copy_link_puts_the_facts_permalink_on_the_clipboard(new_context, base_url, language):
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(address(language, "topics/collapse/"))
    button = page.locator("button.dossier-copy-link").first
    fact_id = button.locator("xpath=ancestor::div[contains(@class, 'dossier-fact')]//h3").first.get_attribute("id")

    button.click()

    assert page.evaluate("navigator.clipboard.readText()") == base_url + address(language, f"facts/{fact_id}/")
    assert button.inner_text().startswith("✓")


def test_filtering_a_topic_page_by_status_shows_only_those_facts(page):
    page.goto("en/topics/collapse/")
    facts = page.locator(".dossier-fact")
    total = facts.count()

    page.select_option("form.dossier-filters select[name=status]", "alleged")

    visible = page.locator(".dossier-fact:visible")
    assert 0 < visible.count() < total
    assert set(visible.evaluate_all("nodes => nodes.map(node => node.dataset.status)")) == {"alleged"}
    assert page.locator(".dossier-filters__count").inner_text() == f"Showing {visible.count()} of {total} facts"


def test_a_filtered_page_keeps_its_filter_in_its_address_for_sharing(page, new_context):
    page.goto("en/topics/collapse/")
    page.select_option("form.dossier-filters select[name=status]", "alleged")
    assert "status=alleged" in page.url

    shared = new_context().new_page()
    shared.goto(page.url.split("://", 1)[1].split("/", 1)[1])
    assert shared.locator("form.dossier-filters select[name=status]").input_value() == "alleged"
    assert set(shared.locator(".dossier-fact:visible").evaluate_all("nodes => nodes.map(node => node.dataset.status)")) == {"alleged"}


def test_the_table_of_contents_lists_only_what_the_filter_shows(page):
    page.goto("en/topics/collapse/")
    toc = page.locator(".md-sidebar--secondary a.md-nav__link[href^='#']")
    before = toc.locator("visible=true").count()
    page.select_option("form.dossier-filters select[name=status]", "alleged")
    listed = toc.locator("visible=true").evaluate_all("links => links.map(link => link.getAttribute('href').slice(1))")
    assert 0 < len(listed) < before
    shown = set(page.locator(".dossier-fact:visible h3").evaluate_all("nodes => nodes.map(node => node.id)"))
    assert shown <= set(listed)
    assert all(page.locator(f"[id='{anchor}']").is_visible() for anchor in listed)


def test_without_javascript_the_filters_and_copy_buttons_are_hidden_not_dead(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("en/topics/collapse/")
    assert page.locator(".dossier-fact").first.is_visible()
    assert page.locator("form.dossier-filters").is_hidden()
    assert page.locator("button.dossier-copy-link").count() > 0
    assert page.locator("button.dossier-copy-link:visible").count() == 0


def test_filtering_the_timeline_by_person_keeps_only_their_facts(page):
    page.goto("timeline/")
    page.select_option("form.dossier-filters select[name=entity]", "emad-mostaque")

    visible = page.locator(".dossier-fact:visible")
    assert visible.count() > 0
    for entities in visible.evaluate_all("nodes => nodes.map(node => node.dataset.entities)"):
        assert "emad-mostaque" in entities.split()
    assert page.locator(".dossier-fact").evaluate_all("nodes => nodes.filter(node => node.hidden).length") > 0


def test_printing_a_topic_page_writes_out_every_source_and_drops_the_navigation(page):
    page.goto("en/topics/talent-exodus/")
    page.emulate_media(media="print")

    quotes = page.locator(".dossier-fact details blockquote")
    assert quotes.count() > 10
    assert all(box and box["height"] > 0 for box in (quotes.nth(index).bounding_box() for index in range(quotes.count())))
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()


def test_printing_to_pdf_makes_a_document(page):
    page.goto("facts/amazon-gpu-threat-denied/")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


@pytest.mark.parametrize("term", ["核心研发", "首席技术官", "版权"])
def test_a_chinese_term_of_several_characters_is_found_whole(page, site, base_url, term):
    """The first results are pages that hold the whole term (not only its characters, or a part)."""
    page.goto("")
    results = search(page, term)
    assert results
    pages = [url.split("#")[0].split("?")[0].removeprefix(base_url) for url in results[:3]]
    assert all(term in (site / path / "index.html").read_text(encoding="utf-8") for path in pages), pages
