"""What every page is rendered from: the dossier arranged, the interface's words, the templates of
each language, and the digests that tell a rebuild which pages changed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import kept, templating
from .arrange import Arrangement
from .model import Dossier, Fact, Language
from .text import Wording

NO_FACT = bytes(16)  # in a page's inputs, a place without a fact (no previous fact, say)


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from: the dossier, arranged, the interface's words, and the templates."""

    dossier: Dossier
    arrangement: Arrangement
    wordings: dict[Language, Wording]
    site_url: str
    environments: dict[Language, jinja2.Environment]
    basis: bytes  # a digest of everything every page may show besides the facts
    fact_keys: dict[str, bytes]  # a digest of each fact

    def inputs(self, *labels: bytes | str, facts: Iterable[Fact | None] = ()) -> bytes:
        """The digest of a page: the basis, the labels, and each fact in its place (None too),
        with the facts its notes name."""
        keys = []
        for fact in facts:
            if fact is None:
                keys.append(NO_FACT)
            else:
                keys.extend(self.fact_keys[shown.id] for shown in (fact, *self.arrangement.noted_with[fact.id]))
        return kept.digest(self.basis, *labels, *keys)

    @property
    def all_facts(self) -> bytes:
        return kept.digest(*self.fact_keys.values())


def prepare(
    dossier: Dossier, arrangement: Arrangement, templates: Path, wordings: dict[Language, Wording], site_url: str = "", compiled: jinja2.BytecodeCache | None = None
) -> Site:
    records = [dossier.settings, *dossier.articles.values(), *dossier.entities.values(), *dossier.topics.values(), *dossier.uncited]
    template_files = [path.name.encode() + path.read_bytes() for path in sorted(templates.iterdir()) if path.is_file()]
    words = json.dumps({language: wording.words for language, wording in wordings.items()}, ensure_ascii=False, sort_keys=True)
    basis = kept.digest(kept.CODE_VERSION, site_url, words, *template_files, *(record.model_dump_json() for record in records), *dossier.article_texts.values())
    return Site(
        dossier=dossier,
        arrangement=arrangement,
        wordings=wordings,
        site_url=site_url,
        environments={language: templating.environment(templates, wording, dossier, arrangement, compiled) for language, wording in wordings.items()},
        basis=basis,
        fact_keys={fact_id: kept.digest(fact.model_dump_json()) for fact_id, fact in dossier.facts.items()},
    )
