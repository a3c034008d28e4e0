"""Why a conclusion holds (or does not): derivation trees from the engine's trace.

An established conclusion is explained by the rules that fired for it (each with its
condition as written, its document section and the paragraph's opening words) and, under
each rule, the facts it read: the client's answers (with the consultant's notes) and the
conclusions it used, themselves explained in turn, down to the answers. An open
conclusion is explained by the unknown answers that would decide it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .i18n import t
from .infer import Result
from .report.data import show_value

KIND_LABEL = {"finding": "kind.finding", "risk": "kind.risk", "measure": "kind.measure"}


@dataclass
class Node:
    text: str
    children: list[Node] = field(default_factory=list)


def explain(result: Result, conclusion_id: str, lang: str) -> Node:
    kb = result.kb
    if not kb.has_conclusion(conclusion_id):
        from .errors import InputError

        raise InputError(f"unknown conclusion '{conclusion_id}'", None,
                         "give an id such as deep_distribution_infeasible", code="usage")
    if conclusion_id in result.trace:
        return _established(result, conclusion_id, lang, set())
    conclusion = kb.conclusion(conclusion_id)
    head = Node(_title(result, conclusion_id, lang))
    point = next((p for p in result.open if p.conclusion_id == conclusion_id), None)
    if point is None:
        head.children.append(Node(t("explain.not_reached", lang)))
        for rule in kb.rules_deriving(conclusion.id):
            head.children.append(Node(f"{t('explain.rule', lang)} {rule.id}: {rule.when_text}"))
        return head
    opened = Node(t("explain.open", lang))
    for qid in point.questions:
        question = kb.question(qid)
        opened.children.append(Node(f"{question.text.get(lang)} [{qid}]"))
    head.children.append(opened)
    return head


def _title(result: Result, cid: str, lang: str) -> str:
    conclusion = result.kb.conclusion(cid)
    label = t(KIND_LABEL[conclusion.kind], lang).upper()
    return f"{label} {conclusion.title.get(lang)} [{conclusion.ref}]"


def _established(result: Result, cid: str, lang: str, path: set[str]) -> Node:
    kb = result.kb
    node = Node(_title(result, cid, lang))
    if cid in path:  # a positive cycle: already explained above
        return node
    for firing in result.trace[cid]:
        rule = kb.rule(firing.rule_id)
        citations = []
        for section_id in rule.sections:
            section = kb.section(section_id)
            citations.append(f"{section_id} {section.title.get(lang)} "
                             f"({t('explain.paragraph', lang)}: «{section.starts_with}…»)")
        step = Node(f"{t('explain.rule', lang)} {rule.id} — " + "; ".join(citations))
        step.children.append(Node(f"{t('explain.condition', lang)}: {rule.when_text}"))
        for qid, value in firing.answers:
            question = kb.question(qid)
            shown = show_value(question, value, lang)
            text = (f"{t('explain.answered', lang)}: «{question.text.get(lang)}» → "
                    f"\"{shown}\" [{qid}]")
            note = result.facts.notes.get(qid)
            if note:
                text += f" — {t('eval.note', lang)}: \"{note}\""
            step.children.append(Node(text))
        for ref_id, established in firing.conclusions:
            if established and ref_id in result.trace:
                step.children.append(_established(result, ref_id, lang, path | {cid}))
            else:
                conclusion = kb.conclusion(ref_id)
                step.children.append(Node(f"{conclusion.ref}: "
                                          f"{t('explain.not_established', lang)}"))
        node.children.append(step)
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
