"""durable-rules and the three-valued evaluator must agree, on every plan.

The Python evaluator in ``expert.logic`` is the specification; the durable-rules ruleset
compiled from the same rules must establish exactly the same conclusions, by the same
rules, for complete and for partial answers, one plan at a time or many in one batch.
Both share the strata of ``expert.graph``, so for knowledge bases without cycles both are
also checked against a plain evaluation in the order of the conclusions, which shares
nothing with them but ``compile_condition``.
"""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from expert.conditions import conclusions_of
from expert.engine import BATCH_SIZE
from expert.errors import KnowledgeBaseError
from expert.facts import FactSet
from expert.graph import analyse
from expert.infer import Expert
from expert.logic import Logic, compile_condition
from expert.model import KnowledgeBase

from strategies import answers, knowledge_bases, number_literals

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _by_rules(trace) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Conclusion -> the rules that derived it, sorted: the engine may fire in another
    order, but a rule recorded twice must show."""
    return {cid: sorted(f.rule_id if hasattr(f, "rule_id") else f for f in firings)
            for cid, firings in trace.items()}


def _expert(kb: KnowledgeBase) -> Expert:
    """The engine for a random knowledge base; one that exceeds an engine limit (found at
    load time, as in ``expert check``) is not an input. Any other error fails the test."""
    try:
        return Expert(kb)
    except KnowledgeBaseError as error:
        assume(not all(d.code == "engine-limit" for d in error.diagnostics))
        raise


def _in_order(kb: KnowledgeBase) -> bool:
    """Every rule reads only conclusions before the first one it derives."""
    position = {c.id: i for i, c in enumerate(kb.conclusions)}
    return all(position[read] < min(position[c] for c in rule.then)
               for rule in kb.rules for read in conclusions_of(rule.when))


def _plain(kb: KnowledgeBase, answers_: dict) -> dict[str, list[str]]:  # type: ignore[type-arg]
    """Decide conclusions one by one in file order (valid when ``_in_order``)."""
    established: dict[str, list[str]] = {}
    for item in kb.conclusions:
        for rule in kb.rules:
            if item.id in rule.then and compile_condition(rule.when)(
                    answers_, established.__contains__) is True:
                established.setdefault(item.id, []).append(rule.id)
    return {cid: sorted(rules) for cid, rules in established.items()}


@SETTINGS
@given(data=st.data())
def test_random_knowledge_bases_agree_on_random_answers(data):
    kb = data.draw(knowledge_bases())
    assume(not analyse(kb)[1])  # cycles through negation are load errors, not inputs
    expert = _expert(kb)
    logic = Logic(kb)
    literals = number_literals(kb)
    plans = data.draw(st.lists(answers(kb.questions, literals=literals), min_size=1,
                               max_size=12))
    plans.append(data.draw(answers(kb.questions, complete=True, literals=literals)))
    # One batch: frames must reach the right plan.
    results = expert.evaluate_many([FactSet(f"p{i}", p) for i, p in enumerate(plans)])
    ordered = _in_order(kb)
    for answers_, result in zip(plans, results, strict=True):
        expected = _by_rules(logic.infer(answers_))
        assert _by_rules(result.trace) == expected, answers_
        if ordered:
            assert _plain(kb, answers_) == expected, answers_
        for firings in result.trace.values():  # the trace holds the answers each rule read
            for firing in firings:
                assert all(answers_.get(q) == v for q, v in firing.answers)
        blocked = {q for q in logic.ask_if if logic.askable(q, answers_, result.trace) is False}
        for point in result.open:  # a question that will never be asked decides nothing
            assert not blocked & set(point.questions), answers_
            assert all(q not in answers_ for q in point.questions)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_plans_past_one_engine_session_reach_their_own_results(data):
    # More plans than one engine session holds (BATCH_SIZE): the traces must still line up
    # with their plans across the session boundary.
    kb = data.draw(knowledge_bases())
    assume(not analyse(kb)[1])
    expert = _expert(kb)
    logic = Logic(kb)
    drawn = data.draw(st.lists(answers(kb.questions, literals=number_literals(kb)),
                               min_size=2, max_size=9))
    plans = [drawn[(i * 7) % len(drawn)] for i in range(BATCH_SIZE + 37)]
    for answers_, trace in zip(plans, expert.engine.run(plans), strict=True):
        assert _by_rules(trace) == _by_rules(logic.infer(answers_)), answers_


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_bundled_knowledge_base_agrees_on_complete_answers(expert, data):
    logic = expert.logic
    plan = data.draw(answers(expert.kb.questions, complete=True,
                             literals=number_literals(expert.kb)))
    result = expert.evaluate(FactSet("random", plan))
    assert _by_rules(result.trace) == _by_rules(logic.infer(plan))
    assert result.open == ()  # nothing can be open when every answer is known


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_bundled_knowledge_base_agrees_on_partial_answers_in_batches(expert, data):
    plans = data.draw(st.lists(answers(expert.kb.questions, literals=number_literals(expert.kb)),
                               min_size=1, max_size=30))
    results = expert.evaluate_many([FactSet(f"p{i}", p) for i, p in enumerate(plans)])
    for plan, result in zip(plans, results, strict=True):
        assert _by_rules(result.trace) == _by_rules(expert.logic.infer(plan))
        for point in result.open:  # open conclusions are never established ones
            assert point.conclusion_id not in result.trace
        blocked = {q for q in expert.logic.ask_if
                   if expert.logic.askable(q, result.values, result.trace) is False}
        for point in result.open:  # a question that will never be asked decides nothing
            assert not blocked & set(point.questions)
