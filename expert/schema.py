"""JSON Schemas of the knowledge-base files, for editors (completion and errors while
typing). They describe what ``loader`` accepts; the loader stays the authority (it also
checks references, conditions and types, which a schema cannot)."""

from __future__ import annotations

from typing import Any

from .model import KINDS, LEVELS, QUESTION_TYPES

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$",
      "description": "Stable id: lower-case letters, digits and '_'."}
SECTION_ID = {"type": "string", "pattern": "^[A-Z]+(\\.[A-Z_]+)+$",
              "description": "An outline section id, e.g. SYS.BASIC.PERF."}
SECTIONS = {"type": "array", "items": SECTION_ID, "minItems": 1,
            "description": "The outline sections this element encodes."}
CONDITION = {"type": "string", "minLength": 1,
             "description": "A condition, e.g. 'plan_deep_distribution and "
                            "staff_per_province <= 3' (see README, 'The condition language')."}


def _text(description: str) -> dict[str, Any]:
    lang = {"type": "string", "minLength": 1}
    return {"type": "object", "description": description + " In Spanish (es) and English (en).",
            "properties": {"es": lang, "en": lang}, "required": ["es", "en"],
            "additionalProperties": False}


QUESTION = {
    "type": "object",
    "required": ["id", "type", "text", "help", "sections"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "type": {"enum": list(QUESTION_TYPES)},
        "text": _text("The question as asked to the client."),
        "help": _text("What a good answer looks like."),
        "sections": SECTIONS,
        "choices": {"type": "array", "minItems": 2, "items": {
            "type": "object", "required": ["id", "label"], "additionalProperties": False,
            "properties": {"id": ID, "label": _text("The choice as shown.")}}},
        "min": {"type": "number"},
        "max": {"type": "number"},
        "unit": _text("Unit of a number, e.g. 'people per province'."),
        "ask_if": CONDITION,
    },
}

CONCLUSION = {
    "type": "object",
    "required": ["id", "kind", "title", "explanation", "sections"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "kind": {"enum": list(KINDS)},
        "severity": {"enum": list(LEVELS), "description": "Risks only."},
        "priority": {"enum": list(LEVELS), "description": "Measures only."},
        "title": _text("One line."),
        "explanation": _text("Why (a risk, in the document's terms) or what, who, how "
                             "measured (a measure)."),
        "sections": SECTIONS,
    },
    "allOf": [
        {"if": {"properties": {"kind": {"const": "risk"}}}, "then": {"required": ["severity"]}},
        {"if": {"properties": {"kind": {"const": "measure"}}},
         "then": {"required": ["priority"]}},
    ],
}

RULE = {
    "type": "object",
    "required": ["id", "sections", "when", "then"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "sections": SECTIONS,
        "when": CONDITION,
        "then": {"type": "array", "minItems": 1, "items": {
            "type": "string", "pattern": "^(finding|risk|measure)\\.[a-z][a-z0-9_]*$"}},
    },
}

SCHEMAS: dict[str, dict[str, Any]] = {
    "family": {
        "$schema": DRAFT,
        "title": "Knowledge-base family file (questions, conclusions, rules)",
        "type": "object",
        "required": ["family"],
        "additionalProperties": False,
        "properties": {
            "family": {"type": "string", "description": "PLAN or a family id of sources.yaml."},
            "questions": {"type": "array", "items": QUESTION},
            "conclusions": {"type": "array", "items": CONCLUSION},
            "rules": {"type": "array", "items": RULE},
        },
    },
    "sources": {
        "$schema": DRAFT,
        "title": "Knowledge-base sources: the outline of the source document",
        "type": "object",
        "required": ["document", "families"],
        "additionalProperties": False,
        "properties": {
            "document": {"type": "object", "required": ["title"], "additionalProperties": False,
                         "properties": {"title": _text("The document's title.")}},
            "families": {"type": "array", "items": {
                "type": "object", "required": ["id", "title", "sections"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string"},
                    "title": _text("The family's title."),
                    "sections": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False,
                        "required": ["id", "title", "summary", "starts_with"],
                        "properties": {
                            "id": SECTION_ID,
                            "title": _text("The section's title."),
                            "summary": _text("A short summary in our own words."),
                            "starts_with": {"type": "string",
                                            "description": "The paragraph's opening words."},
                        }}},
                }}},
        },
    },
    "kb": {
        "$schema": DRAFT,
        "title": "Knowledge-base metadata",
        "type": "object",
        "required": ["name", "version"],
        "additionalProperties": False,
        "properties": {"name": _text("The knowledge base's name."),
                       "version": {"type": ["string", "number"]}},
    },
}
