"""Warnings about a knowledge base: never errors, never blocking a load.

Rules that can never fire (their condition contradicts itself, found by trying every
combination of the values that matter, up to a bound) or that repeat another rule,
conclusions no rule derives, questions nothing uses.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

from .conditions import (
    And,
    Compare,
    Condition,
    Has,
    InList,
    Not,
    Or,
    Ref,
    questions_of,
    to_text,
    walk,
)
from .expressions import names
from .i18n import Msg
from .logic import compile_condition
from .model import KnowledgeBase, Question, Variable

MAX_COMBINATIONS = 4096


def lint(kb: KnowledgeBase, warning: Callable[..., None]) -> None:
    used: set[str] = set()
    for rule in kb.rules:
        used |= questions_of(rule.when)
    for item in (*kb.questions, *kb.consistency):
        condition = item.ask_if if isinstance(item, Question) else item.when
        if condition is not None:
            used |= questions_of(condition)
    for item in reversed(kb.derived):  # a derived value that is used uses its inputs
        if item.id in used:
            used |= names(item.expression)
    for variable in (*kb.questions, *kb.derived):
        if variable.id not in used:
            warning(Msg("lint.unused", id=variable.id), variable.location,
                    Msg("hint.use_or_remove"), "unused-question")
    for conclusion in kb.conclusions:
        if not kb.rules_deriving(conclusion.id):
            warning(Msg("lint.underived", ref=conclusion.ref), conclusion.location,
                    Msg("hint.add_rule_then", ref=conclusion.ref), "underived")
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    for rule in kb.rules:
        key = (canonical(rule.when), tuple(sorted(rule.then)))
        if key in seen:
            warning(Msg("lint.repeats", id=rule.id, other=seen[key]), rule.location,
                    Msg("hint.remove_one"), "duplicate-rule")
        else:
            seen[key] = rule.id
        if satisfiable(kb, rule.when) is False:
            warning(Msg("lint.never_fires", id=rule.id), rule.when_location,
                    Msg("hint.check_comparisons"), "never-fires")


def canonical(condition: Condition) -> str:
    """A text for the condition that ignores the order of and/or operands."""
    if isinstance(condition, (And, Or)):
        parts = sorted(canonical(item) for item in condition.items)
        word = " and " if isinstance(condition, And) else " or "
        return "(" + word.join(parts) + ")"
    if isinstance(condition, Not):
        return "not " + canonical(condition.item)
    return to_text(condition)


def satisfiable(kb: KnowledgeBase, condition: Condition) -> bool | None:
    """Can the condition be true for some answers? None when too many to try."""
    domains: dict[str, list[object]] = {}
    for qid in sorted(questions_of(condition)):
        domains[qid] = [None, *_candidates(kb.variable(qid), condition)]
    refs = sorted({n.conclusion for n in walk(condition) if isinstance(n, Ref)})
    sizes = [len(v) for v in domains.values()] + [2] * len(refs)
    total = 1
    for size in sizes:
        total *= size
        if total > MAX_COMBINATIONS:
            return None
    evaluate = compile_condition(condition)
    for values in itertools.product(*domains.values()):
        answers = {q: v for q, v in zip(domains, values, strict=True) if v is not None}
        for truth in itertools.product((True, False), repeat=len(refs)):
            established = {r for r, t in zip(refs, truth, strict=True) if t}
            if evaluate(answers, established.__contains__) is True:
                return True
    return False


def _candidates(question: Variable, condition: Condition) -> Iterator[object]:
    literals = [
        v.value
        for node in walk(condition)
        if getattr(node, "question", None) == question.id
        for v in ((node.value,) if isinstance(node, (Compare, Has)) else
                  node.values if isinstance(node, InList) else ())
    ]
    if question.type == "boolean":
        yield from (True, False)
    elif question.type == "choice":
        yield from (c.id for c in question.choices)
    elif question.type == "multichoice":
        options = sorted({str(v) for v in literals})
        for size in range(len(options) + 1):
            for subset in itertools.combinations(options, size):
                yield frozenset(subset)
    elif question.type == "text":
        yield from {*literals, "\0other"}
    else:
        points = sorted({float(v) for v in literals if not isinstance(v, bool)}) or [0.0]
        between = [(a + b) / 2 for a, b in itertools.pairwise(points)]
        low, high = question.bounds
        for value in sorted({*points, *between, points[0] - 1, points[-1] + 1}):
            if (low is None or value >= low) and (high is None or value <= high):
                yield value
        yield from (b for b in (low, high) if b is not None)
