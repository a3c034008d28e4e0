"""Each pitfall of durable-rules listed in ../shared/notes/durable-rules.md, with a test
that fails if the engine adapter fell into it."""

from __future__ import annotations

import json
import os
import threading

import pytest

from expert._vendor.durable import durable_rules_engine
from expert.compiler import RULESET
from expert.durable_host import SESSION, FactIds, fnv1a_32
from expert.errors import EngineError
from expert.facts import FactSet
from expert.infer import Expert
from expert.loader import load_knowledge_base

from helpers import conclusion, family, question, rule, write_kb

CHAIN = family(
    [question("a"), question("b"), question("n", "number")],
    [conclusion("f"), conclusion("x", "risk"), conclusion("m", "measure")],
    [rule("r1", "a and n < 3", "finding.f"), rule("r2", "finding.f", "risk.x"),
     rule("r3", "b", "risk.x"), rule("r4", "risk.x", "measure.m")],
)


@pytest.fixture(scope="module")
def chain_expert(tmp_path_factory):
    return Expert(load_knowledge_base(write_kb(tmp_path_factory.mktemp("kb"), CHAIN)))


def facts(**answers) -> FactSet:
    return FactSet("test", answers)


def test_a_final_conclusion_no_rule_reads_is_kept(chain_expert):
    # The engine drops asserted facts that no rule reads; measure.m is read by nothing.
    # Reading results back from the engine would lose it; our actions record it.
    result = chain_expert.evaluate(facts(a=True, n=1))
    assert list(result.trace) == ["f", "x", "m"]
    assert result.rules_for("m") == ["r4"]


def test_two_rules_deriving_one_conclusion_give_two_reasons_and_no_error(chain_expert):
    result = chain_expert.evaluate(facts(a=True, n=1, b=True))
    assert result.rules_for("x") == ["r2", "r3"]
    assert result.rules_for("m") == ["r4"]


def test_an_error_inside_an_action_is_raised_not_swallowed(chain_expert, monkeypatch):
    # durable-rules' own action loop stores what an action raises in the session state;
    # ours lets it reach Engine.run, which raises it as EngineError.
    bound = chain_expert.engine._ruleset._bound
    original = bound["r2"]

    def failing(fact_ids):
        raise RuntimeError("injected failure")

    monkeypatch.setitem(bound, "r2", failing)
    with pytest.raises(EngineError, match="injected failure"):
        chain_expert.evaluate(facts(a=True, n=1))
    monkeypatch.setitem(bound, "r2", original)
    # The failed session was deleted: the engine keeps working, with full results.
    assert list(chain_expert.evaluate(facts(a=True, n=1)).trace) == ["f", "x", "m"]


def test_sessions_never_pile_up_past_the_1024_limit(chain_expert, monkeypatch):
    for _ in range(1100):  # one session each; the 1,025th live one would fail
        assert "x" in chain_expert.evaluate(facts(b=True)).trace
    bound = chain_expert.engine._ruleset._bound
    monkeypatch.setattr(chain_expert.engine._ruleset, "_bound", dict.fromkeys(
        bound, lambda *args: (_ for _ in ()).throw(RuntimeError("boom"))))
    for _ in range(1100):  # failing evaluations must release their session too
        with pytest.raises(EngineError):
            chain_expert.evaluate(facts(b=True))
    monkeypatch.undo()
    results = chain_expert.evaluate_many([facts(b=bool(i % 2)) for i in range(3000)])
    assert [("x" in r.trace) for r in results] == [bool(i % 2) for i in range(3000)]


def test_booleans_never_match_the_number_one(chain_expert):
    ruleset = chain_expert.engine._ruleset._handle
    key = chain_expert.compiled.question_keys["b"]
    group = next(g.number for s in chain_expert.compiled.strata for g in s.groups
                 if any(r.id == "r3" for r in g.rules))
    fired = []
    for value in (1, True, "y"):
        base = {"sid": "probe", "g": group, key: value}
        code, _ = durable_rules_engine.assert_fact(ruleset, json.dumps({**base, "id": str(value)}))
        fired.append(code == 0)
    chain_expert.engine._ruleset.delete_state("probe")
    # The compiled rule tests the string "y": neither 1 nor true reaches it.
    assert fired == [False, False, True]
    assert json.dumps(chain_expert.compiled.definition).count('"y"') >= 1
    with pytest.raises(TypeError):
        chain_expert.compiled.encode({"b": 1})


def test_the_raw_engine_does_confuse_true_and_one():
    # Why the encoding above exists: a plain {"v": true} condition matches the number 1.
    handle = durable_rules_engine.create_ruleset(
        "probe_true_one", json.dumps({"r": {"all": [{"m": {"v": True}}]}}))
    code, _ = durable_rules_engine.assert_fact(handle, json.dumps({"sid": "1", "id": "1", "v": 1}))
    assert code == 0  # handled: the rule matched the number 1


def test_fact_ids_never_collide_under_the_engine_hash():
    # Find two ids with the same FNV-1a hash and show the engine refuses the second one as
    # a duplicate: so our hash is the engine's, and the id table must avoid such pairs.
    seen: dict[int, str] = {}
    pair = None
    counter = 0
    while pair is None:
        candidate = format(counter, "x")
        digest = fnv1a_32(candidate)
        if digest in seen:
            pair = (seen[digest], candidate)
        seen[digest] = candidate
        counter += 1
    handle = durable_rules_engine.create_ruleset(
        "probe_hash", json.dumps({"r": {"all": [{"m": {"v": 1}}]}}))
    first, _ = durable_rules_engine.assert_fact(
        handle, json.dumps({"sid": "1", "id": pair[0], "v": 1}))
    second, _ = durable_rules_engine.assert_fact(
        handle, json.dumps({"sid": "1", "id": pair[1], "v": 1, "other": 2}))
    assert (first, second) == (0, 2)  # 2: "already observed", although the facts differ

    table = FactIds()
    table.ensure(counter + 10)
    hashes = [fnv1a_32(i) for i in table.ids]
    assert len(set(hashes)) == len(hashes)
    assert fnv1a_32(f"sid-{SESSION}") not in hashes
    assert pair[1] not in table.index or pair[0] not in table.index


EXPONENTS = family(
    [question("n", "number")],
    [conclusion("big"), conclusion("tiny"), conclusion("zero")],
    [rule("r_big", "n > 1000", "finding.big"),
     rule("r_tiny", "n > 0 and n < 0.00005", "finding.tiny"),  # 5e-05 in JSON
     rule("r_zero", "n = 0", "finding.zero")],
)


@pytest.mark.parametrize(("value", "expected"), [
    (10**16, ["big"]),  # past 2**53: sent as the float 1e+16
    (1e16, ["big"]), (2e-05, ["tiny"]), (1e-300, ["tiny"]), (0.0, ["zero"]), (1500, ["big"]),
])
def test_a_number_python_writes_with_an_exponent_reaches_the_rules(tmp_path, value, expected):
    # Python writes such floats as 1e+16 and 2e-05 (no decimal point), which durable-rules
    # 2.0.28 could not parse: assert_facts then dropped every fact of the batch without an
    # error and returned an uninitialised session offset, which crashed collect_actions
    # (fixed in vendor/durable-rules/src/rules/json.c and events.c). Run in a child process:
    # before the fix this crashed the interpreter.
    root = write_kb(tmp_path / "kb", EXPONENTS)
    _survives(tmp_path, f"""
from expert.facts import FactSet
from expert.infer import Expert
from expert.loader import load_knowledge_base
expert = Expert(load_knowledge_base({str(root)!r}))
for _ in range(50):
    trace = expert.evaluate(FactSet("n", {{"n": {value!r}}})).trace
    assert sorted(trace) == {expected!r}, trace
""")


MALFORMED_FACTS_PROBE = """
from expert._vendor.durable import durable_rules_engine as engine
handle = engine.create_ruleset("p", '{"r": {"all": [{"m": {"v": 1}}]}}')
cases = [('[{"id": "1", "v": 1}, {"id": "2", "v": tru}]', "error"),
         ('[{"id": "1", "v": @}]', "error"),
         ('[{"id": "1", "v": 1e-05}, {"id": "2", "v": 1}, {"id": "3", "v": 1E0}]',
          [("r", ["2"]), ("r", ["3"])])]
for facts, expected in cases:
    try:
        code, state = engine.assert_facts(handle, facts)
        outcome = sorted(engine.collect_actions(handle, state))  # what matched, by fact id
    except Exception as error:  # the engine's RulesError
        assert "error code" in str(error), error
        outcome = "error"
    try:
        engine.delete_state(handle, None)
    except Exception:
        pass
    assert outcome == expected, (facts, outcome)
"""


def test_a_fact_the_engine_cannot_parse_is_an_error_not_a_silent_drop(tmp_path):
    # durable-rules 2.0.28 stopped at the first fact it could not parse, returned "handled"
    # for the batch and left the session offset uninitialised.
    _survives(tmp_path, MALFORMED_FACTS_PROBE)


def test_no_timer_threads_and_actions_run_on_the_calling_thread(tmp_path):
    before = threading.active_count()
    expert = Expert(load_knowledge_base(write_kb(tmp_path, CHAIN)))
    result = expert.evaluate(facts(b=True))  # results complete as soon as the call returns
    assert "x" in result.trace
    assert threading.active_count() == before
    assert not [t for t in threading.enumerate() if isinstance(t, threading.Timer)]

    errors = []

    def other_thread():
        try:
            expert.evaluate(facts(b=True))
        except EngineError as error:
            errors.append(error)

    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join()
    assert errors and "thread" in errors[0].message.render("en")


def test_the_ruleset_is_declarative_json_bound_to_named_actions(chain_expert):
    definition = chain_expert.compiled.definition
    text = json.dumps(definition)  # data only: it serialises, no code inside
    assert set(definition) == {RULESET}
    assert {r["run"] for r in definition[RULESET].values()} == {"r1", "r2", "r3", "r4"}
    assert "lambda" not in text and "eval" not in text


NO_ACTION_PROBES = {
    # A session whose only fact matches no rule.
    "unmatched fact": """
from expert._vendor.durable import durable_rules_engine as engine
for n in range(20):  # fresh rulesets: each one's session pool is new memory
    handle = engine.create_ruleset("p" + str(n), '{{"r": {{"all": [{{"m": {{"v": 1}}}}]}}}}')
    code, _ = engine.assert_fact(handle, '{{"sid": "s", "id": "1", "v": 2}}')
    assert code == 1  # not handled: no rule matched, no action queued
    engine.delete_state(handle, "s")
""",
    # The field notes' batch case: one fact matched (its action queued but never started)
    # and one matched nothing, then the session is deleted.
    "queued action never started": """
from expert._vendor.durable import durable_rules_engine as engine
for n in range(20):
    handle = engine.create_ruleset("p" + str(n), '{{"r": {{"all": [{{"m": {{"v": 1}}}}]}}}}')
    batch = '[{{"sid": "s", "id": "1", "v": 1}}, {{"sid": "s", "id": "2", "v": 2}}]'
    code, _ = engine.assert_facts(handle, batch)
    assert code == 1
    engine.delete_state(handle, "s")
""",
    # The same through the product: a plan on which no rule fires.
    "a plan no rule fires on": """
from expert.facts import FactSet
from expert.infer import Expert
from expert.loader import load_knowledge_base
kb = load_knowledge_base({root!r})
for _ in range(20):
    expert = Expert(kb)  # a fresh ruleset each time
    assert expert.evaluate(FactSet("empty", {{}})).trace == {{}}
""",
}


def _survives(tmp_path, code: str) -> None:
    """Run ``code`` in a child process, which a crash in the engine kills with a signal.

    MALLOC_PERTURB_ makes glibc fill fresh memory with non-zero bytes, so that memory the
    engine leaves uninitialised is never zero by luck. The child runs outside the source
    tree, so that it imports the installed package with its built extension."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code + 'print("survived")\n'],
                          capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "MALLOC_PERTURB_": "165"}, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "survived" in done.stdout


@pytest.mark.parametrize("probe", list(NO_ACTION_PROBES))
def test_deleting_a_session_in_which_no_action_ran_does_not_crash(tmp_path, probe):
    # durable-rules 2.0.28 never initialised a new session's action context, and deleting
    # the session freed the garbage pointers in it unless an action had run first (fixed in
    # vendor/durable-rules/src/rules/state.c).
    root = write_kb(tmp_path / "kb", CHAIN)
    _survives(tmp_path, NO_ACTION_PROBES[probe].format(root=str(root)))


SESSION_LIMIT_PROBE = """
from expert._vendor.durable import durable_rules_engine as engine
handle = engine.create_ruleset("p", '{"r": {"all": [{"m": {"v": 1}}]}}')
def open_session(sid):
    engine.assert_fact(handle, '{"sid": "%s", "id": "1", "v": 2}' % sid)
for sid in range(1024):
    open_session(sid)
for _ in range(3):
    try:
        open_session(1024)
    except MemoryError:
        pass
    else:
        raise AssertionError("the 1,025th live session was accepted")
for sid in range(1024):
    engine.delete_state(handle, str(sid))
open_session(1024)
engine.delete_state(handle, "1024")
"""


def test_a_refused_session_leaves_the_engine_usable(tmp_path):
    # The 1,025th live session is refused (MemoryError). durable-rules 2.0.28 refused it
    # only after indexing a half-built session, and the next call that found it crashed
    # (fixed in vendor/durable-rules/src/rules/state.c). The engine adapter never gets
    # there (one session at a time); this guards the engine itself.
    _survives(tmp_path, SESSION_LIMIT_PROBE)
