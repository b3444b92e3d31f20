"""Accessibility: axe-core, run in the page, finds nothing serious or critical on any page type."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .site_pages import EVERY_PAGE, LANGUAGES, PAGE_TYPES, address

pytestmark = pytest.mark.browser

AXE = Axe()
GRAVE = ("serious", "critical")
# The rules about colour, for the dark scheme: the rest of the page does not change with it.
COLOUR_RULES = {"runOnly": ["color-contrast", "link-in-text-block"], "resultTypes": ["violations"]}
# The pages that show the dossier's own colours: status badges and charts.
COLOURED_PAGES = [
    pytest.param(language, PAGE_TYPES[name], id=f"{language}-{name}") for name in ("topic", "fact", "numbers") for language in LANGUAGES
]


def described(violation: dict) -> str:
    nodes = violation["nodes"]
    where = "; ".join(" ".join(node["target"]) + (f" ({node['any'][0]['message']})" if node.get("any") else "") for node in nodes[:4])
    more = f" and {len(nodes) - 4} more" if len(nodes) > 4 else ""
    return f"{violation['id']} ({violation['impact']}): {violation['help']} — {where}{more}"


@pytest.mark.parametrize("language, path", EVERY_PAGE)
def test_axe_finds_no_serious_or_critical_violation(page, language, path):
    page.goto(address(language, path))
    grave = [violation for violation in AXE.run(page).response["violations"] if violation["impact"] in GRAVE]
    assert not grave, "\n".join(described(violation) for violation in grave)


@pytest.mark.parametrize("language, path", COLOURED_PAGES)
def test_axe_finds_no_colour_problem_in_the_dark_scheme(new_context, language, path):
    page = new_context(color_scheme="dark").new_page()
    page.goto(address(language, path))
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    grave = [violation for violation in AXE.run(page, options=COLOUR_RULES).response["violations"] if violation["impact"] in GRAVE]
    assert not grave, "\n".join(described(violation) for violation in grave)
