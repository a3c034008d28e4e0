"""Answers and conclusions as a reader reads them, in either language.

- ``show_value``: an answer or a derived value in words: labels, yes/no, numbers written
  the language's way, units.
- ``fill``: a conclusion's text with its ``{id}`` placeholders replaced by the plan's
  values. Values are data: they are inserted as text, after the caller's ``escape`` (HTML,
  Markdown, the terminal), and nothing in them is ever interpreted.
- ``because``: which answers led to a conclusion, in words («porque respondió "Solo volumen
  de ventas"»), from the trace of the rules that fired.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from .i18n import locale_of, number, plural_form, t
from .model import Conclusion, KnowledgeBase, Variable

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
# A placeholder that ends the text, with what introduces it: «…sin partida: {fees}».
PARENTHESIS = re.compile(r"\s*\([^()]*\)")
TRAILING_PLACEHOLDER = re.compile(r"\s*[:—–]\s*\{([a-z][a-z0-9_]*)\}(\.?)\s*$")
Escape = Callable[[str], str]


def show_value(variable: Variable, value: Any, lang: str) -> str:
    """An answer as a consultant reads it: labels, yes/no, numbers, units."""
    if value is None:
        return t("unknown", lang)
    kind = variable.type
    if kind == "boolean":
        return t("yes" if value else "no", lang)
    if kind == "choice":
        choice = variable.choice(value)
        return choice.label.get(lang) if choice else str(value)
    if kind == "multichoice":
        labels = [c.label.get(lang) for c in variable.choices if c.id in value]
        return ", ".join(labels) if labels else t("none_selected", lang)
    if kind in ("number", "percent") and isinstance(value, (int, float)):
        shown = number(round(value, 2) if isinstance(value, float) else value, lang)
        if kind == "percent":
            return f"{shown} %" if lang == "es" else f"{shown}%"
        if variable.unit is not None:
            return f"{shown} {unit(variable.unit.get(lang), value, lang)}"
        return shown
    return str(value)


def unit(text: str, value: float, lang: str) -> str:
    """«persona|personas»: the form the number takes (CLDR plural rules)."""
    if "|" not in text:
        return text
    one, _, other = text.partition("|")
    return one if plural_form(value, lang) == "one" else other


def unit_name(text: str) -> str:
    """A unit named on its own, not after a number: «personas» for «persona|personas»."""
    return text.rpartition("|")[2]


def fill(text: str, kb: KnowledgeBase, values: Mapping[str, Any], lang: str,
         escape: Escape = str, *, brief: bool = False) -> str:
    """``text`` with each ``{id}`` replaced by that answer or derived value in words; a
    value not known yet (an open point's title) shows as «…», except at the very end after a
    colon or a dash, where it is dropped with them («…sin partida: {x}» reads «…sin
    partida»). ``brief`` (a title) also drops a parenthesis whose values are all unknown
    («(… de …)»)."""
    if "{" not in text:
        return text

    def known(name: str) -> bool:
        return kb.has_variable(name) and values.get(name) is not None

    if brief:
        def unknown_aside(match: re.Match[str]) -> str:
            names = PLACEHOLDER.findall(match.group(0))
            return "" if names and not any(known(n) for n in names) else match.group(0)

        text = PARENTHESIS.sub(unknown_aside, text)

    trailing = TRAILING_PLACEHOLDER.search(text)
    if trailing is not None and not known(trailing.group(1)) and trailing.start() > 0:
        text = text[:trailing.start()] + trailing.group(2)

    def value_of(match: re.Match[str]) -> str:
        name = match.group(1)
        if not known(name):
            return "…"
        return escape(show_value(kb.variable(name), values.get(name), lang))

    return PLACEHOLDER.sub(value_of, text)


def excerpt(quote: str) -> str:
    """The opening words of a passage, ready to be followed by «…»: a final period, comma,
    colon or semicolon would read «.…»."""
    return quote.rstrip().rstrip(".,;:…").rstrip()


def show_meta(key: str, value: Any, lang: str) -> str:
    """A plan's detail (client, plan, date, consultant) as a reader reads it."""
    return show_date(value, lang) if key == "date" else str(value)


def show_moment(value: str, lang: str) -> str:
    """An ISO date and time (UTC, as stored) as the language writes them: «29 nov 2026,
    1:39» / «Nov 29, 2026, 1:39 AM»."""
    import datetime

    try:
        moment = datetime.datetime.fromisoformat(str(value).strip())
    except ValueError:
        return str(value)
    from babel.dates import format_date, format_time

    locale = locale_of(lang)
    return f"{format_date(moment, format='medium', locale=locale)}, " \
           f"{format_time(moment, format='short', locale=locale)}"


def show_date(value: Any, lang: str) -> str:
    """A plan's date as the language writes it («29 de noviembre de 2026», «November 29,
    2026»); text that is not an ISO date is shown as it was written."""
    import datetime

    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        try:
            value = datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            return str(value)
    from babel.dates import format_date

    return format_date(value, format="long", locale=locale_of(lang))


def generic_title(conclusion: Conclusion, kb: KnowledgeBase, lang: str) -> str:
    """A conclusion's title without any plan's values, for counts over many plans: a final
    «: {x}» is dropped, and so is a parenthesis of values («(… de …)»)."""
    return fill(conclusion.title.get(lang), kb, {}, lang, brief=True)


def title(result: Any, conclusion: Conclusion, lang: str, escape: Escape = str) -> str:
    return fill(conclusion.title.get(lang), result.kb, result.values, lang, escape, brief=True)


def explanation(result: Any, conclusion: Conclusion, lang: str, escape: Escape = str) -> str:
    return fill(conclusion.explanation.get(lang), result.kb, result.values, lang, escape)


def severity_basis(result: Any, risk_id: str, lang: str, escape: Escape = str) -> str:
    """Why the risk has its level, as one text: two rules that set the same level give two
    sentences on one «Gravedad:» line, not two lines («… punto de venta. Dos o más…»)."""
    sentences = []
    for basis in result.basis(risk_id):
        text = fill(basis.get(lang), result.kb, result.values, lang, escape).strip()
        if not text:
            continue
        if sentences:
            text = text[:1].upper() + text[1:]
        if text[-1] not in ".!?…":
            text += "."
        sentences.append(text)
    return " ".join(sentences)


def level_word(level: str, lang: str) -> str:
    """«alta», «media», «baja»: the words agree with «gravedad» and «prioridad»."""
    return t("level." + level, lang)


def because(result: Any, conclusion_id: str, lang: str, *, depth: int = 0) -> list[str]:
    """The answers behind an established conclusion, in words, with no repetitions:
    «Sobre qué se evalúa…: "Solo volumen de ventas"». Conclusions a rule read are followed
    down to their own answers (a few levels at most)."""
    kb = result.kb
    found: list[str] = []
    for firing in result.trace.get(conclusion_id, ()):
        for qid, value in firing.answers:
            if value is None or not kb.has_variable(qid):
                continue
            variable = kb.variable(qid)
            line = t("wording.answered", lang, question=variable.text.get(lang),
                     answer=show_value(variable, value, lang))
            if line not in found:
                found.append(line)
        if depth < 4:
            for ref, established in firing.conclusions:
                if established:
                    for line in because(result, ref, lang, depth=depth + 1):
                        if line not in found:
                            found.append(line)
    return found


def provenance(conclusion: Conclusion, kb: KnowledgeBase, lang: str) -> dict[str, Any]:
    """Whether the document states the conclusion (with the passages) or it is practice."""
    passages = [{"section": kb.point(p).section, "quote": excerpt(kb.point(p).quote),
                 "title": kb.section(kb.point(p).section).title.get(lang)}
                for p in conclusion.points if kb.has_point(p)]
    key = "provenance.document" if conclusion.provenance == "document" else \
        "provenance.practice"
    return {"kind": conclusion.provenance, "label": t(key, lang), "passages": passages}
