"""The interview's logic, independent of any terminal: which question comes next, what an
answer changes, and the commands a consultant can give at any prompt.

A question is asked when it is unanswered, its ``ask_if`` holds, and the three-valued
analysis says some still-undecided conclusion depends on it. Questions come in the order
of the document's families, plan-shape questions first. After every answer the plan is
re-evaluated from scratch by the engine (the reliable way to change an answer: there is no
truth maintenance to undo), and the session file is saved.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..infer import Expert, Result
from ..model import Question
from .session import SessionState, save_session

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Progress:
    family: str
    answered: int
    remaining: int


class Interview:
    def __init__(self, expert: Expert, state: SessionState, path: Path, lang: str,
                 *, autosave: bool = True) -> None:
        self.expert = expert
        self.kb = expert.kb
        self.state = state
        self.path = path
        self.lang = lang
        self.autosave = autosave
        self.asked = 0  # questions shown in this run
        self._revisit: list[str] = []  # questions the consultant chose to change
        self.result: Result = self._evaluate()

    # --- evaluation and relevance --------------------------------------------------------
    def _evaluate(self) -> Result:
        return self.expert.evaluate(self.state.facts(str(self.path)))

    def relevant(self) -> list[Question]:
        """Unanswered questions that can still change a conclusion, and may be asked."""
        result = self.result
        matters: set[str] = set()
        for point in result.open:
            matters |= set(point.questions)
        return [q for q in self.kb.questions
                if q.id in matters and q.id not in self.state.answers]

    def next_question(self) -> Question | None:
        while self._revisit:
            qid = self._revisit[0]
            if qid in self.state.answers:
                return self.kb.question(qid)
            self._revisit.pop(0)
        for question in self.relevant():  # open points already exclude ask_if == False
            if self.expert.logic.askable(question.id, self.result.facts.answers,
                                         self.result.trace) is True:
                self.state.position = question.id
                return question
        self.state.position = None
        return None

    def progress(self, current: Question | None) -> Progress:
        family = self.kb.family_title(current.family).get(self.lang) if current else ""
        answered = sum(1 for v in self.state.answers.values() if v is not None)
        return Progress(family, answered, len(self.relevant()))

    # --- changes ---------------------------------------------------------------------------
    def answer(self, question: Question, value: Any) -> list[str]:
        """Record an answer (``None``: skipped, unknown); return newly established risks."""
        before = {c.id for c in self.result.established("risk")}
        if self._revisit and self._revisit[0] == question.id:
            self._revisit.pop(0)
        self.state.answers[question.id] = value
        if question.id in self.state.history:
            self.state.history.remove(question.id)
        self.state.history.append(question.id)
        self.asked += 1
        self._changed()
        return [c.id for c in self.result.established("risk") if c.id not in before]

    def back(self) -> Question | None:
        """Undo the last answer; the question is asked again."""
        if not self.state.history:
            return None
        qid = self.state.history.pop()
        self.state.answers.pop(qid, None)
        self._changed()
        return self.kb.question(qid)

    def revisit(self, question_id: str) -> Question | None:
        """Ask an answered question again (from the review)."""
        if question_id not in self.state.answers:
            return None
        self._revisit.insert(0, question_id)
        return self.kb.question(question_id)

    def note(self, question: Question, text: str) -> None:
        self.state.notes[question.id] = text
        self.save()

    def finish(self) -> None:
        self.state.finished = True
        self.state.position = None
        self.save()

    def _changed(self) -> None:
        self.result = self._evaluate()
        self.save()

    def save(self) -> None:
        if self.autosave:
            save_session(self.path, self.state, self.kb, self.lang)
            log.debug("saved %s (%d answers)", self.path, len(self.state.answers))

    # --- what the commands show --------------------------------------------------------------
    def why(self, question: Question) -> list[tuple[str, list[str], list[str]]]:
        """(conclusion id, rules that read this question, sections) for every open
        conclusion this question can still decide."""
        found = []
        for point in self.result.open:
            if question.id not in point.questions:
                continue
            conclusion = self.kb.conclusion(point.conclusion_id)
            rules = [r.id for r in self.kb.rules_deriving(conclusion.id)]
            found.append((conclusion.id, rules, list(conclusion.sections)))
        return found

    def answers_by_family(self) -> list[tuple[str, list[tuple[Question, Any]]]]:
        groups = []
        for family in self.kb.family_order:
            items = [(q, self.state.answers[q.id]) for q in self.kb.questions
                     if q.family == family and q.id in self.state.answers]
            if items:
                groups.append((self.kb.family_title(family).get(self.lang), items))
        return groups

