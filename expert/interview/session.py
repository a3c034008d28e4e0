"""The interview's session file: a fact file that also records where the interview is.

Written atomically after every change (temporary file, flush, fsync, rename), so a crash at
any moment leaves either the previous or the new version, never a torn file; a session
reached through a symbolic link is written through it, and the link stays. A lock (``flock``
on a sidecar file, released by the kernel even when the process is killed) stops two
interviews from writing the same session; the lock file is never followed if it is a link,
and is removed when the interview ends. What the session holds always reads back: it is
checked with the fact files' own limits before it is written.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Location
from ..facts import FactSet, load_facts, to_yaml_value
from ..i18n import Msg
from ..model import KnowledgeBase
from ..writer import dump_yaml, output_error, write_atomic


@dataclass
class SessionState:
    """What an interview has gathered so far. ``answers`` maps a question id to its value,
    or to ``None`` when the consultant did not know (saved as ``unknown``)."""

    meta: dict[str, str] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)  # question ids, in the order answered
    meta_asked: list[str] = field(default_factory=list)  # client details already asked
    position: str | None = None  # the question being asked
    finished: bool = False

    def facts(self, source: str) -> FactSet:
        known = {q: v for q, v in self.answers.items() if v is not None}
        unknown = frozenset(q for q, v in self.answers.items() if v is None)
        return FactSet(source, known, dict(self.meta), unknown, dict(self.notes))


def load_session(path: Path, kb: KnowledgeBase) -> SessionState:
    return state_from_facts(load_facts(path, kb), kb)  # the same validation as any fact file


def state_from_facts(facts: FactSet, kb: KnowledgeBase) -> SessionState:
    """The session a validated fact file holds (a plain fact file starts at its answers)."""
    interview = facts.interview or {}
    position = interview.get("position")
    history = interview.get("history")
    history = history if isinstance(history, list) else []  # a hand-edited file: ignore it
    answers: dict[str, Any] = dict(facts.answers)
    answers.update({q: None for q in facts.unknown})
    history = [q for q in history if isinstance(q, str) and q in answers]
    history += [q.id for q in kb.questions if q.id in answers and q.id not in history]
    asked = interview.get("meta_asked")
    if not isinstance(asked, list):  # an older session: what it has was asked
        asked = [k for k in ("client", "plan", "consultant") if facts.meta.get(k)]
    return SessionState(
        meta=dict(facts.meta), answers=answers, notes=dict(facts.notes), history=history,
        meta_asked=[k for k in asked if isinstance(k, str)],
        position=position if isinstance(position, str) and kb.has_question(position) else None,
        finished=interview.get("finished") is True,
    )


def session_text(state: SessionState, kb: KnowledgeBase, lang: str) -> str:
    data: dict[str, Any] = {"meta": dict(state.meta), "answers": {}}
    for question in kb.questions:  # knowledge-base order: easy to read and to diff
        if question.id in state.answers:
            value = state.answers[question.id]
            data["answers"][question.id] = ("unknown" if value is None
                                            else to_yaml_value(question, value))
    if state.notes:
        data["notes"] = dict(state.notes)
    data["interview"] = {
        "position": state.position,
        "history": list(state.history),
        "meta_asked": list(state.meta_asked),
        "finished": state.finished,
        "lang": lang,
        "kb": {"version": kb.version, "hash": kb.content_hash},
        "updated": datetime.datetime.now().replace(microsecond=0).isoformat(),
    }
    return ("# Sesión de entrevista / interview session (expert interview)\n"
            + dump_yaml(data))


def save_session(path: Path, state: SessionState, kb: KnowledgeBase, lang: str) -> None:
    text = session_text(state, kb, lang)
    from ..facts import parse_facts

    parse_facts(text, str(path), kb)  # never write what the reader would refuse
    write_atomic(path, text)


def report_path(session: Path) -> Path:
    """Where the end-of-interview report goes: beside the session, never over it."""
    target = session.with_suffix(".md")
    if target.resolve() == session.resolve():
        target = session.with_name(f"{session.stem}-informe.md")
    return target


class SessionLock:
    """An exclusive lock on a session file for the life of one interview.

    The lock file is removed on a clean exit, race-free: it is unlinked only by its holder,
    while still locked, and a process that locks it checks afterwards that the path still
    names the file it locked (else it locked a file just unlinked, and tries again). So two
    processes can never each hold a lock on a different file under the same name."""

    ATTEMPTS = 100  # the file replaced under us this often: something else is at work

    def __init__(self, path: Path) -> None:
        self.session = path
        self.path = path.with_name(f".{path.name}.lock")
        self._fd: int | None = None

    def __enter__(self) -> SessionLock:
        for _ in range(self.ATTEMPTS):
            fd = self._open()
            if self._still_named(fd):
                # The process id is for a person looking at the file; a full disk must not
                # stop the interview here (the session's own write says what is wrong).
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
                    os.write(fd, str(os.getpid()).encode())
                self._fd = fd
                return self
            os.close(fd)  # unlinked (or replaced) between our open and our lock
        raise self._busy()

    def _open(self) -> int:
        """The lock file, open and locked."""
        import fcntl

        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags, 0o644)
        except OSError as error:
            if error.errno == errno.ELOOP:  # a planted link: never followed, never truncated
                raise InputError(Msg("iv.lock.link", path=str(self.path)),
                                 Location(str(self.path)), Msg("hint.remove_link"),
                                 code="locked") from None
            # Said of the session the user named (the lock file sits in its folder), unless
            # the lock file itself is in the way.
            blocked = self.path if error.errno in (errno.EISDIR, errno.EEXIST) else self.session
            raise output_error(blocked, error) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise self._busy() from None
        return fd

    def _still_named(self, fd: int) -> bool:
        try:
            named = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)

    def _busy(self) -> InputError:
        return InputError(Msg("iv.lock.busy", name=self.session.name),
                          Location(str(self.session)), Msg("hint.lock_busy"), code="locked")

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            import fcntl

            # Unlinked while still locked, and only if it is still ours: a process waiting
            # on this file then finds it gone and starts again on a new one.
            if self._still_named(self._fd):
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
