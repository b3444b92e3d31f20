"""The event charts, read on a phone: the timeline's key events and who left Stability AI, labelled on the chart."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.browsing import ON_A_PHONE, PHONE

from .site_pages import LANGUAGES, address

pytestmark = pytest.mark.browser



@pytest.fixture
def phone(new_context) -> Page:
    return new_context(**ON_A_PHONE).new_page()


def fact_ids(page: Page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all("links => links.map(link => link.pathname.split('/').filter(Boolean).pop())")


def shown_labels(page: Page, chart: str) -> list[dict]:
    """Each labelled mark's text, font size and box as the reader sees it."""
    return page.locator(f"#{chart} .dossier-events__mark--labelled").evaluate_all(
        """marks => marks.map(mark => ({text: mark.innerText.trim(), size: parseFloat(getComputedStyle(mark).fontSize),
                                        right: mark.getBoundingClientRect().right, height: mark.getBoundingClientRect().height}))"""
    )


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_on_a_phone_the_timelines_key_events_are_labelled_on_the_chart_readably(phone, dossier, language):
    phone.goto(address(language, "timeline/"))
    labels = shown_labels(phone, "chart-timeline")
    titles = {fact["id"]: fact["title"][language] for fact in dossier["facts"]}
    labelled = fact_ids(phone, "#chart-timeline .dossier-events__mark--labelled")
    assert len(labelled) >= 5
    assert [label["text"] for label in labels] == [re.sub(r"\s+", " ", titles[fact_id]) for fact_id in labelled]
    assert all(label["size"] >= 12 and label["right"] <= PHONE["width"] for label in labels), labels


def test_the_timeline_chart_has_a_mark_for_every_fact_dated_to_the_month_since_its_start(page, dossier):
    page.goto(address("en", "timeline/"))
    marked = fact_ids(page, "#chart-timeline .dossier-events__mark")
    dated = [fact["id"] for fact in dossier["facts"] if fact.get("date") and len(fact["date"]) >= 7 and fact["date"] >= "2022"]
    assert sorted(marked) == sorted(dated)


def test_within_march_2024_the_core_team_resigns_before_the_ceo_on_the_timeline(page):
    page.goto(address("en", "timeline/"))
    marked = fact_ids(page, "#chart-timeline .dossier-events__mark")
    assert marked.index("stable-diffusion-core-team-resigns") < marked.index("mostaque-resigns-as-ceo")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_who_left_is_drawn_on_the_talent_exodus_page_each_departure_labelled_and_counted_as_qbitai_counts(phone, language):
    phone.goto(address(language, "topics/talent-exodus/"))
    chart = phone.locator("#chart-departures")
    assert chart.is_visible()
    departures = fact_ids(phone, "#chart-departures .dossier-events__mark--labelled")
    assert departures.index("david-ha-resigns-july-2023") < departures.index("stable-diffusion-core-team-resigns") < departures.index("mostaque-resigns-as-ceo")
    labels = shown_labels(phone, "chart-departures")
    assert all(label["size"] >= 12 and label["right"] <= PHONE["width"] and label["height"] >= 24 for label in labels), labels
    count = phone.locator("#chart-departures .dossier-events__count")
    assert "19" in count.inner_text()
    assert fact_ids(phone, "#chart-departures .dossier-events__count a") == ["at-least-19-executives-left"]


def test_every_mark_of_a_chart_is_a_tap_target_of_at_least_24_pixels(phone):
    phone.goto(address("zh", "timeline/"))
    boxes = phone.locator("#chart-timeline .dossier-events__mark").evaluate_all(
        "marks => marks.map(mark => [mark.getBoundingClientRect().width, mark.getBoundingClientRect().height])"
    )
    assert boxes and all(width >= 24 and height >= 24 for width, height in boxes), boxes
