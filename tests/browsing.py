"""A built site served on 127.0.0.1, and Debian's headless Chromium driven by Playwright: for the
browser tests of the real dossier and of the engine's small ones, and for the screenshots."""

from __future__ import annotations

import contextlib
import functools
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"  # Debian's; never `playwright install`
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
# A browser context as on a phone: its screen, touch, and the mobile viewport.
ON_A_PHONE = {"viewport": PHONE, "is_mobile": True, "has_touch": True}


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site's files without logging each request."""

    def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
        pass


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser context closed in the middle of a download is not an error of the site."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def served_folder(site: Path) -> Iterator[str]:
    """The folder served on 127.0.0.1 on a free port; its address, ending with '/'."""
    server = SiteServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def chromium():
    """A headless Chromium (Playwright's Browser), closed at the end."""
    from playwright.sync_api import sync_playwright  # only where a browser is wanted

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
