"""The interview's logic, independent of any screen: what comes next, and what each answer
or correction changes. The terminal and the web interviews both drive this one flow.

The interview is a sequence of steps (``Step``): the client details (``meta``), then the
questions, one at a time (``question``), with a confirmation when a number is implausible
or an answer contradicts another (``confirm``: the answer is held, not recorded, until
«sí»), an offer to go back to skipped questions that still matter (``skipped``), and the
end (``done``). A question is asked when it is
unanswered, its ``ask_if`` holds, and the three-valued analysis says some open conclusion
depends on it; plan-shape questions first, then the document's families. After every
change the plan is re-evaluated from scratch (there is no truth maintenance to undo) and
the session is saved through ``save``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..answers import MAX_TEXT, AnswerError, coerce, implausible
from ..facts import to_yaml_value as to_data
from ..i18n import Msg
from ..infer import Expert, Result
from ..model import Question
from .session import SessionState
from .steps import Changes, Pending, Step

log = logging.getLogger(__name__)
META_FIELDS = ("client", "plan", "consultant")
REQUIRED_META = ("client",)
MAX_META = 500


@dataclass
class Interview:
    expert: Expert
    state: SessionState
    lang: str
    save: Callable[[SessionState], None] = field(default=lambda state: None)

    def __post_init__(self) -> None:
        self.kb = self.expert.kb
        self.asked = 0  # answers given in this run
        self._revisit: list[str] = []  # questions to ask again, in order
        self._pending: Pending | None = None
        self._offered = False  # the skipped questions were offered already
        self.result: Result = self._evaluate()

    # --- what comes next -----------------------------------------------------------------
    def step(self) -> Step:
        for name in META_FIELDS:
            if name not in self.state.meta_asked:
                return Step("meta", field=name, current=self.state.meta.get(name))
        if self._pending is not None:
            pending = self._pending
            return Step("confirm", question=pending.question, message=pending.message)
        while self._revisit:
            qid = self._revisit[0]
            if self.kb.has_question(qid):
                return Step("question", question=self.kb.question(qid),
                            current=self.state.answers.get(qid),
                            changing=qid in self.state.answers)
            self._revisit.pop(0)
        question = self.next_question()
        if question is not None:
            self.state.position = question.id
            return Step("question", question=question)
        self.state.position = None
        skipped = self.skipped()
        if skipped and not self._offered:
            return Step("skipped", count=len(skipped))
        return Step("done")

    def relevant(self) -> list[Question]:
        """Unanswered questions that can still change a conclusion (ask_if permitting)."""
        result = self.result
        matters: set[str] = set()
        for point in (*result.open, *result.severity_open):
            matters |= set(point.questions)
        askable = self.expert.logic.askable
        return [q for q in self.kb.questions
                if q.id in matters and q.id not in self.state.answers
                and askable(q.id, result.values, result.trace) is True]

    def next_question(self) -> Question | None:
        found = self.relevant()
        return found[0] if found else None

    def skipped(self) -> list[Question]:
        """Questions answered «no lo sé» that could still change a conclusion."""
        result = self.result
        matters = {q for point in (*result.open, *result.severity_open)
                   for q in point.questions}
        askable = self.expert.logic.askable
        return [q for q in self.kb.questions
                if q.id in matters and self.state.answers.get(q.id, 0) is None
                and askable(q.id, result.values, result.trace) is True]

    # --- changes -------------------------------------------------------------------------
    def give_meta(self, name: str, text: str) -> Msg | None:
        """Set a client detail; a problem message if it cannot be taken."""
        value = " ".join(text.split())
        if not value and name in REQUIRED_META and not self.state.meta.get(name):
            return Msg("iv.meta.required")
        if len(value) > MAX_META:
            return Msg("iv.meta.too_long", limit=MAX_META)
        if value:
            self.state.meta[name] = value
        if name not in self.state.meta_asked:
            self.state.meta_asked.append(name)
        self._save()
        return None

    def edit_meta(self, name: str) -> None:
        """Ask a client detail again (from the review)."""
        if name in self.state.meta_asked:
            self.state.meta_asked.remove(name)

    def answer(self, question: Question, value: Any, *, confirmed: bool = False) -> Changes:
        """Record an answer (``None``: unknown). A number outside the plausible range, or an
        answer that contradicts an earlier one, is held pending a confirmation first
        (``confirm``): until then it is neither recorded, nor saved, nor counted.
        ``confirmed``: the caller vouches for the answer, and no check is made."""
        if confirmed:
            return self._commit(question, value, None)
        return self._check(question, value, number_confirmed=False)

    def _check(self, question: Question, value: Any, *, number_confirmed: bool) -> Changes:
        if not number_confirmed and value is not None:
            doubt = implausible(question, value)
            if doubt is not None:
                self._pending = Pending("implausible", question, value, doubt)
                return Changes()
        # The answer is tried on a copy first: a contradiction must be confirmed before the
        # answer is recorded, saved or announced (a «no», or the process killed at that
        # prompt, must leave the session as it was).
        prospect = self._prospect(question.id, value)
        before = set(self.result.contradictions)
        new = [c for c in prospect.contradictions if c not in before]
        if new:
            check = next(c for c in self.kb.consistency if c.id == new[0])
            self._pending = Pending("contradiction", question, value,
                                     check.message.get(self.lang))
            return Changes()
        return self._commit(question, value, prospect)

    def _prospect(self, question_id: str, value: Any) -> Result:
        """The result the answers would give with this answer, nothing changed."""
        state = replace(self.state, answers={**self.state.answers, question_id: value})
        return self.expert.evaluate(state.facts("session"))

    def _commit(self, question: Question, value: Any, prospect: Result | None) -> Changes:
        before = set(self.result.trace)
        contradictions_before = set(self.result.contradictions)
        if self._revisit and self._revisit[0] == question.id:
            self._revisit.pop(0)
        self.state.answers[question.id] = value
        if question.id in self.state.history:
            self.state.history.remove(question.id)
        self.state.history.append(question.id)
        self.asked += 1
        # The prospect was evaluated on exactly these answers: no second evaluation.
        self.result = prospect if prospect is not None else self._evaluate()
        self._save()
        changes = self._difference(before)
        contradictions = tuple(c for c in self.result.contradictions
                               if c not in contradictions_before)
        return Changes(changes.new_risks, changes.withdrawn_risks, contradictions)

    def confirm(self, yes: bool) -> Changes:
        """Answer the pending confirmation: record the value (yes) or ask the question
        again, with its previous answer, if any, as it was (no)."""
        pending, self._pending = self._pending, None
        if pending is None:
            return Changes()
        if not yes:
            self._ask_again(pending.question.id)
            return Changes()
        if pending.kind == "implausible":  # the number is confirmed; it may still contradict
            return self._check(pending.question, pending.value, number_confirmed=True)
        return self._commit(pending.question, pending.value, None)

    def _ask_again(self, question_id: str) -> None:
        if question_id in self._revisit:
            self._revisit.remove(question_id)
        self._revisit.insert(0, question_id)

    def offer_skipped(self, yes: bool) -> None:
        self._offered = True
        if yes:
            self._revisit = [q.id for q in self.skipped()] + self._revisit

    def back(self) -> tuple[Question | None, Changes]:
        """Undo the last answer; the question is asked again."""
        self._pending = None
        if not self.state.history:
            return None, Changes()
        before = set(self.result.trace)
        qid = self.state.history.pop()
        self.state.answers.pop(qid, None)
        if qid in self._revisit:
            self._revisit.remove(qid)
        self._changed()
        return self.kb.question(qid), self._difference(before)

    def _difference(self, before: set[str]) -> Changes:
        after = set(self.result.trace)
        risks = [c.id for c in self.kb.conclusions if c.kind == "risk"]
        return Changes(tuple(r for r in risks if r in after - before),
                       tuple(r for r in risks if r in before - after))

    def revisit(self, question_id: str) -> Question | None:
        """Ask an answered question again (Enter keeps the answer)."""
        if question_id not in self.state.answers or not self.kb.has_question(question_id):
            return None
        if question_id in self._revisit:
            self._revisit.remove(question_id)
        self._revisit.insert(0, question_id)
        self.state.finished = False
        return self.kb.question(question_id)

    def keep(self, question: Question) -> None:
        """Enter on a question being changed: the answer stays as it was."""
        if self._revisit and self._revisit[0] == question.id:
            self._revisit.pop(0)

    def note(self, question: Question | None, text: str) -> Msg | None:
        """Add to the note of a question, or to the meeting's note (``question`` None)."""
        text = text.strip()
        if not text:
            return Msg("iv.note.empty")
        notes = self.state.notes if question is not None else self.state.meta
        key = question.id if question is not None else "note"
        joined = f"{notes[key]}\n{text}" if notes.get(key) else text
        if len(joined) > MAX_TEXT:
            return Msg("iv.note.too_long", limit=MAX_TEXT, left=max(0, MAX_TEXT - len(
                notes.get(key, "")) - 1))
        notes[key] = joined
        self._save()
        return None

    def finish(self) -> None:
        self.state.finished = True
        self.state.position = None
        self._save()

    def reopen(self) -> None:
        """A finished interview opened to correct it."""
        self._offered = True

    # --- for front ends that rebuild the interview on every request (the web) ---------
    def position(self) -> dict[str, Any]:
        """Where the interview stands beyond the session file: questions queued to be asked
        again, a confirmation waiting, whether skipped questions were offered. Plain data
        (JSON), so a front end that keeps no interview between requests can restore it."""
        pending = None
        if self._pending is not None:
            message = self._pending.message
            pending = {"kind": self._pending.kind, "question": self._pending.question.id,
                       "held": True,
                       "value": to_data(self._pending.question, self._pending.value),
                       "message": ({"key": message.key, "fields": dict(message.fields)}
                                   if isinstance(message, Msg) else message)}
        return {"revisit": list(self._revisit), "pending": pending, "offered": self._offered}

    def restore(self, position: dict[str, Any]) -> None:
        """Take back what ``position`` gave; ids the knowledge base no longer has are
        dropped, and a pending value that no longer reads is forgotten."""
        self._revisit = [q for q in position.get("revisit") or []
                         if isinstance(q, str) and self.kb.has_question(q)]
        self._offered = bool(position.get("offered"))
        pending = position.get("pending")
        self._pending = None
        if isinstance(pending, dict) and self.kb.has_question(str(pending.get("question"))):
            question = self.kb.question(pending["question"])
            try:
                value = None if pending.get("value") is None else coerce(question,
                                                                           pending["value"])
            except AnswerError:
                return
            if pending.get("kind") == "contradiction" and not pending.get("held"):
                # Stored by an earlier version, which recorded the answer before asking:
                # the answer held is the one recorded.
                value = self.state.answers.get(question.id)
            message = pending.get("message")
            if isinstance(message, dict):
                message = Msg(message["key"], **message.get("fields", {}))
            self._pending = Pending(str(pending.get("kind")), question, value, message)

    def _evaluate(self) -> Result:
        return self.expert.evaluate(self.state.facts("session"))

    def _changed(self) -> None:
        self.result = self._evaluate()
        self._save()

    def _save(self) -> None:
        self.save(self.state)
        log.debug("saved (%d answers)", len(self.state.answers))

    @property
    def answered(self) -> int:
        return sum(1 for value in self.state.answers.values() if value is not None)
