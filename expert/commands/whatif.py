"""``expert whatif``: the effect of changed answers, and the fewest changes that clear a
risk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .. import wording
from ..answers import AnswerError, coerce, is_unknown_word
from ..errors import InputError, Location
from ..facts import as_written, load_facts, thousands_as_written
from ..fields import suggest
from ..i18n import Msg, t
from ..infer import Expert
from ..loader import bundled_kb_path
from ..text import printable
from ..whatif import clear, compare, with_answers
from ..yamlio import parse_document


def parse_assignment(expert: Expert, text: str) -> tuple[str, Any]:
    """``QUESTION=VALUE``, the value written as in a fact file."""
    qid, sep, raw = text.partition("=")
    qid = qid.strip()
    where = Location("--set")
    if not sep:
        raise InputError(Msg("whatif.not_assignment", text=text), where,
                         Msg("hint.whatif_example", example=_example(expert, qid)), code="usage")
    if not expert.kb.has_question(qid):
        raise InputError(Msg("facts.unknown_question", id=qid), where,
                         suggest(qid, [q.id for q in expert.kb.questions]),
                         code="unknown-question")
    value: Any = None
    if raw.strip() and not is_unknown_word(raw):
        # The same reader as fact files: YAML 1.2 values, positions, every fault an error.
        try:
            document = parse_document(f"v: {raw}" if "\n" not in raw else raw, "--set")
        except InputError as error:
            raise _about(qid, text, error) from None
        data = document.data
        value = data.get("v") if isinstance(data, dict) else raw
        # As in a fact file: a text as typed, and 16.000 (16 to YAML) refused as ambiguous.
        if expert.kb.question(qid).type == "text":
            value = as_written(document, ("v",), value)
        elif isinstance(value, float):
            value = thousands_as_written(document, ("v",), value)
    try:
        return qid, coerce(expert.kb.question(qid), value)
    except AnswerError as problem:
        raise InputError(Msg("facts.bad_answer", id=qid, problem=problem.message), where,
                         problem.hint, code="bad-answer") from None


def _example(expert: Expert, typed: str) -> str:
    """``target_outlets=50``: an assignment to a real question of this knowledge base (the
    one typed if it is a number question, else the first), with a value it takes, never an
    id the knowledge base does not have."""
    questions = sorted(expert.kb.questions, key=lambda q: q.id != typed)
    for question in questions:
        if question.type == "number":
            low, high = question.plausible
            value = low if low is not None else question.bounds[0]
            value = max(value or 0, 1)
            if high is not None:
                value = min(value, high)
            return f"{question.id}={int(value) if float(value).is_integer() else value}"
    return f"{questions[0].id}=…" if questions else "…=…"


def _about(qid: str, text: str, error: InputError) -> InputError:
    """A fault of the value, told about the question and the option as typed: positions
    inside the text read would mean nothing on a command line."""
    return InputError(Msg("facts.bad_answer", id=qid, problem=error.message),
                      Location(f"--set {text}"), error.hint, code=error.code)


def run_whatif(facts_path: Path, sets: tuple[str, ...], clear_risk: str | None,
               kb_dir: Path | None, lang: str) -> int:
    expert = Expert.open(kb_dir or bundled_kb_path())
    kb = expert.kb
    facts = load_facts(facts_path, kb)
    if not sets and clear_risk is None:
        raise InputError(Msg("whatif.nothing"), Location(None), Msg("hint.whatif_what"),
                         code="usage")
    if sets:
        changes = dict(parse_assignment(expert, item) for item in sets)
        before, after = expert.evaluate_many([facts, with_answers(facts, changes)])
        diff = compare(before, after)
        for label, ids, result in (("compare.appeared", diff.appeared, after),
                                   ("compare.disappeared", diff.disappeared, before),
                                   ("compare.opened", diff.opened, after),
                                   ("compare.closed", diff.closed, before)):
            for cid in ids:
                conclusion = kb.conclusion(cid)
                click.echo(f"{t(label, lang)} {t('kind.' + conclusion.kind, lang)}: "
                           f"{wording.title(result, conclusion, lang, printable)}")
        for cid, old, new in diff.regraded:
            click.echo(t("whatif.regraded", lang, old=t("level." + old, lang),
                         new=t("level." + new, lang),
                         title=wording.title(after, kb.conclusion(cid), lang, printable)))
        if not diff.changed:
            click.echo(t("whatif.same", lang))
    if clear_risk is not None:
        risk = clear_risk.split(".", 1)[-1]
        if not kb.has_conclusion(risk) or kb.conclusion(risk).kind != "risk":
            raise InputError(Msg("whatif.unknown_risk", id=clear_risk), Location("--clear"),
                             suggest(risk, [c.id for c in kb.conclusions if c.kind == "risk"]),
                             code="usage")
        result = clear(expert, facts, risk)
        title = wording.title(expert.evaluate(facts), kb.conclusion(risk), lang, printable)
        click.echo(f"{t('kind.risk', lang).capitalize()}: {title}")
        if result.state != "established":
            click.echo(t("whatif." + result.state, lang))
            return 0
        if not result.solutions:
            click.echo(t("whatif.none", lang))
        else:
            click.echo(t("whatif.alternatives", lang, count=len(result.solutions)))
        for number, solution in enumerate(result.solutions[:10], start=1):
            parts = [t("whatif.change", lang, question=kb.question(qid).text.get(lang),
                       answer=wording.show_value(kb.question(qid), value, lang))
                     for qid, value in solution]
            click.echo(f"  {t('whatif.option', lang, number=number)} " + "; ".join(parts))
        if len(result.solutions) > 10:
            click.echo("  " + t("whatif.more", lang, count=len(result.solutions) - 10))
        for qid in result.history:  # said, so that its absence is not a puzzle
            click.echo("  " + t("whatif.history", lang,
                                question=kb.question(qid).text.get(lang)))
        note = t("whatif.tried", lang, n=result.tried)
        if not result.complete:
            note += t("whatif.stopped", lang)
        click.echo(note, err=True)
    return 0
