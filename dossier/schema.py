"""JSON Schemas of the YAML files, generated from the model, so that editors get completion and checks in their editor."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic.json_schema import models_json_schema

from .load import SECTIONS
from .model import Article
from .files import write_if_changed

FACTS_SCHEMA = "facts/dossier.schema.json"
ARTICLE_SCHEMA = "source_articles/article.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def facts_schema() -> dict:
    models = [(model, "validation") for model in SECTIONS.values()]
    references, definitions = models_json_schema(models, ref_template="#/$defs/{model}")
    return {
        "$schema": DRAFT,
        "title": "A file of the Stability dossier's facts/ folder",
        "type": "object",
        "additionalProperties": False,
        "properties": {key: {"type": "array", "items": references[(model, "validation")]} for key, model in SECTIONS.items()},
        **definitions,
    }


def article_schema() -> dict:
    return {"$schema": DRAFT, "title": "The metadata of one source article", **Article.model_json_schema()}


def schemas() -> dict[str, str]:
    return {path: json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n" for path, schema in ((FACTS_SCHEMA, facts_schema()), (ARTICLE_SCHEMA, article_schema()))}


def write_schemas(root: Path) -> list[str]:
    return [relative for relative, text in schemas().items() if write_if_changed(root / relative, text)]
