"""Where inference goes wrong quietly: comparisons at their literal, a rule reached through
two ``or`` branches, rules with several conclusions at different depths, and questions
that can never be asked. Each case runs the durable-rules engine and the evaluator in
``expert.logic`` on a small knowledge base built for it, and compares *lists*, not sets."""

from __future__ import annotations

import operator
from collections.abc import Callable

import pytest

from expert.facts import FactSet
from expert.graph import analyse
from expert.infer import Expert
from expert.loader import load_knowledge_base
from expert.logic import Logic

from helpers import conclusion, family, question, rule, write_kb

OPS: dict[str, Callable[[float, float], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
    ">": operator.gt, ">=": operator.ge,
}
LITERALS = (3, 2.5)
NAMES = {"==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}


def _name(op: str, literal: float, negated: bool) -> str:
    return f"{'not_' if negated else ''}{NAMES[op]}_{str(literal).replace('.', '_')}"


def _comparison_family() -> str:
    rules, conclusions = [], []
    for literal in LITERALS:
        for op in OPS:
            for negated in (False, True):
                name = _name(op, literal, negated)
                when = f"{'not ' if negated else ''}n {op} {literal}"
                rules.append(rule(f"r_{name}", when, f"finding.{name}"))
                conclusions.append(conclusion(name))
    return family([question("n", "number")], conclusions, rules)


@pytest.fixture(scope="module")
def comparisons(tmp_path_factory) -> Expert:
    return Expert(load_knowledge_base(write_kb(tmp_path_factory.mktemp("cmp"),
                                               _comparison_family())))


def _expected(value: float) -> list[str]:
    """The conclusions that hold for n = value, in knowledge-base order."""
    found = []
    for literal in LITERALS:
        for op, test in OPS.items():
            holds = test(value, literal)
            found += [_name(op, literal, False)] if holds else []
            found += [] if holds else [_name(op, literal, True)]
    return found


@pytest.mark.parametrize("value", [1.5, 2, 2.5, 3, 3.5, 4, -0.5])
def test_every_comparison_and_its_negation_at_the_literal_and_either_side(comparisons, value):
    # `not n < 3` is `n >= 3`, not `n > 3`: the two differ exactly at n == 3.
    expected = _expected(value)
    result = comparisons.evaluate(FactSet("n", {"n": value}))
    assert list(result.trace) == expected
    logic = Logic(comparisons.kb).infer({"n": value})
    assert list(logic) == expected
    assert all(firings == [f"r_{cid}"] for cid, firings in logic.items())


def test_no_comparison_holds_or_fails_while_the_number_is_unknown(comparisons):
    result = comparisons.evaluate(FactSet("n", {}))
    assert result.trace == {}
    assert len(result.open) == len(comparisons.kb.conclusions)
    assert all(point.questions == ("n",) for point in result.open)


OR_BRANCHES = family(
    [question("a"), question("b"), question("c")],
    [conclusion("x", "risk"), conclusion("y")],
    [rule("r_or", "a or b or (c and a)", "risk.x, finding.y")],
)


@pytest.fixture(scope="module")
def or_expert(tmp_path_factory) -> Expert:
    return Expert(load_knowledge_base(write_kb(tmp_path_factory.mktemp("or"), OR_BRANCHES)))


@pytest.mark.parametrize("answers", [{"a": True, "b": True, "c": True},
                                     {"a": True, "b": True}, {"a": True, "c": True}])
def test_a_rule_matched_through_several_or_branches_fires_once(or_expert, answers):
    # Every plan in one batch, so that the engine sees all branches of all plans at once.
    results = or_expert.evaluate_many([FactSet(str(i), answers) for i in range(3)])
    for result in results:
        assert result.rules_for("x") == ["r_or"]
        assert result.rules_for("y") == ["r_or"]
        assert [len(firings) for firings in result.trace.values()] == [1, 1]


# A rule with two conclusions at different depths: f0 (depth 0) and f2 (depth 2, the end
# of a chain). The rule must run with its earliest conclusion, or a rule that reads
# `not finding.f0` at depth 1 would run before f0 is established.
MULTI = family(
    [question("a"), question("b")],
    [conclusion("f0"), conclusion("g0"), conclusion("g1"), conclusion("f2"),
     conclusion("x", "risk"), conclusion("z", "risk")],
    [rule("r_multi", "a", "finding.f0, finding.f2"),
     rule("r_g0", "b", "finding.g0"), rule("r_g1", "finding.g0", "finding.g1"),
     rule("r_f2", "finding.g1", "finding.f2"),
     rule("r_absent", "b and not finding.f0", "risk.x"),
     rule("r_after", "finding.g0 and not finding.f2", "risk.z")],
)


@pytest.fixture(scope="module")
def multi_expert(tmp_path_factory) -> Expert:
    return Expert(load_knowledge_base(write_kb(tmp_path_factory.mktemp("multi"), MULTI)))


def test_a_rule_with_several_conclusions_runs_in_the_stratum_of_its_earliest(multi_expert):
    strata, cycles = analyse(multi_expert.kb)
    assert cycles == []
    placed = {r.id: level for level, s in enumerate(strata) for r in s.rules}
    assert placed["r_multi"] == placed["r_g0"] == 0
    assert placed["r_absent"] == placed["r_g1"] == 1
    assert placed["r_f2"] == 2 and placed["r_after"] == 3


@pytest.mark.parametrize("answers, expected", [
    ({"a": True, "b": True},
     {"f0": ["r_multi"], "g0": ["r_g0"], "f2": ["r_multi", "r_f2"], "g1": ["r_g1"]}),
    ({"a": False, "b": True},
     {"g0": ["r_g0"], "x": ["r_absent"], "g1": ["r_g1"], "f2": ["r_f2"]}),
    ({"a": True, "b": False}, {"f0": ["r_multi"], "f2": ["r_multi"]}),
])
def test_negation_of_a_multi_conclusion_rule_waits_for_it(multi_expert, answers, expected):
    by_kb_order = [c.id for c in multi_expert.kb.conclusions if c.id in expected]
    result = multi_expert.evaluate(FactSet("p", answers))
    assert list(result.trace) == by_kb_order
    assert {cid: result.rules_for(cid) for cid in result.trace} == expected
    assert multi_expert.logic.infer(answers) == expected


ASK_IF = family(
    [question("gate"), question("detail", extra="ask_if: gate\n"), question("other"),
     question("n", "number", extra="ask_if: not gate\n")],
    [conclusion("x", "risk"), conclusion("y", "risk")],
    [rule("r_x", "detail or other", "risk.x"), rule("r_y", "n > 2", "risk.y")],
)


@pytest.fixture(scope="module")
def ask_if_expert(tmp_path_factory) -> Expert:
    return Expert(load_knowledge_base(write_kb(tmp_path_factory.mktemp("askif"), ASK_IF)))


def _points(result) -> dict[str, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {p.conclusion_id: p.questions for p in result.open}


def test_a_question_whose_ask_if_is_false_never_decides_an_open_point(ask_if_expert):
    # detail is never asked once gate is false: only `other` can settle x; n, once gate is
    # true, can settle nothing (y stays open with no question to ask).
    assert _points(ask_if_expert.evaluate(FactSet("p", {"gate": False}))) == {
        "x": ("other",), "y": ("n",)}
    assert _points(ask_if_expert.evaluate(FactSet("p", {"gate": True}))) == {
        "x": ("detail", "other"), "y": ()}
    # While gate is unknown, detail may still be asked: it stays listed.
    assert _points(ask_if_expert.evaluate(FactSet("p", {}))) == {
        "x": ("detail", "other"), "y": ("n",)}
