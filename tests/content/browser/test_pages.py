"""Every page type, in both languages: offline, readable on a phone, charts drawn, light enough, in both colour schemes."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from tests.browsing import ON_A_PHONE

from .site_pages import EVERY_PAGE, LANGUAGES, PAGE_TYPES, address

pytestmark = pytest.mark.browser

PAGE_WEIGHT_BUDGET = 400 * 1024


@pytest.mark.parametrize("language, path", EVERY_PAGE)
def test_no_request_leaves_the_sites_own_host(new_context, language, path):
    context = new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(address(language, path), wait_until="networkidle")
    assert requested
    elsewhere = [url for url in requested if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"]
    assert not elsewhere


@pytest.mark.parametrize("language, path", EVERY_PAGE)
def test_a_page_logs_no_error_and_every_request_it_makes_succeeds(new_context, language, path):
    page = new_context().new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    page.on("response", lambda response: response.status >= 400 and errors.append(f"{response.status}: {response.url}"))
    page.goto(address(language, path), wait_until="networkidle")
    assert not errors


def wider_than_the_window(page: Page, width: int) -> list[str]:
    """The first few elements (not fixed to the window) that reach past its right edge."""
    return page.evaluate(
        """width => [...document.querySelectorAll('body *')]
             .filter(element => getComputedStyle(element).position !== 'fixed' && element.getBoundingClientRect().right > width + 1)
             .slice(0, 5)
             .map(element => element.tagName.toLowerCase() + [...element.classList].map(name => '.' + name).join(''))""",
        width,
    )


@pytest.mark.parametrize("language, path", EVERY_PAGE)
def test_a_phone_360_pixels_wide_never_scrolls_sideways(new_context, language, path):
    page = new_context(**ON_A_PHONE).new_page()
    page.goto(address(language, path))
    content, window = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert content <= window, f"{content} px of content in a {window} px window: {wider_than_the_window(page, window)}"


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_charts_on_the_numbers_page_render_with_a_size(page, language):
    page.goto(address(language, "numbers/"))
    charts = page.locator("figure.dossier-chart--bars")
    assert charts.count() == 3  # costs and revenue, then funding: one chart per company
    for chart in charts.all():
        bars = chart.locator(".dossier-bar__fill")
        assert bars.count() > 0
        widths = [bar.bounding_box()["width"] for bar in bars.all()]
        assert max(widths) > 100 and min(widths) > 0, f"chart {chart.get_attribute('id')}: bars {widths}"


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_on_a_phone_the_charts_words_are_at_least_12_pixels(new_context, language):
    page = new_context(**ON_A_PHONE).new_page()
    page.goto(address(language, "numbers/"))
    sizes = page.locator("figure.dossier-chart--bars .dossier-bar__label, figure.dossier-chart--bars .dossier-bar__value").evaluate_all(
        "nodes => nodes.map(node => parseFloat(getComputedStyle(node).fontSize))"
    )
    assert sizes and min(sizes) >= 12


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_fact_page_opened_cold_from_a_shared_link_loads_less_than_400_kb_with_everything_it_loads(new_context, language):
    context = new_context()
    loaded: dict[str, int] = {}

    def weigh(request):
        response = request.response()
        size = request.sizes()["responseBodySize"] or int((response and response.headers.get("content-length")) or 0)
        loaded[request.url] = loaded.get(request.url, 0) + size

    context.on("requestfinished", weigh)
    page = context.new_page()
    page.goto(address(language, PAGE_TYPES["fact"]), wait_until="networkidle")
    total = sum(loaded.values())
    listing = "\n".join(f"{size:>9} {url}" for url, size in sorted(loaded.items(), key=lambda item: -item[1]))
    assert total < PAGE_WEIGHT_BUDGET, f"{total} bytes:\n{listing}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_page_follows_the_readers_colour_scheme(new_context, scheme):
    page = new_context(color_scheme=scheme).new_page()
    page.goto(address("zh", PAGE_TYPES["fact"]))
    assert page.locator("body").get_attribute("data-md-color-scheme") == {"light": "default", "dark": "slate"}[scheme]


TAP_TARGETS = ".dossier-copy-link, .dossier-permalink, .dossier-filters select, .md-content .headerlink"


@pytest.mark.parametrize("language, path", [(language, path) for language in LANGUAGES for path in ("topics/collapse/", "facts/mostaque-resigns-as-ceo/")])
def test_on_a_phone_every_button_and_permalink_is_a_target_of_at_least_24_pixels(new_context, language, path):
    page = new_context(**ON_A_PHONE).new_page()
    page.goto(address(language, path))
    sizes = page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
             .map(element => element.getBoundingClientRect())
             .filter(box => box.width > 0)
             .map(box => [box.width, box.height])""",
        TAP_TARGETS,
    )
    assert len(sizes) > 1
    small = [size for size in sizes if min(size) < 24]
    assert not small, f"{len(small)} of {len(sizes)} targets under 24 px: {small[:5]}"


@pytest.mark.parametrize("language, path", [(language, path) for language in LANGUAGES for path in ("numbers/", "sources/", "entities/")])
def test_on_a_phone_tables_fit_the_screen_without_cut_columns(new_context, language, path):
    page = new_context(**ON_A_PHONE).new_page()
    page.goto(address(language, path))
    tables = page.evaluate("() => [...document.querySelectorAll('.md-content table')].map(table => [table.scrollWidth, table.closest('.md-content').clientWidth])")
    assert tables
    wider = [widths for widths in tables if widths[0] > widths[1]]
    assert not wider, f"{len(wider)} of {len(tables)} tables wider than the page: {wider[:3]}"
