"""The vendored engine's fixed sizes, and how a knowledge base is kept within them.

The engine has fixed limits, all checked here at load time, never at fire time (the
figures are our vendored copy's, ``vendor/durable-rules/CHANGES.md``):

- 32 expression entries per rule (``MAX_SEQUENCE_EXPRESSIONS``): the ``and``/``or`` of one
  condition;
- per node of the alpha network, 512 children testing a value (``NEXT_BUCKET_LENGTH``, one
  entry always left empty), 128 testing absence or joining an ``or`` (``NEXT_LIST_LENGTH``)
  and 256 rules ending there (``BETA_LIST_LENGTH``);
- 255 properties per fact (``MAX_OBJECT_PROPERTIES``, with ``id``, ``sid`` and ``g``).

A group is bounded so that none can be reached whatever the sharing inside it: every test
and every ``or`` of a rule creates at most one node, so the nodes under a group's test, and
so the children of any of them, are at most the sum over its rules. The matching stack,
64 entries upstream, grows on demand in our copy and bounds nothing.
"""

from __future__ import annotations

from typing import Any

from .errors import Location
from .i18n import Msg

MAX_CONNECTIVES = 15  # durable-rules: MAX_SEQUENCE_EXPRESSIONS 32, two entries each
GROUP_NODES = 500  # NEXT_BUCKET_LENGTH 512 children, minus the group test and a margin
GROUP_LISTED = 120  # NEXT_LIST_LENGTH 128 absence tests and or-joins, minus a margin
GROUP_RULES = 250  # BETA_LIST_LENGTH 256 rules ending at one node, minus a margin
GROUP_KEYS = 250  # MAX_OBJECT_PROPERTIES 255, minus id, sid, g and a margin
RULE_TESTS = GROUP_LISTED  # one rule: its tests and ors, each of which may be listed
MAX_GROUPS = 500  # durable-rules: NEXT_BUCKET_LENGTH 512 children of the root node
MAX_RULES = 4000  # durable-rules: MAX_ACTIONS 4096 actions per ruleset, minus a margin


class EngineLimitError(Exception):
    """The knowledge base exceeds a fixed limit of the engine (found at load time)."""

    def __init__(self, location: Location, message: Msg, hint: Msg) -> None:
        super().__init__(message)
        self.location, self.message, self.hint = location, message, hint


class GroupLoad:
    """What the rules of one group add up to, against the engine's fixed sizes."""

    def __init__(self) -> None:
        self.nodes = self.listed = self.rules = 0
        self.keys: set[str] = set()

    def fits(self, cost: tuple[int, int], keys: set[str]) -> bool:
        return (self.nodes + cost[0] <= GROUP_NODES and self.listed + cost[1] <= GROUP_LISTED
                and self.rules < GROUP_RULES and len(self.keys | keys) <= GROUP_KEYS)

    def add(self, cost: tuple[int, int], keys: set[str]) -> None:
        self.nodes += cost[0]
        self.listed += cost[1]
        self.rules += 1
        self.keys |= keys


def rule_cost(node: dict[str, Any]) -> tuple[int, int]:
    """(alpha nodes, listed nodes) a condition can create at most: every test and every
    ``$or`` (its joining node) is at most one node; absence tests (``$nex``) and joins go
    in their parent's list, not its table of value tests."""
    if "$and" in node or "$or" in node:
        nodes, listed = (1, 1) if "$or" in node else (0, 0)
        for item in node.get("$and", node.get("$or", [])):
            more, more_listed = rule_cost(item)
            nodes, listed = nodes + more, listed + more_listed
        return nodes, listed
    return 1, 1 if "$nex" in node else 0


def count_connectives(node: Any) -> int:
    if isinstance(node, dict):
        total = 0
        for key, value in node.items():
            if key in ("$and", "$or"):
                total += 1 + sum(count_connectives(item) for item in value)
        return total
    return 0
