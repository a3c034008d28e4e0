"""One interview from start to end: session file, lock, questions, summary, report."""

from __future__ import annotations

import datetime
from pathlib import Path

from ..i18n import t
from ..infer import Expert
from .dialogue import fold, handle, question_text, status_lines
from .flow import Interview
from .session import SessionLock, SessionState, load_session
from .terminals import Terminal

META_FIELDS = ("client", "plan", "consultant")


def default_session_path(now: datetime.datetime | None = None) -> Path:
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path(f"entrevista-{stamp}.yaml")


def run_interview(expert: Expert, terminal: Terminal, lang: str, *, session: Path,
                  resume: bool) -> int:
    with SessionLock(session):
        if resume:
            state = load_session(session, expert.kb)
            terminal.say([t("iv.resumed", lang, path=session, n=len(state.answers))])
        else:
            state = SessionState(meta={"date": datetime.date.today().isoformat()})
        interview = Interview(expert, state, session, lang)
        try:
            return _converse(interview, terminal, resume)
        except (KeyboardInterrupt, EOFError):
            interview.save()
            terminal.say(["", t("iv.interrupted", lang, path=session)])
            return 0


def _converse(interview: Interview, terminal: Terminal, resume: bool) -> int:
    lang = interview.lang
    if not resume:
        terminal.say([t("iv.title", lang), t("iv.commands", lang), ""])
        for key in META_FIELDS:
            value = terminal.ask([t(f"iv.meta.{key}", lang) + ":"]).strip()
            if value:
                interview.state.meta[key] = value[:500]
        interview.save()
    while True:
        question = interview.next_question()
        if question is None:
            break
        current = interview.state.answers.get(question.id)

        def toolbar(q=question) -> str:  # type: ignore[no-untyped-def]
            progress = interview.progress(q)
            return t("iv.toolbar", lang, family=progress.family, answered=progress.answered,
                     remaining=progress.remaining)

        line = terminal.ask(question_text(question, lang, current), question, toolbar)
        reply = handle(interview, question, line)
        terminal.say(reply.lines)
        if reply.quit:
            terminal.say([t("iv.interrupted", lang, path=interview.path)])
            return 0
    interview.finish()
    terminal.say(["", *summary_lines(interview)])
    _offer_report(interview, terminal)
    return 0


def summary_lines(interview: Interview) -> list[str]:
    lang, kb, result = interview.lang, interview.kb, interview.result
    answered = sum(1 for v in interview.state.answers.values() if v is not None)
    lines = [t("iv.end", lang, asked=interview.asked, answered=answered,
               total=len(kb.questions)), ""]
    lines += status_lines(interview)[:-1]  # risks by severity and measures
    open_risks = result.open_of("risk")
    if open_risks:
        lines.append(t("eval.open", lang) + ":")
        for point in open_risks:
            lines.append(f"  - {kb.conclusion(point.conclusion_id).title.get(lang)}")
            lines += [f"      {t('eval.ask', lang)}: {kb.question(q).text.get(lang)}"
                      for q in point.questions]
    return lines


def _offer_report(interview: Interview, terminal: Terminal) -> None:
    lang = interview.lang
    target = interview.path.with_suffix(".md")
    answer = terminal.ask([t("iv.report.offer", lang, path=target)])
    if fold(answer) not in ("si", "s", "yes", "y"):
        return
    from ..report.render import render
    from ..writer import write_atomic

    write_atomic(target, render(interview.result, "markdown", lang))
    terminal.say([t("iv.report.written", lang, path=target)])

