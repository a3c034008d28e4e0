"""``expert whatif``: the effect of changed answers, and the fewest changes that clear a
risk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import yaml

from ..errors import InputError, Location
from ..facts import coerce, load_facts
from ..i18n import t
from ..infer import Expert
from ..loader import bundled_kb_path
from ..report.data import show_value
from ..whatif import clear, compare, with_answers


def parse_assignment(expert: Expert, text: str) -> tuple[str, Any]:
    qid, sep, raw = text.partition("=")
    qid = qid.strip()
    where = Location("--set")
    if not sep:
        raise InputError(f"'{text}' is not QUESTION=VALUE", where,
                         "for example --set staff_per_province=6", code="usage")
    if not expert.kb.has_question(qid):
        raise InputError(f"unknown question '{qid}'", where, "see the ids in the fact file",
                         code="unknown-question")
    try:
        value = yaml.safe_load(raw) if raw.strip() else None
    except yaml.YAMLError:
        value = raw
    try:
        return qid, coerce(expert.kb.question(qid), value)
    except ValueError as problem:
        raise InputError(f"--set {qid}: {problem.args[0]}", where,
                         problem.args[1] if len(problem.args) > 1 else None,
                         code="bad-answer") from None


def run_whatif(facts_path: Path, sets: tuple[str, ...], clear_risk: str | None,
               kb_dir: Path | None, lang: str) -> int:
    expert = Expert.open(kb_dir or bundled_kb_path())
    kb = expert.kb
    facts = load_facts(facts_path, kb)
    if not sets and clear_risk is None:
        raise InputError("nothing to do", Location(None),
                         "give --set QUESTION=VALUE or --clear RISK_ID", code="usage")
    if sets:
        changes = dict(parse_assignment(expert, item) for item in sets)
        before, after = expert.evaluate_many([facts, with_answers(facts, changes)])
        diff = compare(before, after)
        for label, ids in (("+", diff.appeared), ("-", diff.disappeared),
                           ("? +", diff.opened), ("? -", diff.closed)):
            for cid in ids:
                conclusion = kb.conclusion(cid)
                click.echo(f"{label} {conclusion.ref}: {conclusion.title.get(lang)}")
        if not any((diff.appeared, diff.disappeared, diff.opened, diff.closed)):
            click.echo(t("whatif.same", lang))
    if clear_risk is not None:
        risk = clear_risk.split(".", 1)[-1]
        if not kb.has_conclusion(risk) or kb.conclusion(risk).kind != "risk":
            raise InputError(f"unknown risk '{clear_risk}'", Location("--clear"),
                             "give a risk id such as deep_distribution_infeasible",
                             code="usage")
        result = clear(expert, facts, risk)
        click.echo(f"{kb.conclusion(risk).ref}: {kb.conclusion(risk).title.get(lang)}")
        if not result.solutions:
            click.echo(t("whatif.none", lang))
        for solution in result.solutions[:10]:
            parts = [f"{qid} = {show_value(kb.question(qid), value, lang)}"
                     for qid, value in solution]
            click.echo("  " + "; ".join(parts))
        if len(result.solutions) > 10:
            click.echo(f"  ... ({len(result.solutions)})")
        note = t("whatif.tried", lang, n=result.tried)
        if not result.complete:
            note += t("whatif.stopped", lang)
        click.echo(note, err=True)
    return 0



