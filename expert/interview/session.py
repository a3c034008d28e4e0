"""The interview's session file: a fact file that also records where the interview is.

Written atomically after every answer (temporary file, flush, fsync, rename), so a crash at
any moment leaves either the previous or the new version, never a torn file. A lock
(``flock`` on a sidecar file, released by the kernel even when the process is killed) stops
two interviews from writing the same session.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Location
from ..facts import FactSet, load_facts, to_yaml_value
from ..model import KnowledgeBase
from ..writer import dump_yaml, write_atomic


@dataclass
class SessionState:
    """What an interview has gathered so far. ``answers`` maps a question id to its value,
    or to ``None`` when the consultant skipped it (saved as ``unknown``)."""

    meta: dict[str, str] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)  # question ids, in the order answered
    position: str | None = None  # the question being asked
    finished: bool = False

    def facts(self, source: str) -> FactSet:
        known = {q: v for q, v in self.answers.items() if v is not None}
        unknown = frozenset(q for q, v in self.answers.items() if v is None)
        return FactSet(source, known, dict(self.meta), unknown, dict(self.notes))


def load_session(path: Path, kb: KnowledgeBase) -> SessionState:
    facts = load_facts(path, kb)  # the same validation as any fact file
    position = (facts.interview or {}).get("position")
    history = (facts.interview or {}).get("history") or []
    answers: dict[str, Any] = dict(facts.answers)
    answers.update({q: None for q in facts.unknown})
    history = [q for q in history if isinstance(q, str) and q in answers]
    history += [q.id for q in kb.questions if q.id in answers and q.id not in history]
    return SessionState(
        meta=dict(facts.meta), answers=answers, notes=dict(facts.notes), history=history,
        position=position if isinstance(position, str) and kb.has_question(position) else None,
        finished=bool((facts.interview or {}).get("finished")),
    )


def save_session(path: Path, state: SessionState, kb: KnowledgeBase, lang: str) -> None:
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
        "finished": state.finished,
        "lang": lang,
        "kb": {"version": kb.version, "hash": kb.content_hash},
        "updated": datetime.datetime.now().replace(microsecond=0).isoformat(),
    }
    write_atomic(path, "# Sesión de entrevista / interview session (expert interview)\n"
                 + dump_yaml(data))


class SessionLock:
    """An exclusive lock on a session file for the life of one interview."""

    def __init__(self, path: Path) -> None:
        self.path = path.with_name(f".{path.name}.lock")
        self._fd: int | None = None

    def __enter__(self) -> SessionLock:
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise InputError(
                f"another interview is using {self.path.name[1:-5]} right now",
                Location(str(self.path.with_name(self.path.name[1:-5]))),
                "finish or quit that interview first, or use another session file",
                code="locked") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            import fcntl

            # The lock file stays: unlinking it would let a second process lock the old
            # inode while a third creates a new one.
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
