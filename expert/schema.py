"""JSON Schemas of the knowledge-base files, for editors (completion and errors while
typing). They describe what ``loader`` accepts; the loader stays the authority (it also
checks references, conditions and types, which a schema cannot)."""

from __future__ import annotations

from typing import Any

from .model import DERIVED_TYPES, KINDS, LEVELS, POINT_KINDS, PROVENANCES, QUESTION_TYPES

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$",
      "description": "Stable id: lower-case letters, digits and '_'."}
SECTION_ID = {"type": "string", "pattern": "^[A-Z]+(\\.[A-Z_]+)+$",
              "description": "An outline section id, e.g. SYS.BASIC.PERF."}
SECTIONS = {"type": "array", "items": SECTION_ID, "minItems": 1,
            "description": "The outline sections this element encodes."}
CONDITION = {"type": "string", "minLength": 1,
             "description": "A condition, e.g. 'plan_deep_distribution and "
                            "field_staff_coverage < 50' (docs/authoring.md, 'Conditions')."}
POINT_ID = {"type": "string", "pattern": "^[A-Z][A-Z_]*(\\.[A-Z][A-Z_]*)*/[a-z][a-z0-9_]*$",
            "description": "A point of the document: SECTION/slug, e.g. "
                           "RES.KEY_PROJECTS/few_staff_per_province."}
POINTS = {"type": "array", "items": POINT_ID, "minItems": 1,
          "description": "The document's points (sources.yaml) this element rests on."}
LEVEL = {"enum": list(LEVELS)}


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
            "properties": {"id": ID, "label": _text("The choice as shown."),
                           "exclusive": {"type": "boolean", "description":
                                         "A 'none' or 'does not apply': never combined."}}}},
        "min": {"type": "number", "description": "Smallest valid answer."},
        "max": {"type": "number", "description": "Largest valid answer."},
        "plausible": {"type": "object", "additionalProperties": False,
                      "description": "Outside this range the interview asks to confirm.",
                      "properties": {"min": {"type": "number"}, "max": {"type": "number"}}},
        "unit": _text("Unit of a number, e.g. 'people'."),
        "ask_if": CONDITION,
        "history": {"type": "boolean", "description":
                    "What already happened (e.g. the last sales drop): whatif --clear never "
                    "proposes changing it."},
    },
}

DERIVED = {
    "type": "object",
    "required": ["id", "type", "text", "value", "sections"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "type": {"enum": list(DERIVED_TYPES)},
        "text": _text("What the value is, as a reader names it."),
        "value": {"type": ["string", "number"], "description":
                  "An expression over answers: + - * / min() max() for numbers; - & + and "
                  "count() for lists of choices."},
        "unit": _text("Unit of a number."),
        "sections": SECTIONS,
    },
}

CONCLUSION = {
    "type": "object",
    "required": ["id", "kind", "title", "explanation", "sections", "provenance"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "kind": {"enum": list(KINDS)},
        "severity": {**LEVEL, "description": "Risks only: the level unless a rule sets one."},
        "priority": {**LEVEL, "description": "Measures only."},
        "provenance": {"enum": list(PROVENANCES), "description":
                       "document: the document states it (cite its points); practice: added "
                       "by the knowledge base (never a high risk)."},
        "points": POINTS,
        "title": _text("One line; {id} shows an answer or a derived value."),
        "explanation": _text("Why (a risk, in the document's terms) or what, who, how "
                             "measured (a measure); {id} shows an answer."),
        "sections": SECTIONS,
    },
    "allOf": [
        {"if": {"properties": {"kind": {"const": "risk"}}}, "then": {"required": ["severity"]}},
        {"if": {"properties": {"kind": {"const": "measure"}}},
         "then": {"required": ["priority"]}},
        {"if": {"properties": {"provenance": {"const": "document"}}},
         "then": {"required": ["points"]}},
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
        "severity": {**LEVEL, "description": "The level of the risks it derives."},
        "basis": _text("Why that level (required with severity)."),
        "points": POINTS,
    },
    "dependentRequired": {"severity": ["basis"]},
}

CONSISTENCY = {
    "type": "object",
    "required": ["id", "when", "message"],
    "additionalProperties": False,
    "properties": {"id": ID, "when": CONDITION,
                   "message": _text("What contradicts what, said to the consultant.")},
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
            "derived": {"type": "array", "items": DERIVED},
            "conclusions": {"type": "array", "items": CONCLUSION},
            "rules": {"type": "array", "items": RULE},
            "consistency": {"type": "array", "items": CONSISTENCY},
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
                            "points": {"type": "array", "items": {
                                "type": "object", "additionalProperties": False,
                                "required": ["id", "kind", "summary", "quote"],
                                "properties": {
                                    "id": ID,
                                    "kind": {"enum": list(POINT_KINDS)},
                                    "summary": _text("The point in our own words."),
                                    "quote": {"type": "string", "description":
                                              "The passage's opening words, exactly."},
                                }}},
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
