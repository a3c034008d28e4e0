"""The interview's flow as the web drives it: each request rebuilds the ``Interview`` from
the stored state (one evaluation), applies one action, and returns the new state and
what to show. These functions run on the engine thread (``worker.EngineThread``) and
return plain data, so nothing of the engine leaks to a request thread.

Answers go through ``answers.parse_input``, as at the terminal, with the terminal's
messages; the two hints that name a terminal command are said the web's way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import wording
from ..answers import AnswerError, parse_input
from ..i18n import Msg, number, t
from ..infer import Expert
from ..interview import views
from ..interview.flow import META_FIELDS, Changes, Interview
from ..model import Question
from .state import dump_state, load_state

WEB_WORDS = {"hint.skip_if_unknown": "web.hint.skip_if_unknown",
             "iv.note.empty": "web.note.empty"}


@dataclass(frozen=True)
class Action:
    kind: str  # answer | skip | keep | note | back | meta | confirm | skipped | change
    target: str = ""  # the question id (or client detail) the page was about
    text: str = ""
    note: str = ""
    yes: bool = False


@dataclass(frozen=True)
class Counts:
    status: str  # new | progress | finished
    answers: int
    risks: int
    open: int


@dataclass
class Outcome:
    state: str | None = None  # the new state (None: nothing to save)
    counts: Counts | None = None
    notices: list[str] = field(default_factory=list)
    problem: str | None = None  # the refused input's reason, for the field
    problem_field: str = "answer"  # answer | note
    stale: bool = False  # the page was about another step than the interview's


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    checked: bool


@dataclass
class Page:
    kind: str  # meta | question | confirm | skipped | done
    target: str = ""
    text: str = ""  # the question, the detail asked, or what to confirm
    help: str = ""
    hint: str = ""
    qtype: str = ""
    options: list[Option] = field(default_factory=list)
    value: str = ""  # what the field holds when the page opens
    changing: bool = False
    current: str = ""  # the answer being changed, in words
    count: int = 0
    family: str = ""
    progress: list[tuple[str, int, int, bool]] = field(default_factory=list)
    answered: int = 0
    pending: int = 0
    can_go_back: bool = False
    finished: bool = False


def rebuild(expert: Expert, text: str, lang: str) -> Interview:
    state, position = load_state(text, expert.kb)
    interview = Interview(expert, state, lang)
    if position is not None:
        interview.restore(position)
    elif state.finished:  # imported finished: it opens on its answers, as at the terminal
        interview.reopen()
    return interview


def counts(interview: Interview) -> Counts:
    state, result = interview.state, interview.result
    status = "finished" if state.finished else ("progress" if state.answers else "new")
    return Counts(status, interview.answered, len(result.established("risk")),
                  len(result.open_of("risk")))


def save(interview: Interview) -> tuple[str, Counts]:
    return dump_state(interview.state, interview.kb, interview.position()), counts(interview)


def page(expert: Expert, text: str, lang: str) -> Page:
    interview = rebuild(expert, text, lang)
    step = interview.step()
    found = Page(step.kind, finished=interview.state.finished,
                 answered=interview.answered, can_go_back=bool(interview.state.history))
    found.progress = progress(interview, step.question)
    found.pending = sum(row[2] for row in found.progress)
    if step.kind == "meta":
        found.target = step.field or "client"
        found.text = t(f"web.meta.{found.target}", lang)
        found.value = step.current or ""
        found.can_go_back = found.target != META_FIELDS[0]
    elif step.kind == "confirm":
        message = step.message
        found.text = message.render(lang) if isinstance(message, Msg) else str(message or "")
        found.target = step.question.id if step.question else ""
    elif step.kind == "skipped":
        found.count = step.count
    elif step.kind == "question" and step.question is not None:
        _question(found, step.question, step.current, step.changing, lang)
    return found


def _question(found: Page, question: Question, current: Any, changing: bool, lang: str
              ) -> None:
    found.target, found.qtype = question.id, question.type
    found.text, found.help = question.text.get(lang), question.help.get(lang)
    found.family = question.family
    found.changing = changing
    if changing:
        found.current = wording.show_value(question, current, lang)
    if question.type == "boolean":
        found.options = [Option("yes", t("yes", lang).capitalize(), current is True),
                         Option("no", t("no", lang).capitalize(), current is False)]
    elif question.type in ("choice", "multichoice"):
        chosen = {current} if isinstance(current, str) else set(current or ())
        found.options = [Option(c.id, c.label.get(lang), c.id in chosen)
                         for c in question.choices]
    else:
        found.hint = views.answer_hint(question, lang)
        if isinstance(current, (int, float)) and not isinstance(current, bool):
            found.value = number(current, lang)
        elif isinstance(current, str):
            found.value = current


def progress(interview: Interview, current: Question | None) -> list[tuple[str, int, int, bool]]:
    """(family, answered, still to ask, current?) for each family with anything to show."""
    kb, lang = interview.kb, interview.lang
    pending = {q.id for q in interview.relevant()}
    rows = []
    for family in kb.family_order:
        questions = [q for q in kb.questions if q.family == family]
        answered = sum(1 for q in questions  # as the terminal counts: «no lo sé» is not one
                       if interview.state.answers.get(q.id) is not None)
        left = sum(1 for q in questions if q.id in pending)
        if answered or left:
            rows.append((kb.family_title(family).get(lang), answered, left,
                         current is not None and current.family == family))
    return rows


def act(expert: Expert, text: str, lang: str, action: Action, show_risks: bool) -> Outcome:
    interview = rebuild(expert, text, lang)
    step = interview.step()
    outcome = Outcome()
    kind = action.kind
    changes = Changes()
    if kind in ("answer", "skip", "keep", "note"):
        question = step.question
        if step.kind != "question" or question is None or question.id != action.target:
            return Outcome(stale=True)
        value = None
        if kind == "answer":
            try:
                value = parse_input(question, action.text, lang)
            except AnswerError as problem:
                return Outcome(problem=_said(problem.message, problem.hint, lang))
        if action.note.strip() or kind == "note":
            refused = interview.note(question, action.note)
            if refused is not None:
                return Outcome(problem=_said(refused, None, lang), problem_field="note")
            outcome.notices.append(t("iv.note.saved", lang))
        if kind == "keep" and step.changing:
            interview.keep(question)
            outcome.notices.append(t("iv.kept", lang))
        elif kind in ("answer", "skip"):
            changes = interview.answer(question, value)
            if value is None:
                outcome.notices.append(t("iv.skipped", lang))
    elif kind == "meta":
        if step.kind != "meta" or step.field != action.target:
            return Outcome(stale=True)
        refused = interview.give_meta(action.target, action.text)
        if refused is not None:
            return Outcome(problem=_said(refused, None, lang))
    elif kind in ("confirm", "skipped"):
        if step.kind != kind:
            return Outcome(stale=True)
        if kind == "confirm":
            changes = interview.confirm(action.yes)
        else:
            interview.offer_skipped(action.yes)
    elif kind == "back":
        if step.kind == "meta":
            index = META_FIELDS.index(step.field or "client")
            if index > 0:
                interview.edit_meta(META_FIELDS[index - 1])
        else:
            undone, changes = interview.back()
            outcome.notices.append(t("iv.back", lang, text=undone.text.get(lang)) if undone
                                   else t("iv.nothing_to_undo", lang))
    elif kind == "change":
        if action.target in META_FIELDS:
            interview.edit_meta(action.target)
        elif interview.revisit(action.target) is None:
            return Outcome(stale=True)
    if show_risks:
        outcome.notices += _announced(interview, changes, lang)
    if interview.step().kind == "done" and not interview.state.finished:
        interview.finish()
    outcome.state, outcome.counts = save(interview)
    return outcome


def _said(message: Msg, hint: Msg | None, lang: str) -> str:
    message = Msg(WEB_WORDS.get(message.key, message.key), **message.fields)
    text = message.render(lang)
    if hint is not None:
        hint = Msg(WEB_WORDS.get(hint.key, hint.key), **hint.fields)
        text += f" ({hint.render(lang)})"
    return text


def _announced(interview: Interview, changes: Changes, lang: str) -> list[str]:
    kb, result = interview.kb, interview.result
    lines = [t("iv.new_risk", lang, level=t("level." + result.severity(cid), lang),
               title=wording.title(result, kb.conclusion(cid), lang))
             for cid in changes.new_risks]
    lines += [t("iv.withdrawn_risk", lang, title=kb.conclusion(cid).title.get(lang))
              for cid in changes.withdrawn_risks]
    return lines


@dataclass
class Overview:
    """What the review, the thank-you page and the consultant's page show."""

    review: list[views.ReviewItem]
    meta: list[tuple[str, str]]
    meeting_note: str | None
    summary: views.Summary
    counts: Counts


def overview(expert: Expert, text: str, lang: str) -> Overview:
    interview = rebuild(expert, text, lang)
    return Overview(views.review(interview), views.meta_lines(interview),
                    interview.state.meta.get("note"), views.summary(interview),
                    counts(interview))
