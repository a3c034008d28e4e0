"""The knowledge base's own test cases (``<kb>/tests/*.yaml``).

A case is a fact file with an ``expect`` block::

    description: what it checks
    meta: {...}
    answers: {...}
    expect:
      established: [risk.x, measure.y]     # must be established
      not_established: [risk.z]            # must not be
      open: [risk.w]                       # must be open (optional)

``record`` turns a fact file (for example a finished interview) into a new case whose
expectation is what the knowledge base concludes today.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Diagnostic, ExpertError, FactsError, Location
from .facts import facts_from_document, load_facts
from .infer import Expert, Result
from .report.data import answers_data
from .writer import dump_yaml, write_atomic
from .yamlio import Document, load_document

EXPECT_KEYS = ("established", "not_established", "open")


@dataclass(frozen=True)
class CaseOutcome:
    name: str
    passed: bool
    problems: tuple[str, ...] = ()
    error: ExpertError | None = None
    fired: frozenset[str] = frozenset()
    answered: frozenset[str] = frozenset()
    lines: tuple[str, ...] = field(default=())  # the diff, expected against actual


def case_files(kb_root: Path) -> list[Path]:
    return sorted((kb_root / "tests").glob("*.yaml"))


def run_case(expert: Expert, path: Path) -> CaseOutcome:
    name = path.stem
    try:
        document = load_document(path)
        data = document.data if isinstance(document.data, dict) else {}
        expect = data.get("expect")
        if isinstance(data.get("facts"), str):  # the answers live in a fact file
            facts = load_facts(path.parent / data["facts"], expert.kb)
        else:
            facts_doc = Document(document.path, {k: v for k, v in data.items()
                                                 if k in ("meta", "answers", "notes")},
                                 document.root)
            facts = facts_from_document(facts_doc, expert.kb)
        wanted = _expectations(document, expect, expert)
    except ExpertError as error:
        return CaseOutcome(name, False, error=error)
    result = expert.evaluate(facts)
    actual = {"established": {c.ref for c in result.established()},
              "open": {expert.kb.conclusion(p.conclusion_id).ref for p in result.open}}
    problems = []
    for ref in wanted["established"]:
        if ref not in actual["established"]:
            problems.append(f"expected {ref} established; it is not")
    for ref in wanted["not_established"]:
        if ref in actual["established"]:
            problems.append(f"expected {ref} not established; it is "
                            f"(rules: {', '.join(result.rules_for(ref.split('.', 1)[1]))})")
    for ref in wanted["open"]:
        if ref not in actual["open"]:
            problems.append(f"expected {ref} open; it is not")
    lines = _diff(wanted["established"], sorted(actual["established"])) if problems else ()
    fired = frozenset(f.rule_id for firings in result.trace.values() for f in firings)
    return CaseOutcome(name, not problems, tuple(problems), None, fired,
                       frozenset(facts.answers) | facts.unknown, tuple(lines))


def _expectations(document: Document, expect: object, expert: Expert) -> dict[str, list[str]]:
    if not isinstance(expect, dict):
        raise FactsError("a test case needs an 'expect:' mapping", document.where(),
                         "add expect: with established / not_established / open lists",
                         code="missing-field")
    diagnostics = []
    wanted: dict[str, list[str]] = {}
    for key in expect:
        if key not in EXPECT_KEYS:
            diagnostics.append(Diagnostic("error", f"unknown expectation '{key}'",
                                          document.where_key("expect", key),
                                          "use established, not_established, open"))
    for key in EXPECT_KEYS:
        refs = expect.get(key) or []
        wanted[key] = []
        for index, ref in enumerate(refs if isinstance(refs, list) else [refs]):
            kind, _, cid = str(ref).partition(".")
            if not expert.kb.has_conclusion(cid) or expert.kb.conclusion(cid).kind != kind:
                diagnostics.append(Diagnostic("error", f"unknown conclusion '{ref}'",
                                              document.where("expect", key, index),
                                              "write kind.id, e.g. risk.staff_not_steered"))
            wanted[key].append(str(ref))
    if diagnostics:
        raise FactsError(diagnostics[0].message, diagnostics=diagnostics)
    return wanted


def _diff(expected: list[str], actual: list[str]) -> list[str]:
    import difflib

    return list(difflib.unified_diff(sorted(expected), actual, "expected established",
                                     "actual established", lineterm="", n=0))


def record(expert: Expert, session: Path, target_dir: Path) -> Path:
    """Write a test case from a fact file: its answers, and today's conclusions."""
    facts = load_facts(session, expert.kb)
    result: Result = expert.evaluate(facts)
    case = {
        "description": f"Recorded from {session.name}: conclusions as of knowledge base "
                       f"v{expert.kb.version} ({expert.kb.content_hash}).",
        "meta": dict(facts.meta),
        "answers": answers_data(expert.kb, facts.answers, facts.unknown),
        "expect": {
            "established": [c.ref for c in result.established()],
            "not_established": [c.ref for c in expert.kb.conclusions
                                if c.kind == "risk" and c.id not in result.trace
                                and not any(p.conclusion_id == c.id for p in result.open)],
            "open": [expert.kb.conclusion(p.conclusion_id).ref for p in result.open],
        },
    }
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{session.stem}.yaml"
    if target.exists():
        raise FactsError(f"{target} exists already", Location(str(target)),
                         "remove it first or rename the session file", code="exists")
    write_atomic(target, dump_yaml(case))
    return target
