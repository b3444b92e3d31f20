"""The built dossier served on 127.0.0.1, and one headless Chromium for the whole browser suite.

The `site` fixture (tests/content/conftest.py) builds the real dossier once per session; here it is served
by a small threaded HTTP server on a free port. Each test opens its own browser context (empty
cache, no stored colour scheme: a reader's first visit), so tests never see each other's state.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browsing import DESKTOP, served_folder


@pytest.fixture(scope="session")
def base_url(site: Path):
    """The built site, served on 127.0.0.1 on a free port for the whole session."""
    with served_folder(site) as address:
        yield address


TEST_TIME_LIMIT = 120  # seconds


@pytest.fixture(autouse=True)
def time_limit():
    """Fails a test that runs for more than two minutes, rather than hang the suite.

    A script stuck in a loop blocks the page's main thread, and some Playwright calls (a key
    press, a script evaluated in the page) then wait for ever.
    """

    def expire(signum, frame):
        raise TimeoutError(f"the test ran for more than {TEST_TIME_LIMIT} s: is a script in the page stuck in a loop?")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(TEST_TIME_LIMIT)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def new_context(browser, base_url):
    """Opens browser contexts on the served site, with browser.new_context's options; closes them after the test."""
    contexts = []

    def open_context(**options):
        context = browser.new_context(base_url=base_url, **{"viewport": DESKTOP, **options})
        context.set_default_timeout(10_000)
        context.set_default_navigation_timeout(15_000)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context) -> Page:
    """A page in a fresh desktop-sized context."""
    return new_context().new_page()


@pytest.fixture(scope="session")
def dossier(site: Path) -> dict:
    """The facts as published in data/dossier.json."""
    return json.loads((site / "data/dossier.json").read_text(encoding="utf-8"))
