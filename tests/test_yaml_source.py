"""Reading quickly: a file read without positions gives the data the located loader gives, and its
problems are still found at their line and column."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.problems import DossierError
from dossier.yaml_source import load_yaml, read_quickly
from tests.conftest import FACT

# Plain scalars that YAML 1.1 (the located loader) and YAML 1.2 (yaml-rs) may read apart, with
# their neighbours that both read alike.
TRICKY = [
    "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "n",
    "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "null", "Null", "NULL", "~", "=", "<<",
    "0", "-0", "00", "010", "08", "0o10", "0x1F", "0b11", "1_000", "_1", "1_", "+1", "-1", "2024",
    "99999999999999999999", "12.5", "-0.0", "0.5", ".5", "1.", "0e0", "1e3", "1.0e3", "1E-3", "1.5e+3",
    "1e400", ".inf", "-.inf", "+.inf", ".Inf", ".nan", ".NaN", "inf", "nan", "1:20", "12:30",
    "190:20:30.15", "2022-08", "2022-08-01", "2022-08-01 10:00:00",
]
ORDINARY = ["on one scale", "Yes sir", "No. 5", "Stability AI", "合成事实 0", "R&D", "x#y", "gpt-4", "spin-off", "1-2", "“unicorn”"]

scalars = st.sampled_from(TRICKY + ORDINARY)
# A tree of ("seq", flow, items), ("map", flow, [(key, value)]) and scalars.
trees = st.recursive(
    scalars,
    lambda inner: st.tuples(st.just("seq"), st.booleans(), st.lists(inner, max_size=3))
    | st.tuples(st.just("map"), st.booleans(), st.lists(st.tuples(scalars, inner), max_size=3)),
    max_leaves=12,
)


def flow(tree: Any) -> str:
    if isinstance(tree, str):
        return tree
    kind, _, items = tree
    if kind == "seq":
        return "[" + ", ".join(flow(item) for item in items) + "]"
    return "{" + ", ".join(f"{key}: {flow(value)}" for key, value in items) + "}"


def block(tree: Any, indent: str = "") -> str:
    """`tree` as YAML lines at this indent; collections in block style unless marked flow (or empty)."""
    if isinstance(tree, str) or tree[1] or not tree[2]:
        return f"{indent}{flow(tree)}\n"
    kind, _, items = tree
    lines = []
    for item in items:
        head, value = (f"{indent}- ", item) if kind == "seq" else (f"{indent}{item[0]}:", item[1])
        nested = isinstance(value, tuple) and not value[1] and value[2]
        lines.append(f"{head}\n{block(value, indent + '  ')}" if nested else f"{head} {flow(value)}\n")
    return "".join(lines)


def plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {plain(key): plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [plain(item) for item in data]
    return data


def assert_read_alike(text: str, folder: Path) -> None:
    """Reading quickly, or with positions where it cannot, gives what the located loader gives."""
    path = folder / "document.yml"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        located = repr(plain(load_yaml(path, "document.yml").data))  # repr: True, 1 and 1.0 are equal, not alike
    except DossierError:
        located = "fails"
    quick = read_quickly(text)
    assert (located if quick is None else repr(quick)) == located, text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=trees)
def test_reading_quickly_gives_the_located_loaders_data(tmp_path, tree):
    assert_read_alike(block(tree), tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!binary aGk=\n",  # a tag
        "[>x]\n",  # an indicator starting a scalar
        "[?x]\n",  # an explicit key
        "a: |\n",  # a block scalar left empty
        "{a:, b}\n",  # a value left empty
        "- : x\n",  # a key left empty
        "a: 1\n---\nb: 2\n",  # two documents
        "a: x\u2028y\n",  # a line break in YAML 1.1 only
        "\ufeffa: 1\n",  # a byte order mark
        "a: 1\ryes: 2\n",  # lines broken the old Mac way
        '[a, "b":010]\n',  # a value right after a quoted key
        '{"a"\n  :010}\n',  # a value on the line below its key
        '{"z\\\n  h": 1}\n',  # a key of a flow mapping broken over two lines
    ],
)
def test_what_else_the_two_parsers_read_apart_is_read_alike(tmp_path, text):
    assert_read_alike(text, tmp_path)


def test_what_python_cannot_make_is_left_to_the_located_loader():
    assert read_quickly("{{a: [1]}: b}\n") is None  # a key that is a mapping holding a list
    assert read_quickly(f"amount: {'9' * 4301}\n") is None  # an int too long to convert from text


def test_a_scalar_that_yaml_1_1_reads_otherwise_is_left_to_the_located_loader():
    assert read_quickly("en: yes\n") is None
    assert read_quickly("amount: 010\n") is None
    assert read_quickly("- {zh: 发布, en: 1:20}\n") is None


def test_scalars_both_read_alike_and_text_are_read_quickly():
    text = "amount: 2024\nshare: 12.5\nsure: true\nnone: ~\nen: on one scale\ndate: 2022-08\n"
    assert read_quickly(text) == {"amount": 2024, "share": 12.5, "sure": True, "none": None, "en": "on one scale", "date": "2022-08"}


def test_an_octal_amount_is_read_as_yaml_1_1_reads_it(project):
    figure = "    figures:\n      - {label: {zh: 月, en: month}, amount: 010, unit: {zh: 月, en: month}, as_written: '8'}\n"
    project.write("facts/facts.yml", FACT.replace("    status: reported\n", "    status: reported\n" + figure))
    assert project.check().facts["release"].figures[0].amount == 8


def test_a_title_written_yes_is_a_boolean_and_refused_at_its_place(project):
    project.write("facts/facts.yml", FACT.replace("en: Release}", "en: yes}"))
    assert project.problems() == ["facts/facts.yml:3:25: title.en: Input should be a valid string"]


def test_an_unknown_entity_in_a_file_read_quickly_is_found_at_its_item(project):
    text = FACT.replace("entities: [stability-ai]", "entities: [stability-ai, nobody]")
    assert read_quickly(text) is not None
    project.write("facts/facts.yml", text)
    (problem,) = project.problems()
    assert problem == "facts/facts.yml:8:30: fact 'release': unknown entity 'nobody': add it to facts/entities.yml or fix the id"


def test_a_quote_not_found_in_a_file_read_quickly_is_found_at_its_line(project):
    text = FACT.replace("发布了 Stable Diffusion", "推出了 Stable Diffusion")
    assert read_quickly(text) is not None
    project.write("facts/facts.yml", text)
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:13:16: fact 'release': quote not found in article 'demo'")


def test_a_problem_in_a_kept_file_is_found_at_its_line(project):
    project.check()  # keeps facts/facts.yml in .cache/
    project.write("facts/entities.yml", "entities: []\n")
    assert project.problems() == [
        "facts/facts.yml:8:16: fact 'release': unknown entity 'stability-ai': add it to facts/entities.yml or fix the id",
        "facts/facts.yml:9:19: fact 'release': unknown entity 'stability-ai': add it to facts/entities.yml or fix the id",
    ]


def test_a_problem_in_a_kept_file_is_found_after_the_project_moved(project, tmp_path_factory):
    project.check()  # keeps facts/facts.yml in .cache/, which moves with the project
    moved = tmp_path_factory.mktemp("elsewhere") / "project"
    shutil.move(project.root, moved)
    project.root = moved
    project.write("facts/entities.yml", "entities: []\n")
    assert project.problems()[0].startswith("facts/facts.yml:8:16: fact 'release': unknown entity 'stability-ai'")
