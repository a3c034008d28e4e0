"""Three-valued semantics of conditions, in plain Python.

An answer may be unknown (the question was skipped or answered ``unknown``). Values are
``True``, ``False`` and ``None`` (unknown):

- a comparison with an unknown answer is unknown; ``x is unknown`` / ``x is known`` are
  never unknown;
- ``and``, ``or`` and ``not`` follow Kleene's strong logic;
- a rule fires only when its condition is true;
- a reference to a conclusion is true when the conclusion is established and false
  otherwise ("not established"), tested only once its stratum is complete (``graph``).

This module is the specification the durable-rules engine is tested against
(``tests/test_engine_agrees.py``), the floor in the benchmarks, and the analysis behind
open points and the interview's choice of questions: ``Analysis`` marks a conclusion
*open* when it is not established but could become so once unknown answers are given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .conditions import And, Compare, Condition, Has, InList, Known, Not, Or, Ref, Truth
from .graph import Stratum, analyse
from .model import KnowledgeBase
from .values import Deriver

Tri = bool | None
Answers = Mapping[str, Any]
Lookup = Callable[[str], Tri]
Evaluator = Callable[[Answers, Lookup], Tri]

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def compile_condition(condition: Condition) -> Evaluator:
    """A closure that evaluates ``condition`` three-valued (no eval: plain functions)."""
    if isinstance(condition, Truth):
        q = condition.question

        def truth(answers: Answers, _: Lookup) -> Tri:
            value = answers.get(q)
            return None if value is None else value is True

        return truth
    if isinstance(condition, Compare):
        q, op, literal = condition.question, _OPS[condition.op], condition.value.value

        def compare(answers: Answers, _: Lookup) -> Tri:
            value = answers.get(q)
            return None if value is None else op(value, literal)

        return compare
    if isinstance(condition, InList):
        q = condition.question
        options = frozenset(v.value for v in condition.values)

        def member(answers: Answers, _: Lookup) -> Tri:
            value = answers.get(q)
            if value is None:
                return None
            if isinstance(value, frozenset):
                return not value.isdisjoint(options)
            return value in options

        return member
    if isinstance(condition, Has):
        q, item = condition.question, condition.value.value

        def has(answers: Answers, _: Lookup) -> Tri:
            value = answers.get(q)
            return None if value is None else item in value

        return has
    if isinstance(condition, Known):
        q, known = condition.question, condition.known
        return lambda answers, _: (answers.get(q) is not None) == known
    if isinstance(condition, Ref):
        cid = condition.conclusion
        return lambda _, concluded: concluded(cid)
    if isinstance(condition, Not):
        inner = compile_condition(condition.item)

        def negation(answers: Answers, concluded: Lookup) -> Tri:
            value = inner(answers, concluded)
            return None if value is None else not value

        return negation
    if isinstance(condition, And):
        items = tuple(compile_condition(c) for c in condition.items)

        def conjunction(answers: Answers, concluded: Lookup) -> Tri:
            result: Tri = True
            for item in items:
                value = item(answers, concluded)
                if value is False:
                    return False
                if value is None:
                    result = None
            return result

        return conjunction
    if isinstance(condition, Or):
        items = tuple(compile_condition(c) for c in condition.items)

        def disjunction(answers: Answers, concluded: Lookup) -> Tri:
            result: Tri = False
            for item in items:
                value = item(answers, concluded)
                if value is True:
                    return True
                if value is None:
                    result = None
            return result

        return disjunction
    raise TypeError(condition)  # pragma: no cover


class Logic:
    """The knowledge base's rules as compiled closures, in stratum order."""

    def __init__(self, kb: KnowledgeBase, strata: list[Stratum] | None = None) -> None:
        self.kb = kb
        self.strata = strata if strata is not None else analyse(kb)[0]
        self.derive = Deriver(kb)
        self.conditions: dict[str, Evaluator] = {
            rule.id: compile_condition(rule.when) for rule in kb.rules
        }
        self.ask_if: dict[str, Evaluator] = {
            q.id: compile_condition(q.ask_if) for q in kb.questions if q.ask_if is not None
        }
        self.collectors = {rule.id: compile_collector(rule.when, self.derive)
                           for rule in kb.rules}
        self.consistency = {c.id: compile_condition(c.when) for c in kb.consistency}

    def infer(self, answers: Answers) -> dict[str, list[str]]:
        """Forward chaining to the fixpoint: conclusion id -> ids of the rules that fired.
        ``answers`` are the plan's answers; derived values are computed here."""
        answers = self.derive(answers)
        established: dict[str, list[str]] = {}
        concluded: Lookup = established.__contains__
        for stratum in self.strata:
            fired: set[str] = set()
            changed = True
            while changed:
                changed = False
                for rule in stratum.rules:
                    if rule.id in fired:
                        continue
                    if self.conditions[rule.id](answers, concluded) is True:
                        fired.add(rule.id)
                        for cid in rule.then:
                            if cid not in established:
                                changed = True
                            established.setdefault(cid, []).append(rule.id)
                changed = changed and stratum.recursive
        return established

    def analyse(self, values: Answers, established: Mapping[str, object]) -> Analysis:
        """``values``: answers and derived values (``self.derive(answers)``)."""
        return Analysis(self, values, established)

    def contradictions(self, values: Answers) -> list[str]:
        """Consistency checks whose combination of answers holds (``values`` as above)."""
        never: Lookup = lambda _: False  # noqa: E731 - checks read answers only
        return [cid for cid, check in self.consistency.items() if check(values, never) is True]

    def askable(self, question_id: str, answers: Answers, established: Mapping[str, object]
                ) -> Tri:
        check = self.ask_if.get(question_id)
        if check is None:
            return True
        return check(answers, lambda cid: cid in established)


class Analysis:
    """What is still undecided given some answers: open conclusions and the unknown
    questions that could decide them."""

    def __init__(self, logic: Logic, answers: Answers, established: Mapping[str, object]) -> None:
        self.logic = logic
        self.answers = answers
        self.status: dict[str, Tri] = {cid: True for cid in established}
        self.values: dict[str, Tri] = {}  # each rule's condition, once its stratum is done
        lookup = self._lookup
        conditions = logic.conditions
        for stratum in logic.strata:
            changed = True
            while changed:
                changed = False
                for rule in stratum.rules:
                    value = self.values[rule.id] = conditions[rule.id](answers, lookup)
                    if value is None:
                        for cid in rule.then:
                            if cid not in self.status:
                                self.status[cid] = None
                                changed = True
                changed = changed and stratum.recursive
        self._questions: dict[str, frozenset[str]] = {}
        # Conclusions being collected, in the order they were entered (Tarjan's stack):
        # on a cycle, every member depends on the same questions, known only once the
        # first member entered is done.
        self._stack: list[str] = []
        self._position: dict[str, int] = {}
        self._low = 0

    def _lookup(self, cid: str) -> Tri:
        return self.status.get(cid, False)

    def is_open(self, cid: str) -> bool:
        return cid in self.status and self.status[cid] is None

    @property
    def open(self) -> list[str]:
        return [c.id for c in self.logic.kb.conclusions if self.is_open(c.id)]

    def questions_for(self, cid: str) -> frozenset[str]:
        """Unknown questions on which an open conclusion still depends."""
        cached = self._questions.get(cid)
        if cached is not None:
            return cached
        stack, position = self._stack, self._position
        index = position.get(cid)
        if index is not None:  # a positive cycle: collected where it was entered
            self._low = min(self._low, index)
            return frozenset()
        index = position[cid] = len(stack)
        stack.append(cid)
        outer, self._low = self._low, index
        found: set[str] = set()
        values, collectors = self.values, self.logic.collectors
        for rule in self.logic.kb.rules_deriving(cid):
            if values[rule.id] is None:
                collectors[rule.id](self.answers, self._lookup, self.questions_for, found)
        result = frozenset(found)
        if self._low == index:  # first of its cycle: the cycle's questions are all found
            for member in stack[index:]:
                self._questions[member] = result
                del position[member]
            del stack[index:]
            self._low = outer
        else:
            self._low = min(outer, self._low)
        return result


Collector = Callable[[Answers, Lookup, Callable[[str], frozenset[str]], set[str]], None]


def compile_collector(condition: Condition, derive: Deriver) -> Collector:
    """A closure that, for an *unknown* condition, adds the unknown questions that can
    still decide it: it descends only into unknown parts (a false conjunct or a true
    disjunct decides the whole, and what sits beside it no longer matters). A derived
    value is decided by the unknown answers it is computed from."""
    if isinstance(condition, Ref):
        cid = condition.conclusion

        def reference(answers, lookup, questions_for, found):  # type: ignore[no-untyped-def]
            found |= questions_for(cid)

        return reference
    if isinstance(condition, Not):
        return compile_collector(condition.item, derive)
    if isinstance(condition, (And, Or)):
        parts = tuple((compile_condition(c), compile_collector(c, derive))
                      for c in condition.items)

        def compound(answers, lookup, questions_for, found):  # type: ignore[no-untyped-def]
            for evaluate, collect in parts:
                if evaluate(answers, lookup) is None:
                    collect(answers, lookup, questions_for, found)

        return compound
    question = condition.question  # type: ignore[union-attr]
    if question in derive.inputs:
        def derived(answers, lookup, questions_for, found):  # type: ignore[no-untyped-def]
            found |= derive.unknown_inputs(question, answers)

        return derived

    def atom(answers, lookup, questions_for, found):  # type: ignore[no-untyped-def]
        found.add(question)

    return atom
