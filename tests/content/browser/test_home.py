"""The home page: what happened, where to start, the key numbers and the latest events, at a glance on a phone."""

from __future__ import annotations

import pytest

from tests.browsing import ON_A_PHONE, PHONE

from .site_pages import LANGUAGES, address

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_on_a_phone_where_to_start_shows_without_scrolling(new_context, language):
    page = new_context(**ON_A_PHONE).new_page()
    page.goto(address(language, ""))
    start = page.locator("#start").bounding_box()
    assert start and start["y"] + start["height"] <= PHONE["height"], start
    first_topic = page.locator(".dossier-start a").first.bounding_box()
    assert first_topic and first_topic["y"] + first_topic["height"] <= PHONE["height"], first_topic


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_start_leads_to_every_topic_the_timeline_and_the_corrections(page, dossier, language):
    page.goto(address(language, ""))
    links = page.locator(".dossier-start a").evaluate_all("links => links.map(link => new URL(link.href).pathname)")
    prefix = "/" + LANGUAGES[language]
    expected = [f"{prefix}topics/{topic['id']}/" for topic in dossier["topics"]] + [f"{prefix}timeline/", f"{prefix}corrections/"]
    assert links == expected


def test_the_key_numbers_stand_out_larger_than_the_text_each_with_its_fact(page):
    page.goto(address("en", ""))
    figures = page.locator(".dossier-key-figure")
    assert figures.count() >= 4
    body_size = float(page.locator("article p").first.evaluate("node => getComputedStyle(node).fontSize").removesuffix("px"))
    for index in range(figures.count()):
        figure = figures.nth(index)
        amount_size = float(figure.locator(".dossier-key-figure__amount").evaluate("node => getComputedStyle(node).fontSize").removesuffix("px"))
        assert amount_size >= 1.4 * body_size
        assert figure.locator("a[href*='facts/']").count() == 1


def test_the_latest_events_are_dated_facts_newest_first(page, dossier):
    page.goto(address("en", ""))
    dates = {fact["id"]: fact.get("date") for fact in dossier["facts"]}
    listed = page.locator("#latest + ul li a[href*='facts/']").evaluate_all("links => links.map(link => link.pathname.split('/').filter(Boolean).pop())")
    assert len(listed) == 5
    shown = [dates[fact_id] for fact_id in listed]
    assert all(shown) and shown == sorted(shown, reverse=True)
    assert shown[0] == max(date for date in dates.values() if date)
