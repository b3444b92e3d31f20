"""Whatever an editor writes in a text field is shown as text, in every place the field lands:
page bodies, headings, titles, link previews, the citation's code blocks, scripts and charts;
read from the built HTML, and in Chromium, which runs the pages' scripts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dossier import pipeline
from tests.browsing import served_folder
from tests.engine.conftest import Project

# Each field gets its own number, so that a break-out is traced to the field it came from.
FIELDS = [
    "home story", "chart title",
    "article name", "article title", "article outlet", "article author", "article rights", "article date note", "article reposted by",
    "topic title", "topic intro", "section title", "entity name", "entity role",
    "fact title", "fact claim", "fact date note", "figure label", "figure unit", "figure period", "figure as written",
    "note text", "quote and article text", "translation",
]  # fmt: skip


def hostile(number: int) -> str:
    """Markup of every kind that could come alive: a tag, a Markdown link, a code span and fence, a script end."""
    return f'H{number} <img src=x onerror=alert({number})> [x](javascript:alert({number})) `{number}` ``` </script><script>alert({number})</script> *e{number}*'


def text(number: int) -> str:
    return json.dumps({"zh": hostile(number), "en": hostile(number)}, ensure_ascii=False)


def field(name: str) -> str:
    return text(FIELDS.index(name))


def write_hostile_dossier(project: Project) -> None:
    # The figure's wording stands in the quote, as the model requires.
    quote = hostile(FIELDS.index("quote and article text")) + " " + hostile(FIELDS.index("figure as written"))
    project.write("dossier.yml", f"""\
languages:
  - {{code: zh, locale: zh_CN, name: 中文}}
  - {{code: en, locale: en_GB, name: English}}
site: {{name: {{zh: 演示, en: Demo}}, description: {{zh: 演示, en: Demo}}}}
home: {{story: {field("home story")}, key_figures: {{topic: downfall, measures: [cost]}}}}
charts:
  - {{id: costs, measures: [cost], currency: USD, title: {field("chart title")}, description: {field("chart title")}}}
citation_key: demo
new_fact: {{topic: downfall, section: rise}}
previews: {{bold: /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc, regular: /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc, face: 2}}
""")
    project.write("source_articles/demo.txt", f"第一段：{quote}\n")
    project.write("source_articles/demo.yml", f"""\
id: demo
text: demo.txt
language: zh
name: {field("article name")}
title: {field("article title")}
outlet: {field("article outlet")}
reposted_by: {field("article reposted by")}
authors: [{field("article author")}]
published: {{date: "2024-03", note: {field("article date note")}}}
rights: {field("article rights")}
""")
    project.write("facts/topics.yml", f"""\
topics:
  - id: downfall
    title: {field("topic title")}
    intro: {field("topic intro")}
    sections: [{{id: rise, title: {field("section title")}}}]
""")
    project.write("facts/entities.yml", f"""\
entities:
  - {{id: acme-labs, kind: organisation, name: {field("entity name")}, role: {field("entity role")}}}
""")
    project.write("facts/facts.yml", f"""\
facts:
  - id: release
    title: {field("fact title")}
    claim: {field("fact claim")}
    date: "2022-08"
    date_note: {field("fact date note")}
    topics: [downfall]
    section: rise
    entities: [acme-labs]
    figures:
      - {{label: {field("figure label")}, amount: 8000000, unit: {field("figure unit")}, period: {field("figure period")}, measure: cost, as_written: {json.dumps(hostile(FIELDS.index("figure as written")))}}}
      - {{label: {field("figure label")}, amount: 8000000, currency: USD, measure: cost, as_written: x}}
    asserted_by: [acme-labs]
    status: reported
    notes: [{{kind: context, text: {field("note text")}}}]
    sources:
      - article: demo
        quote: {json.dumps(quote)}
        translation: {json.dumps(hostile(FIELDS.index("translation")))}
""")


class LiveMarkup(HTMLParser):
    """What of a page would run or link: tags, event attributes, link targets; and its text."""

    def __init__(self):
        super().__init__()
        self.live: list[str] = []
        self.text: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") or (name in ("href", "src") and (value or "").startswith("javascript:")):
                self.live.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script:
            if "alert(" in data and "\\u003c" not in data and '"' not in data:
                self.live.append(f"script: {data[:60]}")
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile dossier, built: its site folder."""
    project = Project(tmp_path_factory.mktemp("hostile"))
    write_hostile_dossier(project)
    pipeline.build(project.root, project.root / "site", local=True)
    return project.root / "site"


def html_pages(site: Path) -> list[str]:
    return [str(page.relative_to(site)) for page in sorted(site.rglob("*.html"))]


@pytest.fixture(scope="module")
def built(hostile_site) -> dict[str, LiveMarkup]:
    pages = {}
    for page in html_pages(hostile_site):
        parsed = LiveMarkup()
        parsed.feed((hostile_site / page).read_text(encoding="utf-8"))
        pages[page] = parsed
    return pages


def test_the_site_name_and_description_which_the_theme_prints_as_they_are_must_be_plain_text(project):
    text = project.root / "dossier.yml"
    text.write_text(text.read_text(encoding="utf-8").replace("name: {zh: 演示档案, en: The demo dossier}", 'name: {zh: 演示档案, en: "<b>Demo</b>"}'), encoding="utf-8")
    (problem,) = project.problems()
    assert problem.startswith("dossier.yml:") and "write it as plain text" in problem


@pytest.mark.parametrize("word", ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "</script>"])
def test_an_interface_word_of_the_dossiers_own_is_text_with_no_markup_of_its_own(project, word):
    settings = project.root / "dossier.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"words:\n  en: {{permalink: {json.dumps(word)}}}\n", encoding="utf-8")
    (problem,) = project.problems()
    assert problem.startswith("dossier.yml:") and "words.en.permalink: an interface word is text" in problem


@pytest.mark.publishing
@pytest.mark.parametrize("name", FIELDS)
def test_a_field_is_shown_as_text_wherever_it_lands(built, name):
    number = FIELDS.index(name)
    shown = [page for page, parsed in built.items() if f"onerror=alert({number})" in "".join(parsed.text)]
    assert shown, f"the {name} is shown on no page"
    alive = [f"{page}: {markup}" for page, parsed in built.items() for markup in parsed.live if f"alert({number})" in markup]
    assert not alive, "\n".join(alive)


# Before any script of a page: each call of alert(), confirm() or prompt() is recorded, then made,
# so that the dialog it opens is seen too.
RECORD_ALERTS = """
window.__alerts = [];
for (const name of ["alert", "confirm", "prompt"]) {
  const original = window[name].bind(window);
  window[name] = (...args) => { window.__alerts.push(`${name}(${args.join(", ")})`); return original(...args); };
}
"""

# What of the page, once its own scripts have run, a field could have brought to life.
LIVE_IN_DOCUMENT = """() => [...document.querySelectorAll("*")].flatMap(element => [...element.attributes]
  .filter(attribute => attribute.value.includes("alert("))
  .filter(attribute => attribute.name.startsWith("on") || /^\\s*javascript:/i.test(attribute.value))
  .map(attribute => `<${element.localName} ${attribute.name}=${attribute.value}>`))"""


@dataclass
class Visited:
    """What Chromium made of one page: what ran, what could run, and the text a reader sees."""

    ran: list[str]
    live: list[str]
    text: str


@pytest.fixture(scope="module")
def in_chromium(hostile_site, browser) -> dict[str, Visited]:
    """Every page of the hostile site, opened in Chromium and left to load and run its scripts."""
    visited = {}
    with served_folder(hostile_site) as base_url:
        context = browser.new_context(base_url=base_url)
        context.set_default_timeout(30_000)
        context.add_init_script(RECORD_ALERTS)
        for path in html_pages(hostile_site):
            page, ran = context.new_page(), []
            page.on("dialog", lambda dialog, ran=ran: (ran.append(f"a dialog: {dialog.message}"), dialog.dismiss()))
            page.on("request", lambda request, ran=ran: request.url.endswith("/x") and ran.append(f"a request for {request.url}"))
            page.goto(path, wait_until="networkidle")
            ran += page.evaluate("window.__alerts")
            visited[path] = Visited(ran, page.evaluate(LIVE_IN_DOCUMENT), page.inner_text("body"))
            page.close()
        context.close()
    return visited


@pytest.mark.browser
def test_in_chromium_no_field_opens_a_dialog_or_loads_its_image_on_any_page(in_chromium):
    ran = [f"{path}: {what}" for path, page in in_chromium.items() for what in page.ran]
    assert not ran, "\n".join(ran)


@pytest.mark.browser
def test_in_chromium_no_field_becomes_an_event_handler_or_a_script_link_once_the_pages_scripts_have_run(in_chromium):
    live = [f"{path}: {markup}" for path, page in in_chromium.items() for markup in page.live]
    assert not live, "\n".join(live)


FACT_PAGE_FIELDS = ["fact title", "fact claim", "fact date note", "figure label", "figure unit", "figure period", "figure as written", "note text", "quote and article text", "translation"]


@pytest.mark.browser
@pytest.mark.parametrize("name", FIELDS)
def test_in_chromium_a_field_reads_as_the_very_text_written(in_chromium, name):
    written = hostile(FIELDS.index(name))
    assert any(written in page.text for page in in_chromium.values()), f"the {name} reads as written on no page"
    if name in FACT_PAGE_FIELDS:
        assert all(written in in_chromium[f"{prefix}facts/release/index.html"].text for prefix in ("", "en/")), f"the fact page does not show the {name} as written"
