"""Field-level reading of YAML mappings: types, required keys, misspellings, bilingual text.

A ``FieldReader`` wraps one parsed ``Document`` and collects every problem it finds as a
diagnostic instead of stopping at the first, so ``expert check`` can list them all.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from .document import Document
from .errors import Diagnostic, Location
from .i18n import Msg
from .model import LANGS, Text
from .text import first_unsafe, fold_id, printable

ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
RESERVED = {
    "and", "or", "not", "in", "has", "is", "unknown", "known", "true", "false",
    "finding", "risk", "measure",
}
_TYPE_NAMES = {str: "type.text", list: "type.list", dict: "type.mapping", int: "type.int",
               float: "type.number", bool: "type.bool"}


class FieldReader:
    def __init__(self, document: Document, diagnostics: list[Diagnostic]) -> None:
        self.doc = document
        self.diagnostics = diagnostics
        # Ids refused only for how they are written (``KPI``, a zero-width space inside):
        # what they were meant to be, so that references to it are not reported again.
        self.meant: set[str] = set()

    def error(self, message: Msg, location: Location, hint: Msg | None = None,
              code: str = "field") -> None:
        self.diagnostics.append(Diagnostic("error", message, location, hint, code))

    def warning(self, message: Msg, location: Location, hint: Msg | None = None,
                code: str = "field") -> None:
        self.diagnostics.append(Diagnostic("warning", message, location, hint, code))

    def mapping(self, value: Any, path: tuple[object, ...], what: Msg) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.error(Msg("field.not_mapping", what=what, actual=describe(value)),
                   self.doc.where(*path), Msg("hint.key_value_lines"), "type")
        return None

    def entry(self, value: Any, path: tuple[object, ...], allowed: Iterable[str], what: Msg
              ) -> dict[str, Any] | None:
        """A mapping whose keys are all among ``allowed`` (misspellings are reported)."""
        mapping = self.mapping(value, path, what)
        if mapping is not None:
            self.known_keys(mapping, path, allowed, what)
        return mapping

    def one_of(self, mapping: dict[str, Any], key: str, path: tuple[object, ...],
               allowed: Iterable[str], what: Msg, *, required: bool = True,
               hint: Msg | None = None) -> str | None:
        """A text that must be one of ``allowed``."""
        allowed = list(allowed)
        value = self.get(mapping, key, path, str, what, required=required)
        if value is not None and value not in allowed:
            self.error(Msg("field.not_one_of", key=key, value=value, allowed=allowed),
                       self.doc.where(*path, key), hint, "bad-value")
            return None
        return value

    def known_keys(self, mapping: dict[str, Any], path: tuple[object, ...],
                   allowed: Iterable[str], what: Msg) -> None:
        allowed = list(allowed)
        for key in mapping:
            if key not in allowed:
                self.error(Msg("field.unknown", key=key, what=what),
                           self.doc.where_key(*path, key), suggest(key, allowed),
                           "unknown-field")

    def get(self, mapping: dict[str, Any], key: str, path: tuple[object, ...],
            kind: type | tuple[type, ...], what: Msg, *, required: bool = True) -> Any:
        if key not in mapping or mapping[key] is None:
            if required:
                self.error(Msg("field.missing", what=what, key=key), self.doc.where(*path),
                           Msg("hint.add_line", key=key), "missing-field")
            return None
        value = mapping[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        # bool is an int in Python; a YAML 'true' must not pass for a number.
        ok = not (isinstance(value, bool) and bool not in kinds) and isinstance(value, kinds)
        if not ok:
            names = [Msg(_TYPE_NAMES.get(k, "type.text")) for k in kinds]
            expected = names[0] if len(names) == 1 else Msg("type.either", a=names[0],
                                                            b=names[1])
            self.error(Msg("field.wrong_type", key=key, expected=expected,
                           actual=describe(value)),
                       self.doc.where(*path, key), None, "type")
            return None
        return value

    def shown_text(self, mapping: dict[str, Any], key: str, path: tuple[object, ...],
                   what: Msg, kind: type | tuple[type, ...] = str) -> str | None:
        """A one-language text readers see (a quote, a version), made safe to show."""
        value = self.get(mapping, key, path, kind, what)
        return None if value is None else self._shown(str(value), (*path, key), key)

    def identifier(self, mapping: dict[str, Any], path: tuple[object, ...], what: Msg
                   ) -> str | None:
        value = self.get(mapping, "id", path, str, what)
        if value is None:
            return None
        if not ID_PATTERN.match(value):
            self.error(Msg("field.bad_id", value=value), self.doc.where(*path, "id"),
                       Msg("hint.id_pattern"), "bad-id")
            if ID_PATTERN.match(fold_id(value)):
                self.meant.add(fold_id(value))
            return None
        if value in RESERVED:
            self.error(Msg("field.reserved_id", value=value), self.doc.where(*path, "id"),
                       Msg("hint.other_id"), "bad-id")
            return None
        return value

    def text(self, mapping: dict[str, Any], key: str, path: tuple[object, ...], what: Msg,
             *, required: bool = True) -> Text | None:
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(Msg("field.missing", what=what, key=key), self.doc.where(*path),
                           Msg("hint.add_bilingual", key=key), "missing-field")
            return None
        if not isinstance(value, dict):
            self.error(Msg("field.not_bilingual", key=key, actual=describe(value)),
                       self.doc.where(*path, key), Msg("hint.bilingual_lines"), "type")
            return None
        stray = [k for k in value if k not in LANGS]
        if any(" " in str(k) for k in stray):
            # «{es: …, en: By region, with an owner}»: an unquoted comma split the text.
            self.error(Msg("field.split_text", key=key), self.doc.where_key(*path, key),
                       Msg("hint.quote_text"), "unknown-field")
            return None
        self.known_keys(value, (*path, key), LANGS, Msg("what.field", key=key))
        texts: dict[str, str] = {}
        for lang in LANGS:
            item = value.get(lang)
            if not isinstance(item, str) or not item.strip():
                self.error(Msg("field.no_language", key=key, language=Msg(f"language.{lang}")),
                           self.doc.where(*path, key), Msg("hint.add_language", lang=lang,
                                                            key=key), "missing-text")
                return None
            texts[lang] = self._shown(" ".join(item.split()) if "\n" not in item.strip()
                                      else item.strip(), (*path, key, lang), key)
        return Text(texts["es"], texts["en"])

    def _shown(self, text: str, path: tuple[object, ...], key: str) -> str:
        """Text a reader will see, with control characters made visible: a knowledge base
        edited by pasting from a word processor (or tampered with) must not drive the
        terminal of whoever runs it. The author is warned where it happened."""
        char = first_unsafe(text)
        if char is None:
            return text
        self.warning(Msg("field.control_char", key=key, char=char), self.doc.where(*path),
                     Msg("hint.control_char"), "control-char")
        return printable(text, multiline=True)

    def string_list(self, mapping: dict[str, Any], key: str, path: tuple[object, ...],
                    what: Msg) -> tuple[str, ...] | None:
        value = mapping.get(key)
        if value is None:
            self.error(Msg("field.missing", what=what, key=key), self.doc.where(*path),
                       Msg("hint.add_list", key=key), "missing-field")
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            self.error(Msg("field.empty_list", key=key), self.doc.where(*path, key),
                       None, "type")
            return None
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.error(Msg("field.item_not_text", key=key, actual=describe(item)),
                           self.doc.where(*path, key, index), None, "type")
                return None
            items.append(item)
        return tuple(items)


def suggest(name: str, known: Iterable[str], *, fallback: Msg | None = None) -> Msg:
    """«did you mean …?», or the valid names when none is close, or ``fallback``."""
    known = list(known)
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return Msg("hint.did_you_mean", name=close[0])
    if fallback is not None:
        return fallback
    if known and len(known) <= 12:
        return Msg("hint.allowed", names=known)
    return Msg("hint.check_spelling")


def describe(value: Any) -> Msg:
    """A value as a reader names it: «el texto 'abc'», «una lista»."""
    if value is None:
        return Msg("value.empty")
    if isinstance(value, bool):
        return Msg("value.bool", value=Msg("word.true" if value else "word.false"))
    if isinstance(value, (int, float)):
        return Msg("value.number", value=value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return Msg("value.text", value=shown)
    if isinstance(value, list):
        return Msg("value.list")
    if isinstance(value, dict):
        return Msg("value.mapping")
    return Msg("value.other")
