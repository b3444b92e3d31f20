"""JSON Schemas of the YAML files, generated from the model, so that editors get completion and checks in their editor."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic.json_schema import models_json_schema

from .files import write_if_changed
from .load import SECTIONS, load_settings
from .model import Article, Language
from .settings import Settings

FACTS_SCHEMA = "facts/dossier.schema.json"
ARTICLE_SCHEMA = "source_articles/article.schema.json"
SETTINGS_SCHEMA = "settings.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _in_languages(schema: dict, languages: tuple[Language, ...]) -> dict:
    """The schema with each text written in exactly the dossier's languages (the model leaves them open)."""
    text = schema.get("$defs", {}).get("Text")
    if text:
        text.update(properties={code: {"minLength": 1, "type": "string"} for code in languages}, required=list(languages), additionalProperties=False)
    return schema


def facts_schema(languages: tuple[Language, ...]) -> dict:
    models = [(model, "validation") for model in SECTIONS.values()]
    references, definitions = models_json_schema(models, ref_template="#/$defs/{model}")
    return _in_languages(
        {
            "$schema": DRAFT,
            "title": "A file of a dossier's facts/ folder",
            "type": "object",
            "additionalProperties": False,
            "properties": {key: {"type": "array", "items": references[(model, "validation")]} for key, model in SECTIONS.items()},
            **definitions,
        },
        languages,
    )


def article_schema(languages: tuple[Language, ...]) -> dict:
    return _in_languages({"$schema": DRAFT, "title": "The metadata of one source article", **Article.model_json_schema()}, languages)


def settings_schema(languages: tuple[Language, ...]) -> dict:
    return _in_languages({"$schema": DRAFT, "title": "A dossier's settings (dossier.yml)", **Settings.model_json_schema()}, languages)


def schemas(root: Path) -> dict[str, str]:
    """Each schema, for the dossier's languages, by its path in the dossier."""
    languages = load_settings(root)[0].codes
    made = ((FACTS_SCHEMA, facts_schema(languages)), (ARTICLE_SCHEMA, article_schema(languages)), (SETTINGS_SCHEMA, settings_schema(languages)))
    return {path: json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n" for path, schema in made}


def write_schemas(root: Path) -> list[str]:
    return [relative for relative, text in schemas(root).items() if write_if_changed(root / relative, text)]
