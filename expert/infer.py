"""The inference API every client uses: the CLI, the interview, the batch evaluator.

``Expert`` loads, checks and compiles a knowledge base once, then evaluates any number
of plans. A ``Result`` holds what was established (with the trace of the rule firings
behind each conclusion) and what is still open (with the unknown questions that could
settle it).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .compiler import EngineLimitError, compile_kb
from .engine import Engine, Firing, Trace, gc_paused
from .errors import Diagnostic, KnowledgeBaseError
from .facts import FactSet
from .graph import analyse
from .loader import bundled_kb_path, load_knowledge_base
from .logic import Analysis, Logic
from .model import LEVELS, Conclusion, KnowledgeBase

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenPoint:
    """A conclusion that unknown answers leave undecided, and the questions that decide it."""

    conclusion_id: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    facts: FactSet
    trace: Mapping[str, tuple[Firing, ...]]  # established conclusion id -> firings
    open: tuple[OpenPoint, ...]
    kb: KnowledgeBase = field(repr=False, compare=False)

    def established(self, kind: str | None = None) -> list[Conclusion]:
        """Established conclusions in knowledge-base order (risks: by severity)."""
        found = [c for c in self.kb.conclusions if c.id in self.trace
                 and (kind is None or c.kind == kind)]
        if kind == "risk":
            found.sort(key=lambda c: LEVELS.index(c.severity or "low"))
        if kind == "measure":
            found.sort(key=lambda c: LEVELS.index(c.priority or "low"))
        return found

    def open_of(self, kind: str | None = None) -> list[OpenPoint]:
        return [p for p in self.open
                if kind is None or self.kb.conclusion(p.conclusion_id).kind == kind]

    def rules_for(self, conclusion_id: str) -> list[str]:
        return [firing.rule_id for firing in self.trace.get(conclusion_id, ())]


class Expert:
    """One knowledge base, loaded, checked and compiled, ready to evaluate plans."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        strata, cycles = analyse(kb)
        if cycles:  # the loader reports these; guard against a hand-built model
            raise KnowledgeBaseError("the rules contain a cycle through negation",
                                     cycles[0].rule.when_location)
        self.logic = Logic(kb, strata)
        try:
            self.compiled = compile_kb(kb, strata)
        except EngineLimitError as problem:
            raise KnowledgeBaseError.from_diagnostics(
                [Diagnostic("error", problem.message, problem.rule.when_location, problem.hint,
                            "engine-limit")]
            ) from None
        self.engine = Engine(self.compiled)
        self._question_order = {q.id: i for i, q in enumerate(kb.questions)}

    @classmethod
    def open(cls, root: Path | str | None = None) -> Expert:
        return cls(load_knowledge_base(root if root is not None else bundled_kb_path()))

    def evaluate(self, facts: FactSet) -> Result:
        return self.evaluate_many([facts])[0]

    def evaluate_many(self, fact_sets: Sequence[FactSet]) -> list[Result]:
        traces = self.engine.run([dict(f.answers) for f in fact_sets])
        with gc_paused():
            return [self._result(facts, trace)
                    for facts, trace in zip(fact_sets, traces, strict=True)]

    def _result(self, facts: FactSet, trace: Trace) -> Result:
        ordered = {c.id: tuple(trace[c.id]) for c in self.kb.conclusions if c.id in trace}
        analysis = self.logic.analyse(facts.answers, ordered)
        return Result(facts, ordered, self.open_points(analysis, facts.answers, ordered), self.kb)

    def open_points(self, analysis: Analysis, answers: Mapping[str, Any],
                    established: Mapping[str, object]) -> tuple[OpenPoint, ...]:
        askable = self.logic.askable
        blocked = {qid for qid in self.logic.ask_if  # never asked: cannot settle anything
                   if askable(qid, answers, established) is False}
        order = self._question_order.__getitem__
        questions_for = analysis.questions_for
        return tuple(
            OpenPoint(cid, tuple(sorted(questions_for(cid) - blocked, key=order)))
            for cid in analysis.open
        )
