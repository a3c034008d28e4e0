"""The durable-rules host and ruleset as this project uses them.

- ``DurableHost`` owns its actions (bound by name through ``Host.get_action``), never
  starts durable-rules' timer threads, and builds ``_Ruleset``s.
- ``_Ruleset`` runs actions in a lean synchronous loop (see its docstring).
- ``FactIds`` hands out fact ids that the engine's 32-bit duplicate check can never confuse.
"""

from __future__ import annotations

import copy
from typing import Any

from ._vendor.durable import durable_rules_engine
from ._vendor.durable.engine import Host, Ruleset
from .errors import EngineError
from .i18n import Msg

SESSION = "s"


def fnv1a_32(text: str) -> int:
    """The hash durable-rules files facts under (``fnv1Hash32`` in its ``state.c``)."""
    value = 0x811C9DC5
    for byte in text.encode("ascii"):
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value


class FactIds:
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


class _Ruleset(Ruleset):
    """durable-rules' ruleset with a lean action loop for our actions, which are
    synchronous and never touch the session state.

    ``collect_actions`` (added to our copy of the engine, ``vendor/durable-rules/CHANGES.md``)
    hands over every action ready to run at once: per action call, its name and the ids of
    the facts it matched (the first key of every fact we build). We already hold those
    facts, so nothing is parsed back and no JSON is written per matched fact; actions are
    still bound by name through ``Host.get_action`` and called once per rule per pass.
    """

    def __init__(self, name: str, host: Host, definition: dict[str, Any]) -> None:
        self._bound = {rule: host.get_action(spec["run"]) for rule, spec in definition.items()}
        super().__init__(name, host, definition)

    def do_actions(self, state_handle, complete):  # type: ignore[no-untyped-def]
        try:
            self.run_actions(state_handle)
            complete(None, None)
        except BaseException as error:
            complete(error, None)

    def run_actions(self, state_handle: int) -> None:
        bound = self._bound
        for name, fact_ids in durable_rules_engine.collect_actions(self._handle,
                                                                   state_handle) or ():
            bound[name](fact_ids)


class DurableHost(Host):
    """A host that owns its actions (bound by name) and never starts timer threads."""

    def __init__(self, definition: dict[str, Any], actions: dict[str, Any]) -> None:
        self._own_actions = actions  # set before Host.__init__, which resolves names
        super().__init__(copy.deepcopy(definition))  # Host deletes 'run' from what it gets

    def get_action(self, action_name: str) -> Any:
        try:
            return self._own_actions[action_name]
        except KeyError:
            raise EngineError(Msg("engine.no_action", name=action_name)) from None

    def register_rulesets(self, ruleset_definitions: dict[str, Any]) -> list[str]:
        for name, definition in ruleset_definitions.items():
            if name in self._ruleset_directory:
                raise EngineError(Msg("engine.ruleset_twice", name=name))
            ruleset = _Ruleset(name, self, definition)
            self._ruleset_directory[name] = ruleset
            self._ruleset_list.append(ruleset)
        return list(ruleset_definitions)

    def _run(self) -> None:
        """No timer threads: actions run inside ``assert_facts`` / ``do_actions``."""
