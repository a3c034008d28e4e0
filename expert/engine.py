"""Inference on durable-rules, designed around the engine's known pitfalls.

``../shared/notes/durable-rules.md`` lists them; each is handled here and tested in
``tests/test_engine_pitfalls.py``:

- *Facts no rule reads are dropped.* Results are never read back with ``get_facts``: every
  rule's action records its firing in our own trace, so a final conclusion that no rule
  reads is kept.
- *Errors raised in actions are swallowed* into the session state. Our actions catch
  everything themselves, remember the first failure, and ``run`` raises it as
  ``EngineError`` after the engine returns; the state's ``exception`` field is checked too.
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
import copy
import gc
import json
import logging
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import durable_rules_engine
from durable.engine import Host, Ruleset

from .compiler import GROUP_KEY, RULESET, SESSION_GROUP, SESSION_RULE, Compiled
from .conditions import conclusions_of, questions_of
from .errors import EngineError

log = logging.getLogger(__name__)

SESSION = "s"
BATCH_SIZE = 256
_NOT_HANDLED, _OBSERVED = 1, 2


class Firing(NamedTuple):
    """One rule firing for one plan: the rule and the facts its condition read.

    Immutable and cheap to create (the engine records thousands per batch); what the rule
    read is decoded from the engine's matched fact only when asked for.
    """

    rule_id: str
    frame: Mapping[str, Any]  # the fact the engine matched (engine keys)
    plan: Mapping[str, Any]  # the plan's answers
    reads: tuple[tuple[str, ...], tuple[tuple[str, str], ...]]

    @property
    def answers(self) -> tuple[tuple[str, Any], ...]:
        """(question id, answer or None if unknown) for each question the rule reads."""
        return tuple((q, self.plan.get(q)) for q in self.reads[0])

    @property
    def conclusions(self) -> tuple[tuple[str, bool], ...]:
        """(conclusion id, established when the rule fired?) for each conclusion it reads."""
        return tuple((cid, key in self.frame) for cid, key in self.reads[1])


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


def fnv1a_32(text: str) -> int:
    """The hash durable-rules files facts under (``fnv1Hash32`` in its ``state.c``)."""
    value = 0x811C9DC5
    for byte in text.encode("ascii"):
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value


class _FactIds:
    """Fact ids whose FNV-1a hashes are pairwise distinct, and distinct from the session's
    own state record: two facts of one session can never be taken for duplicates."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.index: dict[str, int] = {}
        self._hashes = {fnv1a_32(f"sid-{SESSION}")}
        self._counter = 0

    def ensure(self, count: int) -> None:
        while len(self.ids) < count:
            candidate = format(self._counter, "x")
            self._counter += 1
            digest = fnv1a_32(candidate)
            if digest in self._hashes:
                continue
            self._hashes.add(digest)
            self.index[candidate] = len(self.ids)
            self.ids.append(candidate)


_ACTION_NAME = re.compile(r'\{"([^"]+)":')
_FRAME_ID = re.compile(r'\{"m":\{"id": ?"([^"]+)"')


class _Ruleset(Ruleset):
    """durable-rules' ruleset with a lean action loop for our actions, which are
    synchronous and never touch the session state.

    The engine hands each action the facts it matched, as the JSON text we asserted (it
    stores facts verbatim). We already hold those facts, so the loop reads only their ids
    (the first key of every fact we build) and calls the action with them: no JSON parsing
    and no wrapper objects per matched fact, and the unchanged session state is not written
    back after every action. Actions are still bound by name through ``Host.get_action``.
    """

    def __init__(self, name: str, host: Host, definition: dict[str, Any]) -> None:
        self._bound = {rule: host.get_action(spec["run"]) for rule, spec in definition.items()}
        super().__init__(name, host, definition)

    def do_actions(self, state_handle, complete):  # type: ignore[no-untyped-def]
        try:
            result = durable_rules_engine.start_action_for_state(self._handle, state_handle)
            if result:
                self._run_actions(result[1], state_handle)
            complete(None, None)
        except BaseException as error:
            complete(error, None)

    def _run_actions(self, message: str, state_handle: int) -> None:
        handle = self._handle
        while message:
            name = _ACTION_NAME.match(message)
            ids = _FRAME_ID.findall(message)
            if name is None or not ids:  # not the shape we assert: read it in full
                parsed = json.loads(message)
                action, frames = next(iter(parsed.items()))
                frames = frames if isinstance(frames, list) else [frames]
                ids = [frame["m"]["id"] for frame in frames]
            else:
                action = name.group(1)
            self._bound[action](ids)
            message = durable_rules_engine.complete_and_start_action(handle, state_handle)


class _Host(Host):
    """A host that owns its actions (bound by name) and never starts timer threads."""

    def __init__(self, definition: dict[str, Any], actions: dict[str, Any]) -> None:
        self._own_actions = actions  # set before Host.__init__, which resolves names
        super().__init__(copy.deepcopy(definition))  # Host deletes 'run' from what it gets

    def get_action(self, action_name: str) -> Any:
        try:
            return self._own_actions[action_name]
        except KeyError:
            raise EngineError(f"no action named {action_name!r}") from None

    def register_rulesets(self, ruleset_definitions: dict[str, Any]) -> list[str]:
        for name, definition in ruleset_definitions.items():
            if name in self._ruleset_directory:
                raise EngineError(f"ruleset {name!r} is registered already")
            ruleset = _Ruleset(name, self, definition)
            self._ruleset_directory[name] = ruleset
            self._ruleset_list.append(ruleset)
        return list(ruleset_definitions)

    def _run(self) -> None:
        """No timer threads: actions run inside ``assert_facts`` / ``do_actions``."""


class Engine:
    """One compiled knowledge base on one durable-rules host, reused for every plan."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        kb = compiled.kb
        self._then = {rule.id: rule.then for rule in kb.rules}
        self._reads = {
            rule.id: (
                tuple(sorted(questions_of(rule.when))),
                tuple((cid, compiled.conclusion_keys[cid])
                      for cid in sorted(conclusions_of(rule.when))),
            )
            for rule in kb.rules
        }
        self._ids = _FactIds()
        self._batch: _Batch | None = None
        self._thread = threading.get_ident()
        actions = {rule.id: self._action(rule.id) for rule in kb.rules}
        actions[SESSION_RULE] = _session_opened
        self._host = _Host(compiled.definition, actions)
        self._ruleset = self._host.get_ruleset(RULESET)

    def _action(self, rule_id: str):  # type: ignore[no-untyped-def]
        def action(fact_ids):  # type: ignore[no-untyped-def]  # one parameter: synchronous
            batch = self._batch
            try:
                batch.fired(rule_id, fact_ids)
            except BaseException as error:  # re-raised by run(): never lost in the engine
                if batch is not None and batch.failure is None:
                    batch.failure = error

        return action

    def run(self, plans: Sequence[dict[str, Any]]) -> list[Trace]:
        """Forward chaining for each plan's answers; one trace per plan, in order."""
        if threading.get_ident() != self._thread:
            raise EngineError("an engine is used from the thread that created it only")
        traces: list[Trace] = []
        with gc_paused():
            for start in range(0, len(plans), BATCH_SIZE):
                traces.extend(self._run_batch(plans[start:start + BATCH_SIZE]))
        return traces

    def _run_batch(self, plans: Sequence[dict[str, Any]]) -> list[Trace]:
        compiled = self.compiled
        batch = _Batch(self, plans)
        self._batch = batch
        asserted = False
        try:
            for stratum in compiled.strata:
                while True:
                    before = batch.derived_count
                    facts = batch.facts(stratum)
                    if facts:
                        asserted = True
                        self._assert(facts, batch)
                    if not stratum.recursive or batch.derived_count == before:
                        break
        finally:
            self._batch = None
            if asserted:
                self._delete_session()
        return batch.traces

    def _assert(self, facts: list[dict[str, Any]], batch: _Batch) -> None:
        handle = self._ruleset._handle  # durable-rules 2.0.28: the ruleset's C handle
        code, state = durable_rules_engine.assert_facts(
            handle, json.dumps(facts, separators=(",", ":")))
        if code == _OBSERVED:
            raise EngineError("the engine refused a fact as a duplicate")
        outcome: list[Any] = []
        self._ruleset.do_actions(state, lambda error, result: outcome.append((error, result)))
        if batch.failure is not None:
            raise EngineError(f"a rule action failed: {batch.failure!r}") from batch.failure
        for error, result in outcome:
            if error:
                raise EngineError(f"the engine failed while running actions: {error}")
            if isinstance(result, dict) and result.get("exception"):
                raise EngineError(f"a rule action failed: {result['exception']}")

    def _delete_session(self) -> None:
        try:
            self._ruleset.delete_state(SESSION)
        except Exception as error:  # pragma: no cover - would leak one session slot
            log.error("could not delete the engine session: %s", error)


def _session_opened(fact_ids) -> None:  # type: ignore[no-untyped-def]
    """The action of the session sentinel (see compiler.SESSION_RULE): nothing to do."""


class _Batch:
    """The plans of one session: builds their facts and records what fires."""

    def __init__(self, engine: Engine, plans: Sequence[dict[str, Any]]) -> None:
        self.engine = engine
        self.plans = plans
        self.encoded = [engine.compiled.encode(dict(answers)) for answers in plans]
        self.traces: list[Trace] = [{} for _ in plans]
        self.seen: list[set[str]] = [set() for _ in plans]
        self.owner: list[int] = []  # fact position in the session -> plan slot
        self.asserted: list[dict[str, Any]] = []  # fact position -> the fact itself
        self.derived_count = 0
        self.failure: BaseException | None = None

    def facts(self, stratum) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
        ids = self.engine._ids
        conclusion_keys = self.engine.compiled.conclusion_keys
        facts: list[dict[str, Any]] = []
        if not self.owner:  # the session's first assert: the sentinel opens it
            ids.ensure(1)
            facts.append({"id": ids.ids[0], "sid": SESSION, GROUP_KEY: SESSION_GROUP})
            self.owner.append(-1)
            self.asserted.append(facts[0])
        for slot, encoded in enumerate(self.encoded):
            trace = self.traces[slot]
            if trace:  # conclusions reach the engine the same way answers do
                encoded = dict(encoded)
                for cid in trace:
                    encoded[conclusion_keys[cid]] = 1
            for group in stratum.groups:
                position = len(self.owner)
                ids.ensure(position + 1)
                # "id" first: the action loop finds matched facts by this key (_FRAME_ID).
                fact = {"id": ids.ids[position], "sid": SESSION, GROUP_KEY: group.number}
                fact.update({key: encoded[key] for key in group.keys if key in encoded})
                facts.append(fact)
                self.owner.append(slot)
                self.asserted.append(fact)
        return facts

    def fired(self, rule_id: str, fact_ids: list[str]) -> None:
        """Record one rule's firings for every plan it matched in this pass."""
        engine = self.engine
        index, owner, seen, traces, plans, asserted = (
            engine._ids.index, self.owner, self.seen, self.traces, self.plans, self.asserted)
        then, reads = engine._then[rule_id], engine._reads[rule_id]
        new = tuple.__new__
        for fact_id in fact_ids:
            position = index[fact_id]
            slot = owner[position]
            done = seen[slot]
            if rule_id in done:  # matched again (another $or branch, a recursive pass)
                continue
            done.add(rule_id)
            firing = new(Firing, (rule_id, asserted[position], plans[slot], reads))
            trace = traces[slot]
            for cid in then:
                firings = trace.get(cid)
                if firings is None:
                    self.derived_count += 1
                    trace[cid] = [firing]
                else:
                    firings.append(firing)
