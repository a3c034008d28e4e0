"""Field-level reading of YAML mappings: types, required keys, misspellings, bilingual text.

A ``FieldReader`` wraps one parsed ``Document`` and collects every problem it finds as a
diagnostic instead of stopping at the first, so ``expert check`` can list them all.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from .errors import Diagnostic, Location
from .model import LANGS, Text
from .yamlio import Document

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
RESERVED = {
    "and", "or", "not", "in", "has", "is", "unknown", "known", "true", "false",
    "finding", "risk", "measure",
}
_TYPE_NAMES = {
    str: "a text",
    list: "a list",
    dict: "a mapping (key: value lines)",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
}


class FieldReader:
    def __init__(self, document: Document, diagnostics: list[Diagnostic]) -> None:
        self.doc = document
        self.diagnostics = diagnostics

    def error(
        self, message: str, location: Location, hint: str | None = None, code: str = "field"
    ) -> None:
        self.diagnostics.append(Diagnostic("error", message, location, hint, code))

    def warning(
        self, message: str, location: Location, hint: str | None = None, code: str = "field"
    ) -> None:
        self.diagnostics.append(Diagnostic("warning", message, location, hint, code))

    def mapping(self, value: Any, path: tuple[object, ...], what: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.error(
            f"{what} must be a mapping, not {_describe(value)}",
            self.doc.where(*path),
            "write 'key: value' lines",
            "type",
        )
        return None

    def entry(self, value: Any, path: tuple[object, ...], allowed: Iterable[str], what: str
              ) -> dict[str, Any] | None:
        """A mapping whose keys are all among ``allowed`` (misspellings are reported)."""
        mapping = self.mapping(value, path, what)
        if mapping is not None:
            self.known_keys(mapping, path, allowed, what)
        return mapping

    def one_of(self, mapping: dict[str, Any], key: str, path: tuple[object, ...],
               allowed: Iterable[str], what: str, *, required: bool = True) -> str | None:
        """A text that must be one of ``allowed``."""
        allowed = list(allowed)
        value = self.get(mapping, key, path, str, what, required=required)
        if value is not None and value not in allowed:
            self.error(f"{key} must be one of {', '.join(allowed)}, not '{value}'",
                       self.doc.where(*path, key), code="bad-value")
            return None
        return value

    def known_keys(
        self, mapping: dict[str, Any], path: tuple[object, ...], allowed: Iterable[str], what: str
    ) -> None:
        allowed = list(allowed)
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
                self.error(
                    f"unknown field '{key}' in {what}",
                    self.doc.where_key(*path, key),
                    hint,
                    "unknown-field",
                )

    def get(
        self,
        mapping: dict[str, Any],
        key: str,
        path: tuple[object, ...],
        kind: type | tuple[type, ...],
        what: str,
        *,
        required: bool = True,
    ) -> Any:
        if key not in mapping or mapping[key] is None:
            if required:
                self.error(
                    f"{what} is missing '{key}'",
                    self.doc.where(*path),
                    f"add a '{key}:' line",
                    "missing-field",
                )
            return None
        value = mapping[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        # bool is an int in Python; a YAML 'yes' must not pass for a number.
        ok = not (isinstance(value, bool) and bool not in kinds) and isinstance(value, kinds)
        if not ok:
            expected = " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
            self.error(
                f"'{key}' must be {expected}, not {_describe(value)}",
                self.doc.where(*path, key),
                code="type",
            )
            return None
        return value

    def identifier(self, mapping: dict[str, Any], path: tuple[object, ...], what: str
                   ) -> str | None:
        value = self.get(mapping, "id", path, str, what)
        if value is None:
            return None
        if not ID_PATTERN.match(value):
            self.error(
                f"id '{value}' is not a valid id",
                self.doc.where(*path, "id"),
                "use lower-case letters, digits and '_', starting with a letter",
                "bad-id",
            )
            return None
        if value in RESERVED:
            self.error(
                f"id '{value}' is a reserved word of the condition language",
                self.doc.where(*path, "id"),
                "choose another id",
                "bad-id",
            )
            return None
        return value

    def text(
        self,
        mapping: dict[str, Any],
        key: str,
        path: tuple[object, ...],
        what: str,
        *,
        required: bool = True,
    ) -> Text | None:
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(
                    f"{what} is missing '{key}'",
                    self.doc.where(*path),
                    f"add '{key}:' with 'es:' and 'en:' lines",
                    "missing-field",
                )
            return None
        if not isinstance(value, dict):
            self.error(
                f"'{key}' must give the text in both languages, not {_describe(value)}",
                self.doc.where(*path, key),
                "write 'es: ...' and 'en: ...' under it",
                "type",
            )
            return None
        self.known_keys(value, (*path, key), LANGS, f"'{key}'")
        texts: dict[str, str] = {}
        for lang in LANGS:
            item = value.get(lang)
            if not isinstance(item, str) or not item.strip():
                language = "Spanish" if lang == "es" else "English"
                self.error(
                    f"'{key}' has no {language} text ('{lang}')",
                    self.doc.where(*path, key),
                    f"add '{lang}: ...' under '{key}'",
                    "missing-text",
                )
                return None
            texts[lang] = " ".join(item.split()) if "\n" not in item.strip() else item.strip()
        return Text(texts["es"], texts["en"])

    def string_list(
        self, mapping: dict[str, Any], key: str, path: tuple[object, ...], what: str
    ) -> tuple[str, ...] | None:
        value = mapping.get(key)
        if value is None:
            self.error(
                f"{what} is missing '{key}'",
                self.doc.where(*path),
                f"add '{key}: [...]'",
                "missing-field",
            )
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            self.error(
                f"'{key}' must be a non-empty list", self.doc.where(*path, key), code="type"
            )
            return None
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.error(
                    f"'{key}' item must be a text, not {_describe(item)}",
                    self.doc.where(*path, key, index),
                    code="type",
                )
                return None
            items.append(item)
        return tuple(items)


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


describe = _describe
