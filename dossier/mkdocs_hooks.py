"""MkDocs glue: while serving, regenerate the dossier's pages before every rebuild, so the site follows the YAML.

`build_site.py build` generates the pages itself before it runs MkDocs, so a plain build skips this.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# MkDocs loads this file by path; `mkdocs` run directly (not as `python -m mkdocs` from the repo)
# would not find the package beside it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dossier.pipeline import generate  # noqa: E402
from dossier.problems import DossierError  # noqa: E402
from dossier.publish import GENERATED_DIRECTORIES, GENERATED_FILES  # noqa: E402

log = logging.getLogger("mkdocs.dossier")
serving = False


def on_startup(command: str, dirty: bool) -> None:
    global serving
    serving = command == "serve"


def on_pre_build(config) -> None:
    if not serving:
        return
    root = Path(config.config_file_path).parent
    try:
        _, changed = generate(root)
    except DossierError as error:
        # A failed MkDocs build would leave `mkdocs serve` stuck, and in strict mode any logged
        # warning fails the build: so the problems go straight to the terminal, and the last good
        # generated pages stay, for the browser to go on showing while the editor fixes the YAML.
        for problem in error.problems:
            print(problem, file=sys.stderr, flush=True)
        print(f"{len(error.problems)} problem(s) in the facts: still showing the last good pages; save a fix to update them.", file=sys.stderr, flush=True)
        return
    if changed:
        log.info("dossier: regenerated %d page(s)", len(changed))


def on_serve(server, config, builder):
    """Watch the sources of the pages, not the generated pages themselves.

    The build writes generated pages into docs/; watching all of docs/ would make each edit
    trigger a second, useless rebuild. Hand-written pages, assets and templates stay watched.
    """
    docs = Path(config.docs_dir)
    server.unwatch(str(docs))
    generated = {*GENERATED_DIRECTORIES, *GENERATED_FILES}
    for path in sorted(docs.iterdir()):
        if path.name not in generated and not path.name.startswith("."):
            server.watch(str(path))
    return server
