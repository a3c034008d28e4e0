"""Why a conclusion holds (or does not): derivation trees from the engine's trace.

An established conclusion is explained by the rules that fired for it and, under each
rule, what it read: the client's answers in words (with the consultant's notes) and the
conclusions it used, themselves explained in turn, down to the answers; then what the
document says (the passage) or that it is consulting practice. An open conclusion is
explained by the questions that would decide it. ``detail`` adds the rule ids and their
conditions as written, for whoever edits the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import wording
from .errors import InputError
from .i18n import Msg, t
from .infer import Result
from .text import printable


@dataclass
class Node:
    text: str
    children: list[Node] = field(default_factory=list)


def explain(result: Result, conclusion_id: str, lang: str, *, detail: bool = False) -> Node:
    kb = result.kb
    if not kb.has_conclusion(conclusion_id):
        from .fields import suggest

        raise InputError(Msg("explain.unknown_conclusion", id=conclusion_id), None,
                         suggest(conclusion_id, [c.id for c in kb.conclusions]), code="usage")
    if conclusion_id in result.trace:
        return _established(result, conclusion_id, lang, set(), detail)
    head = Node(_title(result, conclusion_id, lang, detail))
    point = next((p for p in result.open if p.conclusion_id == conclusion_id), None)
    if point is None:
        head.children.append(Node(t("explain.not_reached", lang)))
        if detail:
            for rule in kb.rules_deriving(conclusion_id):
                head.children.append(Node(f"{t('explain.rule', lang)} {rule.id}: "
                                          f"{rule.when_text}"))
        return head
    opened = Node(t("explain.open", lang))
    for qid in point.questions:
        opened.children.append(Node(kb.question(qid).text.get(lang)))
    head.children.append(opened)
    return head


def _title(result: Result, cid: str, lang: str, detail: bool) -> str:
    conclusion = result.kb.conclusion(cid)
    label = t("kind." + conclusion.kind, lang).upper()
    text = f"{label}: {wording.title(result, conclusion, lang, printable)}"
    if conclusion.kind == "risk" and cid in result.trace:
        level = t("level." + result.severity(cid), lang)
        text += f" ({t('eval.severity_level', lang, level=level)})"
    return text + (f" [{conclusion.ref}]" if detail else "")


def _established(result: Result, cid: str, lang: str, path: set[str], detail: bool) -> Node:
    kb = result.kb
    conclusion = kb.conclusion(cid)
    node = Node(_title(result, cid, lang, detail))
    if cid in path:  # a positive cycle: already explained above
        return node
    basis = wording.severity_basis(result, cid, lang, printable) \
        if conclusion.kind == "risk" else ""
    if basis:
        node.children.append(Node(t("eval.basis", lang, text=basis)))
    for firing in result.trace[cid]:
        rule = kb.rule(firing.rule_id)
        step = Node(t("explain.because", lang) if not detail else
                    f"{t('explain.rule', lang)} {rule.id}: {rule.when_text}")
        for qid, value in firing.answers:
            if value is None or not kb.has_variable(qid):
                continue
            variable = kb.variable(qid)
            text = t("wording.answered", lang, question=variable.text.get(lang),
                     answer=printable(wording.show_value(variable, value, lang)))
            note = result.facts.notes.get(qid)
            if note:
                text += f" — {t('eval.note', lang)}: «{printable(note)}»"
            step.children.append(Node(text))
        for ref_id, established in firing.conclusions:
            if established and ref_id in result.trace:
                step.children.append(_established(result, ref_id, lang, path | {cid}, detail))
            else:
                title = wording.title(result, kb.conclusion(ref_id), lang, printable)
                step.children.append(Node(t("explain.absent", lang, title=title)))
        node.children.append(step)
    origin = wording.provenance(conclusion, kb, lang)
    if origin["kind"] == "document":
        for passage in origin["passages"]:
            node.children.append(Node(t("explain.passage", lang, section=passage["section"],
                                        title=passage["title"], quote=passage["quote"])))
    else:
        node.children.append(Node(t("report.practice", lang)))
    return node


def render_tree(node: Node) -> str:
    lines = [node.text]

    def walk(children: list[Node], prefix: str) -> None:
        for index, child in enumerate(children):
            last = index == len(children) - 1
            lines.append(prefix + ("└─ " if last else "├─ ") + child.text)
            walk(child.children, prefix + ("   " if last else "│  "))

    walk(node.children, "")
    return "\n".join(lines)
