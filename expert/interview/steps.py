"""What the interview's flow hands its front ends: the next step, what an answer changed,
and an answer waiting for a confirmation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import Msg
from ..model import Question


@dataclass(frozen=True)
class Step:
    """What the interview needs next."""

    kind: str  # meta | question | confirm | skipped | done
    field: str | None = None  # meta: which detail
    question: Question | None = None  # question; confirm: the question it is about
    current: Any = None  # the answer being changed (None: a new question)
    changing: bool = False  # the question was answered already: Enter keeps the answer
    message: Msg | str | None = None  # confirm: what to confirm
    count: int = 0  # skipped: how many questions are left unanswered


@dataclass(frozen=True)
class Changes:
    """What an answer did to the conclusions, to announce it."""

    new_risks: tuple[str, ...] = ()
    withdrawn_risks: tuple[str, ...] = ()
    contradictions: tuple[str, ...] = ()  # consistency checks that now hold


@dataclass
class Pending:
    """An answer held until the consultant confirms it: not recorded, saved or counted."""

    kind: str  # implausible | contradiction
    question: Question
    value: Any = None
    message: Msg | str | None = None
