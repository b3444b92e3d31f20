"""How YAML's own rules reach the editor: values are read as YAML 1.1 reads them, and a problem
found after reading is located at its line and column."""

from __future__ import annotations

from tests.engine.conftest import FACT


def test_an_octal_amount_is_read_as_yaml_1_1_reads_it(project):
    figure = "    figures:\n      - {label: {zh: 月, en: month}, amount: 010, unit: {zh: 月, en: month}, as_written: '8'}\n"
    project.write("facts/facts.yml", FACT.replace("    status: reported\n", "    status: reported\n" + figure))
    assert project.check().facts["release"].figures[0].amount == 8


def test_a_title_written_yes_is_a_boolean_and_refused_at_its_place(project):
    project.write("facts/facts.yml", FACT.replace("en: Release}", "en: yes}"))
    assert project.problems() == ["facts/facts.yml:3:25: title.en: Input should be a valid string"]


def test_an_unknown_entity_is_found_at_its_item(project):
    text = FACT.replace("entities: [acme-labs]", "entities: [acme-labs, nobody]")
    project.write("facts/facts.yml", text)
    (problem,) = project.problems()
    assert problem == "facts/facts.yml:8:27: fact 'release': unknown entity 'nobody': add it to facts/entities.yml or fix the id"


def test_a_quote_not_found_is_found_at_its_line(project):
    text = FACT.replace("发布了 Acme Paint", "推出了 Acme Paint")
    project.write("facts/facts.yml", text)
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:13:16: fact 'release': quote not found in article 'demo'")
