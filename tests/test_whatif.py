"""``whatif``'s search for the fewest changes that clear a risk, in process on the test
knowledge base: what it offers must be true of the plan, and worth reading."""

from __future__ import annotations

import pytest

from expert.facts import load_facts
from expert.infer import Expert
from expert.whatif import clear, with_answers

from helpers import TEST_KB, TEST_PLANS


@pytest.fixture(scope="module")
def expert() -> Expert:
    return Expert.open(TEST_KB)


def test_every_alternative_clears_the_risk_and_none_leaves_it_open(expert):
    facts = load_facts(TEST_PLANS / "capilar.yaml", expert.kb)
    found = clear(expert, facts, "understaffed")
    assert found.state == "established" and found.solutions
    for solution in found.solutions:
        after = expert.evaluate(with_answers(facts, dict(solution)))
        assert "understaffed" not in after.trace
        assert all(p.conclusion_id != "understaffed" for p in after.open)


def test_a_change_that_only_opens_the_risk_does_not_clear_it(expert):
    facts = load_facts(TEST_PLANS / "capilar.yaml", expert.kb)
    found = clear(expert, facts, "understaffed")
    # Staff unknown would make the risk open, not cleared.
    assert all(value is not None for solution in found.solutions for _, value in solution)
    assert ("staff", None) not in [pair for s in found.solutions for pair in s]


def test_one_numeric_alternative_per_question_the_nearest_to_the_answer(expert):
    # 200, 400 and 1,000 people would all do; the consultant needs the least of them.
    facts = load_facts(TEST_PLANS / "capilar.yaml", expert.kb)
    found = clear(expert, facts, "understaffed")
    per_question = [tuple(q for q, _ in s) for s in found.solutions]
    assert len(per_question) == len(set(per_question))
    staff = [dict(s)["staff"] for s in found.solutions if tuple(dict(s)) == ("staff",)]
    assert staff == [200]
    smaller = with_answers(facts, {"staff": 199})
    assert "understaffed" in expert.evaluate(smaller).trace


def test_a_risk_the_plan_does_not_have_offers_nothing(expert):
    facts = load_facts(TEST_PLANS / "bien-llevado.yaml", expert.kb)
    found = clear(expert, facts, "understaffed")
    assert (found.state, found.solutions, found.tried) == ("absent", (), 0)


def test_a_risk_left_open_by_unknown_answers_offers_nothing(expert):
    facts = load_facts(TEST_PLANS / "incognitas.yaml", expert.kb)
    found = clear(expert, facts, "understaffed")
    assert (found.state, found.solutions) == ("open", ())


ACTIVITIES = """choices:
  - {id: launches, label: {es: Lanzamientos, en: Launches}}
  - {id: promotions, label: {es: Promociones, en: Promotions}}
  - {id: none, label: {es: Ninguna, en: None}, exclusive: true}
"""
PAST = """choices:
  - {id: kept, label: {es: Mantuvo el plan, en: Kept the plan}}
  - {id: rebates, label: {es: Rappels, en: Rebates}}
history: true
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Expert:
    from expert.loader import load_knowledge_base

    from helpers import conclusion, family, question, rule, write_kb

    root = write_kb(tmp_path_factory.mktemp("whatif") / "kb", family(
        [question("unled", "multichoice", ACTIVITIES), question("last_drop", "choice", PAST),
         question("guard")],
        [conclusion("gap", "risk")],
        [rule("r_unled", "unled has launches or unled has promotions", "risk.gap"),
         rule("r_past", "last_drop == rebates and not guard", "risk.gap")]))
    return Expert(load_knowledge_base(root))


def test_an_exclusive_choice_is_only_ever_offered_alone(small):
    from expert.facts import FactSet

    facts = FactSet("p", {"unled": frozenset({"launches", "promotions"}), "last_drop": "kept",
                          "guard": True})
    found = clear(small, facts, "gap")
    offered = [dict(s)["unled"] for s in found.solutions if "unled" in dict(s)]
    assert frozenset({"none"}) in offered  # «Ninguna» is the answer that clears it
    from expert.whatif import candidates

    question = small.kb.question("unled")
    for current in (frozenset({"launches"}), frozenset({"none"}), None):
        tried = candidates(small.kb, question, current)
        assert frozenset({"none"}) in tried or current == frozenset({"none"})
        assert all(len(v) == 1 for v in tried if "none" in v), (current, tried)


def test_what_already_happened_is_never_offered_as_a_change(small):
    from expert.facts import FactSet

    facts = FactSet("p", {"unled": frozenset({"none"}), "last_drop": "rebates",
                          "guard": False})
    found = clear(small, facts, "gap")
    assert found.solutions == ((("guard", True),),)  # not «last_drop → kept»
    assert "last_drop" not in found.questions and found.history == ("last_drop",)
