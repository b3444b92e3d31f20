"""MkDocs glue: while serving, regenerate the dossier's pages before every rebuild, so the site follows the YAML.

`build_site.py build` generates the pages itself before it runs MkDocs, so a plain build skips this.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort

from dossier.pipeline import generate
from dossier.problems import DossierError

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
        for problem in error.problems:
            log.error(str(problem))
        raise Abort(f"{len(error.problems)} problem(s) in the facts; the last good pages are still served.") from None
    if changed:
        log.info("dossier: regenerated %d page(s)", len(changed))
