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
from .logic import compile_condition
from .model import KnowledgeBase, Question

MAX_COMBINATIONS = 4096


def lint(kb: KnowledgeBase, warning: Callable[..., None]) -> None:
    used: set[str] = set()
    for rule in kb.rules:
        used |= questions_of(rule.when)
    for question in kb.questions:
        if question.ask_if is not None:
            used |= questions_of(question.ask_if)
    for question in kb.questions:
        if question.id not in used:
            warning(f"question '{question.id}' is used by no rule and no ask_if",
                    question.location, "use it in a rule or remove it", "unused-question")
    for conclusion in kb.conclusions:
        if not kb.rules_deriving(conclusion.id):
            warning(f"no rule derives {conclusion.ref}", conclusion.location,
                    "add a rule with 'then: [" + conclusion.ref + "]' or remove it",
                    "underived")
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    for rule in kb.rules:
        key = (canonical(rule.when), tuple(sorted(rule.then)))
        if key in seen:
            warning(f"rule '{rule.id}' repeats rule '{seen[key]}'", rule.location,
                    "remove one of them", "duplicate-rule")
        else:
            seen[key] = rule.id
        if satisfiable(kb, rule.when) is False:
            warning(f"rule '{rule.id}' can never fire: its condition contradicts itself",
                    rule.when_location, "check the comparisons on the same question",
                    "never-fires")


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
        domains[qid] = [None, *_candidates(kb.question(qid), condition)]
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


def _candidates(question: Question, condition: Condition) -> Iterator[object]:
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
