"""The real dossier's files: its schemas are current, its fields documented, its pages reproducible."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from dossier import schema
from dossier.model import Fact
from tests.conftest import REPO


def test_committed_schemas_match_the_model():
    for relative, text in schema.schemas(REPO).items():
        assert (REPO / relative).read_text(encoding="utf-8") == text, f"{relative} is stale: run `python build_site.py schema`"


def test_every_fact_field_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", readme, re.M))
    assert set(Fact.model_fields) <= documented


def test_each_facts_file_points_its_editor_to_the_schema():
    for path in sorted((REPO / "facts").glob("*.yml")):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=dossier.schema.json\n"), path.name


RENDER_EVERY_PAGE = """
import hashlib, json, sys
from pathlib import Path
from dossier.pipeline import check, render_pages
pages = render_pages(Path(sys.argv[1]), check(Path(sys.argv[1])), "https://dossier.example/")
print(json.dumps({path: hashlib.sha256(text.encode()).hexdigest() for path, text in pages.items()}, sort_keys=True))
"""


def test_rendering_gives_the_same_bytes_in_processes_with_other_hash_seeds():
    def rendered_with(seed: str) -> str:
        environment = os.environ | {"PYTHONHASHSEED": seed}
        return subprocess.run([sys.executable, "-c", RENDER_EVERY_PAGE, str(REPO)], cwd=REPO, env=environment, capture_output=True, text=True, check=True).stdout

    first = rendered_with("1")
    assert {"index.md", "corrections.en.md", "data/dossier.json"} <= set(json.loads(first))
    assert rendered_with("2") == first
