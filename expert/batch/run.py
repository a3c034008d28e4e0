"""Evaluating a batch: chunks of plans in one engine session, in this process or in worker
processes, outcomes in input order.

With ``jobs > 1`` each worker holds its own ``Expert`` (durable-rules is not thread-safe
and its hosts cannot be shared); work travels to the workers as file names and comes back
rendered. Workers ignore Ctrl-C: the parent stops them, so an interrupted batch prints no
worker traceback. Standard input is always evaluated in this process, chunk by chunk as
it arrives.
"""

from __future__ import annotations

import itertools
import os
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..engine import gc_paused
from ..errors import ExpertError
from ..facts import FactSet
from ..infer import Expert
from .sources import FLUSH, Source, load_source

CHUNK = 256  # plans per engine session
WORK_UNIT = 128  # plans per unit of work sent to a worker: small enough to balance the end
PARALLEL_THRESHOLD = 64  # below this many plans, worker start-up costs more than it saves


@dataclass(frozen=True)
class Outcome:
    """What became of one source: rendered output, a summary row and a report's suggested
    name (when reports are written), or an error."""

    source: str
    output: Any = None
    row: dict[str, Any] | None = None
    error: ExpertError | None = None
    name: str | None = None  # the plan's label, to name its report


def evaluate_chunk(expert: Expert, sources: list[Source], fmt: str, lang: str,
                   rows: bool = True) -> list[Outcome]:
    """Load, evaluate and render one chunk; broken sources become error outcomes."""
    with gc_paused():  # everything built here is acyclic: reference counting frees it
        return _evaluate_chunk(expert, sources, fmt, lang, rows)


def _evaluate_chunk(expert: Expert, sources: list[Source], fmt: str, lang: str,
                    rows: bool) -> list[Outcome]:
    from ..report.render import render
    from ..report.summary import summary_row

    loaded: list[tuple[int, FactSet]] = []
    outcomes: list[Outcome | None] = [None] * len(sources)
    for index, source in enumerate(sources):
        try:
            loaded.append((index, load_source(source, expert.kb)))
        except ExpertError as error:
            outcomes[index] = Outcome(source.name, error=_bare(error))
    results = expert.evaluate_many([facts for _, facts in loaded])
    for (index, facts), result in zip(loaded, results, strict=True):
        outcomes[index] = Outcome(facts.source, render(result, fmt, lang),
                                  summary_row(result, lang) if rows else None,
                                  name=facts.label())
    return [o for o in outcomes if o is not None]


def _bare(error: ExpertError) -> ExpertError:
    """The error without its traceback and the exception it was raised from: each holds
    frames in a cycle (a frame holds the outcome, or the exception being handled) that the
    paused collector leaves behind; resident memory grew by 4 KB per broken record."""
    error.__traceback__ = error.__context__ = error.__cause__ = None
    return error


# --- worker processes ---------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _init_worker(kb_root: str, fmt: str, lang: str, rows: bool) -> None:
    # Ctrl-C reaches the whole process group: the parent alone decides what to do with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the parent's SIGTERM handler; the parent ends its workers
    # with SIGTERM, which must end them silently.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    # A forked worker inherits the parent's compiled engine; a spawned one builds its own.
    if "expert" not in _worker:
        _worker["expert"] = Expert.open(kb_root)
    _worker.update(fmt=fmt, lang=lang, rows=rows)


def _die_with_parent() -> None:
    """Linux: a worker gets SIGTERM when the parent dies (even by SIGKILL), instead of
    failing later on a broken pipe with a traceback."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def _run_worker(work: list[tuple[str, int]]) -> list[tuple[Any, ...]]:
    # Plain tuples cross the process boundary: far cheaper to pickle than dataclasses.
    sources = [Source(name, None, line) for name, line in work]
    outcomes = evaluate_chunk(_worker["expert"], sources, _worker["fmt"], _worker["lang"],
                              _worker["rows"])
    return [(o.source, o.output, o.row, o.error, o.name) for o in outcomes]


def evaluate_sources(kb_root: str, sources: Iterable[Source | object], *, fmt: str, lang: str,
                     jobs: int, expert: Expert | None = None, rows: bool = True
                     ) -> Iterator[Outcome]:
    """Outcomes in input order. Files in batches of ``PARALLEL_THRESHOLD`` or more go to
    ``jobs`` workers; the rest, and standard input, run here."""
    iterator = iter(sources)
    head: list[Source | object] = []
    for item in iterator:
        head.append(item)
        if item is FLUSH or len(head) >= PARALLEL_THRESHOLD or \
                (isinstance(item, Source) and item.text is not None):
            break
    files_only = all(isinstance(s, Source) and s.text is None and s.problem is None
                     for s in head)
    if jobs <= 1 or len(head) < PARALLEL_THRESHOLD or not files_only:
        yield from _local(expert or Expert.open(kb_root), head, iterator, fmt, lang, rows)
        return
    yield from _parallel(kb_root, head, iterator, fmt=fmt, lang=lang, jobs=jobs,
                         expert=expert, rows=rows)


def _local(expert: Expert, head: list[Source | object], rest: Iterator[Source | object],
           fmt: str, lang: str, rows: bool) -> Iterator[Outcome]:
    pending: list[Source] = []
    for item in itertools.chain(head, rest):
        if item is FLUSH:
            if pending:
                yield from evaluate_chunk(expert, pending, fmt, lang, rows)
                pending = []
            continue
        pending.append(item)  # type: ignore[arg-type]
        if len(pending) >= CHUNK:
            yield from evaluate_chunk(expert, pending, fmt, lang, rows)
            pending = []
    if pending:
        yield from evaluate_chunk(expert, pending, fmt, lang, rows)


def _parallel(kb_root: str, head: list[Source | object], rest: Iterator[Source | object], *,
              fmt: str, lang: str, jobs: int, expert: Expert | None, rows: bool
              ) -> Iterator[Outcome]:
    import multiprocessing

    def units() -> Iterator[list[tuple[str, int]]]:
        pending: list[tuple[str, int]] = []
        for item in (*head, *rest):
            if isinstance(item, Source):
                pending.append((item.name, item.line))
                if len(pending) >= WORK_UNIT:
                    yield pending
                    pending = []
        if pending:
            yield pending

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "fork":  # children start with this process's engine: no second compile
        _worker["expert"] = expert or Expert.open(kb_root)
    pool = context.Pool(jobs, _init_worker, (kb_root, fmt, lang, rows))
    try:
        for outcomes in pool.imap(_run_worker, units()):
            yield from (Outcome(*outcome) for outcome in outcomes)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        _worker.clear()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
