"""dossier.yml: the dossier's languages, name, home page and charts, checked like the facts."""

from __future__ import annotations

from dossier.pipeline import render_pages


def test_a_text_missing_one_of_the_dossiers_languages_is_located(project):
    project.replace("facts/facts.yml", "title: {zh: 发布, en: Release}", "title: {zh: 发布}")
    (problem,) = project.problems()
    assert problem.startswith("facts/facts.yml:3:") and "write these words in zh and en" in problem


def test_texts_are_read_in_the_languages_dossier_yml_lists(project):
    project.replace("dossier.yml", "{code: en, locale: en_GB, name: English}", "{code: fr, locale: fr_FR, name: Français}")
    problems = project.problems()
    assert problems and all("write these words in zh and fr" in problem for problem in problems)


def test_a_locale_babel_does_not_know_is_refused_where_it_is_written(project):
    project.replace("dossier.yml", "locale: en_GB", "locale: english")
    (problem,) = project.problems()
    assert problem.startswith("dossier.yml:3:") and "'english' is not a locale" in problem


def test_a_dossier_has_exactly_two_languages(project):
    project.replace("dossier.yml", "  - {code: en, locale: en_GB, name: English}\n", "")
    problems = project.problems()
    assert any(problem.startswith("dossier.yml:") and "languages" in problem for problem in problems)


def test_what_dossier_yml_names_must_exist(project):
    project.replace("dossier.yml", "new_fact: {topic: downfall, section: rise}", "new_fact: {topic: downfall, section: ris}\nhome_extra: 1")
    problems = project.problems()
    assert any(problem.startswith("dossier.yml:") and "unknown field 'home_extra'" in problem for problem in problems)
    project.replace("dossier.yml", "\nhome_extra: 1", "")
    (problem,) = project.problems()
    assert problem.startswith("dossier.yml:11:") and "topic 'downfall' has no section 'ris' (did you mean 'rise'?)" in problem


def test_a_chart_of_an_unknown_entity_is_located(project):
    project.replace("dossier.yml", "citation_key:", "charts:\n  - {id: costs, measures: [cost], entity: nobody, currency: USD, title: {zh: 支出, en: Costs}, description: {zh: 支出, en: Costs}}\ncitation_key:")
    (problem,) = project.problems()
    assert problem.startswith("dossier.yml:") and "unknown entity 'nobody'" in problem


def test_the_dossiers_own_wording_replaces_an_interface_word(project):
    project.replace("dossier.yml", "citation_key:", "words:\n  en: {permalink: Lasting link}\ncitation_key:")
    pages = render_pages(project.root, project.check())
    assert "[Lasting link]" in pages["topics/downfall.en.md"] and "[永久链接]" in pages["topics/downfall.md"]


def test_a_wording_of_no_interface_word_is_located(project):
    project.replace("dossier.yml", "citation_key:", "words:\n  en: {permalnk: Lasting link}\ncitation_key:")
    (problem,) = project.problems()
    assert problem.startswith("dossier.yml:") and "'permalnk' is not a word of the interface (did you mean 'permalink'?)" in problem


def test_the_home_page_tells_the_story_of_dossier_yml_with_the_count_of_facts(project):
    pages = render_pages(project.root, project.check())
    assert "A demo: 1 facts." in pages["index.en.md"] and "演示：1 条事实。" in pages["index.md"]


def test_mkdocs_yml_is_written_from_dossier_yml(project):
    from dossier import pipeline

    pipeline.generate(project.root)
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_name: "演示档案"' in config and 'site_name: "The demo dossier"' in config
    assert "  - topics/downfall.md\n" in config


def test_an_event_chart_names_facts_that_exist(project):
    project.replace("dossier.yml", "citation_key:", "event_charts:\n  - {id: left, topic: downfall, title: {zh: 离开, en: Left}, description: {zh: 离开, en: Left}, facts: [releas]}\ncitation_key:")
    (problem,) = project.problems()
    assert problem.startswith("dossier.yml:") and "unknown fact 'releas' (did you mean 'release'?)" in problem
