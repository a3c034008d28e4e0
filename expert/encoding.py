"""A plan's answers as the engine reads them: engine keys, the engine's value encoding, and
the members of a fact's JSON text (``Compiled`` inherits these from ``Encoding``)."""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import KnowledgeBase

BIG = 2**53  # integers at least this large reach the engine as floats
OTHER_TEXT = "t_"


class Encoding:
    kb: KnowledgeBase
    question_keys: dict[str, str]
    option_keys: dict[tuple[str, str], str]
    text_tokens: dict[str, dict[str, str]]

    def encode(self, answers: dict[str, Any]) -> dict[str, Any]:
        """Answers under engine keys, in the engine's value encoding."""
        encoded: dict[str, Any] = {}
        table = self._encoding
        for qid, value in answers.items():
            entry = table.get(qid)
            if entry is None:  # no rule reads it: it never crosses into the engine
                continue
            key, kind = entry
            if kind == "plain":
                # Integers past 2**53 would saturate inside the engine: give it a float.
                encoded[key] = float(value) if type(value) is int and abs(value) >= BIG \
                    else value
            elif kind == "boolean":
                if not isinstance(value, bool):
                    raise TypeError(f"{qid}: a boolean answer must be True or False")
                encoded[key] = "y" if value else "n"
            elif kind == "multichoice":
                encoded[key] = len(value)
                for option in value:
                    option_key = self.option_keys.get((qid, option))
                    if option_key is not None:
                        encoded[option_key] = 1
            else:  # text: the index of the literal it equals
                encoded[key] = self.text_tokens.get(qid, {}).get(value, OTHER_TEXT)
        return encoded

    def fragments(self, answers: dict[str, Any]) -> dict[str, str]:
        """The encoded answers as members of a fact's JSON text (``"a3":"y"``), by engine key.

        Facts are written as text, not dicts for ``json.dumps``: a plan's members are
        formatted once and joined into each of its facts. Answers repeat across plans, so
        each (question, value) is encoded and formatted once (type included: 1 and 1.0 are
        equal keys)."""
        cache = self._fragment_cache
        if len(cache) > 100_000:  # numbers vary without end: keep the cache bounded
            cache.clear()
        found: dict[str, str] = {}
        for qid, value in answers.items():
            entry: tuple[str, type, Any] | None = (qid, value.__class__, value)
            try:
                members = cache.get(entry)  # type: ignore[arg-type]
            except TypeError:  # an unhashable value: formatted every time
                members, entry = None, None
            if members is None:
                members = tuple((key, f'"{key}":{json.dumps(item, allow_nan=False)}')
                                for key, item in self.encode({qid: value}).items())
                if entry is not None:
                    cache[entry] = members
            found.update(members)
        return found

    def members(self, answers: dict[str, Any]) -> str:
        """All the encoded answers as one run of members of a fact's JSON text."""
        cache = self._members_cache
        if len(cache) > 100_000:  # numbers vary without end: keep the cache bounded
            cache.clear()
        found: list[str] = []
        for qid, value in answers.items():
            entry: tuple[str, type, Any] | None = (qid, value.__class__, value)
            try:
                text = cache.get(entry)  # type: ignore[arg-type]
            except TypeError:  # an unhashable value: formatted every time
                text, entry = None, None
            if text is None:
                text = ",".join(f'"{key}":{json.dumps(item, allow_nan=False)}'
                                for key, item in self.encode({qid: value}).items())
                if entry is not None:
                    cache[entry] = text
            if text:
                found.append(text)
        return ",".join(found)

    @functools.cached_property
    def _members_cache(self) -> dict[tuple[str, type, Any], str]:
        return {}

    @functools.cached_property
    def _fragment_cache(self) -> dict[tuple[str, type, Any], tuple[tuple[str, str], ...]]:
        return {}

    @functools.cached_property
    def _encoding(self) -> dict[str, tuple[str, str]]:
        kinds = {"boolean": "boolean", "multichoice": "multichoice", "text": "text"}
        return {qid: (key, kinds.get(self.kb.variable(qid).type, "plain"))
                for qid, key in self.question_keys.items()}
