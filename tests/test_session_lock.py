"""The session lock: no lock file is left next to a session after a clean exit, and
removing it never lets two interviews in at once (real processes, racing)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from expert.errors import InputError
from expert.interview.session import SessionLock

from helpers import TEST_KB, run_expert
from interview_helpers import Session

KB = ("--kb", str(TEST_KB))


def test_a_clean_exit_leaves_no_lock_file(tmp_path):
    session = tmp_path / "s1.yaml"
    for args, lines in ((("--save", str(session)), "ACME\n\n\nsí\nsalir\n"),  # «salir»
                        (("--resume", str(session)), "no\n")):  # end of input (Ctrl-D)
        done = run_expert("interview", *KB, *args, input=lines)
        assert done.returncode == 0, done.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["s1.yaml"]
    with SessionLock(session) as lock:
        assert lock.path.exists()
    assert not lock.path.exists()


def test_a_lock_file_left_by_a_killed_interview_is_taken_and_then_removed(tmp_path):
    session = tmp_path / "s.yaml"
    session.write_text("answers: {plan_deep: true}\n", "utf-8")
    (tmp_path / ".s.yaml.lock").write_text("12345", "utf-8")  # no process holds it
    done = run_expert("interview", *KB, "--resume", str(session), input="ACME\n\n\nsalir\n")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / ".s.yaml.lock").exists()


RACER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from expert.errors import InputError
    from expert.interview.session import SessionLock

    session, inside = Path(sys.argv[1]), Path(sys.argv[2])
    entered = 0
    deadline = time.monotonic() + float(sys.argv[3])
    while time.monotonic() < deadline:
        try:
            with SessionLock(session):
                # Whoever holds the lock is alone: a second holder finds the mark there.
                fd = os.open(inside, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                time.sleep(0.0005)
                os.close(fd)
                os.unlink(inside)
                entered += 1
        except InputError:  # busy: another process holds it
            pass
        except FileExistsError:
            print("two holders at once", flush=True)
            sys.exit(1)
    print(entered, flush=True)
""")


def test_processes_racing_for_one_session_are_still_kept_apart(tmp_path):
    session, inside = tmp_path / "shared.yaml", tmp_path / "inside"
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(session), str(inside), "4"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(4)]
    results = [racer.communicate(timeout=120) for racer in racers]
    for racer, (out, err) in zip(racers, results, strict=True):
        assert racer.returncode == 0, out + err
    assert all(int(out) > 0 for out, _ in results)  # each got in, in turn
    assert not (tmp_path / ".shared.yaml.lock").exists()


def test_a_lock_file_replaced_by_someone_else_is_never_unlinked(tmp_path):
    session = tmp_path / "s.yaml"
    with SessionLock(session) as lock:
        lock.path.unlink()  # removed behind our back, and another file put in its place
        lock.path.write_text("someone else's", "utf-8")
    assert lock.path.read_text("utf-8") == "someone else's"  # not ours: it stays
    lock.path.unlink()
    with SessionLock(session) as first:
        first.path.unlink()
        second = SessionLock(session).__enter__()  # a new lock file, held by another
    try:
        assert second.path.exists()  # «first» ending did not remove the file «second» holds
        with pytest.raises(InputError):  # and «second» still holds it
            SessionLock(session).__enter__()
    finally:
        second.__exit__(None, None, None)
    assert not second.path.exists()


def test_a_second_interview_is_refused_while_the_first_runs_then_the_lock_is_gone(tmp_path):
    session = tmp_path / "shared.yaml"
    lock_file = tmp_path / ".shared.yaml.lock"
    first = Session("--save", str(session))
    try:
        first.give_client_details()  # client, plan, consultant
        first.wait_prompt()  # the first question: the session is written, the lock held
        assert lock_file.exists()
        second = run_expert("interview", *KB, "--resume", str(session), input="sí\nsalir\n")
        assert second.returncode == 2
        assert "otra entrevista está usando shared.yaml en este momento" in second.stderr
        assert "Traceback" not in second.stderr
        assert lock_file.exists()  # the refused one took nothing away from the first
        first.send("salir")
        assert first.process.wait(timeout=60) == 0
    finally:
        if first.process.poll() is None:
            first.kill()
        for stream in (first.process.stdin, first.process.stdout, first.process.stderr):
            stream.close()
    assert not lock_file.exists()
    third = run_expert("interview", *KB, "--resume", str(session), input="sí\nsalir\n")
    assert third.returncode == 0, third.stderr  # free again
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.yaml"]
