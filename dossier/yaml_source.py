"""Read YAML while remembering where every mapping and value came from.

Validation errors must name a file and line, so the loader keeps, for every mapping, the line
and column of each key. Dates stay strings: "2024-03" and "2024-03-20" are both valid here, and
YAML's own timestamp type would turn only one of them into a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import DossierError, Problem


class LocatedDict(dict):
    """A mapping that knows its own position and the position of each key."""

    line: int = 1
    column: int = 1
    key_positions: dict[str, tuple[int, int]]

    def position_of(self, key: Any) -> tuple[int, int]:
        return self.key_positions.get(key, (self.line, self.column))


class LocatedList(list):
    line: int = 1
    column: int = 1
    item_positions: list[tuple[int, int]]

    def position_of(self, index: int) -> tuple[int, int]:
        if 0 <= index < len(self.item_positions):
            return self.item_positions[index]
        return (self.line, self.column)


# The C parser when PyYAML has it: the pure-Python one is ten times slower.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _position(node: yaml.Node | yaml.Event) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    mapping = LocatedDict()
    mapping.line, mapping.column = _position(node)
    mapping.key_positions = {}
    duplicates = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict)):
            raise _Unreadable("a key is a list or a mapping: write a field name before the ':'", *_position(key_node))
        if key in mapping:
            duplicates.append((key, _position(key_node)))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_positions[key] = _position(value_node) if not isinstance(
            value_node, (yaml.MappingNode, yaml.SequenceNode)
        ) else _position(key_node)
    if duplicates:
        key, (line, column) = duplicates[0]
        raise _Unreadable(f"the key '{key}' appears twice in one mapping: keep one", line, column)
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    sequence = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line, sequence.column = _position(node)
    sequence.item_positions = [_position(child) for child in node.value]
    return sequence


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    try:
        return loader.construct_yaml_int(node)
    except ValueError:  # Python reads no integer of more than 4,300 digits from text
        raise _Unreadable("this number has too many digits to be read: shorten it", *_position(node)) from None


class _Unreadable(Exception):
    """YAML that parses but makes no data the dossier can read, at a line and column."""

    def __init__(self, message: str, line: int, column: int):
        self.message, self.line, self.column = message, line, column


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


@dataclass(frozen=True)
class YamlDocument:
    path: Path
    display: str
    data: Any

    def problem(self, position: tuple[int, int], message: str) -> Problem:
        return Problem(self.display, position[0], position[1], message)


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 file, or fail with a located problem."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise DossierError([Problem(display, line, 1, "this file is not UTF-8: save it as UTF-8")]) from None
    except OSError as error:
        raise DossierError([Problem(display, 1, 1, f"cannot read this file: {error.strerror}")]) from None


# Deeper nesting than any dossier file needs; far deeper would crash the C composer (which
# recurses without the interpreter's limit) and with it a running `serve`.
MAX_DEPTH = 100
_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, at the line where it goes too deep, before composing."""
    depth = 0
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, _OPENS):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Unreadable(f"lists and mappings nested more than {MAX_DEPTH} deep: no dossier file needs that; flatten it", *_position(event))
        elif isinstance(event, _CLOSES):
            depth -= 1


def load_yaml(path: Path, display: str) -> YamlDocument:
    """Parse one YAML file; syntax errors become a located problem."""
    text = read_text(path, display)
    if not text.strip():
        raise DossierError([Problem(display, 1, 1, "this file is empty: add its content or delete it")])
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        column = len(text.split("\n")[line - 1].split("\t")[0]) + 1
        raise DossierError([Problem(display, line, column, "a tab character: YAML indents with spaces only")])
    try:
        _check_depth(text)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except _Unreadable as error:
        raise DossierError([Problem(display, error.line, error.column, error.message)]) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow in a file
        # The first one in the file (the C reader counts its position in bytes, not characters).
        where = text.index(chr(error.character))
        line, column = text.count("\n", 0, where) + 1, where - text.rfind("\n", 0, where)
        raise DossierError([Problem(display, line, column, f"the character U+{error.character:04X} is not allowed in YAML: delete it")]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise DossierError([Problem(display, line, column, f"YAML syntax error: {what}")]) from None
    return YamlDocument(path, display, data)
