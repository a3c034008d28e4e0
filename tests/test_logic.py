"""Three-valued semantics (Kleene), chains, and stratified negation: the specification."""

from __future__ import annotations

import itertools

import pytest

from expert.loader import load_knowledge_base
from expert.logic import Logic, compile_condition
from expert.parser import parse

from helpers import conclusion, family, question, rule, write_kb

T, F, U = True, False, None


def tri(condition: str, **answers):
    given = {k: v for k, v in answers.items() if v is not None}
    return compile_condition(parse(condition))(given, lambda _: False)


@pytest.mark.parametrize("a, b", list(itertools.product((T, F, U), repeat=2)))
def test_kleene_truth_tables(a, b):
    expected_and = F if F in (a, b) else (U if U in (a, b) else T)
    expected_or = T if T in (a, b) else (U if U in (a, b) else F)
    assert tri("a and b", a=a, b=b) is expected_and
    assert tri("a or b", a=a, b=b) is expected_or
    assert tri("not a", a=a) is (None if a is None else not a)


def test_comparisons_with_an_unknown_answer_are_unknown():
    for condition in ["n < 3", "n >= 3", "n == 3", "n != 3", "n in [1, 2]", "c has x",
                      "not n < 3"]:
        assert tri(condition) is None


def test_is_unknown_and_is_known_are_never_unknown():
    assert tri("n is unknown") is True
    assert tri("n is known") is False
    assert tri("n is unknown", n=4) is False
    assert tri("n is known", n=4) is True


def test_multichoice_membership():
    chosen = frozenset({"a", "c"})
    assert tri("m has a", m=chosen) is True
    assert tri("m has b", m=chosen) is False
    assert tri("m in [b, c]", m=chosen) is True
    assert tri("m in [b]", m=chosen) is False
    assert tri("m in [b]", m=frozenset()) is False


def _small_kb(tmp_path, rules_yaml, conclusions_yaml, questions_yaml):
    return load_knowledge_base(write_kb(tmp_path, family(questions_yaml, conclusions_yaml,
                                                         rules_yaml)))


def test_chains_fire_through_findings(tmp_path):
    kb = _small_kb(
        tmp_path,
        [rule("r1", "a and n < 3", "finding.f1"), rule("r2", "finding.f1", "finding.f2"),
         rule("r3", "finding.f2 and b", "risk.x"), rule("r4", "risk.x", "measure.m")],
        [conclusion("f1"), conclusion("f2"), conclusion("x", "risk"),
         conclusion("m", "measure")],
        [question("a"), question("b"), question("n", "number")],
    )
    logic = Logic(kb)
    assert logic.infer({"a": True, "n": 1, "b": True}) == {
        "f1": ["r1"], "f2": ["r2"], "x": ["r3"], "m": ["r4"]}
    assert logic.infer({"a": True, "n": 1}) == {"f1": ["r1"], "f2": ["r2"]}
    assert logic.infer({"a": True}) == {}


def test_a_rule_never_fires_on_missing_information(tmp_path):
    kb = _small_kb(tmp_path, [rule("r1", "not a", "risk.x")], [conclusion("x", "risk")],
                   [question("a")])
    logic = Logic(kb)
    assert logic.infer({}) == {}
    assert logic.infer({"a": False}) == {"x": ["r1"]}
    analysis = logic.analyse({}, {})
    assert analysis.open == ["x"]
    assert analysis.questions_for("x") == {"a"}


def test_negation_of_a_conclusion_waits_for_every_rule_that_derives_it(tmp_path):
    # r_neg is listed first and reads 'not finding.f'; f is derived later in the file by
    # a chain of two rules. Stratification must run the chain to completion first.
    kb = _small_kb(
        tmp_path,
        [rule("r_neg", "b and not finding.f", "risk.x"), rule("r1", "a", "finding.g"),
         rule("r2", "finding.g", "finding.f")],
        [conclusion("f"), conclusion("g"), conclusion("x", "risk")],
        [question("a"), question("b")],
    )
    logic = Logic(kb)
    assert "x" not in logic.infer({"a": True, "b": True})
    assert logic.infer({"a": False, "b": True}) == {"x": ["r_neg"]}


def test_two_rules_for_one_conclusion_are_two_reasons(tmp_path):
    kb = _small_kb(
        tmp_path,
        [rule("r1", "a", "risk.x"), rule("r2", "b", "risk.x")],
        [conclusion("x", "risk")], [question("a"), question("b")],
    )
    assert Logic(kb).infer({"a": True, "b": True}) == {"x": ["r1", "r2"]}


def test_positive_cycles_run_to_their_fixpoint(tmp_path):
    kb = _small_kb(
        tmp_path,
        [rule("r1", "a", "finding.p"), rule("r2", "finding.p", "finding.q"),
         rule("r3", "finding.q", "finding.p")],
        [conclusion("p"), conclusion("q")], [question("a")],
    )
    assert Logic(kb).infer({"a": True}) == {"p": ["r1", "r3"], "q": ["r2"]}
    assert Logic(kb).infer({"a": False}) == {}


def test_open_conclusions_and_the_questions_that_decide_them(tmp_path):
    kb = _small_kb(
        tmp_path,
        [rule("r1", "a and n < 3", "finding.f"), rule("r2", "finding.f or c", "risk.x")],
        [conclusion("f"), conclusion("x", "risk")],
        [question("a"), question("c"), question("n", "number")],
    )
    logic = Logic(kb)
    analysis = logic.analyse({"a": True}, {})
    assert analysis.open == ["f", "x"]
    assert analysis.questions_for("x") == {"n", "c"}
    # Once a is false, f can no longer be established: only c matters for x.
    analysis = logic.analyse({"a": False}, {})
    assert analysis.open == ["x"]
    assert analysis.questions_for("x") == {"c"}
