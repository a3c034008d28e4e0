"""Property-based tests: whatever the input, the parser and the fact loader either succeed
or fail with a positioned error of ours; an interview's session file evaluates to the same
conclusions as the interview itself."""

from __future__ import annotations

import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expert.conditions import from_data, to_data, to_text
from expert.errors import ExpertError, InputError
from expert.facts import load_facts, parse_facts
from expert.interview.flow import Interview
from expert.interview.session import SessionState, save_session
from expert.parser import ConditionSyntaxError, parse, parse_text

from strategies import answer_value

TOKENS = ["and", "or", "not", "in", "has", "is", "unknown", "known", "true", "false",
          "(", ")", "[", "]", ",", ".", "==", "!=", "<", "<=", ">", ">=", "=", "3", "2.5",
          "40%", '"txt"', "q", "finding", "risk.r", "x_1", " ", "\n", "'", "%", "-"]


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(max_size=60),
                 st.lists(st.sampled_from(TOKENS), max_size=14).map(" ".join),
                 st.text(alphabet=string.printable, max_size=40)))
def test_any_string_parses_or_fails_with_a_position(text):
    try:
        tree = parse(text)
    except ConditionSyntaxError as error:
        assert error.pos.line >= 1 and error.pos.column >= 1
        lines = text.split("\n") or [""]
        assert error.pos.line <= max(1, len(lines))
        assert error.message
        return
    assert parse(to_text(tree)) == tree  # what parses has one canonical meaning
    assert from_data(to_data(tree)) == tree == parse_text(text)  # the cache is faithful


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fact_loader_accepts_or_reports_with_the_file(kb, data):
    questions = [q.id for q in kb.questions]
    answers = data.draw(st.dictionaries(
        st.one_of(st.sampled_from(questions), st.text(max_size=10)),
        st.one_of(DATA, st.sampled_from(["unknown", "sí", "no", "40%", "sales", "-"])),
        max_size=8))
    document = data.draw(st.one_of(
        st.just({"answers": answers}),
        st.fixed_dictionaries({"meta": DATA, "answers": DATA}),
        DATA))
    text = yaml.safe_dump(document, allow_unicode=True)
    try:
        facts = parse_facts(text, "plan.yaml", kb)
    except InputError as error:
        assert all(d.location.file == "plan.yaml" for d in error.diagnostics)
        assert error.render(source=False).startswith("plan.yaml")
        return
    for qid in facts.answers:
        assert kb.has_question(qid)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200))
def test_fact_loader_survives_any_bytes(kb, tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("bytes") / "plan.yaml"
    path.write_bytes(raw)
    try:
        load_facts(path, kb)
    except ExpertError as error:
        assert str(path) in error.render(source=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_interview_session_round_trip(expert, tmp_path_factory, data):
    kb = expert.kb
    plan = data.draw(st.fixed_dictionaries(
        {}, optional={q.id: st.one_of(st.none(), answer_value(q)) for q in kb.questions}))
    session = tmp_path_factory.mktemp("session") / "s.yaml"
    flow = Interview(expert, SessionState(meta_asked=["client", "plan", "consultant"]), "es",
                     save=lambda state: save_session(session, state, kb, "es"))
    while (question := flow.next_question()) is not None:
        flow.answer(question, plan.get(question.id), confirmed=True)
    saved = load_facts(session, kb)  # what the interview wrote, read as any fact file
    assert set(expert.evaluate(saved).trace) == set(flow.result.trace)
    assert [p.conclusion_id for p in expert.evaluate(saved).open] == [
        p.conclusion_id for p in flow.result.open]
    assert Path(session).read_text(encoding="utf-8").startswith("# Sesión")
