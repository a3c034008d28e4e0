"""The plans of one engine session: their facts as JSON text, and what fired for them.

A fact is one plan's answers and conclusions for one rule group (``compiler``), written as
text: each (question, value) of a plan is encoded and formatted once
(``Compiled.members`` / ``Compiled.fragments``), and a fact is joined from those pieces. When
every answer key fits in a fact beside the conclusions a group reads (the engine holds 255
properties per fact), every fact of a plan carries all its answers, joined once per plan;
otherwise each fact carries only the keys its group reads.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import Engine, Trace

# Per group of a stratum: what follows a fact's id in its text, the engine keys the group
# reads, and the conclusions it reads.
GroupHead = tuple[str, tuple[str, ...], frozenset[str]]
_NONE: frozenset[str] = frozenset()


class Batch:
    """The plans of one session: builds their facts and records what fires."""

    def __init__(self, engine: Engine, plans: Sequence[dict[str, Any]]) -> None:
        self.engine = engine
        self.plans = plans
        compiled = engine.compiled
        self.whole = engine.whole_answers
        self.answers: list[Any] = ([compiled.members(answers) for answers in plans]
                                   if self.whole else
                                   [compiled.fragments(answers) for answers in plans])
        self.traces: list[Trace] = [{} for _ in plans]
        self.seen: list[set[str]] = [set() for _ in plans]
        self.owner: list[int] = []  # fact position in the session -> plan slot
        self.established: list[Collection[str]] = []  # fact position -> conclusions then
        self.tables = (engine._ids.index, self.owner, self.seen, self.traces, plans,
                       self.established)  # what the rule actions read, in one attribute

    def size(self) -> int:
        """Conclusions established so far, over all plans (a recursive stratum runs until
        a pass adds none)."""
        return sum(map(len, self.traces))

    def facts(self, groups: list[GroupHead]) -> str:
        """This pass's facts, one per plan and group, as one JSON array text."""
        ids = self.engine._ids
        ids.ensure(len(self.owner) + len(self.plans) * len(groups))
        texts = self._whole(groups) if self.whole else self._filtered(groups)
        return "[" + ",".join(texts) + "]" if texts else ""

    def _whole(self, groups: list[GroupHead]) -> list[str]:
        members = self.engine._conclusion_members
        table, owner, established = self.engine._ids.ids, self.owner, self.established
        texts: list[str] = []
        for slot, answers in enumerate(self.answers):
            trace = self.traces[slot]
            snapshot: Collection[str] = frozenset(trace) if trace else _NONE
            for tail, _, reads in groups:
                body = answers
                if trace:  # conclusions reach the engine the same way answers do
                    read = ",".join([members[cid][1] for cid in trace if cid in reads])
                    body = f"{body},{read}" if body and read else body or read
                # "id" first, as in every fact we assert (durable_host reads it)
                head = '{"id":"' + table[len(owner)] + tail
                texts.append(f"{head},{body}}}" if body else head + "}")
                owner.append(slot)
                established.append(snapshot)
        return texts

    def _filtered(self, groups: list[GroupHead]) -> list[str]:
        members = self.engine._conclusion_members
        table, owner, established = self.engine._ids.ids, self.owner, self.established
        texts: list[str] = []
        for slot, fragments in enumerate(self.answers):
            trace = self.traces[slot]
            snapshot: Collection[str] = _NONE
            if trace:
                snapshot = frozenset(trace)
                fragments = {**fragments, **{members[cid][0]: members[cid][1]
                                             for cid in trace}}
            get = fragments.get
            for tail, keys, _ in groups:
                body = ",".join([text for text in map(get, keys) if text])
                head = '{"id":"' + table[len(owner)] + tail
                texts.append(f"{head},{body}}}" if body else head + "}")
                owner.append(slot)
                established.append(snapshot)
        return texts
