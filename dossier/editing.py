"""Helpers for curating: find where a passage stands in the articles, and scaffold a new fact."""

from __future__ import annotations

from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from .load import load
from .model import Slug
from .problems import DossierError, Problem, display_path
from .settings import Settings
from .verify import ArticleIndex

_SLUG = TypeAdapter(Slug)

SCAFFOLD = """\
  - id: {fact_id}
    title:
{title}
    claim:
{claim}
    date: "YYYY-MM"              # or "YYYY" or "YYYY-MM-DD"; delete if the fact is not about a time
    # date_end: "YYYY-MM"        # for a period
    # date_note: {{{example}}}
    topics: [{topic}]
    section: {section}
    entities: []                 # ids from facts/entities*.yml
    # figures:
    #   - label: {{{example}}}
    #     amount: 8000000
    #     currency: USD
    #     period: {{{example}}}
    #     qualifier: about
    #     measure: cost
    #     as_written: the figure as the article writes it
    asserted_by: []              # who says it: ids from facts/entities*.yml
    status: reported             # reported | alleged | denied | prediction | opinion
    sources:
      - article: {article}{articles}
        quote: copied from the article, word for word
        translation: the quote in the other language
"""


def _scaffold(fact_id: str, topic: str, section: str, settings: Settings, articles: list[str]) -> str:
    def texts(what: str) -> str:
        return "\n".join(f"      {language.code}: {what} in {language.name}" for language in settings.languages)

    return SCAFFOLD.format(
        fact_id=fact_id,
        topic=topic,
        section=section,
        title=texts("A headline"),
        claim=texts("One checkable statement"),
        example=", ".join(f"{code}: ..." for code in settings.codes),
        article=articles[0] if articles else "ARTICLE-ID",
        articles=f"  # {' | '.join(articles)}" if len(articles) > 1 else "",
    )


def find_passages(root: Path, text: str) -> tuple[list[str], list[str]]:
    """Where the text occurs in the articles (whitespace aside), as 'path:line: paragraph';
    if nowhere, how close each article comes."""
    loaded = load(root)
    wanted = ArticleIndex.squeeze(text)
    found, closest = [], []
    for article, origin in loaded.articles:
        source = loaded.article_texts[article.id]
        index = ArticleIndex(article.id, source)
        path = str(Path(origin.document.display).parent / article.text)
        lines = source.splitlines()
        start = index.compact.find(wanted) if wanted else -1
        while start >= 0:
            line = index.lines[start]
            found.append(f"{path}:{line}: {lines[line - 1].strip()}")
            start = index.compact.find(wanted, start + 1)
        closest.append(f"{path}: {index.closest(text)}")
    return found, closest


def scaffold_fact(path: Path, fact_id: str, topic: str, section: str, root: Path) -> int:
    """Add a fact with every field at the end of the file's `facts:` list; returns the line where it starts."""
    display = display_path(path, root)
    for name, value in (("id", fact_id), ("topic", topic), ("section", section)):
        try:
            _SLUG.validate_python(value)
        except ValidationError as error:
            reason = error.errors()[0]["msg"].removeprefix("Value error, ")
            raise DossierError([Problem(display, 1, 1, f"the new fact's {name} {value!r} is not a valid id ({reason}): use lowercase letters, digits and single hyphens")]) from None
    loaded = load(root)
    taken = {name for fact, _ in loaded.records["facts"] for name in (fact.id, *fact.aliases)}
    if fact_id in taken:
        raise DossierError([Problem(display, 1, 1, f"a fact with the id or alias '{fact_id}' exists already: choose another id")])
    lines = (path.read_text(encoding="utf-8") if path.is_file() else "").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((index for index, line in enumerate(lines) if line.rstrip() == "facts:"), None)
    if start is None:
        lines += ["facts:\n"]
        start = len(lines) - 1
    # The list ends where the next top-level key (`uncited:`, say) begins.
    end = next((index for index in range(start + 1, len(lines)) if lines[index][:1].isalpha()), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    articles = [article.id for article, _ in loaded.articles]
    scaffold = ["\n", *_scaffold(fact_id, topic, section, loaded.settings[0], articles).splitlines(keepends=True)]
    path.write_text("".join(lines[:end] + scaffold + (["\n"] if end < len(lines) else []) + lines[end:]), encoding="utf-8")
    return end + 2
