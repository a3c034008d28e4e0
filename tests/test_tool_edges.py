"""The tools around inference, in-process on small knowledge bases: the interview's choice
of question, ``explain``'s credit, ``whatif --clear``, ``expert check``'s duplicate ids,
``expert test``'s expectations and the fact loader's one-sided ranges."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from expert.check import diagnose
from expert.errors import FactsError, KnowledgeBaseError
from expert.explain import explain, render_tree
from expert.facts import FactSet, parse_facts
from expert.infer import Expert
from expert.interview.flow import Interview
from expert.interview.session import SessionState
from expert.kbtest import run_case
from expert.loader import load_knowledge_base
from expert.whatif import clear

from helpers import SMALL_SOURCES, conclusion, family, question, rule, write_kb


def small(tmp_path: Path, text: str, **extra: str) -> Expert:
    return Expert(load_knowledge_base(write_kb(tmp_path, text, extra=extra or None)))


# --- the interview -----------------------------------------------------------------------

GATED = family(
    [question("detail", extra="ask_if: gate\n"), question("other"), question("gate")],
    [conclusion("x", "risk"), conclusion("y", "risk")],
    [rule("r_x", "gate and detail", "risk.x"), rule("r_y", "other", "risk.y")],
)


def asked(expert: Expert, plan: dict[str, object]) -> list[str]:
    flow = Interview(expert, SessionState(meta_asked=["client", "plan", "consultant"]), "es")
    order = []
    while (step := flow.next_question()) is not None:
        order.append(step.id)
        flow.answer(step, plan[step.id], confirmed=True)
    return order


def test_a_question_whose_ask_if_is_unknown_waits_for_it(tmp_path):
    # detail comes first in the file, but its ask_if (gate) is not answered yet.
    expert = small(tmp_path, GATED)
    assert asked(expert, {"other": False, "gate": True, "detail": True}) == [
        "other", "gate", "detail"]
    assert asked(expert, {"other": True, "gate": False, "detail": True}) == ["other", "gate"]


# --- explain -----------------------------------------------------------------------------

TWO_WAYS = family(
    [question("a"), question("b")], [conclusion("x", "risk")],
    [rule("r_first", "a", "risk.x"), rule("r_second", "b", "risk.x")],
)


def test_explain_credits_the_rules_that_fired(tmp_path):
    expert = small(tmp_path, TWO_WAYS)
    tree = render_tree(explain(expert.evaluate(FactSet("p", {"a": False, "b": True})), "x",
                               "en", detail=True))
    assert "r_second: b" in tree and "r_first" not in tree
    both = render_tree(explain(expert.evaluate(FactSet("p", {"a": True, "b": True})), "x",
                               "en", detail=True))
    assert both.index("r_first: a") < both.index("r_second: b")
    # Not established: every rule that could derive it is listed for the author.
    neither = render_tree(explain(expert.evaluate(FactSet("p", {"a": False, "b": False})),
                                  "x", "en", detail=True))
    assert "r_first: a" in neither and "r_second: b" in neither


# --- whatif --clear ----------------------------------------------------------------------

OPENABLE = family(
    [question("a"), question("b"), question("c")], [conclusion("x", "risk")],
    [rule("r_a", "a", "risk.x"), rule("r_bc", "b and c", "risk.x")],
)


def test_a_change_that_leaves_the_risk_open_does_not_clear_it(tmp_path):
    expert = small(tmp_path, OPENABLE)
    facts = FactSet("p", {"a": True, "b": True})  # c unknown
    # a = no alone leaves x open (b and c may still hold): it takes a second change.
    found = clear(expert, facts, "x")
    assert found.complete and found.questions == ("a", "b", "c")
    assert sorted(found.solutions) == [(("a", False), ("b", False)),
                                       (("a", False), ("c", False))]


# --- expert check: duplicate ids ---------------------------------------------------------

def test_duplicate_rule_conclusion_and_section_ids_are_each_reported(tmp_path):
    text = family(
        [question("a"), question("a")],
        [conclusion("x", "risk"), conclusion("x", "risk")],
        [rule("r1", "a", "risk.x"), rule("r1", "not a", "risk.x")],
    )
    sources = textwrap.dedent(SMALL_SOURCES).replace("id: SYS.B", "id: SYS.A")
    root = write_kb(tmp_path, text, extra={"sources.yaml": sources})
    found = [d for d in diagnose(root) if d.code == "duplicate-id"]
    what = sorted((d.message.fields["id"], d.message.fields["what"].key) for d in found)
    assert what == [("SYS.A", "what.section"), ("a", "what.variable"),
                    ("r1", "what.rule"), ("x", "what.conclusion")]
    with pytest.raises(KnowledgeBaseError):
        load_knowledge_base(root)


# --- expert test: expectations -----------------------------------------------------------

def case(tmp_path: Path, expect: str, answers: str = "{a: true, b: false}") -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(f"answers: {answers}\nexpect:\n{textwrap.indent(expect, '  ')}", "utf-8")
    return path


@pytest.mark.parametrize("expect, problems", [
    ("established: [risk.x]\n", []),
    ("not_established: [risk.x]\n", ["kbtest.should_not"]),
    ("not_established: [risk.y]\n", []),
    ("established: []\n", ["kbtest.unexpected"]),
    ("established: []\nsubset: true\n", []),
    ("established: [risk.y]\nsubset: true\n", ["kbtest.missing"]),
    ("open: [risk.y]\n", ["kbtest.not_open"]),
    ("open: []\n", []),
    ("severity: {risk.x: low}\n", ["kbtest.severity"]),
    ("severity: {risk.x: high}\n", []),
])
def test_each_expectation_is_checked(tmp_path, expect, problems):
    text = family([question("a"), question("b")],
                  [conclusion("x", "risk"), conclusion("y", "risk")],
                  [rule("r_x", "a", "risk.x"), rule("r_y", "b", "risk.y")])
    expert = small(tmp_path / "kb", text)
    outcome = run_case(expert, case(tmp_path, expect))
    assert outcome.error is None
    assert [p.key for p in outcome.problems] == problems
    assert outcome.passed is not problems
    assert outcome.fired == {"r_x"} and outcome.answered == {"a", "b"}


def test_an_open_risk_must_be_expected_when_the_list_is_exact(tmp_path):
    text = family([question("a"), question("b")],
                  [conclusion("x", "risk"), conclusion("y", "risk")],
                  [rule("r_x", "a", "risk.x"), rule("r_y", "b", "risk.y")])
    expert = small(tmp_path / "kb", text)
    outcome = run_case(expert, case(tmp_path, "open: []\n", "{a: true}"))
    assert [p.key for p in outcome.problems] == ["kbtest.unexpected_open"]
    assert run_case(expert, case(tmp_path, "open: [risk.y]\n", "{a: true}")).passed


# --- fact files: ranges with one bound ---------------------------------------------------

BOUNDS = family(
    [question("low_only", "number", "min: 1\n"), question("high_only", "number", "max: 10\n"),
     question("both", "number", "min: 0\nmax: 5\n"), question("free", "number")],
    [conclusion("x")], [rule("r", "free > 0", "finding.x")],
)


@pytest.mark.parametrize("qid, value, ok", [
    ("low_only", 0, False), ("low_only", 1, True), ("low_only", 10**6, True),
    ("high_only", 11, False), ("high_only", 10, True), ("high_only", -10**6, True),
    ("both", -1, False), ("both", 6, False), ("both", 0, True), ("both", 5, True),
    ("free", -10**6, True),
])
def test_a_range_with_one_bound_is_still_checked(tmp_path, qid, value, ok):
    kb = load_knowledge_base(write_kb(tmp_path, BOUNDS))
    text = f"answers:\n  {qid}: {value}\n"
    if ok:
        assert parse_facts(text, "p.yaml", kb).answers == {qid: value}
    else:
        with pytest.raises(FactsError) as raised:
            parse_facts(text, "p.yaml", kb)
        assert raised.value.diagnostics[0].location.line == 2
