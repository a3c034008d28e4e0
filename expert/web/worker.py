"""The one thread that owns the inference engine.

durable-rules is not thread-safe, and ``Engine`` refuses calls from any thread but the one
that built it. The web server answers requests on several threads, so the ``Expert`` is
built on this thread and every piece of work that touches it (rebuilding an interview,
applying an answer, a report) is handed over as a function and waited for. The work is
short (one or two evaluations), so one thread keeps up, and it also keeps the engine's
callbacks off the request threads' stacks.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from ..infer import Expert
from ..model import KnowledgeBase

log = logging.getLogger(__name__)
T = TypeVar("T")
TIMEOUT = 60.0


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
            self._expert = Expert.open(kb_dir)
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
