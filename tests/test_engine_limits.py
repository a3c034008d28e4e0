"""The vendored engine at and past the limits the compiler keeps knowledge bases within
(``expert/engine_limits.py``; the C changes behind them in ``vendor/durable-rules/CHANGES.md``).

At a limit, durable-rules must establish exactly what the three-valued evaluator does; past
it, ``expert check`` must name the file and line before anything runs."""

from __future__ import annotations

import json

import pytest

from expert._vendor.durable import durable_rules_engine
from expert.engine_limits import GROUP_KEYS, GROUP_NODES, GROUP_RULES, RULE_TESTS
from expert.facts import FactSet
from expert.infer import Expert
from expert.loader import load_knowledge_base

from helpers import conclusion, family, question, rule, run_expert, write_kb


def _agree(expert: Expert, plans: list[dict]) -> None:
    results = expert.evaluate_many([FactSet("limit", answers) for answers in plans])
    for answers, result in zip(plans, results, strict=True):
        expected = expert.logic.infer(answers)
        assert {c: [f.rule_id for f in fs] for c, fs in result.trace.items()} == expected


def test_a_rule_at_the_test_limit_runs_and_one_past_it_is_reported_at_its_line(tmp_path):
    def kb(root, tests):  # one $or of `tests` value tests: each one node of the alpha network
        values = ", ".join(str(v) for v in range(tests))
        return write_kb(root, family([question("n", "number")], [conclusion("f")],
                                     [rule("r1", f"n in [{values}]", "finding.f")]))

    at = Expert(load_knowledge_base(kb(tmp_path / "at", RULE_TESTS - 1)))
    _agree(at, [{"n": v} for v in (0, RULE_TESTS - 2, RULE_TESTS, -1)] + [{}])
    past = kb(tmp_path / "past", RULE_TESTS)
    check = run_expert("check", "--kb", str(past))
    assert check.returncode == 1
    assert f"{past / 'family.yaml'}:" in check.stdout
    assert f"como mucho {RULE_TESTS}" in check.stdout


def test_groups_fill_up_to_their_limits_and_every_rule_still_fires(tmp_path):
    # Past GROUP_RULES rules and GROUP_NODES value tests in one stratum: the compiler opens
    # more groups; each group's test node has hundreds of children in one table.
    count = GROUP_NODES + 60
    rules = [rule(f"r{i}", f"n == {i}", f"finding.f{i % 7}") for i in range(count)]
    kb = write_kb(tmp_path, family([question("n", "number")],
                                   [conclusion(f"f{i}") for i in range(7)], rules))
    expert = Expert(load_knowledge_base(kb))
    groups = expert.compiled.strata[0].groups
    assert len(groups) >= 3 and all(len(g.rules) <= GROUP_RULES for g in groups)
    _agree(expert, [{"n": v} for v in (0, 1, GROUP_RULES, count - 1, count)])


def test_a_fact_past_the_64_entries_of_upstreams_matching_stack(tmp_path):
    # Every rule's test matches at once: all of them are pending on the matching stack.
    rules = [rule(f"r{i}", f"n > {i}", "finding.f") for i in range(200)]
    kb = write_kb(tmp_path, family([question("n", "number")], [conclusion("f")], rules))
    expert = Expert(load_knowledge_base(kb))
    assert len(expert.compiled.strata[0].groups) == 1
    result = expert.evaluate(FactSet("stack", {"n": 500}))
    assert len(result.trace["f"]) == 200
    _agree(expert, [{"n": 500}, {"n": 100}, {"n": -1}])


def test_more_keys_than_a_fact_holds_are_spread_over_groups(tmp_path):
    count = GROUP_KEYS + 40
    questions = [question(f"q{i}") for i in range(count)]
    rules = [rule(f"r{i}", f"q{i}", "finding.f") for i in range(count)]
    kb = write_kb(tmp_path, family(questions, [conclusion("f")], rules))
    expert = Expert(load_knowledge_base(kb))
    groups = expert.compiled.strata[0].groups
    assert len(groups) == 2 and all(len(g.keys) <= GROUP_KEYS for g in groups)
    _agree(expert, [{f"q{i}": True for i in range(0, count, 3)}, {"q0": False}, {}])


def test_collect_actions_hands_over_what_the_upstream_action_loop_does():
    # The same rules and facts twice: once through upstream's loop (one JSON message per
    # action), once through collect_actions (all at once): same calls, order and facts.
    rules = json.dumps({"low": {"all": [{"m": {"v": 1}}], "cap": 100},
                        "high": {"all": [{"m": {"$gt": {"v": 0}}}], "cap": 2},
                        "none": {"all": [{"m": {"v": 9}}], "cap": 100}})
    facts = json.dumps([{"id": i, "sid": "s", "v": v} for i, v in
                        (("a", 1), ("b", 2), ("c", 1), ("d", 3))])
    upstream = durable_rules_engine.create_ruleset("probe_upstream", rules)
    _, state = durable_rules_engine.assert_facts(upstream, facts)
    expected = []
    _, message = durable_rules_engine.start_action_for_state(upstream, state)
    while message:
        name, frames = next(iter(json.loads(message).items()))
        frames = frames if isinstance(frames, list) else [frames]
        expected.append([name, ",".join(frame["m"]["id"] for frame in frames)])
        message = durable_rules_engine.complete_and_start_action(upstream, state)
    ours = durable_rules_engine.create_ruleset("probe_collect", rules)
    _, state = durable_rules_engine.assert_facts(ours, facts)
    calls = durable_rules_engine.collect_actions(ours, state)
    assert [[name, ",".join(ids)] for name, ids in calls] == expected
    assert len(expected) == 3  # low once, high twice (cap 2 of 3 facts, then 1)
    assert durable_rules_engine.collect_actions(ours, state) == []  # all consumed
    for handle in (upstream, ours):
        durable_rules_engine.delete_state(handle, "s")


@pytest.mark.parametrize("count", [1, 64, 1000])
def test_a_session_that_reached_few_of_many_rules_is_deleted_cleanly(tmp_path, count):
    # Frame pools are created on first use: sessions that touched none, some or all of the
    # rules are created and deleted again and again.
    rules = [rule(f"r{i}", f"n == {i}", "finding.f") for i in range(count)]
    kb = write_kb(tmp_path, family([question("n", "number")], [conclusion("f")], rules))
    expert = Expert(load_knowledge_base(kb))
    for value in (-1, 0, count - 1) * 50:
        assert ("f" in expert.evaluate(FactSet("pools", {"n": value})).trace) == (value >= 0)


def test_rules_that_can_match_a_plan_once_skip_the_record_and_the_rest_keep_it(tmp_path,
                                                                               monkeypatch):
    from expert import engine as engine_module

    rules = [rule("plain", "a", "finding.f"), rule("either", "a or b", "finding.f"),
             rule("later", "finding.f", "finding.g")]
    kb = load_knowledge_base(write_kb(tmp_path, family(
        [question("a"), question("b")], [conclusion("f"), conclusion("g")], rules)))

    def kinds(expert: Expert) -> dict[str, str]:
        return {rid: type(action.__self__).__name__
                for rid, action in expert.engine._ruleset._bound.items()}

    # "either" can reach its rule twice through one fact (both branches of the $or).
    assert kinds(Expert(kb)) == {"plain": "_Once", "either": "_Action", "later": "_Once"}
    _agree(Expert(kb), [{"a": True, "b": True}, {"b": True}, {"a": False}, {}])
    # If two engine keys shared a hash, a fact could reach any node twice: no shortcut.
    monkeypatch.setattr(engine_module, "fnv1a_32", lambda text: 7)
    assert set(kinds(Expert(kb)).values()) == {"_Action"}
    _agree(Expert(kb), [{"a": True, "b": True}, {"b": True}])
