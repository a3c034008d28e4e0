"""The values conditions read: a plan's answers, plus what the knowledge base derives from
them (``derived:`` in a family file), computed in dependency order.

Both the engine and the three-valued specification (``logic``) read these, so a derived
value has one definition. Unknown stays unknown: a derived value needing an unknown answer
is simply absent.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from .expressions import compile_expression, names
from .model import KnowledgeBase

Values = dict[str, Any]


class Deriver:
    """Computes a knowledge base's derived values for any number of plans."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._steps: tuple[tuple[str, str, Callable[[Mapping[str, Any]], Any]], ...] = tuple(
            (d.id, d.type, compile_expression(d.expression)) for d in kb.derived)

    def __call__(self, answers: Mapping[str, Any]) -> Values:
        values = dict(answers)
        for did, dtype, compute in self._steps:
            value = compute(values)
            if value is not None:
                if dtype == "multichoice":
                    value = frozenset(value)
                values[did] = value
        return values

    @functools.cached_property
    def inputs(self) -> dict[str, frozenset[str]]:
        """For each derived value, the questions it is computed from (transitively)."""
        found: dict[str, frozenset[str]] = {}
        for item in self.kb.derived:  # dependency order: earlier ones are complete
            direct = names(item.expression)
            found[item.id] = frozenset(q for n in direct
                                       for q in (found.get(n) or {n}))
        return found

    def unknown_inputs(self, name: str, values: Mapping[str, Any]) -> set[str]:
        """The unknown questions that keep ``name`` unknown (``name`` itself if asked)."""
        inputs = self.inputs.get(name)
        if inputs is None:
            return {name}
        return {q for q in inputs if values.get(q) is None}
