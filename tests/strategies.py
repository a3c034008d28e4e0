"""Hypothesis strategies: random knowledge bases (as model objects) and random answers."""

from __future__ import annotations

import dataclasses
import math

from hypothesis import strategies as st

from expert.conditions import (
    And,
    Compare,
    Has,
    InList,
    Known,
    Literal,
    Not,
    Or,
    Ref,
    Truth,
    walk,
)
from expert.model import (
    Choice,
    Conclusion,
    Derived,
    Family,
    KnowledgeBase,
    Question,
    Rule,
    Section,
    Text,
)
from expert.parser import parse_expression

TEXT = Text("t", "t")
SECTION = Section("S.A", "S", TEXT, TEXT, "x")
CHOICES = tuple(Choice(c, TEXT) for c in ("a", "b", "c"))
WORDS = ("alpha", "beta", 'quo"te', "ñandú", "back\\slash")


def _question(index: int, kind: str) -> Question:
    choices = CHOICES if kind in ("choice", "multichoice") else ()
    bounds = (0, 10) if kind == "number" else (None, None)
    return Question(f"q{index}", kind, TEXT, TEXT, "S", ("S.A",), choices, *bounds)


@st.composite
def questions(draw):
    kinds = draw(st.lists(st.sampled_from(
        ["boolean", "boolean", "number", "choice", "multichoice", "text", "percent"]),
        min_size=2, max_size=7))
    made = [_question(i, kind) for i, kind in enumerate(kinds)]
    # ask_if chains: a question may be asked only given an earlier answer (which may
    # itself be conditional), as the bundled knowledge base does.
    for index in range(1, len(made)):
        if draw(st.integers(0, 2)) == 0:
            gate = made[draw(st.integers(0, index - 1))]
            made[index] = dataclasses.replace(made[index], ask_if=draw(atom(gate)))
    return made


def atom(question: Question):
    q = question.id
    kind = question.type
    known = st.booleans().map(lambda k: Known(q, k))
    if kind == "boolean":
        return st.one_of(st.just(Truth(q)), known, st.booleans().map(
            lambda b: Compare(q, "==", Literal(b, "bool"))))
    if kind in ("number", "percent"):
        number = st.one_of(st.integers(0, 10), st.sampled_from([2.5, 7.25]))
        return st.one_of(known, st.tuples(st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
                                          number).map(
            lambda p: Compare(q, p[0], Literal(p[1], "number"))))
    names = st.sampled_from(["a", "b", "c"]).map(lambda n: Literal(n, "name"))
    if kind == "choice":
        return st.one_of(known, st.tuples(st.sampled_from(["==", "!="]), names).map(
            lambda p: Compare(q, p[0], p[1])), st.lists(names, min_size=1, max_size=2).map(
            lambda v: InList(q, tuple(v))))
    if kind == "multichoice":
        return st.one_of(known, names.map(lambda n: Has(q, n)),
                         st.lists(names, min_size=1, max_size=2).map(lambda v: InList(q, tuple(v))))
    strings = st.sampled_from(WORDS).map(lambda w: Literal(w, "string"))
    return st.one_of(known, st.tuples(st.sampled_from(["==", "!="]), strings).map(
        lambda p: Compare(q, p[0], p[1])))


def condition(qs: list[Question], conclusion_ids: list[str]):
    leaves = [atom(q) for q in qs]
    if conclusion_ids:
        leaves.append(st.sampled_from(conclusion_ids).map(lambda c: Ref("finding", c)))
    base = st.one_of(*leaves)
    return st.recursive(
        base,
        lambda inner: st.one_of(
            inner.map(Not),
            st.lists(inner, min_size=2, max_size=3).map(lambda items: And(tuple(items))),
            st.lists(inner, min_size=2, max_size=3).map(lambda items: Or(tuple(items))),
        ),
        max_leaves=5,
    )


# Derived values the way the bundled knowledge base computes workloads and gaps; a
# division by zero or an unknown input leaves the value unknown.
FORMULAS = ("{a} * {b} / max({c}, 1)", "{a} - {b}", "{a} / {b} * 10", "ceil({a} / 3)")


@st.composite
def derived_values(draw, qs: list[Question]) -> tuple[Derived, ...]:
    numbers = [q.id for q in qs if q.type in ("number", "percent")]
    if not numbers or draw(st.integers(0, 2)) == 0:
        return ()
    made: list[Derived] = []
    for index in range(draw(st.integers(1, 2))):
        inputs = numbers + [d.id for d in made]  # a derived value may read an earlier one
        a, b, c = (draw(st.sampled_from(inputs)) for _ in range(3))
        text = draw(st.sampled_from(FORMULAS)).format(a=a, b=b, c=c)
        made.append(Derived(f"d{index}", "number", TEXT, parse_expression(text), text, "S",
                            ("S.A",)))
    return tuple(made)


def _as_question(item: Derived) -> Question:
    """A derived value as conditions see it: a number without bounds."""
    return Question(item.id, "number", TEXT, TEXT, "S", ("S.A",))


@st.composite
def knowledge_bases(draw):
    qs = draw(questions())
    derived = draw(derived_values(qs))
    readable = [*qs, *map(_as_question, derived)]
    n_conclusions = draw(st.integers(1, 5))
    cids = [f"c{i}" for i in range(n_conclusions)]
    rules = []
    for index in range(draw(st.integers(1, 8))):
        # One conclusion or several (strata must place a rule by its earliest one).
        targets = tuple(draw(st.lists(st.sampled_from(cids), min_size=1, max_size=3,
                                      unique=True)))
        first = min(cids.index(t) for t in targets)
        # Mostly read earlier conclusions (chains); sometimes any (cycles, then filtered).
        conclusions_read = cids[:first] if draw(st.integers(0, 4)) else cids
        when = draw(condition(readable, conclusions_read))
        rules.append(Rule(f"r{index}", "S", ("S.A",), when, "", targets,
                          ("finding",) * len(targets)))
    conclusions = tuple(Conclusion(c, "finding", TEXT, TEXT, "S", ("S.A",)) for c in cids)
    return KnowledgeBase(TEXT, "1", "<generated>", TEXT, (Family("S", TEXT, (SECTION,)),),
                         tuple(qs), conclusions, tuple(rules), "0", derived=derived)


def answer_value(question: Question, literals: tuple[float, ...] = ()):
    """Valid answers to ``question``; numbers within its bounds, and at each literal a rule
    compares it with, and one either side (where comparisons go wrong)."""
    kind = question.type
    if kind == "boolean":
        return st.booleans()
    if kind in ("number", "percent"):
        low, high = question.bounds
        unbounded = high is None
        low = 0 if low is None else low
        high = low + (100 if kind == "percent" else 10) if high is None else high
        edges = sorted({v for x in literals for v in (x - 1, x, x + 1) if low <= v <= high})
        values = [st.integers(math.ceil(low), int(min(high, low + 1000))),
                  st.sampled_from([v for v in (low + 0.5, (low + high) / 2, high)
                                   if low <= v <= high])]
        if edges:
            values.append(st.sampled_from(edges))
        # Numbers Python writes with an exponent and no decimal point (2e-05, 1e+16; an
        # integer past 2**53 is sent as such a float): the engine once dropped the facts.
        exponents = [v for v in (2e-05, 1e-300, 1e16, 10**16)
                     if low <= v and (unbounded or v <= high)]
        if exponents:
            values.append(st.sampled_from(exponents))
        return st.one_of(*values)
    ids = [c.id for c in question.choices]
    if kind == "choice":
        return st.sampled_from(ids)
    if kind == "multichoice":
        # An exclusive choice («none», «does not apply») is never combined with another.
        plain = [c.id for c in question.choices if not c.exclusive]
        alone = [frozenset([c.id]) for c in question.choices if c.exclusive]
        lists = st.frozensets(st.sampled_from(plain)) if plain else st.just(frozenset())
        return st.one_of(lists, st.sampled_from(alone)) if alone else lists
    return st.sampled_from([*WORDS, "other text"])


def number_literals(kb: KnowledgeBase) -> dict[str, tuple[float, ...]]:
    """Question id -> the numbers its rules and ask_ifs compare it with."""
    found: dict[str, set[float]] = {}
    conditions = [r.when for r in kb.rules] + [q.ask_if for q in kb.questions if q.ask_if]
    for when in conditions:
        for node in walk(when):
            if isinstance(node, Compare) and node.value.kind in ("number", "percent"):
                found.setdefault(node.question, set()).add(node.value.value)
    return {q: tuple(sorted(values)) for q, values in found.items()}


def answers(qs: list[Question] | tuple[Question, ...], complete: bool = False,
            literals: dict[str, tuple[float, ...]] | None = None):
    """Answers to ``qs``; numbers often at a literal in ``literals`` or one either side."""
    literals = literals or {}
    values = {q.id: answer_value(q, literals.get(q.id, ())) for q in qs}
    if complete:
        return st.fixed_dictionaries(values)
    return st.fixed_dictionaries({}, optional=values)
