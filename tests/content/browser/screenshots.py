"""Screenshots of every page type, in both languages, at a desktop's and a phone's width and in both
colour schemes, and of the search box with a query's results, into test-screenshots/
(`make screenshots`): for a person to look at, after a change of the layout or the theme.

    .venv/bin/python -m tests.content.browser.screenshots [SITE]   # SITE: a built site, site/ by default
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import Browser

from tests.browsing import DESKTOP, ON_A_PHONE, chromium, served_folder
from tests.conftest import REPO
from tests.content.browser.site_pages import LANGUAGES, PAGE_TYPES, address, search

FOLDER = REPO / "test-screenshots"
TALLEST = 4000  # px: the longest pages (sources, topics) are cut there
WIDTHS = {"desktop": {"viewport": DESKTOP}, "phone": ON_A_PHONE}
# Beside the page types: the topic whose chart draws who left, and when.
VIEWS = PAGE_TYPES | {"exodus": "topics/talent-exodus/"}
SEARCHED = {"zh": "800万美元", "en": "Mostaque"}


def main(site: Path) -> None:
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir()
    with served_folder(site) as base_url, chromium() as browser:
        for width, options in WIDTHS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(base_url=base_url, color_scheme=scheme, **options)
                for name, path in VIEWS.items():
                    for language in LANGUAGES:
                        page = context.new_page()
                        page.goto(address(language, path), wait_until="networkidle")
                        height = min(page.evaluate("document.scrollingElement.scrollHeight"), TALLEST)
                        shot = FOLDER / f"{language}-{name}-{width}-{scheme}.png"  # e.g. en-topic-phone-dark.png
                        page.screenshot(path=shot, full_page=True, clip={"x": 0, "y": 0, "width": options["viewport"]["width"], "height": height})
                        page.close()
                context.close()
            screenshot_search(browser, base_url, width, options)
    print(f"{len(list(FOLDER.glob('*.png')))} screenshots in {FOLDER.relative_to(REPO)}/")


def screenshot_search(browser: Browser, base_url: str, width: str, options: dict) -> None:
    """The search box opened over a topic page, listing a query's results."""
    context = browser.new_context(base_url=base_url, **options)
    for language, query in SEARCHED.items():
        page = context.new_page()
        page.goto(address(language, PAGE_TYPES["topic"]), wait_until="networkidle")
        search(page, query)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=FOLDER / f"{language}-search-{width}.png")
        page.close()
    context.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "site")
