"""What-if analysis: the effect of changing answers, and the fewest changes that clear a
risk.

``clear`` searches over the questions the risk depends on (every question read by a rule in
the risk's derivation), trying sets of one, two, then three changed answers, smallest
first; it stops at the first size that clears the risk, or when its evaluation budget runs
out, and says so.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .conditions import conclusions_of, questions_of, walk
from .facts import FactSet
from .infer import Expert, Result
from .model import KnowledgeBase, Question

MAX_CHANGES = 3
BUDGET = 20_000  # evaluations at most


@dataclass(frozen=True)
class Diff:
    appeared: tuple[str, ...]
    disappeared: tuple[str, ...]
    opened: tuple[str, ...]
    closed: tuple[str, ...]
    regraded: tuple[tuple[str, str, str], ...] = ()  # (risk, old level, new level)

    @property
    def changed(self) -> bool:
        return any((self.appeared, self.disappeared, self.opened, self.closed, self.regraded))


@dataclass(frozen=True)
class Clearing:
    risk: str
    solutions: tuple[tuple[tuple[str, Any], ...], ...]  # each: (question, new value) pairs
    tried: int
    complete: bool  # False when the budget ran out before the search finished
    questions: tuple[str, ...] = field(default=())
    # "established"; "absent": the plan does not have the risk, nothing to clear; "open":
    # it depends on unknown answers, so no change of known answers is needed yet.
    state: str = "established"
    history: tuple[str, ...] = ()  # questions read but never offered: what already happened


def compare(before: Result, after: Result) -> Diff:
    old, new = set(before.trace), set(after.trace)
    old_open = {p.conclusion_id for p in before.open}
    new_open = {p.conclusion_id for p in after.open}
    # Both versions' conclusions: one that only the newer knowledge base has (a new
    # guarantee) must be shown too.
    order = [c.id for c in after.kb.conclusions]
    order += [c.id for c in before.kb.conclusions if not after.kb.has_conclusion(c.id)]
    regraded = tuple((c, before.severity(c), after.severity(c)) for c in order
                     if c in old & new and after.kb.conclusion(c).kind == "risk"
                     and before.severity(c) != after.severity(c))
    return Diff(
        tuple(c for c in order if c in new - old), tuple(c for c in order if c in old - new),
        tuple(c for c in order if c in new_open - old_open),
        tuple(c for c in order if c in old_open - new_open), regraded,
    )


def with_answers(facts: FactSet, changes: Mapping[str, Any]) -> FactSet:
    answers = dict(facts.answers)
    unknown = set(facts.unknown)
    for qid, value in changes.items():
        if value is None:
            answers.pop(qid, None)
            unknown.add(qid)
        else:
            answers[qid] = value
            unknown.discard(qid)
    return replace(facts, answers=answers, unknown=frozenset(unknown))


def dependencies(kb: KnowledgeBase, conclusion_id: str) -> list[str]:
    """Questions read anywhere in the derivation of a conclusion, in interview order."""
    seen_conclusions: set[str] = set()
    questions: set[str] = set()
    pending = [conclusion_id]
    while pending:
        cid = pending.pop()
        if cid in seen_conclusions:
            continue
        seen_conclusions.add(cid)
        for rule in kb.rules_deriving(cid):
            questions |= questions_of(rule.when)
            pending.extend(conclusions_of(rule.when))
    from .values import Deriver

    inputs = Deriver(kb).inputs  # a derived value is changed through its answers
    questions |= {q for name in list(questions) for q in inputs.get(name, ())}
    return [q.id for q in kb.questions if q.id in questions]


def candidates(kb: KnowledgeBase, question: Question, current: Any) -> list[Any]:
    """Known values worth trying for a question (never 'unknown': that only opens a risk)."""
    kind = question.type
    if kind == "boolean":
        values: list[Any] = [True, False]
    elif kind == "choice":
        values = [c.id for c in question.choices]
    elif kind == "multichoice":
        # An exclusive choice («ninguna», «no aplica») is only ever alone, as in an answer.
        alone = {c.id for c in question.choices if c.exclusive}
        plain = [c.id for c in question.choices if not c.exclusive]
        base = (current if isinstance(current, frozenset) else frozenset()) - alone
        values = [frozenset(plain), *(frozenset([c]) for c in sorted(alone)),
                  *(base | {c} for c in plain)]
        values = list(dict.fromkeys(values))
    else:
        literals = sorted({node.value.value for rule in kb.rules for node in walk(rule.when)
                           if getattr(node, "question", None) == question.id
                           and hasattr(node, "value") and not isinstance(node.value.value,
                                                                         (bool, str))})
        low, high = question.bounds
        points = {v + d for v in literals for d in (-1, 0, 1)}
        if not points and isinstance(current, (int, float)):
            # Read only through a derived value (a ratio, a need): try it scaled.
            points = {current * f for f in (0, 0.5, 2, 5, 10)} | {current + 1}
        values = sorted(p for p in points if (low is None or p >= low)
                        and (high is None or p <= high))
        if kind == "text":
            values = sorted({node.value.value for rule in kb.rules for node in walk(rule.when)
                             if getattr(node, "question", None) == question.id
                             and hasattr(node, "value")})
    return [v for v in values if v != current]


def clear(expert: Expert, facts: FactSet, risk: str, *, max_changes: int = MAX_CHANGES,
          budget: int = BUDGET) -> Clearing:
    kb = expert.kb
    # What already happened (the last sales drop) is not an alternative to offer a client.
    read = dependencies(kb, risk)
    history = tuple(q for q in read if kb.question(q).history)
    questions = [q for q in read if q not in history]
    now = expert.evaluate(facts)
    if risk not in now.trace:
        state = "open" if any(p.conclusion_id == risk for p in now.open) else "absent"
        return Clearing(risk, (), 0, True, tuple(questions), state, history)
    options = {q: candidates(kb, kb.question(q), facts.answers.get(q)) for q in questions}
    tried = 0
    for size in range(1, max_changes + 1):
        batch: list[tuple[tuple[str, Any], ...]] = list(itertools.islice(
            _change_sets(questions, options, size), budget - tried + 1))
        exhausted = len(batch) > budget - tried
        batch = batch[: budget - tried]
        solutions = []
        results = expert.evaluate_many([with_answers(facts, dict(c)) for c in batch])
        tried += len(batch)
        for change, result in zip(batch, results, strict=True):
            if risk not in result.trace and not any(p.conclusion_id == risk
                                                    for p in result.open):
                solutions.append(change)
        if solutions:
            return Clearing(risk, _nearest(kb, facts, solutions), tried, not exhausted,
                            tuple(questions), history=history)
        if exhausted:
            return Clearing(risk, (), tried, False, tuple(questions), history=history)
    return Clearing(risk, (), tried, True, tuple(questions), history=history)


def _nearest(kb: KnowledgeBase, facts: FactSet, solutions: list[tuple[tuple[str, Any], ...]]
             ) -> tuple[tuple[tuple[str, Any], ...], ...]:
    """One alternative per set of numeric questions: the one nearest today's answers (400,
    1,000 and 2,000 visits a month all clear a risk; the consultant needs the least of
    them). Different choices stay: each is a different course of action."""
    kept: dict[object, tuple[tuple[str, Any], ...]] = {}
    for solution in solutions:
        numeric = all(kb.question(q).type in ("number", "percent") for q, _ in solution)
        key = tuple(q for q, _ in solution) if numeric else solution
        if key not in kept or _distance(facts, solution) < _distance(facts, kept[key]):
            kept[key] = solution
    return tuple(kept.values())


def _distance(facts: FactSet, solution: tuple[tuple[str, Any], ...]) -> float:
    total = 0.0
    for qid, value in solution:
        current = facts.answers.get(qid)
        if isinstance(current, (int, float)) and isinstance(value, (int, float)):
            total += abs(value - current) / max(abs(current), 1)
    return total


def _change_sets(questions: list[str], options: dict[str, list[Any]], size: int
                 ) -> Iterator[tuple[tuple[str, Any], ...]]:
    for chosen in itertools.combinations(questions, size):
        for values in itertools.product(*(options[q] for q in chosen)):
            yield tuple(zip(chosen, values, strict=True))
