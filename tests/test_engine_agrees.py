"""durable-rules and the three-valued evaluator must agree, on every plan.

The Python evaluator in ``expert.logic`` is the specification; the durable-rules ruleset
compiled from the same rules must establish exactly the same conclusions, by the same
rules, for complete and for partial answers, one plan at a time or many in one batch.
"""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from expert.compiler import EngineLimitError
from expert.facts import FactSet
from expert.graph import analyse
from expert.infer import Expert
from expert.logic import Logic

from strategies import answers, knowledge_bases

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _by_rules(trace) -> dict[str, set[str]]:
    return {cid: {f.rule_id if hasattr(f, "rule_id") else f for f in firings}
            for cid, firings in trace.items()}


@SETTINGS
@given(data=st.data())
def test_random_knowledge_bases_agree_on_random_answers(data):
    kb = data.draw(knowledge_bases())
    assume(not analyse(kb)[1])  # cycles through negation are load errors, not inputs
    try:
        expert = Expert(kb)
    except Exception as error:  # a random condition may exceed the engine's limits
        assume(not isinstance(getattr(error, "__cause__", None), EngineLimitError)
               and "engine" not in str(error))
        raise
    logic = Logic(kb)
    plans = data.draw(st.lists(answers(kb.questions), min_size=1, max_size=12))
    plans.append(data.draw(answers(kb.questions, complete=True)))
    engine_traces = expert.engine.run(plans)  # one batch: frames must reach the right plan
    for answers_, trace in zip(plans, engine_traces, strict=True):
        assert _by_rules(trace) == _by_rules(logic.infer(answers_)), answers_
        for firings in trace.values():  # the trace holds the answers each rule read
            for firing in firings:
                assert all(answers_.get(q) == v for q, v in firing.answers)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_bundled_knowledge_base_agrees_on_complete_answers(expert, data):
    logic = expert.logic
    plan = data.draw(answers(expert.kb.questions, complete=True))
    result = expert.evaluate(FactSet("random", plan))
    assert _by_rules(result.trace) == _by_rules(logic.infer(plan))
    assert result.open == ()  # nothing can be open when every answer is known


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_bundled_knowledge_base_agrees_on_partial_answers_in_batches(expert, data):
    plans = data.draw(st.lists(answers(expert.kb.questions), min_size=1, max_size=30))
    results = expert.evaluate_many([FactSet(f"p{i}", p) for i, p in enumerate(plans)])
    for plan, result in zip(plans, results, strict=True):
        assert _by_rules(result.trace) == _by_rules(expert.logic.infer(plan))
        for point in result.open:  # open conclusions are never established ones
            assert point.conclusion_id not in result.trace
