"""A real interview, killed with SIGKILL at many points: the session file is always intact
and holds every answer confirmed before the kill, and --resume continues from there."""

from __future__ import annotations

import random
import time

import pytest

from expert.facts import load_facts
from expert.infer import Expert

from helpers import TEST_KB, TEST_PLANS, run_expert
from interview_helpers import Session, plan_script

KB = ("--kb", str(TEST_KB))


@pytest.fixture(scope="module")
def expert():
    return Expert.open(TEST_KB)


@pytest.fixture(scope="module")
def kb(expert):
    return expert.kb


def script(expert, kb, example: str) -> list[tuple[str, str]]:
    """(question id, typed answer) in the order the interview will ask them."""
    facts = load_facts(TEST_PLANS / f"{example}.yaml", kb)
    return plan_script(expert, {**facts.answers, **{q: None for q in facts.unknown}})


@pytest.mark.parametrize("example", ["capilar", "bien-llevado"])
def test_sigkill_at_any_point_keeps_every_confirmed_answer(expert, kb, tmp_path, example):
    steps = script(expert, kb, example)
    rng = random.Random(example)
    for stop in [*sorted(rng.sample(range(1, len(steps)), 6)), len(steps) - 1]:
        session_file = tmp_path / f"{example}-{stop}.yaml"
        child = Session("--save", str(session_file))
        child.give_client_details()  # client, plan, consultant
        confirmed = {}
        for qid, text in steps[:stop]:
            child.wait_prompt()
            child.send(text)
            confirmed[qid] = text  # the answer before this one was confirmed by this prompt
        child.wait_prompt()  # the last answer is confirmed: the next question is shown
        qid, text = steps[stop]
        child.send(text)  # an answer the kill may or may not let through
        time.sleep(rng.random() * 0.01)
        child.kill()
        saved = load_facts(session_file, kb)  # intact: it parses and validates
        for done_qid in confirmed:
            assert done_qid in saved.answers or done_qid in saved.unknown, done_qid
        assert saved.interview is not None and saved.meta["client"] == "ACME"


def test_resume_after_a_kill_finishes_with_the_same_conclusions(expert, kb, tmp_path):
    steps = script(expert, kb, "capilar")
    session_file = tmp_path / "resume.yaml"
    child = Session("--save", str(session_file))
    child.give_client_details()  # client, plan, consultant
    half = len(steps) // 2
    for _, text in steps[:half]:
        child.wait_prompt()
        child.send(text)
    child.wait_prompt()
    child.kill()  # killed while waiting for an answer: the lock must be released too
    remaining = "\n".join(text for _, text in steps[half:]) + "\nno\n"
    done = run_expert("interview", *KB, "--resume", str(session_file), input=remaining)
    assert done.returncode == 0, done.stderr
    final = load_facts(session_file, kb)
    assert final.interview["finished"] is True
    reference = expert.evaluate(load_facts(TEST_PLANS / "capilar.yaml", kb))
    assert set(expert.evaluate(final).trace) == set(reference.trace)


def test_two_interviews_at_once_on_one_session(tmp_path):
    session_file = tmp_path / "shared.yaml"
    first = Session("--save", str(session_file))
    first.give_client_details()  # client, plan, consultant
    first.wait_prompt()  # the first question: the session file is written
    before = session_file.read_bytes()
    second = run_expert("interview", *KB, "--resume", str(session_file),
                        input="X\n\n\nsí\n")
    assert second.returncode == 2
    assert "otra entrevista está usando shared.yaml en este momento" in second.stderr
    third = run_expert("interview", *KB, "--save", str(session_file), input="X\n\n\nsí\n")
    assert third.returncode == 2 and "ya existe" in third.stderr
    assert session_file.read_bytes() == before  # nothing written by the refused ones
    first.kill()
