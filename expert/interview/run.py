"""One interview from start to end: the session file and its lock, the conversation, and
the front end (the full-screen application at a terminal, line by line otherwise)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from ..i18n import t
from ..infer import Expert
from ..text import printable
from .conversation import Conversation
from .flow import Interview
from .screens import wrap
from .session import SessionLock, SessionState, load_session, report_path, save_session


def default_session_path(now: datetime.datetime | None = None) -> Path:
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path(f"entrevista-{stamp}.yaml")


def start(expert: Expert, lang: str, session: Path, *, resume: bool,
          initial: SessionState | None = None) -> Conversation:
    """The conversation of a session whose lock the caller holds."""
    kb = expert.kb
    if resume:
        state = load_session(session, kb)
    else:
        state = initial or SessionState(meta={"date": datetime.date.today().isoformat()})
    interview = Interview(expert, state, lang,
                          save=lambda current: save_session(session, current, kb, lang))

    def write_report() -> Path:
        from ..report.render import render
        from ..writer import write_atomic

        target = report_path(session)
        write_atomic(target, render(interview.result, "markdown", lang))
        return target

    continuing = resume or initial is not None
    conversation = Conversation(interview, session, write_report, resumed=continuing)
    if continuing:
        conversation.pending.insert(0, t("iv.resumed", lang, path=printable(str(session)),
                                         count=interview.answered))
    else:
        conversation.pending[:0] = [t("iv.title", lang), *wrap(t("iv.commands", lang)), ""]
    interview.save(state)  # the session exists from the first moment
    return conversation


def run_interview(expert: Expert, lang: str, session: Path, *, resume: bool,
                  plain: bool, input: Any = None, output: Any = None,
                  initial: SessionState | None = None) -> int:
    with SessionLock(session):
        conversation = start(expert, lang, session, resume=resume, initial=initial)
        if plain:
            from .plain import run_plain

            return run_plain(conversation, input, output)
        from .app import run_application

        return run_application(conversation, input=input, output=output)
