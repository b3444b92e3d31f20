"""Search: Material's search box finds facts in both languages, and a result opens the fact."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from .site_pages import LANGUAGES, OTHER_LANGUAGE, address, language_of

pytestmark = pytest.mark.browser

# A word a reader would type, on a page of the word's language, as (language, word).
WORDS = [
    pytest.param("zh", "辞职", id="zh-resigned"),
    pytest.param("zh", "亚马逊", id="zh-amazon"),
    pytest.param("en", "resigned", id="en-resigned"),
    pytest.param("en", "Amazon", id="en-amazon"),
]


# Material's summary line once the search has answered: "3 matching documents", "No matching documents"…
ANSWERED = re.compile(r"matching document|符合条件的结果")


class SearchDidNotAnswer(RuntimeError):
    """The search box never listed an answer."""


def search(page: Page, word: str) -> Locator:
    """Types a word into the search box as a reader would, and returns the listed results' links.

    An input method commits Chinese text without any keyup, and Material reads the query on keyup:
    like a reader, press End after typing. The results are returned once Material has answered
    (its summary line counts the results); the search index takes a few seconds to load and build.
    """
    page.locator("input.md-search__input").click()
    page.keyboard.insert_text(word)
    page.keyboard.press("End")
    summary = page.locator(".md-search-result__meta")
    try:
        expect(summary).to_have_text(ANSWERED, timeout=20_000)
    except AssertionError as error:
        raise SearchDidNotAnswer(f"searching {word!r}: the search box never counted any results") from error
    return page.locator(".md-search-result__list > .md-search-result__item > a.md-search-result__link")


def mentions(text: str, word: str) -> bool:
    """Whether a text holds a word, whatever its case and the zero-width spaces of segmented Chinese."""
    return word.lower() in re.sub(r"\s+", " ", text.replace("\u200b", "")).lower()


@pytest.mark.parametrize("language, word", WORDS)
def test_a_word_typed_in_the_search_box_lists_matching_results_in_the_readers_language_first(searchable_page, language, word):
    searchable_page.goto(address(language, "topics/collapse/"))
    results = search(searchable_page, word)
    summary = searchable_page.locator(".md-search-result__meta").inner_text()
    assert results.count() > 0, f"searching {word!r} on a {language} page lists nothing: {summary!r}"
    first_item = searchable_page.locator(".md-search-result__list > .md-search-result__item").first
    assert mentions(first_item.inner_text(), word)
    assert language_of(results.first.get_attribute("href")) == language


@pytest.mark.parametrize("language, word", [WORDS[0], WORDS[3]])
def test_clicking_a_search_result_opens_a_page_containing_the_word(searchable_page, language, word):
    searchable_page.goto(address(language, "topics/collapse/"))
    results = search(searchable_page, word)
    assert results.count() > 0, f"searching {word!r} lists nothing"
    with searchable_page.expect_navigation():
        results.first.click()
    text = searchable_page.locator("article.md-content__inner").inner_text()
    assert mentions(text, word), f"{searchable_page.url} does not contain {word!r}"


def test_a_name_written_alike_in_both_languages_lists_the_readers_language_first(new_context):
    for name in ("Stability", "Mostaque"):
        for language in ("zh", "en"):
            page = new_context(with_search_index=True).new_page()
            page.goto(address(language, "topics/collapse/"))
            first = search(page, name).first.get_attribute("href")
            assert language_of(first) == language, f"searching {name!r} on a {language} page lists {first} first"


# A name on a few pages in each language: both languages' results are listed at once.
FEW_PAGES_IN_EACH_LANGUAGE = "Claude"


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_other_languages_results_follow_and_open_pages_in_their_language(new_context, base_url, language):
    page = new_context(with_search_index=True).new_page()
    page.goto(address(language, "topics/collapse/"))
    results = search(page, FEW_PAGES_IN_EACH_LANGUAGE)
    links = results.evaluate_all("links => links.map(link => link.href)")
    assert all(link.startswith(base_url) for link in links), links
    languages = [language_of(link) for link in links]
    other = OTHER_LANGUAGE[language]
    assert languages[0] == language and other in languages, languages
    assert languages == sorted(languages, key=lambda each: each != language), f"the two languages' results are mixed: {languages}"
    with page.expect_navigation():
        results.nth(languages.index(other)).click()
    assert language_of(page.url) == other
    assert mentions(page.locator("article.md-content__inner").inner_text(), FEW_PAGES_IN_EACH_LANGUAGE)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_enter_opens_the_first_result(new_context, language):
    # "Dream": Material scores an English page best, and Enter opens the best-scored result listed.
    page = new_context(with_search_index=True).new_page()
    page.goto(address(language, "topics/collapse/"))
    first = search(page, "Dream").first.get_attribute("href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == first
    assert language_of(page.url) == language
