"""Compile a knowledge base into one declarative durable-rules ruleset.

How a plan is shown to the engine (see ``engine`` for how it runs):

- Rules run stratum by stratum (``graph``). Within a stratum, rules are packed into
  *groups*; each group gets one fact per plan holding exactly the answers and conclusions
  its rules read, under short keys (``a3``, ``c7``), plus ``g`` = the group's number.
  Every rule of a group starts with the test ``g == n``, so a fact only meets its own
  group's rules.
- Each rule is one durable-rules rule with a single pattern: its condition compiled to the
  JSON operators (``$and``, ``$or``, ``$lt``, ``$ex``, ...) under Kleene semantics: a test on
  an answer requires the answer to be present, ``not`` is pushed down to the leaves.
- Nothing a user typed reaches the engine: booleans become ``"y"``/``"n"`` (the engine
  would otherwise match ``true`` against the number 1), choices are validated ids, text
  answers become the index of the literal they equal, numbers are finite.

The engine's fixed limits are checked at load time, never at fire time
(``engine_limits``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .conditions import (
    And,
    Compare,
    Condition,
    InList,
    Known,
    Not,
    Or,
    Ref,
    Truth,
)
from .encoding import Encoding
from .engine_limits import (
    MAX_CONNECTIVES,
    MAX_GROUPS,
    RULE_TESTS,
    EngineLimitError,
    GroupLoad,
    count_connectives,
    rule_cost,
)
from .graph import Stratum, analyse
from .i18n import Msg
from .model import KnowledgeBase, Rule, Variable
from .numbers import normalise_number

RULESET = "guarantees"
GROUP_KEY = "g"
CAP = 60000  # frames handed to one action call: a whole batch at once
MAX_RULES = 4000  # durable-rules: MAX_ACTIONS 4096 actions per ruleset, minus a margin


@dataclass(frozen=True)
class Group:
    number: int
    rules: tuple[Rule, ...]
    keys: tuple[str, ...]  # answer keys and conclusion keys its facts carry


@dataclass(frozen=True)
class CompiledStratum:
    groups: tuple[Group, ...]
    recursive: bool


@dataclass(frozen=True)
class Compiled(Encoding):
    kb: KnowledgeBase
    definition: dict[str, Any]  # {RULESET: {rule_id: {...}}}: JSON data, no code
    strata: tuple[CompiledStratum, ...]
    question_keys: dict[str, str]
    option_keys: dict[tuple[str, str], str]
    conclusion_keys: dict[str, str]
    text_tokens: dict[str, dict[str, str]]  # text question -> literal -> token


def compile_kb(kb: KnowledgeBase, strata: list[Stratum] | None = None) -> Compiled:
    strata = strata if strata is not None else analyse(kb)[0]
    keys = _Keys(kb)
    rules_json: dict[str, Any] = {}
    compiled: list[CompiledStratum] = []
    number = 0
    for stratum in strata:
        groups: list[Group] = []
        current: list[tuple[Rule, dict[str, Any]]] = []
        load = GroupLoad()
        for rule in stratum.rules:
            condition = keys.true(rule.when)
            connectives = count_connectives(condition) + 1  # + the $and with the group test
            if connectives > MAX_CONNECTIVES:
                raise EngineLimitError(rule.when_location, Msg(
                    "engine.connectives", count=connectives, limit=MAX_CONNECTIVES),
                    Msg("hint.move_to_finding"))
            cost = rule_cost(condition)
            if cost[0] > RULE_TESTS:
                raise EngineLimitError(rule.when_location, Msg(
                    "engine.too_large", count=cost[0], limit=RULE_TESTS),
                    Msg("hint.move_to_finding"))
            if current and not load.fits(cost, _keys_of(condition)):
                groups.append(_close_group(number, current, rules_json))
                number += 1
                current, load = [], GroupLoad()
            load.add(cost, _keys_of(condition))
            current.append((rule, condition))
        if current:
            groups.append(_close_group(number, current, rules_json))
            number += 1
        compiled.append(CompiledStratum(tuple(groups), stratum.recursive))
    if number > MAX_GROUPS:
        raise EngineLimitError(kb.rules[-1].location, Msg("engine.groups", count=number,
                               limit=MAX_GROUPS), Msg("hint.split_kb"))
    if len(kb.rules) > MAX_RULES:
        raise EngineLimitError(kb.rules[MAX_RULES].location, Msg(
            "engine.rules", count=len(kb.rules), limit=MAX_RULES), Msg("hint.split_kb"))
    return Compiled(kb, {RULESET: rules_json}, tuple(compiled), keys.questions, keys.options,
                    keys.conclusions, keys.texts)


def _close_group(number: int, members: list[tuple[Rule, dict[str, Any]]],
                 rules_json: dict[str, Any]) -> Group:
    keys: set[str] = set()
    for rule, condition in members:
        items = condition.get("$and", [condition])
        rules_json[rule.id] = {
            "all": [{"m": {"$and": [{GROUP_KEY: number}, *items]}}],
            "run": rule.id,
            "cap": CAP,
        }
        keys |= _keys_of(condition)
    return Group(number, tuple(r for r, _ in members), tuple(sorted(keys)))


def _keys_of(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("$and", "$or"):
                for item in value:
                    found |= _keys_of(item)
            elif key.startswith("$"):
                found |= _keys_of(value)
            else:
                found.add(key)
    return found


class _Keys:
    """Short engine keys for questions, options and conclusions, and the Kleene
    translation of conditions into durable-rules JSON."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.questions: dict[str, str] = {}
        self.options: dict[tuple[str, str], str] = {}
        self.conclusions = {c.id: f"c{i:x}" for i, c in enumerate(kb.conclusions)}
        self.texts: dict[str, dict[str, str]] = {}

    def key(self, qid: str) -> str:
        if qid not in self.questions:
            self.questions[qid] = f"a{len(self.questions):x}"
        return self.questions[qid]

    def option(self, qid: str, option: str) -> str:
        if (qid, option) not in self.options:
            self.options[(qid, option)] = f"{self.key(qid)}_{len(self.options):x}"
        return self.options[(qid, option)]

    def value(self, question: Variable, literal: Any) -> Any:
        if question.type == "boolean":
            return "y" if literal is True else "n"
        if question.type == "text":
            tokens = self.texts.setdefault(question.id, {})
            if literal not in tokens:
                tokens[literal] = f"t{len(tokens)}"
            return tokens[literal]
        if isinstance(literal, (int, float)) and not isinstance(literal, bool):
            return normalise_number(literal)
        return literal

    def true(self, node: Condition) -> dict[str, Any]:
        return self._compile(node, positive=True)

    def _compile(self, node: Condition, positive: bool) -> dict[str, Any]:
        if isinstance(node, Not):
            return self._compile(node.item, not positive)
        if isinstance(node, (And, Or)):
            conjunctive = isinstance(node, And) == positive
            items = [self._compile(item, positive) for item in node.items]
            return _join("$and" if conjunctive else "$or", items)
        if isinstance(node, Ref):
            key = self.conclusions[node.conclusion]
            return {"$ex" if positive else "$nex": {key: 1}}
        question = self.kb.variable(node.question)  # type: ignore[union-attr]
        key = self.key(question.id)
        if isinstance(node, Known):
            present = node.known == positive
            return {"$ex" if present else "$nex": {key: 1}}
        if isinstance(node, Truth):
            return {key: "y" if positive else "n"}
        if isinstance(node, Compare):
            op = node.op if positive else _NEGATED[node.op]
            value = self.value(question, node.value.value)
            return {key: value} if op == "==" else {_JSON_OPS[op]: {key: value}}
        values = node.values if isinstance(node, InList) else (node.value,)  # type: ignore[union-attr]
        if question.type == "multichoice":
            flags = [self.option(question.id, str(v.value)) for v in values]
            if positive:
                return _join("$or", [{"$ex": {flag: 1}} for flag in flags])
            return _join("$and", [{"$ex": {key: 1}}, *({"$nex": {flag: 1}} for flag in flags)])
        encoded = [self.value(question, v.value) for v in values]
        if positive:
            return _join("$or", [{key: v} for v in encoded])
        return _join("$and", [{"$neq": {key: v}} for v in encoded])


_NEGATED = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}
_JSON_OPS = {"!=": "$neq", "<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte"}


def _join(op: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    flat: list[dict[str, Any]] = []
    for item in items:
        if len(item) == 1 and op in item:
            flat.extend(item[op])  # (a and (b and c)) is (a and b and c)
        else:
            flat.append(item)
    if op == "$and":  # tests before alternatives: what follows an $or is matched per branch
        flat.sort(key=lambda item: "$or" in item)
    return flat[0] if len(flat) == 1 else {op: flat}
