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

from .i18n import number, plural_form, t
from .model import Conclusion, KnowledgeBase, Variable

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
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


def fill(text: str, kb: KnowledgeBase, values: Mapping[str, Any], lang: str,
         escape: Escape = str) -> str:
    """``text`` with each ``{id}`` replaced by that answer or derived value in words; a
    value not known yet (an open point's title) shows as «…»."""
    if "{" not in text:
        return text

    def value_of(match: re.Match[str]) -> str:
        name = match.group(1)
        if not kb.has_variable(name) or values.get(name) is None:
            return "…"
        return escape(show_value(kb.variable(name), values.get(name), lang))

    return PLACEHOLDER.sub(value_of, text)


def title(result: Any, conclusion: Conclusion, lang: str, escape: Escape = str) -> str:
    return fill(conclusion.title.get(lang), result.kb, result.values, lang, escape)


def explanation(result: Any, conclusion: Conclusion, lang: str, escape: Escape = str) -> str:
    return fill(conclusion.explanation.get(lang), result.kb, result.values, lang, escape)


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
    passages = [{"section": kb.point(p).section, "quote": kb.point(p).quote,
                 "title": kb.section(kb.point(p).section).title.get(lang)}
                for p in conclusion.points if kb.has_point(p)]
    key = "provenance.document" if conclusion.provenance == "document" else \
        "provenance.practice"
    return {"kind": conclusion.provenance, "label": t(key, lang), "passages": passages}
