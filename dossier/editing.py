"""Helpers for curating: find where a passage stands in the articles, and scaffold a new fact."""

from __future__ import annotations

from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from .load import load
from .model import Slug
from .problems import DossierError, Problem, display_path
from .verify import ArticleIndex

_SLUG = TypeAdapter(Slug)

SCAFFOLD = """\
  - id: {fact_id}
    title:
      zh: 标题（不超过 30 字）
      en: Headline (60 characters at most)
    claim:
      zh: 一句可以核查的陈述。
      en: One checkable statement.
    date: "YYYY-MM"              # or "YYYY" or "YYYY-MM-DD"; delete if the fact is not about a time
    # date_end: "YYYY-MM"        # for a period
    # date_note: {{zh: 文中说“去年 10 月”，文章发表于 2024 年 3 月。, en: "The article (March 2024) says 'last October'."}}
    topics: [{topic}]
    section: {section}
    entities: []                 # ids from facts/entities*.yml
    # figures:
    #   - label: {{zh: 每月支出, en: monthly costs}}
    #     amount: 8000000
    #     currency: USD
    #     period: {{zh: 每月, en: per month}}
    #     qualifier: about
    #     measure: cost
    #     as_written: 800 万美元
    asserted_by: []              # who says it: appso, qbitai, forbes, bloomberg…
    status: reported             # reported | alleged | denied | prediction | opinion
    sources:
      - article: appso           # appso | qbitai
        quote: 从文章中逐字复制的原文
        translation: The quote in English
"""


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
    scaffold = ["\n", *SCAFFOLD.format(fact_id=fact_id, topic=topic, section=section).splitlines(keepends=True)]
    path.write_text("".join(lines[:end] + scaffold + (["\n"] if end < len(lines) else []) + lines[end:]), encoding="utf-8")
    return end + 2
