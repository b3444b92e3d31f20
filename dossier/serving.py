"""`build_site.py serve`: MkDocs' live server, following the YAML as the editor saves it. The one
module that touches MkDocs', Material's and mkdocs-static-i18n's private internals.

MkDocs loads this file as its hooks (mkdocs.yml). Before every rebuild while serving, the hooks
regenerate the pages that changed and draw the preview images whose text changed, and after it
they copy the images into the served site and index it for search; in a plain `mkdocs build`
they do nothing.

With the versions this module was written for (SUPPORTED), `serve` runs `mkdocs serve --dirty`:
MkDocs then turns into HTML only the Markdown files newer than their HTML, so saving a fact
rebuilds the few pages that show it instead of the whole bilingual site. Three things a dirty
build gets wrong are mended here, through those versions' internals: the navigation's titles of
pages not rebuilt, the pages of facts deleted since, and the theme (a change to it rebuilds
everything). With other versions installed, `serve` says so and rebuilds the whole site
at each save: slower, and correct.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import socket
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority
from mkdocs.utils import clean_directory
from watchdog.events import FileAttribEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
from watchdog.utils import UnsupportedLibcError

# MkDocs loads this file by path; `mkdocs` run directly (not as `python -m mkdocs` from the repo)
# would not find the package beside it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dossier import kept, pipeline, search, social, urls  # noqa: E402
from dossier.files import hand_written  # noqa: E402
from dossier.load import load_settings  # noqa: E402
from dossier.problems import DossierError  # noqa: E402
from dossier.publish import mkdocs_environment  # noqa: E402

SUPPORTED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1", "mkdocs-static-i18n": "1.3.1"}
log = logging.getLogger("mkdocs.dossier")


def unsupported_versions() -> list[str]:
    """The installed packages whose version differs from the one this module was written for."""
    return [f"{name} {metadata.version(name)} (written for {version})" for name, version in SUPPORTED.items() if metadata.version(name) != version]


def serve(root: Path, dev_addr: str) -> int:
    """Serve the dossier until stopped; the exit code is MkDocs' own (1 when the address is taken)."""
    taken = _address_taken(dev_addr)
    if taken:
        print(f"Cannot serve on {dev_addr}: {taken}. Stop the other server, or serve on another port: make serve ADDR=127.0.0.1:8001", file=sys.stderr)
        return 1
    generated = pipeline.generate(root)  # fail early, with the editor's messages, before the server starts
    # Not yet inside `mkdocs serve`: the first drawing of the images may use every core.
    pipeline.draw_previews(root, generated, workers=os.cpu_count() or 1)
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", dev_addr]
    unsupported = unsupported_versions()
    if unsupported:
        print(f"Note: {', '.join(unsupported)}: every save rebuilds the whole site.", file=sys.stderr, flush=True)
    else:
        command.append("--dirty")
    return subprocess.run(command, cwd=root, env=mkdocs_environment(root), check=False).returncode


def _address_taken(dev_addr: str) -> str | None:
    """Why the server could not listen on host:port, or None when it can."""
    host, _, port = dev_addr.rpartition(":")
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host.strip("[]") or "127.0.0.1", int(port)))
    except ValueError:
        return "write the address as host:port, like 127.0.0.1:8000"
    except OSError as error:
        return error.strerror or str(error)
    return None


class WithoutDirtyWarning(logging.Filter):
    """`--dirty` is how serving rebuilds only what changed; MkDocs' warning about it would fail every strict rebuild."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class ServedSite:
    """What `serve` remembers from one rebuild to the next (MkDocs keeps this module while serving)."""

    def __init__(self, dirty: bool) -> None:
        self.dirty = dirty
        self.depth = 0  # mkdocs-static-i18n runs the other language's build inside the first one
        self.theme_digest = ""
        self.theme_files: list[str] | None = None  # the theme's static files, as listed for this theme_digest
        self.pages: set[str] = set()  # the addresses of this rebuild's pages, both languages
        self.served_pages: set[str] = set()  # the addresses of the pages in the served site


served: ServedSite | None = None


def on_startup(command: str, dirty: bool) -> None:
    global served
    if command == "serve":
        served = ServedSite(dirty)
        logging.getLogger("mkdocs.commands.build").addFilter(WithoutDirtyWarning())


def on_config(config):
    if not (served and served.dirty):
        return config
    digest = _theme_digest(config)
    if digest != served.theme_digest:
        # Pages are rebuilt only when their Markdown changes: a new theme, or a first build, means all of them.
        clean_directory(config.site_dir)
        served.served_pages.clear()
        served.theme_files = None
        served.theme_digest = digest
    config.theme.get_env = functools.partial(_with_theme_files_listed_once, config.theme.get_env)
    return config


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    if served:
        # MkDocs makes the theme's Jinja environment anew, for each language, at every rebuild.
        env.bytecode_cache = kept.compiled_templates(Path(config.config_file_path).parent)
    return env


def on_build_error(error: Exception) -> None:
    if served:
        served.depth = 0


def on_pre_build(config) -> None:
    if not served:
        return
    served.depth += 1
    if served.depth > 1:  # the other language's build: its pages are generated already
        return
    served.pages = set()
    root = Path(config.config_file_path).parent
    try:
        generated = pipeline.generate(root)
    except DossierError as error:
        # A failed MkDocs build would leave `mkdocs serve` stuck, and in strict mode any logged
        # warning fails the build: so the problems go straight to the terminal, and the last good
        # generated pages stay, for the browser to go on showing while the editor fixes the YAML.
        for problem in error.problems:
            print(problem, file=sys.stderr, flush=True)
        print(f"{len(error.problems)} problem(s) in the facts: still showing the last good pages; save a fix to update them.", file=sys.stderr, flush=True)
        return
    pipeline.draw_previews(root, generated)
    if generated.written:
        log.info("dossier: regenerated %d page(s)", len(generated.written))


@event_priority(-110)  # after mkdocs-static-i18n has given each language's pages their addresses
def on_files(files, config):
    if served and served.dirty:
        served.pages.update(_address(file.url) for file in files.documentation_pages())
    return files


def on_nav(nav, config, files):
    if served and served.dirty:
        # A dirty build reads only the pages it rebuilds; the navigation of those pages still
        # names the others, whose title is in their Markdown.
        for page in nav.pages:
            if page.markdown is None and not page.file.is_modified():
                page.read_source(config)
    return nav


@event_priority(-110)  # after mkdocs-static-i18n (-100), which builds the other language
def on_post_build(config) -> None:
    if not served:
        return
    # Drawn outside docs/ (see social); each language's build copies only what the site does not hold yet.
    social.copy_into(Path(config.config_file_path).parent / kept.PREVIEWS, Path(config.site_dir))
    served.depth -= 1
    if served.depth > 0:  # the other language's build, inside the first: the site is not whole yet
        return
    if served.dirty:
        # A dirty build leaves the pages of facts deleted since in the site: they go.
        for gone in served.served_pages - served.pages:
            (Path(config.site_dir) / gone / "index.html").unlink(missing_ok=True)
        served.served_pages = set(served.pages)
    try:
        search.index(Path(config.site_dir))
    except search.SearchIndexError as error:  # a warning would fail the strict rebuild: the terminal is told
        print(f"The search index was not updated: {error}", file=sys.stderr, flush=True)


def _address(url: str) -> str:
    """A page's address within the site: the home page is '', not './'."""
    return url.split("#")[0].removeprefix("./")


def _with_theme_files_listed_once(get_env) -> jinja2.Environment:
    """The theme's Jinja environment, listing the theme's files only when the theme changed: MkDocs lists
    all of Material's 14,500 files (icons included) for each language at every rebuild."""
    env = get_env()
    list_theme_files = env.list_templates

    def listed_once(*args, **kwargs) -> list[str]:
        if served.theme_files is None:
            served.theme_files = list_theme_files(*args, **kwargs)
        return served.theme_files

    env.list_templates = listed_once
    return env


def _theme_digest(config) -> str:
    """A digest of everything a page's HTML depends on besides its own Markdown: the configuration and the theme's templates."""
    digest = hashlib.sha256(Path(config.config_file_path).read_bytes())
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    for path in sorted(custom.rglob("*")) if custom else []:
        if path.is_file():
            digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def on_serve(server, config, builder):
    """Watch the sources of the pages, not the generated pages themselves, and hear of a save at once.

    The build writes generated pages into docs/; watching all of docs/ would make each edit
    trigger a second, useless rebuild. Hand-written pages and assets stay watched.
    """
    if served.dirty:
        _watch_with_inotify(server)
    docs = Path(config.docs_dir)
    server.unwatch(str(docs))
    languages = load_settings(Path(config.config_file_path).parent)[0].codes
    for path in hand_written(docs, docs, {*urls.GENERATED_DIRECTORIES, *urls.generated_files(languages)}):
        server.watch(str(path))
    return server


# What counts as an edit. Not a file opened or read: the build reads the watched sources, and
# MkDocs, which rebuilds on any event, would rebuild again and again.
EDITS = [FileCreatedEvent, FileModifiedEvent, FileAttribEvent, FileDeletedEvent, FileMovedEvent]


def _watch_with_inotify(server) -> None:
    """Have the kernel tell the server of each save (inotify), instead of MkDocs looking for changes every half second.

    Where inotify is missing, MkDocs' polling stays.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        from watchdog.observers.inotify import InotifyObserver

        observer = InotifyObserver()
    except (UnsupportedLibcError, OSError) as error:  # a libc without inotify, or no inotify instance left
        log.info("dossier: watching files by polling (%s)", error)
        return
    observer.schedule = functools.partial(observer.schedule, event_filter=EDITS)
    # MkDocs has watched its paths already, on its own observer; it counts each path's watches.
    watched = dict(server._watched_paths)
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = observer
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
