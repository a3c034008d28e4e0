"""What the editor needs to know about a place in a knowledge-base file: which key the
cursor is in, which ids can go there, and what an id under the cursor stands for. Plain
text in, plain data out: the language server (``lsp``) only translates to the protocol.
"""

from __future__ import annotations

import re

from .. import wording
from ..errors import Location
from ..i18n import t
from ..model import KINDS, LEVELS, PROVENANCES, QUESTION_TYPES, KnowledgeBase

_KEY = re.compile(r"^(\s*)(?:-\s+)?([a-z_]+):(.*)$")
_WORD = re.compile(r"[A-Za-z0-9_./]")
CONDITION_KEYS = ("when", "ask_if", "value")
KEYWORDS = ("and", "or", "not", "in", "has", "is", "unknown", "known", "true", "false")


def key_at(lines: list[str], line: int, character: int) -> tuple[str | None, str]:
    """(the YAML key whose value the cursor is in, the text before the cursor in it)."""
    current = lines[line] if line < len(lines) else ""
    before = current[:character]
    match = _KEY.match(current)
    if match and character > len(match.group(1)) + len(match.group(2)):
        start = current.index(":") + 1
        return match.group(2), current[start:character]
    indent = len(current) - len(current.lstrip())
    for number in range(line - 1, -1, -1):  # a continuation line or a block list item
        candidate = _KEY.match(lines[number])
        if candidate and len(candidate.group(1)) < indent:
            return candidate.group(2), before
    return None, before


def completions(kb: KnowledgeBase, lines: list[str], line: int, character: int, lang: str
                ) -> list[tuple[str, str]]:
    """(label, detail) of what can be written at the cursor."""
    key, before = key_at(lines, line, character)
    if key in CONDITION_KEYS:
        return _in_condition(kb, before, lang)
    if key == "then":
        return [(c.ref, c.title.get(lang)) for c in kb.conclusions]
    if key == "sections":
        return [(s.id, s.title.get(lang)) for f in kb.families for s in f.sections]
    if key == "points":
        return [(p.id, p.summary.get(lang)) for p in kb.points]
    fixed = {"severity": LEVELS, "priority": LEVELS, "provenance": PROVENANCES,
             "kind": KINDS, "type": QUESTION_TYPES,
             "family": ("PLAN", *(f.id for f in kb.families))}
    if key in fixed:
        return [(value, "") for value in fixed[key]]
    return []


def _in_condition(kb: KnowledgeBase, before: str, lang: str) -> list[tuple[str, str]]:
    # After «x ==», «x in [», «x has», a choice variable's choices.
    choice = re.search(r"([a-z_][a-z0-9_]*)\s*(?:==|!=|=|\bin\s*\[[^\]]*|\bhas)\s*[\w ,]*$",
                       before)
    if choice and kb.has_variable(choice.group(1)):
        variable = kb.variable(choice.group(1))
        if variable.choices:
            return [(c.id, c.label.get(lang)) for c in variable.choices]
    word = re.search(r"([a-z_]+)\.$", before)
    if word and word.group(1) in KINDS:
        return [(c.id, c.title.get(lang)) for c in kb.conclusions if c.kind == word.group(1)]
    items = [(v.id, v.text.get(lang)) for v in (*kb.questions, *kb.derived)]
    items += [(c.ref, c.title.get(lang)) for c in kb.conclusions]
    return items + [(k, "") for k in KEYWORDS]


def word_at(lines: list[str], line: int, character: int) -> str:
    text = lines[line] if line < len(lines) else ""
    start = end = min(character, len(text))
    while start > 0 and _WORD.match(text[start - 1]):
        start -= 1
    while end < len(text) and _WORD.match(text[end]):
        end += 1
    return text[start:end].strip("./")


def hover_text(kb: KnowledgeBase, word: str, lang: str) -> str | None:
    kind, _, rest = word.partition(".")
    if kind in KINDS and kb.has_conclusion(rest):
        word = rest
    if kb.has_variable(word):
        variable = kb.variable(word)
        if variable.derived:
            return f"**{variable.text.get(lang)}**\n\n`{variable.expression_text}`"
        choices = "".join(f"\n- `{c.id}`: {c.label.get(lang)}" for c in variable.choices)
        return (f"**{variable.text.get(lang)}**\n\n{variable.help.get(lang)}"
                f"\n\n_{t('qtype.' + variable.type, lang)}_{choices}")
    if kb.has_conclusion(word):
        conclusion = kb.conclusion(word)
        return (f"**{t('kind.' + conclusion.kind, lang)}: {conclusion.title.get(lang)}**"
                f"\n\n{conclusion.explanation.get(lang)}")
    if kb.has_point(word):
        point = kb.point(word)
        return f"**{point.id}**: {point.summary.get(lang)}\n\n«{wording.excerpt(point.quote)}…»"
    if kb.has_section(word):
        section = kb.section(word)
        return f"**{section.id} {section.title.get(lang)}**\n\n{section.summary.get(lang)}"
    return None


def location_of(kb: KnowledgeBase, word: str) -> Location | None:
    kind, _, rest = word.partition(".")
    if kind in KINDS and kb.has_conclusion(rest):
        word = rest
    if kb.has_variable(word):
        return kb.variable(word).location
    if kb.has_conclusion(word):
        return kb.conclusion(word).location
    if kb.has_point(word):
        return kb.point(word).location
    if kb.has_section(word):
        return kb.section(word).location
    for rule in kb.rules:
        if rule.id == word:
            return rule.location
    return None
