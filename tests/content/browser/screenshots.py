"""Screenshots of every page type, in both languages and both colour schemes, into test-screenshots/
(`make screenshots`): for a person to look at, after a change of the layout or the theme.

    .venv/bin/python -m tests.content.browser.screenshots [SITE]   # SITE: a built site, site/ by default
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from tests.browsing import DESKTOP, chromium, served_folder
from tests.content.browser.site_pages import LANGUAGES, PAGE_TYPES, address

REPO = Path(__file__).resolve().parents[2]
FOLDER = REPO / "test-screenshots"
TALLEST = 4000  # px: the longest pages (sources, topics) are cut there


def main(site: Path) -> None:
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir()
    with served_folder(site) as base_url, chromium() as browser:
        for scheme in ("light", "dark"):
            context = browser.new_context(base_url=base_url, viewport=DESKTOP, color_scheme=scheme)
            for name, path in PAGE_TYPES.items():
                for language in LANGUAGES:
                    page = context.new_page()
                    page.goto(address(language, path), wait_until="networkidle")
                    height = min(page.evaluate("document.scrollingElement.scrollHeight"), TALLEST)
                    shot = FOLDER / f"{language}-{name}-{scheme}.png"  # e.g. en-topic-dark.png
                    page.screenshot(path=shot, full_page=True, clip={"x": 0, "y": 0, "width": DESKTOP["width"], "height": height})
                    page.close()
            context.close()
    print(f"{len(list(FOLDER.glob('*.png')))} screenshots in {FOLDER.relative_to(REPO)}/")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "site")
