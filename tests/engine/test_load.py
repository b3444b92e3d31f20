"""Loading: every kind of bad input is reported with its file, line and a way to fix it."""

from __future__ import annotations



def test_a_valid_dossier_loads(project):
    dossier = project.check()
    assert list(dossier.facts) == ["release"]
    assert dossier.facts["release"].date == "2022-08"


def test_yaml_syntax_error_names_file_and_line(project):
    project.write("facts/facts.yml", "facts:\n  - id: release\n    title: [unclosed\n")
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:4:") or problem.startswith("facts/facts.yml:3:")
    assert "YAML syntax error" in problem


def test_tab_indentation_is_refused_with_its_line(project):
    project.write("facts/facts.yml", "facts:\n\t- id: release\n")
    assert project.problems() == ["facts/facts.yml:2:1: a tab character: YAML indents with spaces only"]


def test_empty_file_is_reported(project):
    project.write("facts/extra.yml", "\n")
    assert project.problems() == ["facts/extra.yml:1:1: this file is empty: add its content or delete it"]


def test_file_that_is_not_utf8_is_reported(project):
    (project.root / "facts/extra.yml").write_bytes("facts:\n  - id: 发布\n".encode("gbk"))
    (problem,) = project.problems()
    assert problem.startswith("facts/extra.yml:2:1: this file is not UTF-8")


def test_a_control_character_is_reported_at_its_place(project):
    project.write("facts/extra.yml", "facts:\n  - title: {zh: 中文\x02, en: x}\n")
    assert project.problems() == ["facts/extra.yml:2:19: the character U+0002 is not allowed in YAML: delete it"]


def test_a_key_that_is_a_list_is_reported_at_its_place(project):
    project.write("facts/extra.yml", "facts:\n  - ? [zh, en]\n    : x\n")
    assert project.problems() == ["facts/extra.yml:2:7: a key is a list or a mapping: write a field name before the ':'"]


def test_a_number_too_long_to_read_is_reported_at_its_place(project):
    project.write("facts/extra.yml", "facts:\n  - id: x\n    amount: " + "9" * 5000 + "\n")
    assert project.problems() == ["facts/extra.yml:3:13: this number has too many digits to be read: shorten it"]


def test_missing_field_names_the_field_and_the_fact_line(project):
    project.write("facts/facts.yml", project.root.joinpath("facts/facts.yml").read_text().replace("    status: reported\n", ""))
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:2:")
    assert "missing field 'status'" in problem


def test_unknown_field_suggests_the_right_name(project):
    text = project.root.joinpath("facts/facts.yml").read_text().replace("    status: reported\n", "    status: reported\n    topcs: [downfall]\n")
    project.write("facts/facts.yml", text)
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:11:")
    assert "unknown field 'topcs' (did you mean 'topics'?)" in problem


def test_wrong_type_is_reported_at_its_line(project):
    text = project.root.joinpath("facts/facts.yml").read_text().replace("entities: [acme-labs]", "entities: acme-labs")
    project.write("facts/facts.yml", text)
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:8:")
    assert "entities" in problem and "list" in problem


def test_invalid_status_lists_the_allowed_ones(project):
    text = project.root.joinpath("facts/facts.yml").read_text().replace("status: reported", "status: rumoured")
    project.write("facts/facts.yml", text)
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:10:")
    assert "'reported'" in problem and "'alleged'" in problem


def test_impossible_date_is_refused(project):
    text = project.root.joinpath("facts/facts.yml").read_text().replace('date: "2022-08"', 'date: "2023-02-30"')
    project.write("facts/facts.yml", text)
    assert project.problems() == ["facts/facts.yml:5:11: date: 2023-02-30 is not a day of the calendar"]


def test_unquoted_date_is_still_read_as_text(project):
    text = project.root.joinpath("facts/facts.yml").read_text().replace('date: "2022-08"', "date: 2022-08-01")
    project.write("facts/facts.yml", text)
    assert project.check().facts["release"].date == "2022-08-01"


def test_id_with_capitals_is_refused(project):
    text = project.root.joinpath("facts/facts.yml").read_text().replace("id: release", "id: Release_1")
    project.write("facts/facts.yml", text)
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:2:")
    assert "'Release_1' is not a valid id" in problem


def test_every_problem_is_reported_at_once(project):
    text = project.root.joinpath("facts/facts.yml").read_text()
    text = text.replace("status: reported", "status: rumoured").replace('date: "2022-08"', 'date: "2022-13"')
    project.write("facts/facts.yml", text)
    assert len(project.problems()) == 2


def test_the_hand_written_methodology_page_is_needed_in_each_language(project):
    (project.root / "docs" / "methodology.en.md").unlink()
    (problem,) = project.problems()
    assert problem.startswith("docs/methodology.en.md:1:1:") and "this page is missing" in problem
