"""The dependency graph in-process: positive cycles that need a second pass, conclusions
no other conclusion reaches, and the cycles ``expert check`` must report (through negation,
between derived values) with the ids on the cycle."""

from __future__ import annotations

import pytest

from expert.check import diagnose
from expert.facts import FactSet
from expert.graph import analyse, derived_cycle
from expert.infer import Expert
from expert.loader import load_knowledge_base

from helpers import conclusion, family, question, rule, write_kb

# r_qp is listed first and reads q, which only r_pq derives, from p, which r_a derives
# last: one pass over the stratum is not enough.
BACKWARDS_CYCLE = family(
    [question("a")], [conclusion("p"), conclusion("q")],
    [rule("r_qp", "finding.q", "finding.p"), rule("r_pq", "finding.p", "finding.q"),
     rule("r_a", "a", "finding.p")],
)


def test_a_positive_cycle_runs_until_nothing_changes(tmp_path):
    expert = Expert(load_knowledge_base(write_kb(tmp_path, BACKWARDS_CYCLE)))
    strata, cycles = analyse(expert.kb)
    assert cycles == [] and len(strata) == 1 and strata[0].recursive
    expected = {"p": ["r_a", "r_qp"], "q": ["r_pq"]}
    assert expert.logic.infer({"a": True}) == expected
    result = expert.evaluate(FactSet("p", {"a": True}))
    assert {cid: sorted(result.rules_for(cid)) for cid in result.trace} == expected
    assert expert.evaluate(FactSet("p", {"a": False})).trace == {}
    # Unknown a: both stay open, each decided by a.
    unknown = expert.evaluate(FactSet("p", {}))
    assert [(p.conclusion_id, p.questions) for p in unknown.open] == [("p", ("a",)),
                                                                      ("q", ("a",))]


# a_src is read by the rule for b_mid, so b_mid is reached before its turn as a root;
# c_alone, after it in name order, must still get its component.
UNREACHED = family(
    [question("a"), question("c")],
    [conclusion("a_src"), conclusion("b_mid"), conclusion("c_alone")],
    [rule("r_src", "a", "finding.a_src"), rule("r_mid", "finding.a_src", "finding.b_mid"),
     rule("r_alone", "c", "finding.c_alone")],
)


def test_every_conclusion_gets_a_stratum_whatever_the_visit_order(tmp_path):
    expert = Expert(load_knowledge_base(write_kb(tmp_path, UNREACHED)))
    strata, _ = analyse(expert.kb)
    assert [[r.id for r in s.rules] for s in strata] == [["r_src", "r_alone"], ["r_mid"]]
    assert [s.recursive for s in strata] == [False, False]
    result = expert.evaluate(FactSet("p", {"a": True, "c": True}))
    assert list(result.trace) == ["a_src", "b_mid", "c_alone"]


NEGATIVE = family(
    [question("a")], [conclusion("p"), conclusion("q"), conclusion("s")],
    [rule("r_p", "a and not finding.q", "finding.p"), rule("r_q", "finding.p", "finding.q"),
     rule("r_s", "finding.p", "finding.s")],
)


def test_a_cycle_through_negation_is_reported_with_its_rule_and_conclusions(tmp_path):
    root = write_kb(tmp_path, NEGATIVE)
    found = [d for d in diagnose(root) if d.code == "cycle"]
    assert [(d.message.key, d.message.fields) for d in found] == [
        ("check.negative_cycle", {"rule": "r_p", "ids": ["p", "q"]})]
    assert found[0].location.line is not None


def derived_family(values: dict[str, str]) -> str:
    derived = "".join(f"""
  - id: {name}
    type: number
    text: {{es: "{name}", en: "{name}"}}
    sections: [SYS.A]
    value: {expression}
""" for name, expression in values.items())
    return family([question("n", "number")], [conclusion("x")],
                  [rule("r", "n > 1", "finding.x")]) + "derived:" + derived


@pytest.mark.parametrize("values, start, cycle", [
    ({"d1": "d2 + 1", "d2": "d1 * 2"}, "d1", ["d1", "d2"]),
    ({"d0": "d1 + 1", "d1": "d2 + 1", "d2": "d1 * 2"}, "d0", ["d1", "d2"]),
    ({"d1": "d1 + 1"}, "d1", ["d1"]),
    ({"d1": "n + 1", "d2": "d1 * 2"}, "d2", []),
])
def test_cycles_between_derived_values_are_found_from_any_start(tmp_path, values, start,
                                                                cycle):
    root = write_kb(tmp_path, derived_family(values))
    found = [d for d in diagnose(root) if d.code == "cycle"]
    if cycle:
        assert [(d.message.key, d.message.fields["ids"]) for d in found] == [
            ("check.derived_cycle", cycle)]
    else:
        assert found == []
        assert derived_cycle(load_knowledge_base(root), start) == []
