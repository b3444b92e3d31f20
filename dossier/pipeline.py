"""The dossier's steps, in order: load, verify, arrange, render and export, write, then MkDocs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from . import exports, files, kept, pages, publish, render, search, site_config, social, templating, urls
from .arrange import Arrangement
from .load import load
from .model import Dossier, Language, is_web_address
from .page import PlannedPage
from .problems import DossierError, Problem, display_path
from .text import Wording
from .verify import verify

ENGINE = Path(__file__).resolve().parent.parent


def templates_of(root: Path) -> Path:
    """The dossier's own templates/ folder if it has one, else the engine's."""
    own = root / "templates"
    return own if own.is_dir() else ENGINE / "templates"


def check(root: Path) -> Dossier:
    """Load the YAML and the articles, and verify them, with the interface's words of each language:
    every problem at once, or a dossier to trust."""
    dossier = verify(load(root))
    words_of(root, dossier)
    return dossier


def words_of(root: Path, dossier: Dossier) -> dict[Language, Wording]:
    return templating.load_words(templates_of(root), dossier.settings, root)


def site_url(dossier: Dossier) -> str:
    """Where the site will be hosted (SITE_URL, or dossier.yml's site.url), ending with '/', or '' when unknown."""
    url = os.environ.get("SITE_URL", "").strip() or dossier.settings.site.url or ""
    if not url:
        return ""
    # It is written into every page's head, links and scripts, and pages' own paths are added to it.
    parts = urlsplit(url)
    if not is_web_address(url) or parts.query or parts.fragment:
        raise publish.UnsafeSetting(f"SITE_URL {url!r} is not a plain web address such as https://example.org/dossier/ (http or https, a host, no quotes, spaces, query or fragment)")
    return url if url.endswith("/") else url + "/"


@dataclass(frozen=True)
class Generated:
    site: render.Site
    written: list[str]  # the files under docs/ that this run wrote


def planned_files(site: render.Site) -> list[PlannedPage]:
    """Every file to write under docs/: each language's pages, then the data files beside them."""
    return [page for language in site.dossier.languages for page in pages.plan(site, language)] + exports.plan(site)


def write_markdown(root: Path, dossier: Dossier) -> Generated:
    """Write into docs/ the pages and data files that changed."""
    kept.clear_the_way(root)
    try:
        templates, wordings = templates_of(root), words_of(root, dossier)
        files.write_if_changed(root / site_config.CONFIG_FILE, site_config.mkdocs_config(root, ENGINE, templates, dossier, wordings))
        site = render.prepare(dossier, Arrangement(dossier), templates, wordings, site_url(dossier), kept.compiled_templates(root))
        planned = planned_files(site)
        docs = root / "docs"
        written = kept.write_pages(planned, docs, root)
    except jinja2.TemplateSyntaxError as error:
        where = display_path(Path(error.filename), root) if error.filename else f"templates/{error.name or '?'}"
        raise DossierError([Problem(str(where), error.lineno, 1, f"template syntax error: {error.message}")]) from None
    files.remove_files_not_listed(docs, urls.GENERATED_DIRECTORIES, {page.path for page in planned})
    return Generated(site, written)


def generate(root: Path) -> Generated:
    return write_markdown(root, verify(load(root)))  # which checks the words as it loads them


def draw_previews(root: Path, generated: Generated, workers: int = 1) -> None:
    """Draw the preview images whose text changed (see social.draw for `workers`)."""
    social.draw(social.cards(generated.site), root / kept.PREVIEWS, workers)


NO_ADDRESS = (
    "a site to publish needs the address it will be served from, for its link previews, canonical addresses and sitemap: "
    "set SITE_URL (SITE_URL=https://your.host/path/ make build) or site.url in dossier.yml; "
    "for a look on this machine, `make preview` builds it with relative addresses"
)


def build(root: Path, site_dir: Path, local: bool = False) -> None:
    """Generate the pages, build the site with MkDocs, and publish it into site_dir with the
    preview images and the redirects; nothing is published unless every step succeeds. A site
    to publish has absolute addresses; a `local` one, for a preview, may do without."""
    publish.check_site_folder(root, site_dir)
    kept.clear_the_way(root)  # the lock lives in the cache folder
    with publish.one_build_at_a_time(root / kept.BUILD_LOCK, site_dir):
        dossier = verify(load(root))  # its words are checked as they are loaded, next
        if not local and not site_url(dossier):
            raise publish.UnsafeSetting(NO_ADDRESS)
        generated = write_markdown(root, dossier)
        building = publish.StagedBuild(root, site_dir)
        try:
            draw_previews(root, generated)  # MkDocs takes one core; the images are drawn meanwhile, on the other
            building.wait()
            search.index(building.staging)
            building.add_folder(root / kept.PREVIEWS)
            building.add_files(exports.redirects(generated.site))
            building.publish()
        finally:
            building.discard()


def render_pages(root: Path, dossier: Dossier, site_url: str = "") -> dict[str, str]:
    """Every file under docs/, rendered afresh, by path."""
    site = render.prepare(dossier, Arrangement(dossier), templates_of(root), words_of(root, dossier), site_url)
    return {page.path: page.render() for page in planned_files(site)}
