"""The one thread that owns the inference engine.

durable-rules is not thread-safe, and ``Engine`` refuses calls from any thread but the one
that built it. The web server answers requests on several threads, so the ``Expert`` is
built on this thread and every piece of work that touches it (rebuilding an interview,
applying an answer, a report) is handed over as a function and waited for. The work is
short (one or two evaluations), so one thread keeps up, and it also keeps the engine's
callbacks off the request threads' stacks.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from ..facts import FactSet
from ..infer import Expert, Result
from ..model import KnowledgeBase

log = logging.getLogger(__name__)
T = TypeVar("T")
TIMEOUT = 60.0


class CachedExpert(Expert):
    """The engine thread's ``Expert``, remembering its last results by answers.

    Every request rebuilds its interview, so a page drawn right after the answer that
    changed it would evaluate the same answers a second time (and a form post a third);
    a result depends on the answers alone, so it is kept, and handed back with the
    caller's own facts (meta, notes) put in. Used on the engine thread only."""

    def __init__(self, kb_dir: Path | None, size: int = 1024) -> None:
        opened = Expert.open(kb_dir)
        self.__dict__.update(opened.__dict__)
        self._results: OrderedDict[tuple, Result] = OrderedDict()
        self._size = size

    def evaluate(self, facts: FactSet) -> Result:
        key = (tuple(sorted(facts.answers.items())), facts.unknown)
        found = self._results.get(key)
        if found is None:
            found = self._results[key] = super().evaluate(facts)
            if len(self._results) > self._size:
                self._results.popitem(last=False)
        else:
            self._results.move_to_end(key)
        return dataclasses.replace(found, facts=facts)


class EngineThread:
    def __init__(self, kb_dir: Path | None) -> None:
        self._jobs: queue.SimpleQueue[tuple[Future, Callable, tuple] | None] = \
            queue.SimpleQueue()
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._expert: Expert | None = None
        self._thread = threading.Thread(target=self._run, args=(kb_dir,),
                                        name="expert-engine", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._failure is not None:
            raise self._failure

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base: plain data, safe to read from any thread."""
        assert self._expert is not None
        return self._expert.kb

    def call(self, work: Callable[..., T], *args: Any) -> T:
        """Run ``work(expert, *args)`` on the engine thread and return what it returns (or
        raise what it raised)."""
        if threading.current_thread() is self._thread:
            return work(self._expert, *args)
        future: Future[T] = Future()
        self._jobs.put((future, work, args))
        return future.result(TIMEOUT)

    def stop(self) -> None:
        self._jobs.put(None)

    def _run(self, kb_dir: Path | None) -> None:
        try:
            self._expert = CachedExpert(kb_dir)
        except BaseException as error:  # reported by the constructor, on its own thread
            self._failure = error
            return
        finally:
            self._ready.set()
        while (job := self._jobs.get()) is not None:
            future, work, args = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(work(self._expert, *args))
            except BaseException as error:  # handed to the waiting request, never lost
                future.set_exception(error)
