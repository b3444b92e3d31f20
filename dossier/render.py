"""What every page is rendered from: the dossier arranged, the interface's words, the templates of
each language, and the digests that tell a rebuild which pages changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import kept, templating
from .arrange import Arrangement
from .model import LANGUAGES, Dossier, Fact, Language

NO_FACT = bytes(16)  # in a page's inputs, a place without a fact (no previous fact, say)


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from: the dossier, arranged, the interface's words, and the templates."""

    dossier: Dossier
    arrangement: Arrangement
    labels: dict[str, Any]
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


def prepare(dossier: Dossier, arrangement: Arrangement, templates: Path, site_url: str = "", compiled: jinja2.BytecodeCache | None = None) -> Site:
    labels = templating.load_labels(templates)
    records = [*dossier.articles.values(), *dossier.entities.values(), *dossier.topics.values(), *dossier.terms, *dossier.uncited]
    template_files = [path.name.encode() + path.read_bytes() for path in sorted(templates.iterdir()) if path.is_file()]
    basis = kept.digest(kept.CODE_VERSION, site_url, *template_files, *(record.model_dump_json() for record in records), *dossier.article_texts.values())
    return Site(
        dossier=dossier,
        arrangement=arrangement,
        labels=labels,
        site_url=site_url,
        environments={language: templating.environment(templates, language, dossier, arrangement, labels, compiled) for language in LANGUAGES},
        basis=basis,
        fact_keys={fact_id: kept.digest(fact.model_dump_json()) for fact_id, fact in dossier.facts.items()},
    )
