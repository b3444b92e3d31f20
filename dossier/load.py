"""Load the editors' YAML and the articles into typed records, collecting every problem with its place."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import urls
from .model import MAX_AMOUNT, Article, Entity, Fact, Language, Topic, Uncited
from .problems import DossierError, Problem, display_path
from .settings import SETTINGS_FILE, Settings
from .yaml_source import LocatedDict, LocatedList, YamlDocument, load_yaml, read_text

Record = TypeVar("Record", bound=BaseModel)

# What each top-level key of a file in facts/ holds.
SECTIONS: dict[str, type[BaseModel]] = {"facts": Fact, "entities": Entity, "topics": Topic, "uncited": Uncited}


@dataclass(frozen=True)
class Origin:
    """Where a record was written, to locate problems found after loading: its file, and its path
    in the file's data (as ("facts", 3))."""

    document: YamlDocument
    path: tuple[Any, ...] = ()

    def problem(self, path: tuple[Any, ...], message: str) -> Problem:
        return self.document.problem(position_of(self.document.data, self.path + path), message)


@dataclass
class Loaded:
    """Records as read, each with its origin, before cross-checking."""

    settings: tuple[Settings, Origin] | None = None
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
    if kind == "string_too_long":
        return f"{where}: is longer than {error['ctx']['max_length']} characters: shorten it"
    if kind in ("int_type", "float_type", "finite_number") or (kind.startswith(("greater_than", "less_than")) and "amount" in location):
        return f"{where}: {error['input']!r} is not an amount: write a number from 0 to {MAX_AMOUNT}, without quotes"
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


def validate_record(model: type[Record], raw: Any, origin: Origin, languages: tuple[Language, ...]) -> tuple[Record | None, list[Problem]]:
    """The record, or its problems; its texts must be written in each of `languages`."""
    if not isinstance(raw, dict):
        return None, [origin.problem((), f"expected a mapping of fields (a {model.__name__.lower()}), found {type(raw).__name__}")]
    try:
        return model.model_validate(raw, context={"languages": languages}), []
    except ValidationError as error:
        # A value that fits no type of a union fails once for each: say it once.
        return None, list(dict.fromkeys(origin.problem(tuple(e["loc"]), _describe(e, model, raw)) for e in error.errors()))


def _load_records(path: Path, root: Path, languages: tuple[Language, ...]) -> Loaded:
    """The records of one file in facts/, and its problems."""
    loaded = Loaded()
    document = load_yaml(path, display_path(path, root))
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
            origin = Origin(document, (key, index))
            record, problems = validate_record(SECTIONS[key], raw, origin, languages)
            loaded.problems.extend(problems)
            if record is not None:
                loaded.records[key].append((record, origin))
    return loaded


def _load_article(meta_path: Path, root: Path, loaded: Loaded, languages: tuple[Language, ...]) -> None:
    document = load_yaml(meta_path, display_path(meta_path, root))
    origin = Origin(document)
    article, problems = validate_record(Article, document.data, origin, languages)
    loaded.problems.extend(problems)
    if article is None:
        return
    text_path = meta_path.parent / article.text
    # Only a file of source_articles/ may be published as an article, never one reached by a
    # path or a link out of it.
    try:
        outside = text_path.resolve(strict=False).parent != meta_path.parent.resolve()
    except (OSError, RuntimeError):  # a link to itself, or in a loop
        outside = True
    if outside:
        loaded.problems.append(origin.problem(("text",), f"the article text '{article.text}' must be a file in {display_path(meta_path.parent, root)}/, beside this file"))
        return
    if not text_path.is_file():
        loaded.problems.append(origin.problem(("text",), f"the article text '{article.text}' is not beside this file"))
        return
    loaded.article_texts[article.id] = read_text(text_path, display_path(text_path, root))
    loaded.articles.append((article, origin))


def load_settings(root: Path) -> tuple[Settings, Origin]:
    """dossier.yml, whose languages every other file is read in; its problems stop loading."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        raise DossierError([Problem(display_path(path, root), 1, 1, "no dossier.yml here: a dossier's folder holds its settings (`build_site.py init` makes one)")])
    document = load_yaml(path, display_path(path, root))
    origin = Origin(document)
    raw = document.data
    # Its own texts are in the languages it lists: read those first.
    listed = raw.get("languages") if isinstance(raw, dict) else None
    codes = tuple(item["code"] for item in listed if isinstance(item, dict) and isinstance(item.get("code"), str)) if isinstance(listed, list) else ()
    settings, problems = validate_record(Settings, raw, origin, codes)
    if settings is None:
        raise DossierError(problems)
    return settings, origin


def load(root: Path, facts_dir: str = "facts", articles_dir: str = "source_articles") -> Loaded:
    """Read every YAML file; raises DossierError only for problems that stop loading altogether."""
    loaded = Loaded(settings=load_settings(root))
    languages = loaded.settings[0].codes
    for language in languages:
        # Written by hand, in each language; every fact page links to it.
        page = root / "docs" / urls.source_file(urls.METHODOLOGY, language, languages)
        if not page.is_file():
            loaded.problems.append(Problem(display_path(page, root), 1, 1, "this page is missing: write how the facts are chosen and checked, in this language (every fact page links to it)"))
    for directory in (root / articles_dir, root / facts_dir):
        paths = sorted(directory.glob("*.yml")) if directory.is_dir() else []
        for misnamed in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
            loaded.problems.append(Problem(display_path(misnamed, root), 1, 1, f"files here end in .yml: rename it to {misnamed.stem}.yml, or it is not read"))
        if not paths:
            loaded.problems.append(Problem(display_path(directory, root), 1, 1, "no .yml files found here"))
        for path in paths:
            try:
                if directory == root / articles_dir:
                    _load_article(path, root, loaded, languages)
                else:
                    _merge(loaded, _load_records(path, root, languages))
            except DossierError as error:
                loaded.problems.extend(error.problems)
    return loaded


def _merge(loaded: Loaded, part: Loaded) -> None:
    for key, records in part.records.items():
        loaded.records[key].extend(records)
    loaded.problems.extend(part.problems)
