"""Talking to a server on this machine, for the tests and the benchmark (standard library only)."""

from __future__ import annotations

import socket
import urllib.request


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    """A served page's text, or '' while the server cannot answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""
