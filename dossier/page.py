"""What a generated file is, before it is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself to browsers and link previews (its front matter)."""

    title: str | None
    description: str
    image: str
    kind: str = "website"


@dataclass(frozen=True)
class PlannedPage:
    """A file to write under docs/, rendered only if its inputs changed since it was last written.

    `inputs` is a digest of everything the file is made from: the dossier's basis (templates, code,
    articles, people, topics) and each fact the file shows, with its place on the page.
    """

    path: str
    inputs: bytes
    render: Callable[[], str]
