"""Load the editors' YAML and the articles into typed records, collecting every problem with its place."""

from __future__ import annotations

import contextlib
import difflib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import cache, processes
from .model import Article, Entity, Fact, Term, Topic, Uncited
from .problems import DossierError, Problem, display_path
from .yaml_source import LocatedDict, LocatedList, YamlFile, read_quickly, read_text

Record = TypeVar("Record", bound=BaseModel)

# What each top-level key of a file in facts/ holds.
SECTIONS: dict[str, type[BaseModel]] = {"facts": Fact, "entities": Entity, "topics": Topic, "uncited": Uncited, "terms": Term}


@dataclass(frozen=True)
class Origin:
    """Where a record was written, to locate problems found after loading: its file, and its path
    in the file's data (as ("facts", 3)); the position is looked up only when a problem needs it."""

    document: YamlFile
    path: tuple[Any, ...] = ()

    def problem(self, path: tuple[Any, ...], message: str) -> Problem:
        located = self.document.located()
        return located.problem(position_of(located.data, self.path + path), message)


@dataclass
class Loaded:
    """Records as read, each with its origin, before cross-checking."""

    articles: list[tuple[Article, Origin]] = field(default_factory=list)
    article_texts: dict[str, str] = field(default_factory=dict)
    records: dict[str, list[tuple[Any, Origin]]] = field(default_factory=lambda: {key: [] for key in SECTIONS})
    problems: list[Problem] = field(default_factory=list)


def suggest(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(str(word), [str(choice) for choice in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def position_of(raw: Any, path: tuple[Any, ...]) -> tuple[int, int]:
    """The line and column of the deepest part of `path` that exists in the raw YAML."""
    node, position = raw, (getattr(raw, "line", 1), getattr(raw, "column", 1))
    for step in path:
        if isinstance(node, LocatedDict) and step in node:
            position, node = node.position_of(step), node[step]
        elif isinstance(node, LocatedList) and isinstance(step, int) and 0 <= step < len(node):
            position, node = node.position_of(step), node[step]
    return position


def _describe(error: dict[str, Any], model: type[BaseModel], raw: Any) -> str:
    location = [str(step) for step in error["loc"] if not str(step)[:1].isupper() and step not in ("int", "float", "str")]
    where = ".".join(location)
    kind = error["type"]
    if kind == "missing":
        return f"missing field '{where}': add it (see the field table in README.md)"
    if kind == "extra_forbidden":
        parent = _parent_fields(model, error["loc"][:-1])
        return f"unknown field '{where}'{suggest(error['loc'][-1], parent)}: remove or rename it"
    if kind == "string_pattern_mismatch" and "a-z0-9" in str(error.get("ctx", {}).get("pattern", "")):
        return f"{where}: '{error['input']}' is not a valid id: use lowercase letters, digits and single hyphens"
    if kind == "string_too_short":
        return f"{where}: is empty: write the text"
    if kind == "value_error":
        return f"{where}: {error['msg'].removeprefix('Value error, ')}"
    return f"{where}: {error['msg']}"


def _parent_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    current: Any = model
    for step in loc:
        if isinstance(step, int) or str(step)[:1].isupper():
            continue
        annotation = current.model_fields[step].annotation if step in getattr(current, "model_fields", {}) else None
        current = _model_inside(annotation) or current
    return list(getattr(current, "model_fields", {}))


def _model_inside(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_inside(argument)
        if found:
            return found
    return None


def validate_record(model: type[Record], raw: Any, origin: Origin) -> tuple[Record | None, list[Problem]]:
    if not isinstance(raw, dict):
        return None, [origin.problem((), f"expected a mapping of fields (a {model.__name__.lower()}), found {type(raw).__name__}")]
    try:
        return model.model_validate(raw), []
    except ValidationError as error:
        return None, [origin.problem(tuple(e["loc"]), _describe(e, model, raw)) for e in error.errors()]


def _load_records(file: YamlFile) -> Loaded:
    """The records of one file in facts/, and its problems, read with their positions."""
    loaded = Loaded()
    document = file.located()
    data = document.data
    if not isinstance(data, LocatedDict):
        loaded.problems.append(document.problem((1, 1), f"expected top-level keys ({', '.join(SECTIONS)}), found a {type(data).__name__}"))
        return loaded
    for key, items in data.items():
        if key not in SECTIONS:
            loaded.problems.append(
                document.problem(data.position_of(key), f"unknown top-level key '{key}'{suggest(key, SECTIONS)}: use one of {', '.join(SECTIONS)}")
            )
            continue
        if not isinstance(items, LocatedList):
            loaded.problems.append(document.problem(data.position_of(key), f"'{key}' must be a list (items start with '- ')"))
            continue
        for index, raw in enumerate(items):
            origin = Origin(file, (key, index))
            record, problems = validate_record(SECTIONS[key], raw, origin)
            loaded.problems.extend(problems)
            if record is not None:
                loaded.records[key].append((record, origin))
    return loaded


def _load_quickly(content: bytes, file: YamlFile) -> Loaded | None:
    """The records of a file of facts/, read without positions; None if the file cannot be read so,
    or if one of its records has a problem: `_load_records` then reads it again, and says where.
    (A key that `read_quickly` takes where YAML 1.1 refuses it is no record's field: such a problem.)"""
    try:
        data = read_quickly(content.decode("utf-8"))
    except UnicodeDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    loaded = Loaded()
    for key, items in data.items():
        if key not in SECTIONS or not isinstance(items, list):
            return None
        for index, raw in enumerate(items):
            try:
                record = SECTIONS[key].model_validate(raw)
            except ValidationError:
                return None
            loaded.records[key].append((record, Origin(file, (key, index))))
    return loaded


def _load_facts_file(path: Path, root: Path, kept: Path) -> Loaded:
    """A file of facts/ as `_load_records` reads it; kept in the cache, so that only the files
    edited since the last run are parsed again (parsing is most of the time of a check)."""
    display = display_path(path, root)
    file = YamlFile(path, display)
    kept_file = _kept_file(kept, display)
    try:
        content = path.read_bytes()
    except OSError:
        return _load_records(file)  # which says what is wrong with the file
    label = cache.digest(display, content)
    earlier = cache.read(kept_file, label)
    if earlier is not None:
        # The kept records' origins share the kept file: pointed to where the file is now (the
        # project may have moved since), they read their positions from it.
        earlier_file, records = earlier
        earlier_file.path = path
        return records
    records = _load_quickly(content, file) or _load_records(file)
    cache.write(kept_file, label, (file, records))
    return records


def _load_article(meta_path: Path, root: Path, loaded: Loaded) -> None:
    file = YamlFile(meta_path, display_path(meta_path, root))
    document = file.located()
    origin = Origin(file)
    article, problems = validate_record(Article, document.data, origin)
    loaded.problems.extend(problems)
    if article is None:
        return
    text_path = meta_path.parent / article.text
    if not text_path.is_file():
        loaded.problems.append(origin.problem(("text",), f"the article text '{article.text}' is not beside this file"))
        return
    loaded.article_texts[article.id] = read_text(text_path, display_path(text_path, root))
    loaded.articles.append((article, origin))


def load(root: Path, facts_dir: str = "facts", articles_dir: str = "source_articles") -> Loaded:
    """Read every YAML file; raises DossierError only for problems that stop loading altogether."""
    loaded = Loaded()
    kept = root / cache.FOLDER / "facts"
    for directory in (root / articles_dir, root / facts_dir):
        paths = sorted(directory.glob("*.yml")) if directory.is_dir() else []
        if not paths:
            loaded.problems.append(Problem(display_path(directory, root), 1, 1, "no .yml files found here"))
        read_already = _parse_on_both_cores(paths, root, kept) if directory == root / facts_dir else {}
        for path in paths:
            try:
                if directory == root / articles_dir:
                    _load_article(path, root, loaded)
                else:
                    _merge(loaded, read_already[path] if path in read_already else _load_facts_file(path, root, kept))
            except DossierError as error:
                loaded.problems.extend(error.problems)
    _forget_deleted_files(kept, {_kept_file(kept, display_path(path, root)) for path in (root / facts_dir).glob("*.yml")})
    return loaded


# Parsing a file of 100 facts takes about as long as starting a second process.
SECOND_PROCESS_FROM = 8


def _parse_on_both_cores(paths: list[Path], root: Path, kept: Path) -> dict[Path, Loaded]:
    """On a first run, when many files have nothing kept yet: a second process parses every other one
    of them into the cache, for the loading that follows to read, while this one parses the rest.
    Returns what this process parsed."""
    not_kept = [path for path in paths if not _kept_file(kept, display_path(path, root)).exists()]
    if len(not_kept) < SECOND_PROCESS_FROM:
        return {}

    def parse(some: list[Path]) -> dict[Path, Loaded]:
        parsed = {}
        for path in some:
            with contextlib.suppress(DossierError):  # the loading that follows tries again, and reports it
                parsed[path] = _load_facts_file(path, root, kept)
        return parsed

    def parse_into_cache() -> None:
        parse(not_kept[1::2])  # sent back, the records would take as long to unpickle as to read from the cache

    return processes.side_by_side([partial(parse, not_kept[0::2]), parse_into_cache])[0]


def _kept_file(kept: Path, display: str) -> Path:
    return kept / (display.replace("/", "__") + ".pickle")


def _merge(loaded: Loaded, part: Loaded) -> None:
    for key, records in part.records.items():
        loaded.records[key].extend(records)
    loaded.problems.extend(part.problems)


def _forget_deleted_files(kept: Path, current: set[Path]) -> None:
    for path in kept.glob("*.pickle") if kept.is_dir() else []:
        if path not in current:
            path.unlink(missing_ok=True)
