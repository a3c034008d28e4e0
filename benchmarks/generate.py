"""Generated knowledge bases and plans for the benchmarks.

A generated knowledge base is written as real YAML files in the project's format (same
condition language, same loader, same checks) so that load and compile are measured too.
Shape: ``questions`` questions (booleans, numbers, choices, a few multi-choices), rules of
one to three tests in chains up to depth 4 (a rule at level k reads one or two conclusions
of level k-1 and answers), and plans that answer about ``answered`` questions each.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml

from expert.writer import dump_yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "knowledge_base" / "sources.yaml"
SECTIONS = ["SYS.BASIC.PERF", "SYS.BASIC.COLLAB", "SYS.FUNC", "PROC.OPTIMIZE",
            "PROC.STRUCTURE", "AUTH.DEPT", "AUTH.HQ_BRANCH", "AUTH.ACTIVITY", "RES.OBJECTIVES",
            "RES.KEY_PROJECTS", "RES.SYNTHESIS"]
CHOICES = ["a", "b", "c", "d"]
DEPTH = 4


def _text(text: str) -> dict[str, str]:
    return {"es": text, "en": text}


def _atom(rng: random.Random, question: dict[str, Any]) -> str:
    qid, kind = question["id"], question["type"]
    if kind == "boolean":
        return rng.choice([qid, f"not {qid}"])
    if kind == "number":
        op = rng.choice(["<", "<=", ">", ">=", "==", "!="])
        return f"{qid} {op} {rng.randint(1, 9)}"
    if kind == "choice":
        if rng.random() < 0.5:
            return f"{qid} == {rng.choice(CHOICES)}"
        return f"{qid} in [{', '.join(rng.sample(CHOICES, 2))}]"
    return f"{'not ' if rng.random() < 0.3 else ''}{qid} has {rng.choice(CHOICES)}"


def generate_kb(target: Path, rules: int, questions: int = 80, seed: int = 7) -> Path:
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    (target / "kb.yaml").write_text(yaml.safe_dump(
        {"name": _text(f"Generated {rules} rules"), "version": f"gen-{rules}-{seed}"}), "utf-8")
    (target / "sources.yaml").write_text(SOURCES.read_text("utf-8"), "utf-8")
    kinds = ["boolean"] * 4 + ["number"] * 3 + ["choice"] * 2 + ["multichoice"]
    qs = []
    for index in range(questions):
        kind = kinds[index % len(kinds)]
        question: dict[str, Any] = {"id": f"q{index}", "type": kind,
                                    "sections": [SECTIONS[index % len(SECTIONS)]],
                                    "text": _text(f"Question {index}?"), "help": _text("-")}
        if kind == "number":
            question.update({"min": 0, "max": 10})
        if kind in ("choice", "multichoice"):
            question["choices"] = [{"id": c, "label": _text(c)} for c in CHOICES]
        qs.append(question)
    conclusions: list[dict[str, Any]] = []
    by_level: dict[int, list[str]] = {level: [] for level in range(DEPTH + 1)}
    rule_list = []
    n_conclusions = max(DEPTH + 1, rules * 6 // 10)
    for index in range(n_conclusions):
        level = min(DEPTH, index * (DEPTH + 1) // n_conclusions)
        kind = "finding" if level < DEPTH - 1 else ("risk" if level == DEPTH - 1 else "measure")
        cid = f"{kind[0]}{index}"
        item: dict[str, Any] = {"id": cid, "kind": kind, "title": _text(cid),
                                "explanation": _text(cid), "sections": [rng.choice(SECTIONS)],
                                "provenance": "practice"}
        if kind == "risk":
            # A consultant's practice never grounds a high risk; drawn from three as before,
            # so the rest of the generated KB stays the same.
            item["severity"] = rng.choice(["medium", "medium", "low"])
        if kind == "measure":
            item["priority"] = rng.choice(["high", "medium", "low"])
        conclusions.append(item)
        by_level[level].append(cid)
    refs = {c["id"]: c["kind"] for c in conclusions}
    for index in range(rules):
        target_conclusion = conclusions[index % len(conclusions)]
        level = next(lv for lv, ids in by_level.items() if target_conclusion["id"] in ids)
        tests = [_atom(rng, rng.choice(qs)) for _ in range(rng.randint(1, 3 if level == 0 else 2))]
        if level > 0:
            for ref in rng.sample(by_level[level - 1], min(len(by_level[level - 1]),
                                                          rng.randint(1, 2))):
                tests.insert(0, f"{refs[ref]}.{ref}")
        if len(tests) > 2 and rng.random() < 0.3:
            when = f"{tests[0]} and ({tests[1]} or {tests[2]})"
        else:
            when = " and ".join(tests)
        rule_list.append({"id": f"r{index}", "sections": target_conclusion["sections"],
                          "when": when,
                          "then": [f"{target_conclusion['kind']}.{target_conclusion['id']}"]})
    family = {"family": "SYS", "questions": qs, "conclusions": conclusions, "rules": rule_list}
    (target / "generated.yaml").write_text(dump_yaml(family), "utf-8")
    return target


def generate_plans(kb, count: int, answered: int = 60, seed: int = 11) -> list[dict[str, Any]]:
    """Plans as typed answers (what the loader would produce from fact files)."""
    rng = random.Random(seed)
    questions = list(kb.questions)
    plans = []
    for _ in range(count):
        chosen = rng.sample(questions, min(answered, len(questions)))
        answers: dict[str, Any] = {}
        for question in chosen:
            if question.type == "boolean":
                answers[question.id] = rng.random() < 0.5
            elif question.type in ("number", "percent"):
                value = rng.randint(0, 10)  # within the question's bounds, if it has any
                if question.minimum is not None and value < question.minimum:
                    value = question.minimum
                if question.maximum is not None and value > question.maximum:
                    value = question.maximum
                answers[question.id] = value
            elif question.type == "choice":
                answers[question.id] = rng.choice([c.id for c in question.choices])
            elif question.type == "multichoice":
                ids = [c.id for c in question.choices]
                chosen_ids = frozenset(rng.sample(ids, rng.randint(0, len(ids))))
                if len(chosen_ids) > 1:  # an exclusive choice («none») is only ever alone
                    chosen_ids -= {c.id for c in question.choices if c.exclusive}
                answers[question.id] = chosen_ids
            else:
                answers[question.id] = "text"
        plans.append(answers)
    return plans


def plan_to_yaml(kb, answers: dict[str, Any], index: int) -> str:
    from expert.facts import to_yaml_value

    data = {"meta": {"client": f"Client {index}", "plan": "Generated"},
            "answers": {q: to_yaml_value(kb.question(q), v) for q, v in answers.items()}}
    return dump_yaml(data)


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print(generate_kb(Path(sys.argv[2] if len(sys.argv) > 2 else f"/tmp/gen-{size}"), size))
