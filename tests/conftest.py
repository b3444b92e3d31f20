"""What every test may know: where the engine (and the real dossier beside it) is, and the one Chromium the browser tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session, shared by every browser test (Playwright's
    sync API allows one at a time)."""
    from tests.browsing import chromium

    with chromium() as launched:
        yield launched
