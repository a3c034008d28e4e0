"""Semantic checks of a loaded knowledge base: every problem at once, as diagnostics.

Errors (the knowledge base does not load): duplicate ids, references to unknown
questions, conclusions or sections, comparisons that cannot hold for a question's type,
cycles through negation, conditions beyond the engine's limits (``diagnose``).
Warnings come from ``lint`` and only with ``lint=True`` (``expert check``).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

from .conditions import (
    Compare,
    Condition,
    Has,
    InList,
    Known,
    Literal,
    Ref,
    Truth,
    walk,
)
from .errors import Diagnostic, Location
from .graph import analyse
from .model import KnowledgeBase, Question


def check(kb: KnowledgeBase, *, lint: bool = False) -> list[Diagnostic]:
    """Errors always; warnings only with ``lint`` (they cost time and never block)."""
    out: list[Diagnostic] = []

    def error(message: str, where: Location, hint: str | None = None, code: str = "check") -> None:
        out.append(Diagnostic("error", message, where, hint, code))

    def warning(message: str, where: Location, hint: str | None = None, code: str = "lint"
                ) -> None:
        out.append(Diagnostic("warning", message, where, hint, code))

    _duplicates(kb, error)
    _sections(kb, error)
    for rule in kb.rules:
        for cid, kind in zip(rule.then, rule.then_kinds, strict=True):
            if not kb.has_conclusion(cid):
                error(f"rule '{rule.id}' derives unknown conclusion '{kind}.{cid}'", rule.location,
                      _suggest(cid, [c.id for c in kb.conclusions]), "unknown-conclusion")
            elif kb.conclusion(cid).kind != kind:
                error(f"'{cid}' is a {kb.conclusion(cid).kind}, not a {kind}", rule.location,
                      f"write {kb.conclusion(cid).ref}", "wrong-kind")
    clean = not any(d.severity == "error" for d in out)
    for rule in kb.rules:
        clean &= _condition(kb, rule.when, rule.when_location, error)
    for question in kb.questions:
        if question.ask_if is not None:
            clean &= _condition(kb, question.ask_if, question.ask_if_location, error)
    if not clean:
        return out  # the rest assumes every reference resolves
    _, cycles = analyse(kb)
    for cycle in cycles:
        error(f"cycle through negation: rule '{cycle.rule.id}' tests the absence of a "
              f"conclusion that depends on itself ({', '.join(cycle.conclusions)})",
              cycle.rule.when_location,
              "a conclusion cannot depend on its own absence; restate the rule", "cycle")
    if lint:
        from .lint import lint as run_lint

        run_lint(kb, warning)
    return out


def _duplicates(kb: KnowledgeBase, error: Callable[..., None]) -> None:
    groups = (
        ("question", kb.questions),
        ("conclusion", kb.conclusions),
        ("rule", kb.rules),
        ("section", [s for f in kb.families for s in f.sections]),
    )
    for what, items in groups:
        first: dict[str, Location] = {}
        for item in items:
            if item.id in first:
                error(f"duplicate {what} id '{item.id}' (first defined at {first[item.id]})",
                      item.location, "ids must be unique across all files", "duplicate-id")
            else:
                first[item.id] = item.location


def _sections(kb: KnowledgeBase, error: Callable[..., None]) -> None:
    known = [s.id for f in kb.families for s in f.sections]
    for item in (*kb.questions, *kb.conclusions, *kb.rules):
        for section in item.sections:
            if not kb.has_section(section):
                error(f"unknown section '{section}' in '{item.id}'", item.location,
                      _suggest(section, known), "unknown-section")


def _condition(kb: KnowledgeBase, condition: Condition, where: Location,
               error: Callable[..., None]) -> bool:
    ok = True

    def fail(message: str, node: object, hint: str | None, code: str) -> None:
        nonlocal ok
        ok = False
        pos = getattr(node, "pos", None)
        at = where if pos is None or where.column is None or pos.line != 1 else Location(
            where.file, where.line, where.column + pos.column - 1)
        error(message, at, hint, code)

    for node in walk(condition):
        if isinstance(node, Ref):
            if not kb.has_conclusion(node.conclusion):
                fail(f"unknown conclusion '{node.kind}.{node.conclusion}'", node,
                     _suggest(node.conclusion, [c.id for c in kb.conclusions]),
                     "unknown-conclusion")
            elif kb.conclusion(node.conclusion).kind != node.kind:
                actual = kb.conclusion(node.conclusion)
                fail(f"'{node.conclusion}' is a {actual.kind}, not a {node.kind}", node,
                     f"write {actual.ref}", "wrong-kind")
        elif isinstance(node, (Truth, Compare, InList, Has, Known)):
            if not kb.has_question(node.question):
                fail(f"unknown question '{node.question}'", node,
                     _suggest(node.question, [q.id for q in kb.questions]), "unknown-question")
                continue
            problem = type_problem(node, kb.question(node.question))
            if problem:
                fail(problem[0], node, problem[1], "type")
    return ok


def type_problem(node: Condition, question: Question) -> tuple[str, str] | None:
    """Why a test cannot hold for the question's type, with a hint; None if it can."""
    q, kind = question.id, question.type
    choices = [c.id for c in question.choices]
    if isinstance(node, Truth):
        if kind != "boolean":
            return (f"'{q}' is a {kind} question, not a yes/no one",
                    _usage(question))
        return None
    if isinstance(node, Known):
        return None
    if isinstance(node, Has):
        if kind != "multichoice":
            return f"'has' needs a multi-choice question; '{q}' is {kind}", _usage(question)
        return _choice_value(question, node.value, choices)
    if isinstance(node, InList):
        if kind in ("choice", "multichoice"):
            for value in node.values:
                problem = _choice_value(question, value, choices)
                if problem:
                    return problem
            return None
        if kind in ("number", "percent"):
            for value in node.values:
                if value.kind not in ("number", "percent"):
                    return f"'{q}' is a number; {value} is not", "list numbers"
            return None
        return f"'in [...]' does not apply to a {kind} question ('{q}')", _usage(question)
    if not isinstance(node, Compare):
        return None
    literal, op = node.value, node.op
    if kind == "boolean":
        if literal.kind != "bool" or op not in ("==", "!="):
            return (f"'{q}' is a yes/no question and cannot be compared to {literal}",
                    f"write '{q}' or 'not {q}'")
        return None
    if kind in ("choice",):
        if op not in ("==", "!="):
            return f"'{q}' is a choice; it has no order", "use == or != or 'in [...]'"
        return _choice_value(question, literal, choices)
    if kind == "multichoice":
        return f"'{q}' is a multi-choice question", f"write '{q} has <choice>'"
    if kind == "text":
        if literal.kind != "string" or op not in ("==", "!="):
            return f"'{q}' is a text question", f'compare it to a quoted text: {q} == "..."'
        return None
    if literal.kind not in ("number", "percent"):
        return f"'{q}' is a number and cannot be compared to {literal}", "compare it to a number"
    low, high = question.bounds
    value = literal.value
    impossible = (
        (op == "==" and ((low is not None and value < low) or (high is not None and value > high)))
        or (op in (">", ">=") and high is not None
            and (value > high or (op == ">" and value == high)))
        or (op in ("<", "<=") and low is not None
            and (value < low or (op == "<" and value == low)))
    )
    if impossible:
        return (f"'{q} {op} {literal}' cannot hold: answers range from "
                f"{_fmt(low)} to {_fmt(high)}", "check the number or the question's min/max")
    return None


def _choice_value(question: Question, literal: Literal, choices: list[str]
                  ) -> tuple[str, str] | None:
    if literal.kind in ("name", "string") and literal.value in choices:
        return None
    return (f"{literal} is not a choice of '{question.id}'",
            "valid values: " + ", ".join(choices))


def _usage(question: Question) -> str:
    examples = {
        "boolean": f"write '{question.id}' or 'not {question.id}'",
        "number": f"compare it, e.g. '{question.id} < 3'",
        "percent": f"compare it, e.g. '{question.id} >= 50%'",
        "choice": f"write '{question.id} == <choice>' or '{question.id} in [...]'",
        "multichoice": f"write '{question.id} has <choice>'",
        "text": f'write {question.id} == "..."',
    }
    return examples[question.type]


def _fmt(value: float | None) -> str:
    if value is None:
        return "any"
    return str(int(value)) if float(value).is_integer() else str(value)


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"did you mean '{close[0]}'?" if close else "check the spelling"


def diagnose(root: str | Path) -> list[Diagnostic]:
    """Everything ``expert check`` reports: load errors, semantic errors, engine limits and
    warnings, in file order."""
    from .compiler import EngineLimitError, compile_kb
    from .errors import InputError
    from .loader import read_knowledge_base

    try:
        kb, diagnostics = read_knowledge_base(root, lint=True)
    except InputError as error:
        return list(error.diagnostics)
    if kb is not None and not any(d.severity == "error" for d in diagnostics):
        try:
            compile_kb(kb)
        except EngineLimitError as problem:
            diagnostics.append(Diagnostic("error", problem.message, problem.rule.when_location,
                                          problem.hint, "engine-limit"))
    return sorted(diagnostics, key=_position)


def _position(diagnostic: Diagnostic) -> tuple[str, int, int]:
    where = diagnostic.location
    return (where.file or "", where.line or 0, where.column or 0)
