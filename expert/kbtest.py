"""The knowledge base's own test cases (``<kb>/tests/*.yaml``).

A case is a fact file with an ``expect`` block, and the expectations mean what they say::

    description: what it checks
    meta: {...}
    answers: {...}
    expect:
      established: [risk.x, measure.y]   # exactly these risks and measures are established
                                         # (findings listed must be too; others may be)
      severity: {risk.x: high}           # the level each listed risk gets
      open: []                           # exactly these risks are open: here, none
      not_established: [risk.z]          # must not be established
      subset: false                      # true: the lists say "at least these"
      why: {risk.x: "«…» the passage"}   # for readers: why each expected risk holds

``record`` turns a fact file (for example a finished interview) into a new case whose
expectation is what the knowledge base concludes today: the risks and measures, their
severities and the open risks, nothing else.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .document import Document
from .errors import Diagnostic, ExpertError, FactsError, Location
from .facts import facts_from_document, load_facts
from .i18n import Msg
from .infer import Expert, Result
from .model import LEVELS
from .report.data import answers_data
from .writer import dump_yaml, write_atomic
from .yamlio import load_document

EXPECT_KEYS = ("established", "not_established", "open", "severity", "subset", "why")
SHOWN_KINDS = ("risk", "measure")


@dataclass(frozen=True)
class CaseOutcome:
    name: str
    passed: bool
    problems: tuple[Msg, ...] = ()
    error: ExpertError | None = None
    fired: frozenset[str] = frozenset()
    answered: frozenset[str] = frozenset()
    lines: tuple[str, ...] = field(default=())  # the diff, expected against actual


@dataclass(frozen=True)
class Expectation:
    established: tuple[str, ...] | None
    not_established: tuple[str, ...]
    open: tuple[str, ...] | None
    severity: dict[str, str]
    subset: bool


def case_files(kb_root: Path) -> list[Path]:
    return sorted((kb_root / "tests").glob("*.yaml"))


def run_case(expert: Expert, path: Path) -> CaseOutcome:
    name = path.stem
    try:
        document = load_document(path)
        data = document.data if isinstance(document.data, dict) else {}
        if isinstance(data.get("facts"), str):  # the answers live in a fact file
            facts = load_facts(path.parent / data["facts"], expert.kb)
        else:
            facts = facts_from_document(document.sub(
                {k: v for k, v in data.items() if k in ("meta", "answers", "notes")}),
                expert.kb)
        wanted = _expectations(document, data.get("expect"), expert)
    except ExpertError as error:
        return CaseOutcome(name, False, error=error)
    result = expert.evaluate(facts)
    problems, lines = check_case(wanted, result)
    fired = frozenset(f.rule_id for firings in result.trace.values() for f in firings)
    return CaseOutcome(name, not problems, tuple(problems), None, fired,
                       frozenset(facts.answers) | facts.unknown, tuple(lines))


def check_case(wanted: Expectation, result: Result) -> tuple[list[Msg], list[str]]:
    kb = result.kb
    established = {c.ref for c in result.established()}
    shown = {c.ref for c in result.established() if c.kind in SHOWN_KINDS}
    opened = {kb.conclusion(p.conclusion_id).ref for p in result.open_of("risk")}
    problems: list[Msg] = []
    lines: list[str] = []
    if wanted.established is not None:
        for ref in wanted.established:
            if ref not in established:
                problems.append(Msg("kbtest.missing", ref=ref))
        if not wanted.subset:
            for ref in sorted(shown - set(wanted.established)):
                rules = result.rules_for(ref.split(".", 1)[1])
                problems.append(Msg("kbtest.unexpected", ref=ref, rules=rules))
        expected = sorted(r for r in wanted.established if r.split(".")[0] in SHOWN_KINDS)
        if problems:
            lines = list(difflib.unified_diff(expected, sorted(shown), "expected", "actual",
                                              lineterm="", n=0))
    for ref in wanted.not_established:
        if ref in established:
            problems.append(Msg("kbtest.should_not", ref=ref,
                                rules=result.rules_for(ref.split(".", 1)[1])))
    if wanted.open is not None:
        for ref in wanted.open:
            if ref not in opened:
                problems.append(Msg("kbtest.not_open", ref=ref))
        if not wanted.subset:
            for ref in sorted(opened - set(wanted.open)):
                problems.append(Msg("kbtest.unexpected_open", ref=ref))
    for ref, level in wanted.severity.items():
        cid = ref.split(".", 1)[1]
        if cid in result.trace and result.severity(cid) != level:
            problems.append(Msg("kbtest.severity", ref=ref, expected=Msg(f"level.{level}"),
                                actual=Msg(f"level.{result.severity(cid)}")))
    return problems, lines


def _expectations(document: Document, expect: Any, expert: Expert) -> Expectation:
    if not isinstance(expect, dict):
        raise FactsError(Msg("kbtest.no_expect"), document.where(), Msg("hint.expect"),
                         code="missing-field")
    diagnostics: list[Diagnostic] = []

    def refs(key: str) -> tuple[str, ...] | None:
        if key not in expect:
            return None
        raw = expect.get(key) or []
        found = []
        for index, ref in enumerate(raw if isinstance(raw, list) else [raw]):
            kind, _, cid = str(ref).partition(".")
            if not expert.kb.has_conclusion(cid) or expert.kb.conclusion(cid).kind != kind:
                diagnostics.append(Diagnostic("error", Msg("check.unknown_conclusion", ref=ref),
                                              document.where("expect", key, index),
                                              Msg("hint.reference")))
            found.append(str(ref))
        return tuple(found)

    why = expect.get("why") or {}
    for ref in why if isinstance(why, dict) else ():
        kind, _, cid = str(ref).partition(".")
        if not expert.kb.has_conclusion(cid) or expert.kb.conclusion(cid).kind != kind:
            diagnostics.append(Diagnostic("error", Msg("check.unknown_conclusion", ref=ref),
                                          document.where_key("expect", "why", ref),
                                          Msg("hint.reference")))
    for key in expect:
        if key not in EXPECT_KEYS:
            diagnostics.append(Diagnostic("error", Msg("kbtest.unknown_expectation", key=key),
                                          document.where_key("expect", key),
                                          Msg("hint.allowed", names=list(EXPECT_KEYS))))
    severity: dict[str, str] = {}
    raw_severity = expect.get("severity") or {}
    if isinstance(raw_severity, dict):
        for ref, level in raw_severity.items():
            kind, _, cid = str(ref).partition(".")
            if kind != "risk" or not expert.kb.has_conclusion(cid) or \
                    expert.kb.conclusion(cid).kind != "risk":
                diagnostics.append(Diagnostic("error", Msg("check.unknown_conclusion", ref=ref),
                                              document.where_key("expect", "severity", ref),
                                              Msg("hint.reference")))
            elif level not in LEVELS:
                diagnostics.append(Diagnostic("error", Msg("field.not_one_of", key=ref,
                                                           value=str(level), allowed=LEVELS),
                                              document.where("expect", "severity", ref)))
            severity[str(ref)] = str(level)
    wanted = Expectation(refs("established"), refs("not_established") or (), refs("open"),
                         severity, expect.get("subset") is True)
    if diagnostics:
        raise FactsError(diagnostics[0].message, diagnostics=diagnostics)
    return wanted


def record(expert: Expert, session: Path, target_dir: Path) -> Path:
    """Write a test case from a fact file: its answers, and today's conclusions."""
    facts = load_facts(session, expert.kb)
    result: Result = expert.evaluate(facts)
    risks = result.established("risk")
    case = {
        "description": f"{session.name}: v{expert.kb.version} ({expert.kb.content_hash})",
        "meta": dict(facts.meta),
        "answers": answers_data(expert.kb, facts.answers, facts.unknown),
        "expect": {
            "established": [c.ref for c in result.established() if c.kind in SHOWN_KINDS],
            "severity": {r.ref: result.severity(r.id) for r in risks},
            "open": [expert.kb.conclusion(p.conclusion_id).ref for p in result.open_of("risk")],
        },
    }
    target = target_dir / f"{session.stem}.yaml"
    if target.exists():
        raise FactsError(Msg("out.exists", path=str(target)), Location(str(target)),
                         Msg("hint.remove_or_rename"), code="exists")
    from .writer import ensure_folder

    ensure_folder(target_dir)
    write_atomic(target, dump_yaml(case), follow_links=False)
    return target
