"""The editor's tools: finding a passage, scaffolding a fact, schemas for their editor, and no traceback ever."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier import editing, schema
from dossier.load import load
from dossier.model import Fact
from dossier.problems import DossierError
from dossier.verify import verify
from tests.conftest import REPO
from tests.engine.conftest import FACT


def test_find_quote_shows_the_line_of_a_passage(project):
    found, _ = editing.find_passages(project.root, "每日样报报道,公司每月")
    assert found == ["source_articles/demo.txt:3: 第二段：每日样报报道,公司每月支出约 800 万美元。"]


def test_find_quote_explains_how_close_a_wrong_passage_comes(project):
    found, closest = editing.find_passages(project.root, "每日样报报道,公司每年")
    assert found == []
    assert closest == ["source_articles/demo.txt: it matches line 3 up to '每日样报报道,公司每', then the article has '月支出约800万美元。' where the quote has '年'"]


def test_new_fact_scaffold_loads_and_only_asks_to_be_filled_in(project):
    line = editing.scaffold_fact(project.root / "facts/facts.yml", "new-one", "downfall", "money", project.root)
    assert (project.root / "facts/facts.yml").read_text(encoding="utf-8").splitlines()[line - 1] == "  - id: new-one"
    problems = [str(problem) for problem in _problems(project)]
    assert problems and all(problem.startswith("facts/facts.yml:") for problem in problems)
    assert any("date: a date is written YYYY, YYYY-MM or YYYY-MM-DD" in problem for problem in problems)


def test_a_new_fact_goes_into_the_facts_list_even_when_other_lists_follow_it(project):
    facts_file = project.root / "facts/facts.yml"
    facts_file.write_text(facts_file.read_text(encoding="utf-8") + "\nuncited:\n  - {article: demo, passage: 第二段, reason: A test.}\n", encoding="utf-8")
    line = editing.scaffold_fact(facts_file, "new-one", "downfall", "money", project.root)
    uncited_line = facts_file.read_text(encoding="utf-8").splitlines().index("uncited:") + 1
    problems = _problems(project)
    assert problems and all(line <= problem.line < uncited_line for problem in problems), problems  # only the fields to fill in


@pytest.mark.parametrize("bad_id", ["../x", "two\nlines: [x]", "release", "index"])
def test_a_new_fact_needs_an_id_that_is_valid_and_free(project, bad_id):
    facts_file = project.root / "facts/facts.yml"
    before = facts_file.read_text(encoding="utf-8")
    with pytest.raises(DossierError) as raised:
        editing.scaffold_fact(facts_file, bad_id, "downfall", "money", project.root)
    assert "exists already" in str(raised.value.problems[0]) or "is not a valid id" in str(raised.value.problems[0])
    assert facts_file.read_text(encoding="utf-8") == before


def _problems(project):
    try:
        project.check()
    except DossierError as error:
        return error.problems
    return []


def test_schema_knows_every_field_of_a_fact():
    definition = json.loads(schema.schemas(REPO)[schema.FACTS_SCHEMA])["$defs"]["Fact"]
    assert set(definition["properties"]) == set(Fact.model_fields)
    assert set(definition["required"]) == {"id", "title", "claim", "topics", "section", "asserted_by", "status", "sources"}


def test_check_reports_problems_without_a_traceback(tmp_path):
    result = subprocess.run([sys.executable, str(REPO / "build_site.py"), "find-quote", "不在文章里的句子"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith("Not found in any article:")


def checks_or_fails_with_located_problems(project) -> None:
    try:
        verify(load(project.root))
    except DossierError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path.startswith("facts/") and problem.line >= 1 and problem.column >= 1 and problem.message


MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "insert", "duplicate", "swap", "replace-value", "retype"]),
        st.integers(min_value=0, max_value=10_000),
        st.sampled_from(["", " ", ":", "-", "\t", "\"", "'", "[", "]", "{", "}", "#", "\n", "…", "é", "2024-13-01", "null", "[]", "{}", "- x", "zh:", "…", "\\"]),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=MUTATIONS)
def test_any_mutation_of_valid_yaml_either_builds_or_fails_with_located_messages(project, mutations):
    text = FACT
    for kind, position, fragment in mutations:
        lines = text.split("\n")
        index = position % max(1, len(lines))
        if kind == "delete":
            spot = position % max(1, len(text))
            text = text[:spot] + text[spot + 1 :]
        elif kind == "insert":
            spot = position % max(1, len(text))
            text = text[:spot] + fragment + text[spot:]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
            text = "\n".join(lines)
        elif kind == "swap" and len(lines) > 1:
            other = (index + 1) % len(lines)
            lines[index], lines[other] = lines[other], lines[index]
            text = "\n".join(lines)
        elif kind == "replace-value" and ":" in lines[index]:
            lines[index] = lines[index].split(":", 1)[0] + ": " + fragment
            text = "\n".join(lines)
        elif kind == "retype":
            text = text.replace(random.Random(position).choice(["[downfall]", "reported", '"2022-08"', "demo"]), fragment, 1)
    (project.root / "facts/facts.yml").write_text(text, encoding="utf-8")
    checks_or_fails_with_located_problems(project)


# Which value grows, and how: nested in lists or maps, or lengthened.
GROWTHS = st.tuples(
    st.sampled_from(['"2022-08"', "reported", "[downfall]", "{zh: 发布, en: Release}", "2022 年 8 月,Acme 发布了 Acme Paint", "release"]),
    st.sampled_from(["flow-list", "flow-map", "block-list", "longer"]),
    st.integers(min_value=1, max_value=3_000),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(growth=GROWTHS)
def test_a_value_nested_or_lengthened_at_random_either_builds_or_fails_with_located_messages(project, growth):
    value, how, size = growth
    if how == "flow-list":
        grown = "[" * size + value + "]" * size
    elif how == "flow-map":
        grown = "{a: " * size + value + "}" * size
    elif how == "block-list":
        grown = "\n" + "".join("  " * (level + 3) + "-\n" for level in range(size)) + "  " * (size + 3) + "- " + value
    else:
        grown = value.strip('"') * size
    (project.root / "facts/facts.yml").write_text(FACT.replace(value, grown, 1), encoding="utf-8")
    checks_or_fails_with_located_problems(project)
