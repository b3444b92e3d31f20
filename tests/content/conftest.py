"""The real dossier, copied out of the working tree to build or serve it, and built once for the test run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO

SITE_URL = "https://dossier.example/stability/"


def copy_of_repo(destination: Path) -> Path:
    """The project's files without its environment and outputs, to build or serve in isolation."""
    ignored = shutil.ignore_patterns(".venv", ".git", "site", "site.*", ".site-building-*", "__pycache__", ".pytest_cache", "test-screenshots", ".cache")
    shutil.copytree(REPO, destination, ignore=ignored)
    return destination


def copy_with_previews(destination: Path, site: Path) -> Path:
    """A copy of the project holding the preview images that the test run's shared build drew
    (see `site`): building or serving it draws only the images whose text changed."""
    copy = copy_of_repo(destination)
    shutil.copytree(site.parent / ".cache" / "previews", copy / ".cache" / "previews")
    return copy


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real dossier, built once for the whole test run, as it would be published at SITE_URL.

    It is built from a copy, so that the run never writes into the working tree.
    """
    from dossier import pipeline

    root = copy_of_repo(tmp_path_factory.mktemp("built") / "repo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", SITE_URL)
        pipeline.build(root, root / "site")
    return root / "site"
