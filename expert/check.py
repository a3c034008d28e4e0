"""Semantic checks of a loaded knowledge base: every problem at once, as diagnostics.

Errors (the knowledge base does not load): duplicate ids, references to unknown variables,
conclusions, sections or points, tests and expressions that do not fit the types, cycles
(through negation, or between derived values), and the faithfulness policy: a conclusion
the document states cites the points it rests on, and what the knowledge base adds on its
own (``provenance: practice``) never raises a high-severity risk. Warnings come from
``lint`` and only with ``lint=True`` (``expert check``).

One mistake gives one message: references to an element that was rejected for another
fault, or whose id is duplicated, are not reported again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from .conditions import Compare, Condition, Has, InList, Known, Ref, Truth, walk
from .errors import Diagnostic, Location
from .expressions import Var
from .expressions import walk as walk_expression
from .fields import suggest
from .graph import analyse, derived_cycle
from .i18n import Msg
from .model import KnowledgeBase
from .types import expression_type, type_problem

Report = Callable[..., None]
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def check(kb: KnowledgeBase, *, lint: bool = False, rejected: frozenset[str] = frozenset()
          ) -> list[Diagnostic]:
    """Errors always; warnings only with ``lint`` (they cost time and never block)."""
    out: list[Diagnostic] = []

    def error(message: Msg, where: Location, hint: Msg | None = None, code: str = "check"
              ) -> None:
        out.append(Diagnostic("error", message, where, hint, code))

    def warning(message: Msg, where: Location, hint: Msg | None = None, code: str = "lint"
                ) -> None:
        out.append(Diagnostic("warning", message, where, hint, code))

    quiet = rejected | _duplicates(kb, error)
    _citations(kb, error)
    _conclusion_refs(kb, quiet, error)
    clean = not any(d.severity == "error" for d in out)
    variables = {v.id: v for v in (*kb.questions, *kb.derived)}
    cyclic: set[str] = set()
    for item in kb.derived:
        cycle = derived_cycle(kb, item.id)
        if cycle and not cyclic & set(cycle):
            cyclic |= set(cycle)
            clean = False
            error(Msg("check.derived_cycle", ids=cycle), item.expression_location,
                  Msg("hint.derived_cycle"), "cycle")
    for item in kb.derived:
        if item.id not in cyclic:
            clean &= _expression(kb, item, variables, quiet, error)
    conditions = [(r.when, r.when_location, True) for r in kb.rules]
    conditions += [(q.ask_if, q.ask_if_location, True) for q in kb.questions if q.ask_if]
    conditions += [(c.when, c.when_location, False) for c in kb.consistency]
    for condition, where, references in conditions:
        clean &= _condition(kb, condition, where, quiet, error, references=references)
    clean &= _templates(kb, quiet, error)
    if not clean or rejected:
        return out  # the rest assumes every reference resolves
    _policy(kb, error)
    _, cycles = analyse(kb)
    for cycle in cycles:
        error(Msg("check.negative_cycle", rule=cycle.rule.id, ids=list(cycle.conclusions)),
              cycle.rule.when_location, Msg("hint.negative_cycle"), "cycle")
    if lint:
        from .lint import lint as run_lint

        run_lint(kb, warning)
    return out


def _duplicates(kb: KnowledgeBase, error: Report) -> set[str]:
    groups = (
        ("variable", [*kb.questions, *kb.derived]),
        ("conclusion", kb.conclusions),
        ("rule", kb.rules),
        ("consistency", kb.consistency),
        ("section", [s for f in kb.families for s in f.sections]),
        ("point", kb.points),
    )
    duplicated: set[str] = set()
    for what, items in groups:
        first: dict[str, Location] = {}
        for item in items:
            if item.id in first:
                duplicated.add(item.id)
                error(Msg("check.duplicate_id", what=Msg(f"what.{what}"), id=item.id,
                          first=str(first[item.id])), item.location, Msg("hint.unique_ids"),
                      "duplicate-id")
            else:
                first[item.id] = item.location
    return duplicated


def _citations(kb: KnowledgeBase, error: Report) -> None:
    known = [s.id for f in kb.families for s in f.sections]
    for item in (*kb.questions, *kb.derived, *kb.conclusions, *kb.rules):
        for section in item.sections:
            if not kb.has_section(section):
                error(Msg("check.unknown_section", section=section, id=item.id), item.location,
                      suggest(section, known), "unknown-section")
        for point in getattr(item, "points", ()):
            if not kb.has_point(point):
                error(Msg("check.unknown_point", point=point, id=item.id), item.location,
                      suggest(point, [p.id for p in kb.points]), "unknown-point")


def _conclusion_refs(kb: KnowledgeBase, quiet: Iterable[str], error: Report) -> None:
    for rule in kb.rules:
        for cid, kind in zip(rule.then, rule.then_kinds, strict=True):
            if cid in quiet:
                continue
            if not kb.has_conclusion(cid):
                error(Msg("check.unknown_conclusion", ref=f"{kind}.{cid}"), rule.location,
                      suggest(cid, [c.id for c in kb.conclusions]), "unknown-conclusion")
            elif kb.conclusion(cid).kind != kind:
                actual = kb.conclusion(cid)
                error(Msg("check.wrong_kind", id=cid, actual=Msg(f"kind.{actual.kind}"),
                          written=Msg(f"kind.{kind}")), rule.location,
                      Msg("hint.write", text=actual.ref), "wrong-kind")


def _at(where: Location, pos: object) -> Location:
    line = getattr(pos, "line", None)
    if where.column is None or line != 1:
        return where
    return Location(where.file, where.line, where.column + pos.column - 1)  # type: ignore[attr-defined]


def _condition(kb: KnowledgeBase, condition: Condition, where: Location, quiet: Iterable[str],
               error: Report, *, references: bool) -> bool:
    ok = True
    quiet = set(quiet)
    for node in walk(condition):
        at = _at(where, node.pos)
        if isinstance(node, Ref):
            if not references:
                ok = False
                error(Msg("check.consistency_reference"), at, Msg("hint.consistency_answers"),
                      "reference")
            elif node.conclusion in quiet:
                continue
            elif not kb.has_conclusion(node.conclusion):
                ok = False
                error(Msg("check.unknown_conclusion", ref=f"{node.kind}.{node.conclusion}"), at,
                      suggest(node.conclusion, [c.id for c in kb.conclusions]),
                      "unknown-conclusion")
            elif kb.conclusion(node.conclusion).kind != node.kind:
                ok = False
                actual = kb.conclusion(node.conclusion)
                error(Msg("check.wrong_kind", id=node.conclusion,
                          actual=Msg(f"kind.{actual.kind}"), written=Msg(f"kind.{node.kind}")),
                      at, Msg("hint.write", text=actual.ref), "wrong-kind")
        elif isinstance(node, (Truth, Compare, InList, Has, Known)):
            if node.question in quiet:
                continue
            if not kb.has_variable(node.question):
                ok = False
                error(Msg("check.unknown_variable", id=node.question), at,
                      _unknown_name_hint(kb, node.question), "unknown-question")
                continue
            problem = type_problem(node, kb.variable(node.question))
            if problem:
                ok = False
                error(problem[0], at, problem[1], "type")
    return ok


def _unknown_name_hint(kb: KnowledgeBase, name: str) -> Msg:
    from .parser import SPANISH_KEYWORDS

    if kb.has_conclusion(name):  # a conclusion written without its kind
        return Msg("hint.write", text=kb.conclusion(name).ref)
    if name.lower() in SPANISH_KEYWORDS:  # «y», «o», «no» read as a question's name
        return Msg("hint.english_keyword", word=name, keyword=SPANISH_KEYWORDS[name.lower()])
    return suggest(name, [v.id for v in (*kb.questions, *kb.derived)])


def _expression(kb: KnowledgeBase, item, variables, quiet, error: Report) -> bool:  # type: ignore[no-untyped-def]
    ok = True
    for node in walk_expression(item.expression):
        if isinstance(node, Var) and node.name not in quiet and node.name not in variables:
            ok = False
            error(Msg("check.unknown_variable", id=node.name),
                  _at(item.expression_location, node.pos), _unknown_name_hint(kb, node.name),
                  "unknown-question")
    if not ok:
        return ok
    kind, problems = expression_type(item.expression, variables)
    for message, hint, node in problems:
        error(message, _at(item.expression_location, node.pos), hint, "type")
    if problems:
        return False
    wanted = "list" if item.type == "multichoice" else "number"
    if kind is not None and not kind.startswith(wanted):
        error(Msg("check.derived_type", id=item.id, declared=Msg(f"qtype.{item.type}")),
              item.expression_location, Msg("hint.derived_type"), "type")
        return False
    return True


def _templates(kb: KnowledgeBase, quiet: Iterable[str], error: Report) -> bool:
    """``{id}`` in a conclusion's text shows an answer or a derived value: the id must
    exist, written exactly (nothing else may be written between braces, and every brace
    must be one of a pair: a lone one is shown as it is, which is never what was meant)."""
    ok = True
    quiet = set(quiet)
    texts = [(c, (c.title, c.explanation)) for c in kb.conclusions]
    texts += [(r, (r.basis,)) for r in kb.rules if r.basis is not None]
    for element, parts in texts:
        for text in parts:
            for lang in ("es", "en"):
                found = text.get(lang)
                for name in PLACEHOLDER.findall(found):
                    if name in quiet:
                        continue
                    if not kb.has_variable(name):
                        ok = False
                        error(Msg("check.unknown_placeholder", name=name, id=element.id),
                              element.location, _unknown_name_hint(kb, name.strip()),
                              "template")
                if "{" in PLACEHOLDER.sub("", found) or "}" in PLACEHOLDER.sub("", found):
                    ok = False
                    error(Msg("check.lone_brace", id=element.id, text=found[:60]),
                          element.location, Msg("hint.lone_brace"), "template")
    return ok


def _policy(kb: KnowledgeBase, error: Report) -> None:
    """Faithfulness: what the document states cites it; additions never raise high risks."""
    for conclusion in kb.conclusions:
        if conclusion.provenance == "document" and not conclusion.points:
            error(Msg("policy.document_needs_points", id=conclusion.id), conclusion.location,
                  Msg("hint.document_points"), "provenance")
        if conclusion.kind == "risk" and conclusion.provenance == "practice" and \
                conclusion.severity == "high":
            error(Msg("policy.practice_high", id=conclusion.id), conclusion.location,
                  Msg("hint.practice_high"), "provenance")
    for rule in kb.rules:
        risks = [kb.conclusion(c) for c in rule.then
                 if kb.has_conclusion(c) and kb.conclusion(c).kind == "risk"]
        if rule.severity is not None and not risks:
            error(Msg("policy.severity_without_risk", id=rule.id), rule.location,
                  Msg("hint.remove_field", key="severity"), "field")
        for risk in risks:
            level = rule.severity or risk.severity
            # A rule that only inherits the risk's own high level is the same mistake as
            # the risk's, reported once there.
            if risk.provenance == "practice" and rule.severity == "high":
                error(Msg("policy.practice_high", id=risk.id), rule.location,
                      Msg("hint.practice_high"), "provenance")
            refs = [kb.conclusion(n.conclusion) for n in walk(rule.when) if isinstance(n, Ref)]
            if risk.provenance == "document" and level == "high" and refs and \
                    all(r.provenance == "practice" for r in refs):
                error(Msg("policy.high_on_practice", risk=risk.id, rule=rule.id),
                      rule.when_location, Msg("hint.practice_high"), "provenance")


def diagnose(root: str | Path, texts: dict[str, str] | None = None) -> list[Diagnostic]:
    """Everything ``expert check`` reports: load errors, semantic errors, engine limits and
    warnings; errors first, each group in file order. ``texts`` replace files on disk."""
    from .compiler import EngineLimitError, compile_kb
    from .errors import InputError
    from .loader import read_knowledge_base

    try:
        kb, diagnostics = read_knowledge_base(root, lint=True, texts=texts)
    except InputError as error:
        return list(error.diagnostics)
    if kb is not None and not any(d.severity == "error" for d in diagnostics):
        try:
            compile_kb(kb)
        except EngineLimitError as problem:
            diagnostics.append(Diagnostic("error", problem.message, problem.location,
                                          problem.hint, "engine-limit"))
    return sorted(diagnostics, key=_position)


def _position(diagnostic: Diagnostic) -> tuple[int, str, int, int]:
    where = diagnostic.location
    return (diagnostic.severity != "error", where.file or "", where.line or 0,
            where.column or 0)
