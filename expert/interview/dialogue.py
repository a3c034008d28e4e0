"""What the consultant types, and what the interview says back: shared by the terminal
application and the plain line mode, so both behave the same.

A line is either a command (English or Spanish: ``help``/``ayuda``/``?``, ``why``/
``porqué``, ``back``/``atrás``, ``skip``/``saltar``, ``status``/``estado``, ``review``/
``revisar``, ``change <id>``/``cambiar <id>``, ``note <text>``/``nota <text>``, ``save``/
``guardar``, ``quit``/``salir``) or an answer to the current question.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..answers import MAX_TEXT
from ..numbers import normalise_number
from ..i18n import t
from ..model import LEVELS, Question
from ..wording import show_value
from .flow import Interview

COMMANDS = {
    "help": "help", "ayuda": "help", "?": "help",
    "why": "why", "porque": "why", "por que": "why",
    "back": "back", "atras": "back",
    "skip": "skip", "saltar": "skip", "unknown": "skip", "desconocido": "skip",
    "no se": "skip", "ns": "skip",
    "status": "status", "estado": "status",
    "review": "review", "revisar": "review",
    "change": "change", "cambiar": "change",
    "note": "note", "nota": "note",
    "save": "save", "guardar": "save",
    "quit": "quit", "salir": "quit", "exit": "quit",
}
_YES = {"si", "s", "yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


class BadAnswer(ValueError):
    """An answer the question cannot take; the message is the one-line reason."""


@dataclass
class Reply:
    lines: list[str] = field(default_factory=list)
    quit: bool = False


def fold(text: str) -> str:
    """Lower case without accents, so 'Sí', 'si' and 'SÍ' are one answer."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def split_command(line: str) -> tuple[str | None, str]:
    text = line.strip()
    folded = fold(text)
    for word in sorted(COMMANDS, key=len, reverse=True):
        if folded == word or folded.startswith(word + " "):
            return COMMANDS[word], text[len(word):].strip()
    return None, text


def parse_answer(question: Question, text: str, lang: str) -> Any:
    """The typed value of an answer typed at the prompt, or ``BadAnswer``."""
    value = text.strip()
    if not value:
        raise BadAnswer(t("iv.bad.empty", lang))
    kind = question.type
    if kind == "boolean":
        folded = fold(value)
        if folded in _YES:
            return True
        if folded in _NO:
            return False
        raise BadAnswer(t("iv.bad.boolean", lang))
    if kind in ("choice", "multichoice"):
        if kind == "multichoice" and value == "-":
            return frozenset()
        parts = [p for p in value.replace(";", ",").split(",") if p.strip()]
        chosen = [_choice(question, part, lang) for part in parts]
        if kind == "choice":
            if len(chosen) != 1:
                raise BadAnswer(_bad_choice(question, lang))
            return chosen[0]
        return frozenset(chosen)
    if kind in ("number", "percent"):
        try:
            number = float(value.rstrip("%").replace(",", ".").strip())
        except ValueError:
            raise BadAnswer(t("iv.bad.number", lang)) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise BadAnswer(t("iv.bad.number", lang))
        low, high = question.bounds
        if (low is not None and number < low) or (high is not None and number > high):
            raise BadAnswer(t("iv.bad.range", lang, value=value, low=_fmt(low),
                              high=_fmt(high)))
        return normalise_number(number)
    if len(value) > MAX_TEXT:
        raise BadAnswer(t("iv.bad.text", lang))
    return value


def _choice(question: Question, text: str, lang: str) -> str:
    folded = fold(text)
    if folded.isdigit() and 1 <= int(folded) <= len(question.choices):
        return question.choices[int(folded) - 1].id
    for choice in question.choices:
        if folded in (choice.id, fold(choice.label.get(lang))):
            return choice.id
    raise BadAnswer(_bad_choice(question, lang))


def _bad_choice(question: Question, lang: str) -> str:
    ids = ", ".join(c.id for c in question.choices)
    return t("iv.bad.choice", lang, n=len(question.choices), ids=ids)


def _fmt(value: float | None) -> str:
    if value is None:
        return "∞"
    return str(normalise_number(value))


def question_text(question: Question, lang: str, current: Any = None) -> list[str]:
    """The question as shown: its text, its options, and what kind of answer it takes."""
    lines = [question.text.get(lang)]
    if question.choices:
        lines += [f"  {i}) {c.label.get(lang)} [{c.id}]"
                  for i, c in enumerate(question.choices, start=1)]
    hint = t(f"iv.hint.{question.type if question.type != 'percent' else 'number'}", lang)
    low, high = question.bounds
    if question.type in ("number", "percent") and (low is not None or high is not None):
        hint += " " + t("iv.hint.range", lang, low=_fmt(low), high=_fmt(high))
        if question.unit is not None:
            hint += f" ({question.unit.get(lang)})"
        elif question.type == "percent":
            hint += " (%)"
    if current is not None:
        hint += f" — {show_value(question, current, lang)}"
    lines.append(f"  ({hint})")
    return lines


def handle(interview: Interview, question: Question, line: str) -> Reply:
    """Apply one line typed at the prompt of ``question``."""
    lang = interview.lang
    kb = interview.kb
    command, rest = split_command(line)
    reply = Reply()
    if command is None:
        try:
            value = parse_answer(question, line, lang)
        except BadAnswer as problem:
            reply.lines.append(f"✗ {problem}")
            return reply
        for cid in interview.answer(question, value):
            conclusion = kb.conclusion(cid)
            reply.lines.append(t("iv.new_risk", lang, title=conclusion.title.get(lang),
                                 level=t("level." + (conclusion.severity or "low"), lang)))
        return reply
    if command == "skip":
        interview.answer(question, None)
        reply.lines.append(t("iv.skipped", lang))
    elif command == "help":
        reply.lines += [question.help.get(lang), t("iv.commands", lang)]
    elif command == "why":
        reply.lines += why_lines(interview, question)
    elif command == "back":
        undone = interview.back()
        reply.lines.append(t("iv.back", lang, text=undone.text.get(lang)) if undone
                           else t("iv.nothing_to_undo", lang))
    elif command == "status":
        reply.lines += status_lines(interview)
    elif command == "review":
        reply.lines.append(t("iv.review.header", lang))
        for family, items in interview.answers_by_family():
            reply.lines.append(f"  {family}")
            reply.lines += [f"    {q.id}: {show_value(q, v, lang)}" for q, v in items]
        reply.lines.append(t("iv.review.hint", lang))
    elif command == "change":
        target = interview.revisit(rest.strip())
        if target is None:
            reply.lines.append(t("iv.review.unknown_id", lang, id=rest.strip()))
    elif command == "note":
        if rest:
            interview.note(question, rest)
            reply.lines.append(t("iv.note.saved", lang))
        else:
            reply.lines.append(t("iv.note.empty", lang))
    elif command == "save":
        interview.save()
        reply.lines.append(t("iv.saved", lang, path=interview.path))
    elif command == "quit":
        interview.save()
        reply.quit = True
    return reply


def why_lines(interview: Interview, question: Question) -> list[str]:
    lang, kb = interview.lang, interview.kb
    decides = interview.why(question)
    if not decides:
        return [t("iv.why.none", lang)]
    lines = [t("iv.why.header", lang)]
    for cid, rules, sections in decides:
        conclusion = kb.conclusion(cid)
        cites = "; ".join(f"{s} {kb.section(s).title.get(lang)}" for s in sections)
        lines.append(f"  - {t('kind.' + conclusion.kind, lang)}: {conclusion.title.get(lang)}"
                     f" ({cites}; {t('iv.why.rules', lang)}: {', '.join(rules)})")
    return lines


def status_lines(interview: Interview) -> list[str]:
    lang, result = interview.lang, interview.result
    risks = result.established("risk")
    lines = [t("kinds.risk", lang) + ":"]
    if not risks:
        lines.append("  " + t("iv.status.none", lang))
    for level in LEVELS:
        lines += [f"  [{t('level.' + level, lang)}] {r.title.get(lang)}"
                  for r in risks if r.severity == level]
    measures = result.established("measure")
    if measures:
        lines.append(t("kinds.measure", lang) + ":")
        lines += [f"  - {m.title.get(lang)}" for m in measures]
    lines.append(t("iv.status.open", lang, n=len(result.open)))
    return lines
