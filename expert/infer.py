"""The inference API every client uses: the CLI, the interviews, the batch evaluator.

``Expert`` loads, checks and compiles a knowledge base once, then evaluates any number
of plans. A ``Result`` holds what was established (with the trace of the rule firings
behind each conclusion, and each risk's severity with its basis), what is still open
(with the unknown questions that could settle it), and the combinations of answers that
contradict each other.
"""

from __future__ import annotations

import dataclasses
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
from .i18n import Msg
from .loader import bundled_kb_path, load_knowledge_base
from .logic import Analysis, Logic
from .model import LEVELS, Conclusion, KnowledgeBase, Text

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
    values: Mapping[str, Any] = field(default_factory=dict)  # answers and derived values
    contradictions: tuple[str, ...] = ()  # consistency checks that hold
    # Established risks that unknown answers could still make more severe, with the
    # questions that would decide it.
    severity_open: tuple[OpenPoint, ...] = ()

    def severity(self, risk_id: str) -> str:
        """The highest level any firing rule gives the risk (its own level by default)."""
        default = self.kb.conclusion(risk_id).severity or "low"
        levels = [self.kb.rule(f.rule_id).severity or default
                  for f in self.trace.get(risk_id, ())]
        return min(levels, key=LEVELS.index) if levels else default

    def basis(self, risk_id: str) -> list[Text]:
        """Why the risk has its level: the basis of each rule that set it, in order."""
        level = self.severity(risk_id)
        found: list[Text] = []
        for firing in self.trace.get(risk_id, ()):
            rule = self.kb.rule(firing.rule_id)
            if rule.basis is not None and rule.severity == level and rule.basis not in found:
                found.append(rule.basis)
        return found

    def established(self, kind: str | None = None) -> list[Conclusion]:
        """Established conclusions in knowledge-base order (risks: by severity)."""
        found = [c for c in self.kb.conclusions if c.id in self.trace
                 and (kind is None or c.kind == kind)]
        if kind == "risk":
            found.sort(key=lambda c: LEVELS.index(self.severity(c.id)))
        if kind == "measure":
            found.sort(key=lambda c: LEVELS.index(c.priority or "low"))
        return found

    def open_of(self, kind: str | None = None) -> list[OpenPoint]:
        return [p for p in self.open
                if kind is None or self.kb.conclusion(p.conclusion_id).kind == kind]

    def rules_for(self, conclusion_id: str) -> list[str]:
        return [firing.rule_id for firing in self.trace.get(conclusion_id, ())]

    def is_open(self, conclusion_id: str) -> bool:
        return any(p.conclusion_id == conclusion_id for p in self.open)


class Expert:
    """One knowledge base, loaded, checked and compiled, ready to evaluate plans."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        strata, cycles = analyse(kb)
        if cycles:  # the loader reports these; guard against a hand-built model
            raise KnowledgeBaseError(Msg("check.negative_cycle", rule=cycles[0].rule.id,
                                         ids=list(cycles[0].conclusions)),
                                     cycles[0].rule.when_location)
        self.logic = Logic(kb, strata)
        try:
            self.compiled = compile_kb(kb, strata)
        except EngineLimitError as problem:
            raise KnowledgeBaseError.from_diagnostics(
                [Diagnostic("error", problem.message, problem.location, problem.hint,
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
        derive = self.logic.derive
        values = [derive(f.answers) for f in fact_sets]
        traces = self.engine.run(values)
        with gc_paused():
            return [self._result(facts, plan, trace)
                    for facts, plan, trace in zip(fact_sets, values, traces, strict=True)]

    def _result(self, facts: FactSet, values: Mapping[str, Any], trace: Trace) -> Result:
        ordered = {c.id: tuple(trace[c.id]) for c in self.kb.conclusions if c.id in trace}
        analysis = self.logic.analyse(values, ordered)
        contradictions = tuple(self.logic.contradictions(values)) if self.kb.consistency else ()
        result = Result(facts, ordered, self.open_points(analysis, values, ordered), self.kb,
                        values, contradictions)
        graded = self._severity_open(result, analysis)
        return dataclasses.replace(result, severity_open=graded) if graded else result

    def _severity_open(self, result: Result, analysis: Analysis) -> tuple[OpenPoint, ...]:
        """Risks whose level a rule not decided yet would raise, and its questions."""
        points = []
        collectors = self.logic.collectors
        order = self._question_order.get
        for risk in result.established("risk"):
            current = LEVELS.index(result.severity(risk.id))
            found: set[str] = set()
            for rule in self.kb.rules_deriving(risk.id):
                level = LEVELS.index(rule.severity or risk.severity or "low")
                if level < current and analysis.values.get(rule.id, False) is None:
                    collectors[rule.id](result.values, analysis._lookup,
                                        analysis.questions_for, found)
            if found:
                points.append(OpenPoint(risk.id, tuple(sorted(
                    found, key=lambda q: order(q, len(self._question_order))))))
        return tuple(points)

    def open_points(self, analysis: Analysis, values: Mapping[str, Any],
                    established: Mapping[str, object]) -> tuple[OpenPoint, ...]:
        askable = self.logic.askable
        blocked = {qid for qid in self.logic.ask_if  # never asked: cannot settle anything
                   if askable(qid, values, established) is False}
        order = self._question_order.get
        questions_for = analysis.questions_for
        points = []
        for cid in analysis.open:
            questions = sorted(questions_for(cid) - blocked,
                               key=lambda q: order(q, len(self._question_order)))
            points.append(OpenPoint(cid, tuple(questions)))
        return tuple(points)
