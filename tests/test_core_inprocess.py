"""Core tools in-process, compared whole: ``expert test --record``'s case file, what
``whatif`` reports as changed between two results, and ``expert check``'s hint for a name
that is not a question. The command-line tests see these only through a subprocess."""

from __future__ import annotations

import dataclasses

import pytest
import yaml

from expert.check import diagnose
from expert.errors import FactsError, KnowledgeBaseError
from expert.facts import FactSet, load_facts
from expert.infer import Expert, OpenPoint
from expert.kbtest import record, run_case
from expert.loader import bundled_kb_path, load_knowledge_base
from expert.report.data import result_data
from expert.whatif import compare, with_answers

from helpers import TEST_KB, TEST_PLANS, conclusion, family, question, rule, write_kb


@pytest.fixture(scope="module")
def expert():
    return Expert(load_knowledge_base(TEST_KB))


# --- expert test --record ----------------------------------------------------------------

def test_a_recorded_case_holds_the_answers_and_todays_conclusions(expert, tmp_path):
    path = record(expert, TEST_PLANS / "capilar.yaml", tmp_path / "cases")
    assert path == tmp_path / "cases" / "capilar.yaml"
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert case["description"] == f"capilar.yaml: v1.0 ({expert.kb.content_hash})"
    assert case["meta"] == {"client": "Bebidas del Norte S.A.", "plan": "Plan comercial 2027",
                            "date": "2026-11-20", "consultant": "Laura Méndez"}
    assert case["answers"]["plan_deep"] is True and case["answers"]["staff"] == 40
    assert case["answers"]["fees_required"] == ["listing", "display", "promotion"]
    assert case["expect"] == {
        "established": ["risk.staff_not_steered", "risk.rate_neglected",
                        "measure.tie_evaluation", "risk.understaffed", "risk.fees_unfunded",
                        "measure.budget_fees"],
        "severity": {"risk.staff_not_steered": "high", "risk.understaffed": "high",
                     "risk.rate_neglected": "medium", "risk.fees_unfunded": "medium"},
        "open": [],
    }
    outcome = run_case(expert, path)
    assert outcome.passed and outcome.problems == ()
    with pytest.raises(FactsError) as caught:
        record(expert, TEST_PLANS / "capilar.yaml", tmp_path / "cases")
    assert caught.value.code == "exists"
    assert str(caught.value.location) == str(path)
    assert caught.value.hint.key == "hint.remove_or_rename"


def test_a_recorded_case_keeps_unknown_answers_and_open_risks(expert, tmp_path):
    case = yaml.safe_load(record(expert, TEST_PLANS / "incognitas.yaml", tmp_path)
                          .read_text(encoding="utf-8"))
    assert case["answers"] == {"plan_deep": True, "basis": "unknown"}
    assert case["expect"] == {
        "established": [], "severity": {},
        "open": ["risk.staff_not_steered", "risk.rate_neglected", "risk.no_norms",
                 "risk.understaffed", "risk.fees_unfunded"],
    }
    assert run_case(expert, tmp_path / "incognitas.yaml").passed


# --- whatif: what changed -----------------------------------------------------------------

@pytest.mark.parametrize(("change", "disappeared", "opened", "regraded"), [
    ({"staff": 150}, (), (), (("understaffed", "high", "medium"),)),
    ({"staff": None}, ("understaffed",), ("understaffed",), ()),
    ({"basis": "plan"}, ("evaluation_ignores_plan", "staff_not_steered", "tie_evaluation"),
     (), ()),
    ({"staff": 150, "plan_chains": False}, ("fees_unfunded", "budget_fees"), (),
     (("understaffed", "high", "medium"),)),
    ({"staff": 40}, (), (), ()),
])
def test_what_a_change_of_answers_changes_either_way(expert, change, disappeared, opened,
                                                     regraded):
    facts = load_facts(TEST_PLANS / "capilar.yaml", expert.kb)
    before, after = expert.evaluate(facts), expert.evaluate(with_answers(facts, change))
    diff = compare(before, after)
    assert (diff.appeared, diff.disappeared, diff.opened, diff.closed, diff.regraded) == (
        (), disappeared, opened, (), regraded)
    assert diff.changed == bool(disappeared or opened or regraded)
    back = compare(after, before)
    assert (back.appeared, back.disappeared, back.opened, back.closed, back.regraded) == (
        disappeared, (), (), opened, tuple((c, new, old) for c, old, new in regraded))


# --- expert check: a name that is not a question --------------------------------------------

def test_an_unknown_name_gets_the_hint_that_fits_it(tmp_path):
    text = family([question("a")], [conclusion("f")],
                  [rule("r1", "f or y or aa or zzzz", "finding.f")])
    found = [(d.code, d.message.key, d.message.fields, d.hint and (d.hint.key, d.hint.fields))
             for d in diagnose(write_kb(tmp_path, text))]
    assert found == [
        ("unknown-question", "check.unknown_variable", {"id": "f"},
         ("hint.write", {"text": "finding.f"})),
        ("unknown-question", "check.unknown_variable", {"id": "y"},
         ("hint.english_keyword", {"word": "y", "keyword": "and"})),
        ("unknown-question", "check.unknown_variable", {"id": "aa"},
         ("hint.did_you_mean", {"name": "a"})),
        ("unknown-question", "check.unknown_variable", {"id": "zzzz"},
         ("hint.allowed", {"names": ["a"]})),
    ]


# --- the engine: yes/no and text comparisons ----------------------------------------------

EQUALITIES = {
    "b_true": ("b == true", lambda b, s: b is True),
    "b_false": ("b == false", lambda b, s: b is False),
    "b_not_true": ("b != true", lambda b, s: b is False),
    "not_b_false": ("not b == false", lambda b, s: b is True),
    "s_uno": ('s == \\"uno\\"', lambda b, s: s == "uno"),
    "s_dos": ('s == \\"dos\\"', lambda b, s: s == "dos"),
    "s_not_dos": ('s != \\"dos\\"', lambda b, s: s not in (None, "dos")),
    "not_s_uno": ('not s == \\"uno\\"', lambda b, s: s not in (None, "uno")),
}


@pytest.fixture(scope="module")
def equalities(tmp_path_factory):
    text = family([question("b"), question("s", "text")],
                  [conclusion(cid) for cid in EQUALITIES],
                  [rule(f"r_{cid}", when, f"finding.{cid}")
                   for cid, (when, _) in EQUALITIES.items()])
    return Expert(load_knowledge_base(write_kb(tmp_path_factory.mktemp("eq"), text)))


@pytest.mark.parametrize("b", [True, False, None])
@pytest.mark.parametrize("s", ["uno", "dos", "tres", None])
def test_yes_no_and_text_equalities_in_the_engine(equalities, b, s):
    answers = {k: v for k, v in (("b", b), ("s", s)) if v is not None}
    result = equalities.evaluate(FactSet("p", answers))
    expected = {cid for cid, (_, holds) in EQUALITIES.items()
                if (b is not None or not cid.startswith(("b_", "not_b"))) and holds(b, s)}
    assert set(result.trace) == expected


# --- the compiler: the rules durable-rules is given -----------------------------------------

def test_the_compiled_rules_are_flat_with_tests_before_alternatives(tmp_path):
    """Nested conjunctions are flattened, an $or goes after the plain tests (what follows
    it would be matched once per branch), a single test is not wrapped, yes/no answers are
    y/n and each text literal gets one token per question."""
    from expert.compiler import compile_kb

    text = family(
        [question("a"), question("b"), question("c"), question("n", "number"),
         question("s", "text")], [conclusion("x"), conclusion("y")],
        [rule("r1", "(a or b) and (c and n > 2)", "finding.x"),
         rule("r2", "not (a and b)", "finding.y"), rule("r3", "b == true and a", "finding.y"),
         rule("r4", 's == \\"uno\\" or s == \\"dos\\" or s == \\"uno\\"', "finding.y"),
         rule("r5", "not b == false", "finding.y")])
    definition = compile_kb(load_knowledge_base(write_kb(tmp_path, text))).definition
    assert {rid: spec["all"] for rid, spec in definition["guarantees"].items()} == {
        "r1": [{"m": {"$and": [{"g": 0}, {"a2": "y"}, {"$gt": {"a3": 2}},
                               {"$or": [{"a0": "y"}, {"a1": "y"}]}]}}],
        "r2": [{"m": {"$and": [{"g": 0}, {"$or": [{"a0": "n"}, {"a1": "n"}]}]}}],
        "r3": [{"m": {"$and": [{"g": 0}, {"a1": "y"}, {"a0": "y"}]}}],
        "r4": [{"m": {"$and": [{"g": 0}, {"$or": [{"a4": "t0"}, {"a4": "t1"}, {"a4": "t0"}]}]}}],
        "r5": [{"m": {"$and": [{"g": 0}, {"$neq": {"a1": "n"}}]}}],
    }


# --- whatif: the values tried for each question ------------------------------------------

def test_the_values_whatif_tries_for_each_kind_of_question(tmp_path, expert):
    from expert.whatif import candidates

    text = family(
        [question("b"), question("n", "number", "min: 0\nmax: 10\n"), question("s", "text"),
         question("free", "number")],
        [conclusion("x")],
        [rule("r1", 'b and n > 3 and n <= 10 and s == \\"uno\\" and free < 1.5', "finding.x")])
    kb = load_knowledge_base(write_kb(tmp_path, text))
    assert candidates(kb, kb.question("b"), None) == [True, False]
    assert candidates(kb, kb.question("b"), True) == [False]
    # Each literal and either side of it, within the bounds, the current value left out.
    assert candidates(kb, kb.question("n"), None) == [2, 3, 4, 9, 10]
    assert candidates(kb, kb.question("n"), 3) == [2, 4, 9, 10]
    assert candidates(kb, kb.question("free"), None) == [0.5, 1.5, 2.5]
    assert candidates(kb, kb.question("s"), None) == ["uno"]
    assert candidates(kb, kb.question("s"), "uno") == []
    # Read only through a derived value: the current answer scaled.
    assert candidates(expert.kb, expert.kb.question("staff"), 40) == [0, 20.0, 41, 80, 200, 400]
    assert candidates(expert.kb, expert.kb.question("basis"), "mixed") == [
        "objectives", "sales_only", "none"]
    systems = candidates(expert.kb, expert.kb.question("systems"), frozenset({"sales"}))
    # «nothing» is exclusive: only ever tried alone.
    assert systems == [frozenset({"sales", "channel"}), frozenset({"nothing"})]


# --- expert test: a case file's expectations ----------------------------------------------

BAD_EXPECT = """\
answers:
  plan_deep: true
expect:
  established: [risk.understaffed, finding.understaffed, risk.nope]
  open: risk.staff_not_steered
  why:
    risk.missing: x
    risk.understaffed: y
  severity:
    risk.understaffed: huge
    measure.tie_evaluation: high
    risk.gone: low
  surprise: 1
"""


def test_every_wrong_expectation_is_reported_where_it_is_written(expert, tmp_path):
    case = tmp_path / "bad.yaml"
    case.write_text(BAD_EXPECT, encoding="utf-8")
    outcome = run_case(expert, case)
    assert not outcome.passed
    found = [(d.severity, d.message.key, d.message.fields, str(d.location).replace(
        str(case), "<case>"), d.hint and (d.hint.key, d.hint.fields))
        for d in outcome.error.diagnostics]
    reference = ("hint.reference", {})
    assert found == [
        ("error", "check.unknown_conclusion", {"ref": "risk.missing"}, "<case>:7:5", reference),
        ("error", "kbtest.unknown_expectation", {"key": "surprise"}, "<case>:13:3",
         ("hint.allowed", {"names": ["established", "not_established", "open", "severity",
                                     "subset", "why"]})),
        ("error", "field.not_one_of", {"key": "risk.understaffed", "value": "huge",
                                       "allowed": ("high", "medium", "low")},
         "<case>:10:24", None),
        ("error", "check.unknown_conclusion", {"ref": "measure.tie_evaluation"}, "<case>:11:5",
         reference),
        ("error", "check.unknown_conclusion", {"ref": "risk.gone"}, "<case>:12:5", reference),
        ("error", "check.unknown_conclusion", {"ref": "finding.understaffed"}, "<case>:4:36",
         reference),
        ("error", "check.unknown_conclusion", {"ref": "risk.nope"}, "<case>:4:58", reference),
    ]
    case.write_text("answers:\n  plan_deep: true\nexpect: [1]\n", encoding="utf-8")
    error = run_case(expert, case).error
    assert (error.message.key, error.code, error.hint.key) == (
        "kbtest.no_expect", "missing-field", "hint.expect")
    assert str(error.location).replace(str(case), "<case>") == "<case>:1:1"


# --- whatif: the questions behind a risk, and a search that runs out --------------------------

def test_whatif_follows_every_conclusion_a_risk_reads_and_stops_when_the_budget_ends(tmp_path):
    from expert.whatif import clear, dependencies

    # x's rules read h, f and g; g reads f again. f is met a second time while h is still
    # to be followed: h's question must not be lost.
    text = family(
        [question("a"), question("b"), question("c"), question("d")],
        [conclusion("x", "risk"), conclusion("y", "risk"), conclusion("f"), conclusion("g"),
         conclusion("h")],
        [rule("r_f", "a", "finding.f"), rule("r_g", "finding.f and b", "finding.g"),
         rule("r_h", "c", "finding.h"), rule("r_x1", "finding.h", "risk.x"),
         rule("r_x2", "finding.f", "risk.x"), rule("r_x3", "finding.g", "risk.x"),
         rule("r_y", "a or d", "risk.y")])
    expert = Expert(load_knowledge_base(write_kb(tmp_path, text)))
    assert dependencies(expert.kb, "x") == ["a", "b", "c"]
    facts = FactSet("p", {"a": True, "b": True, "c": True, "d": True})
    found = clear(expert, facts, "x")
    assert (found.solutions, found.complete, found.questions) == (
        ((("a", False), ("c", False)),), True, ("a", "b", "c"))
    # y needs both a and d changed; a budget of 2 ends after the single changes.
    stopped = clear(expert, facts, "y", budget=2)
    assert (stopped.solutions, stopped.tried, stopped.complete, stopped.state) == (
        (), 2, False, "established")
    assert clear(expert, facts, "y").solutions == ((("a", False), ("d", False)),)


def test_with_answers_sets_answers_and_makes_others_unknown():
    from expert.whatif import with_answers

    changed = with_answers(FactSet("p", {"a": True, "c": 1}, unknown=frozenset({"b"})),
                           {"a": None, "b": False})
    assert (dict(changed.answers), changed.unknown) == ({"b": False, "c": 1}, frozenset({"a"}))


# --- open points through a derived value; expert test's verdicts ------------------------------

def test_an_open_risk_read_through_a_derived_value_names_its_unknown_inputs(expert):
    result = expert.evaluate(FactSet("p", {"plan_deep": True, "staff": 40}))
    points = {p.conclusion_id: p.questions for p in result.open}
    assert points["understaffed"] == ("outlets", "visits", "capacity", "turnover")
    assert points["fees_unfunded"] == ("plan_chains", "fees_required", "fees_budgeted")


def test_a_failing_case_says_what_is_missing_unexpected_or_graded_otherwise(expert, tmp_path):
    case = tmp_path / "c.yaml"
    case.write_text(f"facts: {TEST_PLANS / 'capilar.yaml'}\nexpect:\n"
                    "  established: [risk.understaffed, risk.no_norms]\n"
                    "  not_established: [risk.staff_not_steered]\n"
                    "  severity:\n    risk.understaffed: low\n", encoding="utf-8")
    outcome = run_case(expert, case)
    assert not outcome.passed
    assert [(m.key, m.fields) for m in outcome.problems] == [
        ("kbtest.missing", {"ref": "risk.no_norms"}),
        ("kbtest.unexpected", {"ref": "measure.budget_fees", "rules": ["r_fees"]}),
        ("kbtest.unexpected", {"ref": "measure.tie_evaluation", "rules": ["r_not_steered"]}),
        ("kbtest.unexpected", {"ref": "risk.fees_unfunded", "rules": ["r_fees"]}),
        ("kbtest.unexpected", {"ref": "risk.rate_neglected", "rules": ["r_rate"]}),
        ("kbtest.unexpected", {"ref": "risk.staff_not_steered", "rules": ["r_not_steered"]}),
        ("kbtest.should_not", {"ref": "risk.staff_not_steered", "rules": ["r_not_steered"]}),
        ("kbtest.severity", {"ref": "risk.understaffed", "expected": outcome.problems[-1]
                             .fields["expected"], "actual": outcome.problems[-1]
                             .fields["actual"]}),
    ]
    severity = outcome.problems[-1].fields
    assert (severity["expected"].key, severity["actual"].key) == ("level.low", "level.high")
    assert outcome.lines == (
        "--- expected", "+++ actual", "@@ -1 +1,5 @@", "-risk.no_norms",
        "+measure.budget_fees", "+measure.tie_evaluation", "+risk.fees_unfunded",
        "+risk.rate_neglected", "+risk.staff_not_steered")


# --- Expert and Result: diagnostics, consistency checks, graded severity -------------------

def _staffing(staff: int, **extra: object) -> FactSet:
    """A plan of the test knowledge base: 2,000 outlets need 20 people; kpi contradicts
    an evaluation on sales only, and 20 outlets would be implausible."""
    answers = {"plan_deep": True, "plan_chains": True, "basis": "sales_only", "kpi": True,
               "systems": frozenset({"sales"}), "outlets": 2000, "visits": 2,
               "capacity": 200, "staff": staff, "share": 80,
               "fees_required": frozenset({"listing"}), "fees_budgeted": frozenset()}
    unknown = frozenset(k for k, v in extra.items() if v == "unknown")
    answers.update({k: v for k, v in extra.items() if v != "unknown"})
    return FactSet("plan.yaml", answers, unknown=unknown)


def test_a_risk_that_an_unknown_answer_could_raise_is_graded_open_with_its_question(tmp_path):
    expert = Expert(load_knowledge_base(TEST_KB))
    result = expert.evaluate(_staffing(13, turnover="unknown"))  # coverage 65 %
    assert result.contradictions == ("sales_only_with_kpi",)
    assert result.severity_open == (OpenPoint("understaffed", ("turnover",)),)
    assert {c.id: result.severity(c.id) for c in result.established("risk")} == {
        "staff_not_steered": "high", "understaffed": "medium", "fees_unfunded": "medium"}
    assert result.rules_for("understaffed") == ["r_under"]
    assert result.basis("understaffed") == []
    # A risk not established: its own level, no rules, no basis.
    assert result.severity("rate_neglected") == "medium"
    assert result.rules_for("rate_neglected") == []
    assert result.basis("rate_neglected") == []
    data = result_data(result, "en")
    assert data["severity_open"] == [{"id": "understaffed", "questions": ["turnover"]}]
    assert data["warnings"] == [
        {"id": "sales_only_with_kpi", "message": "Staff are evaluated on sales only, yet the "
         "evaluation includes the distribution rate."}]
    # Once turnover is answered, nothing is left to grade.
    settled = expert.evaluate(_staffing(13, turnover=False))
    assert settled.severity_open == () and "severity_open" not in result_data(settled, "en")


def test_the_report_data_of_a_risk_holds_its_level_basis_and_every_field(tmp_path):
    expert = Expert(load_knowledge_base(TEST_KB))
    result = expert.evaluate(_staffing(5, turnover=True, outlets=20, visits=200))
    data = result_data(result, "en")
    understaffed = [c for c in data["conclusions"] if c["id"] == "understaffed"]
    assert understaffed == [{
        "id": "understaffed", "kind": "risk", "severity": "high",
        "basis": ["staff cover 25% of the visits, less than half",
                  "high turnover makes the shortage worse"],
        "sections": ["RES.A"], "provenance": "document", "points": ["RES.A/staff"],
        "title": "The planned staff cannot cover the visits (5 people of 20 people)",
        "rules": ["r_under_high", "r_under_turnover", "r_under"]}]
    measure = [c for c in data["conclusions"] if c["id"] == "budget_fees"]
    assert measure == [{
        "id": "budget_fees", "kind": "measure", "priority": "medium", "sections": ["RES.A"],
        "provenance": "practice", "points": [], "title": "Budget Listing fee",
        "rules": ["r_fees"]}]
    assert data["warnings"] == [
        {"id": "sales_only_with_kpi", "message": "Staff are evaluated on sales only, yet the "
         "evaluation includes the distribution rate."},
        {"question": "outlets", "message": "'How many target outlets?': 20 is unusual: it "
         "usually ranges from 50 to 200,000. Check that the figure is written right."}]
    assert "severity_open" not in data
    spanish = [c for c in result_data(result, "es")["conclusions"] if c["id"] == "understaffed"]
    assert spanish[0]["basis"] == ["el personal cubre el 25 % de las visitas, menos de la mitad",
                                   "la rotación alta agrava la falta de personal"]


GRADED = family(
    [question("a"), question("b")], [conclusion("p", "risk")],
    [rule("r_high", "a", "risk.p").replace("    then:", "    severity: high\n    basis: "
                                              "{es: alto, en: high}\n    then:"),
     rule("r_low", "b", "risk.p").replace("    then:", "    severity: low\n    basis: "
                                             "{es: bajo, en: low}\n    then:")],
)


def test_a_risks_basis_names_only_the_rules_that_set_its_level(tmp_path):
    expert = Expert(load_knowledge_base(write_kb(tmp_path, GRADED)))
    both = expert.evaluate(FactSet("p", {"a": True, "b": True}))
    assert both.severity("p") == "high"
    assert [b.en for b in both.basis("p")] == ["high"]
    low = expert.evaluate(FactSet("p", {"a": False, "b": True}))
    assert low.severity("p") == "low" and [b.en for b in low.basis("p")] == ["low"]


ASKED_IF = family(
    [question("a"), question("b", extra="ask_if: finding.p\n")],
    [conclusion("p"), conclusion("q")],
    [rule("r_p", "a", "finding.p"), rule("r_q", "b", "finding.q")],
)


def test_an_open_point_leaves_out_a_question_that_will_not_be_asked(tmp_path):
    expert = Expert(load_knowledge_base(write_kb(tmp_path, ASKED_IF)))
    result = expert.evaluate(FactSet("p", {"a": False}, unknown=frozenset({"b"})))
    assert result.open == (OpenPoint("q", ()),)
    asked = expert.evaluate(FactSet("p", {"a": True}, unknown=frozenset({"b"})))
    assert asked.open == (OpenPoint("q", ("b",)),)


NEGATION = family(
    [question("a")], [conclusion("p"), conclusion("q")],
    [rule("r_p", "a and not finding.q", "finding.p"), rule("r_q", "a", "finding.q")],
)
FEEDBACK = family(
    [question("a")], [conclusion("p"), conclusion("q")],
    [rule("r_p", "a", "finding.p"), rule("r_q", "finding.p", "finding.q")],
)


def test_a_hand_built_model_with_a_cycle_through_negation_is_refused(tmp_path):
    # The loader refuses such a cycle; a model built by hand reaches Expert's own guard.
    negation = load_knowledge_base(write_kb(tmp_path / "n", NEGATION))
    feedback = load_knowledge_base(write_kb(tmp_path / "f", FEEDBACK))
    kb = dataclasses.replace(negation, rules=(negation.rule("r_p"), feedback.rule("r_q")))
    with pytest.raises(KnowledgeBaseError) as caught:
        Expert(kb)
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.severity == "error"
    assert (diagnostic.message.key, diagnostic.message.fields) == (
        "check.negative_cycle", {"rule": "r_p", "ids": ["p", "q"]})
    assert diagnostic.location == negation.rule("r_p").when_location


WIDE = family(
    [question("n", "number")], [conclusion("p")],
    [rule("r_wide", "n in [" + ", ".join(str(i) for i in range(120)) + "]", "finding.p")],
)


def test_a_rule_too_large_for_the_engine_is_one_error_at_its_condition(tmp_path):
    kb = load_knowledge_base(write_kb(tmp_path, WIDE))
    with pytest.raises(KnowledgeBaseError) as caught:
        Expert(kb)
    assert [(d.severity, d.message.key, d.message.fields, d.location, d.hint.key, d.code)
            for d in caught.value.diagnostics] == [
        ("error", "engine.too_large", {"count": 121, "limit": 120},
         kb.rule("r_wide").when_location, "hint.move_to_finding", "engine-limit")]


def test_expert_open_without_a_root_loads_the_bundled_knowledge_base():
    assert Expert.open().kb.content_hash == load_knowledge_base(bundled_kb_path()).content_hash
