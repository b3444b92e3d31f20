"""Which paragraphs of each article the dossier quotes: the measure of its completeness."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Dossier
from .verify import ArticleIndex


@dataclass(frozen=True)
class Paragraph:
    article: str
    line: int
    text: str
    quoted_by: tuple[str, ...]
    uncited_reason: str | None

    @property
    def covered(self) -> bool:
        return bool(self.quoted_by) or self.uncited_reason is not None


def paragraphs(dossier: Dossier) -> list[Paragraph]:
    """Every paragraph (non-empty line) of every article, with the facts that quote it."""
    result = []
    for article_id, text in dossier.article_texts.items():
        index = ArticleIndex(article_id, text)
        quoted: dict[int, list[str]] = {}
        for fact in dossier.facts.values():
            for source in fact.sources:
                if source.article == article_id:
                    for line in index.lines_of(source.quote):
                        quoted.setdefault(line, []).append(fact.id)
        reasons = {line: item.reason for item in dossier.uncited if item.article == article_id for line in index.lines_of(item.passage)}
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                result.append(Paragraph(article_id, number, line.strip(), tuple(dict.fromkeys(quoted.get(number, []))), reasons.get(number)))
    return result
