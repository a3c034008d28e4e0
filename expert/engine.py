"""Inference on durable-rules, designed around the engine's known pitfalls.

``../shared/notes/durable-rules.md`` lists them; each is handled here and tested in
``tests/test_engine_pitfalls.py``:

- *Facts no rule reads are dropped.* Results are never read back with ``get_facts``: every
  rule's action records its firing in our own trace, so a final conclusion that no rule
  reads is kept.
- *Errors raised in actions are swallowed* into the session state by durable-rules' own
  action loop. Ours (``durable_host._Ruleset``) does not swallow anything, and our actions
  catch everything themselves, remember the first failure, and ``run`` raises it as
  ``EngineError`` after the engine returns.
- *Identical facts are refused (MessageObservedException)*, and the check compares a
  32-bit FNV-1a hash of the fact id. Derived conclusions are never asserted as facts (a
  second derivation is a second entry in the trace), and every fact of a session gets an
  id from a table whose hashes are pairwise distinct, so no fact can be refused.
- *``true`` matches the number 1.* The compiler encodes booleans as strings.
- *At most 1,024 live sessions per ruleset.* One session at a time, deleted in a
  ``finally`` after every batch, whatever happened.
- *Timer threads run actions off the main thread and race.* The host never starts them:
  actions run synchronously inside our own calls, on the calling thread.

Speed: a batch of plans shares one session; each stratum is one call that asserts all
plans' group facts at once, and each rule's action receives all the plans it matched at
once (``cap``), so the Python callbacks scale with the rules, not with rules × plans.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import threading
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from ._vendor.durable import durable_rules_engine
from .compiler import GROUP_KEY, RULESET, Compiled
from .conditions import conclusions_of, questions_of
from .durable_host import SESSION, DurableHost, FactIds, fnv1a_32
from .engine_batch import Batch, GroupHead
from .engine_limits import GROUP_KEYS
from .errors import EngineError
from .i18n import Msg

log = logging.getLogger(__name__)

BATCH_SIZE = 256
_OBSERVED = 2  # durable-rules' result code for a fact taken as a duplicate


class Firing(NamedTuple):
    """One rule firing for one plan: the rule and the facts its condition read.

    Immutable and cheap to create (the engine records thousands per batch); what the rule
    read is decoded from the engine's matched fact only when asked for.
    """

    rule_id: str
    established: Collection[str]  # conclusions the plan had when the rule's pass began
    plan: Mapping[str, Any]  # the plan's answers
    reads: tuple[tuple[str, ...], tuple[tuple[str, str], ...]]

    @property
    def answers(self) -> tuple[tuple[str, Any], ...]:
        """(question id, answer or None if unknown) for each question the rule reads."""
        return tuple((q, self.plan.get(q)) for q in self.reads[0])

    @property
    def conclusions(self) -> tuple[tuple[str, bool], ...]:
        """(conclusion id, established when the rule fired?) for each conclusion it reads."""
        return tuple((cid, cid in self.established) for cid, _ in self.reads[1])


Trace = dict[str, list[Firing]]  # conclusion id -> firings that derived it, in order


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector around a hot loop.

    Inference allocates many small acyclic objects (facts, firings, traces), all freed by
    reference counting; the cycle collector, triggered by the allocation count alone, would
    rescan the whole heap over and over (measured: a quarter of the time on the bundled
    knowledge base). It is restored on the way out, whatever happens.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Engine:
    """One compiled knowledge base on one durable-rules host, reused for every plan."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        kb = compiled.kb
        # rule id -> (conclusions it derives, (questions, (conclusion, key)) it reads)
        self._rules = {
            rule.id: (rule.then, (
                tuple(sorted(questions_of(rule.when))),
                tuple((cid, compiled.conclusion_keys[cid])
                      for cid in sorted(conclusions_of(rule.when))),
            ))
            for rule in kb.rules
        }
        self._ids = FactIds()
        # conclusion id -> (engine key, its member in a fact's JSON text)
        self._conclusion_members = {cid: (key, f'"{key}":1')
                                    for cid, key in compiled.conclusion_keys.items()}
        key_of = compiled.conclusion_keys
        self._groups: list[list[GroupHead]] = [
            [(f'","sid":"{SESSION}","{GROUP_KEY}":{group.number}', group.keys,
              frozenset(cid for cid, key in key_of.items() if key in group.keys))
             for group in stratum.groups] for stratum in compiled.strata]
        # Every fact carries all of a plan's answers when they fit beside what any group
        # reads of the conclusions (engine_batch).
        answer_keys = len(compiled.question_keys) + len(compiled.option_keys)
        self.whole_answers = answer_keys + max(
            (len(reads) for groups in self._groups for _, _, reads in groups), default=0
        ) <= GROUP_KEYS
        self._batch: Batch | None = None
        self._thread = threading.get_ident()
        # One action per rule, bound by name: a bound method (durable-rules' Ruleset reads
        # its signature), so that a firing costs one Python call. What an action raises
        # reaches _assert, which raises it as EngineError.
        # Two keys with one engine hash would let a fact reach a node twice: then every
        # action keeps its record of plans fired for.
        keys = ["id", "sid", GROUP_KEY, *compiled.question_keys.values(),
                *compiled.option_keys.values(), *compiled.conclusion_keys.values()]
        distinct = len({fnv1a_32(key) for key in keys}) == len(keys)
        once = {rule.id for stratum in compiled.strata if not stratum.recursive and distinct
                for group in stratum.groups for rule in group.rules
                if len(rule.then) == 1 and "$or" not in json.dumps(
                    compiled.definition[RULESET][rule.id])}
        actions = {rule.id: (_Once if rule.id in once else _Action)(self, rule.id).fire
                   for rule in kb.rules}
        self._host = DurableHost(compiled.definition, actions)
        self._ruleset = self._host.get_ruleset(RULESET)

    def run(self, plans: Sequence[dict[str, Any]]) -> list[Trace]:
        """Forward chaining for each plan's answers; one trace per plan, in order."""
        if threading.get_ident() != self._thread:
            raise EngineError(Msg("engine.thread"))
        enabled = gc.isenabled()  # gc_paused, inline: this runs once per plan in interviews
        gc.disable()
        try:
            if len(plans) <= BATCH_SIZE:
                return self._run_batch(plans)
            traces: list[Trace] = []
            for start in range(0, len(plans), BATCH_SIZE):
                traces.extend(self._run_batch(plans[start:start + BATCH_SIZE]))
            return traces
        finally:
            if enabled:
                gc.enable()

    def _run_batch(self, plans: Sequence[dict[str, Any]]) -> list[Trace]:
        compiled = self.compiled
        batch = Batch(self, plans)
        self._batch = batch
        asserted = False
        try:
            for stratum, groups in zip(compiled.strata, self._groups, strict=True):
                while True:
                    before = batch.size() if stratum.recursive else 0
                    facts = batch.facts(groups)
                    if facts:
                        asserted = True
                        self._assert(facts)
                    if not stratum.recursive or batch.size() == before:
                        break
        finally:
            self._batch = None
            if asserted:
                self._delete_session()
        return batch.traces

    def _assert(self, facts: str) -> None:
        handle = self._ruleset._handle  # durable-rules 2.0.28: the ruleset's C handle
        code, state = durable_rules_engine.assert_facts(handle, facts)
        if code == _OBSERVED:
            raise EngineError(Msg("engine.duplicate_fact"))
        try:
            self._ruleset.run_actions(state)
        except Exception as error:  # an action's failure (or the engine's): never lost
            raise EngineError(Msg("engine.action_failed", detail=repr(error))) from error

    def _delete_session(self) -> None:
        try:
            self._ruleset.delete_state(SESSION)
        except Exception as error:  # pragma: no cover - would leak one session slot
            log.error("could not delete the engine session: %s", error)


_new = tuple.__new__  # a Firing from a tuple, without NamedTuple's Python-level __new__


class _Action:
    """One rule's action: records its firings for every plan it matched in this pass."""

    __slots__ = ("engine", "reads", "rule_id", "then")

    def __init__(self, engine: Engine, rule_id: str) -> None:
        self.engine, self.rule_id = engine, rule_id
        self.then, self.reads = engine._rules[rule_id]

    def fire(self, fact_ids: list[str]) -> None:
        batch: Batch = self.engine._batch  # type: ignore[assignment]  # set during a run
        index, owner, seen, traces, plans, established = batch.tables
        rule_id = self.rule_id
        for fact_id in fact_ids:
            position = index[fact_id]
            slot = owner[position]
            done = seen[slot]
            if rule_id in done:  # matched again (another $or branch, a recursive pass)
                continue
            done.add(rule_id)
            firing = _new(Firing, (rule_id, established[position], plans[slot], self.reads))
            trace = traces[slot]
            for cid in self.then:
                if cid in trace:
                    trace[cid].append(firing)
                else:
                    trace[cid] = [firing]


class _Once(_Action):
    """The action of a rule that can match a plan at most once per session: no ``$or`` in
    its condition (one path through the alpha network) and not in a recursive stratum (one
    pass), so it needs no record of the plans it already fired for; and it derives one
    conclusion."""

    __slots__ = ("conclusion",)

    def __init__(self, engine: Engine, rule_id: str) -> None:
        super().__init__(engine, rule_id)
        self.conclusion = self.then[0]

    def fire(self, fact_ids: list[str]) -> None:
        batch: Batch = self.engine._batch  # type: ignore[assignment]  # set during a run
        index, owner, _, traces, plans, established = batch.tables
        rule_id, reads, cid = self.rule_id, self.reads, self.conclusion
        for fact_id in fact_ids:
            position = index[fact_id]
            slot = owner[position]
            firing = _new(Firing, (rule_id, established[position], plans[slot], reads))
            trace = traces[slot]
            if cid in trace:
                trace[cid].append(firing)
            else:
                trace[cid] = [firing]
