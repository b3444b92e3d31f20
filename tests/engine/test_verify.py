"""Cross-checks: quotes stand verbatim in their article, and every id resolves."""

from __future__ import annotations


def test_quote_not_in_article_names_fact_line_and_the_difference(project):
    project.replace("facts/facts.yml", "发布了 Acme Paint", "推出了 Acme Paint")
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:13:")
    assert "fact 'release': quote not found in article 'demo'" in problem
    assert "matches line 1 up to" in problem and "'发布了" in problem


def test_quote_matches_whatever_the_whitespace(project):
    project.replace("facts/facts.yml", "2022 年 8 月,Acme", "2022年8月,  Acme")
    assert project.check().facts["release"]


def test_ellipsis_joins_pieces_of_a_passage_in_order(project):
    project.replace("facts/facts.yml", "2022 年 8 月,Acme 发布了 Acme Paint", "2022 年 8 月…日活很快达到 1000 万")
    assert project.check().passage(project.check().facts["release"], 0).line == 1


def test_ellipsis_pieces_out_of_order_are_refused(project):
    project.replace("facts/facts.yml", "2022 年 8 月,Acme 发布了 Acme Paint", "日活很快达到 1000 万…2022 年 8 月")
    (problem,) = project.problems()
    assert "quote not found" in problem


def test_unknown_article_suggests_the_known_one(project):
    project.replace("facts/facts.yml", "article: demo", "article: dem")
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:12:")
    assert "unknown article 'dem' (did you mean 'demo'?)" in problem


def test_unknown_entity_is_reported_at_its_item(project):
    project.replace("facts/facts.yml", "entities: [acme-labs]", "entities: [acme-lab]")
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:8:")
    assert "unknown entity 'acme-lab' (did you mean 'acme-labs'?)" in problem


def test_unknown_topic_is_reported(project):
    project.replace("facts/facts.yml", "topics: [downfall]", "topics: [downfal]")
    problems = project.problems()
    assert any(p.startswith("facts/facts.yml:6:") and "unknown topic 'downfal' (did you mean 'downfall'?)" in p for p in problems)


def test_section_must_belong_to_the_first_topic(project):
    project.replace("facts/facts.yml", "section: rise", "section: outlook")
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:7:")
    assert "'outlook' is not a section of topic 'downfall'" in problem and "rise, money" in problem


def test_duplicate_fact_id_points_to_the_first_one(project):
    project.write("facts/more.yml", (project.root / "facts/facts.yml").read_text(encoding="utf-8"))
    (problem,) = project.problems()
    assert problem.startswith("facts/more.yml:2:")
    assert "duplicate fact id 'release', already used at facts/facts.yml:2" in problem


def test_alias_taken_by_another_fact_is_refused(project):
    text = (project.root / "facts/facts.yml").read_text(encoding="utf-8")
    second = text.replace("facts:\n", "").replace("id: release", "id: launch").replace("    status: reported\n", "    status: reported\n    aliases: [release]\n")
    project.write("facts/facts.yml", text + second)
    (problem,) = project.problems()
    assert "alias 'release' is already the id or alias of fact 'release'" in problem


def test_denied_status_needs_who_denies(project):
    project.replace("facts/facts.yml", "status: reported", "status: denied")
    (problem,) = project.problems()
    assert "status 'denied' needs 'denied_by'" in problem


def test_figure_must_be_written_as_in_the_quote(project):
    project.replace(
        "facts/facts.yml",
        "    status: reported\n",
        "    status: reported\n    figures:\n      - {label: {zh: 日活, en: daily users}, amount: 10000000, unit: {zh: 人, en: users}, as_written: 一千万}\n",
    )
    (problem,) = project.problems()
    assert "figure '一千万' does not appear in the fact's quotes" in problem


def test_uncited_passage_must_exist(project):
    project.write("facts/uncited.yml", "uncited:\n  - {article: demo, passage: 不存在的段落, reason: heading}\n")
    (problem,) = project.problems()
    assert problem.startswith("facts/uncited.yml:2:")
    assert "passage not found in article 'demo'" in problem


def test_after_names_a_fact_of_the_same_date(project):
    project.replace("facts/facts.yml", '    date: "2022-08"\n', '    date: "2022-08"\n    after: [releases]\n')
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:6:") and "unknown fact 'releases' (did you mean 'release'?) in 'after'" in problem


def test_after_that_leads_back_to_its_own_fact_is_refused(project):
    project.replace("facts/facts.yml", '    date: "2022-08"\n', '    date: "2022-08"\n    after: [release]\n')
    (problem,) = project.problems()
    assert "fact 'release': 'after' leads back to this fact" in problem
