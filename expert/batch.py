"""Many plans in, results out: discovery of fact files, evaluation in batches, optional
worker processes, and per-file errors that cost only their own file.

The batch evaluator is a client of ``infer.Expert`` like any other. With ``jobs > 1`` each
worker process builds its own ``Expert`` (durable-rules is not thread-safe and its hosts
cannot be shared); work travels to the workers as file names (or JSON Lines records) and
comes back rendered, in input order.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .engine import gc_paused
from .errors import ExpertError, InputError, Location
from .facts import MAX_FACT_FILE_BYTES, FactSet, facts_from_document, load_facts
from .infer import Expert
from .model import KnowledgeBase
from .yamlio import Document

SUFFIXES = (".yaml", ".yml", ".json")
CHUNK = 256  # plans per engine session
WORK_UNIT = 128  # plans per unit of work sent to a worker: small enough to balance the end
PARALLEL_THRESHOLD = 64  # below this many plans, worker start-up costs more than it saves
RESULT_KEYS = ("source", "kb", "conclusions", "open")  # what --format jsonl adds to a record


@dataclass(frozen=True)
class Source:
    """A fact file, or one JSON Lines record read from standard input."""

    name: str
    record: Any = None  # parsed JSON of a stdin line; None for files
    line: int = 0


@dataclass(frozen=True)
class Outcome:
    """What became of one source: rendered output and a summary row, or an error."""

    source: str
    output: Any = None
    row: dict[str, Any] | None = None
    error: ExpertError | None = None


def discover(arguments: Iterable[str], stdin: TextIO | None = None) -> Iterator[Source]:
    """Expand files, folders (recursively: *.yaml, *.yml, *.json) and glob patterns;
    '-' reads JSON Lines fact records from standard input."""
    for argument in arguments:
        if argument == "-":
            yield from _stdin_sources(stdin or sys.stdin)
            continue
        path = Path(argument)
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in SUFFIXES
                           and p.is_file() and not any(part.startswith(".") for part in
                                                       p.relative_to(path).parts))
            yield from (Source(name) for name in found)
        elif glob.has_magic(argument) and not path.exists():
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                yield Source(argument)  # reported as "file not found"
            yield from (Source(m) for m in matches if Path(m).is_file())
        else:
            yield Source(argument)


def _stdin_sources(stream: TextIO) -> Iterator[Source]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        if len(line) > MAX_FACT_FILE_BYTES:
            yield Source(f"<stdin>:{number}", {"__error__": "the line is too long"}, number)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            record = {"__error__": f"invalid JSON: {error.msg}", "__column__": error.colno}
        yield Source(f"<stdin>:{number}", record, number)


def load_source(source: Source, kb: KnowledgeBase) -> FactSet:
    if source.record is None:
        return load_facts(source.name, kb)
    record = source.record
    if isinstance(record, dict) and "__error__" in record:
        raise InputError(record["__error__"], Location("<stdin>", source.line,
                         record.get("__column__")), "each line must be one JSON object",
                         code="json-syntax")
    if isinstance(record, dict):  # a result record piped back in: its answers are the input
        record = {k: v for k, v in record.items() if k not in RESULT_KEYS}
    # No node tree: every message points at the record's line, "<stdin>:line".
    document = Document("<stdin>", record, line=source.line)
    return facts_from_document(document, kb, source=source.name)


def evaluate_chunk(expert: Expert, sources: list[Source], fmt: str, lang: str,
                   out_dir: str | None, rows: bool = True) -> list[Outcome]:
    """Load, evaluate and render one chunk; broken sources become error outcomes."""
    with gc_paused():  # everything built here is acyclic: reference counting frees it
        return _evaluate_chunk(expert, sources, fmt, lang, out_dir, rows)


def _evaluate_chunk(expert: Expert, sources: list[Source], fmt: str, lang: str,
                    out_dir: str | None, rows: bool) -> list[Outcome]:
    from .report.render import render
    from .report.summary import summary_row

    loaded: list[tuple[int, FactSet]] = []
    outcomes: list[Outcome | None] = [None] * len(sources)
    for index, source in enumerate(sources):
        try:
            loaded.append((index, load_source(source, expert.kb)))
        except ExpertError as error:
            outcomes[index] = Outcome(source.name, error=error)
    results = expert.evaluate_many([facts for _, facts in loaded])
    for (index, facts), result in zip(loaded, results, strict=True):
        output = render(result, fmt, lang)
        if out_dir is not None and isinstance(output, str):
            output = write_report(out_dir, result, fmt, output)
        outcomes[index] = Outcome(facts.source, output,
                                  summary_row(result, lang) if rows else None)
    return [o for o in outcomes if o is not None]


def write_report(out_dir: str, result: Any, fmt: str, text: str) -> str:
    """Write one plan's report under ``out_dir`` (never outside it); return its path."""
    from .report.render import DOCUMENT_SUFFIX, safe_name
    from .writer import write_atomic

    folder = Path(out_dir).resolve()
    facts = result.facts
    stem = safe_name(facts.label(), "plan")
    source_tag = safe_name(Path(facts.source).stem, "plan")
    name = stem if stem == source_tag else f"{stem}--{source_tag}"  # unique per source file
    target = (folder / (name + DOCUMENT_SUFFIX[fmt])).resolve()
    if target.parent != folder:  # pragma: no cover - safe_name already prevents it
        raise InputError(f"refusing to write outside {folder}", Location(facts.source))
    write_atomic(target, text)
    return str(target)


# --- worker processes ---------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _init_worker(kb_root: str, fmt: str, lang: str, out_dir: str | None, rows: bool) -> None:
    # A forked worker inherits the parent's compiled engine (see evaluate_sources); a
    # spawned one builds its own.
    if "expert" not in _worker:
        _worker["expert"] = Expert.open(kb_root)
    _worker.update(fmt=fmt, lang=lang, out_dir=out_dir, rows=rows)


def _run_worker(work: list[tuple[str, Any, int]]) -> list[tuple[Any, ...]]:
    # Plain tuples cross the process boundary: far cheaper to pickle than dataclasses.
    sources = [Source(name, record, line) for name, record, line in work]
    outcomes = evaluate_chunk(_worker["expert"], sources, _worker["fmt"], _worker["lang"],
                              _worker["out_dir"], _worker["rows"])
    return [(o.source, o.output, o.row, o.error) for o in outcomes]


def evaluate_sources(kb_root: str, sources: Iterable[Source], *, fmt: str, lang: str,
                     jobs: int, out_dir: str | None = None, expert: Expert | None = None,
                     rows: bool = True) -> Iterator[Outcome]:
    """Outcomes in input order (with summary rows when ``rows``). Small batches run in this
    process."""
    iterator = iter(sources)
    head = [s for _, s in zip(range(PARALLEL_THRESHOLD), iterator, strict=False)]
    if jobs <= 1 or len(head) < PARALLEL_THRESHOLD:
        local = expert or Expert.open(kb_root)
        pending = head
        for source in iterator:
            pending.append(source)
            if len(pending) >= CHUNK:
                yield from evaluate_chunk(local, pending, fmt, lang, out_dir, rows)
                pending = []
        if pending:
            yield from evaluate_chunk(local, pending, fmt, lang, out_dir, rows)
        return
    import multiprocessing

    def chunks() -> Iterator[list[tuple[str, Any, int]]]:
        pending = [(s.name, s.record, s.line) for s in head]
        for source in iterator:
            pending.append((source.name, source.record, source.line))
            if len(pending) >= WORK_UNIT:
                yield pending
                pending = []
        if pending:
            yield pending

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "fork":  # children start with this process's engine: no second compile
        _worker["expert"] = expert or Expert.open(kb_root)
    try:
        with context.Pool(jobs, _init_worker, (kb_root, fmt, lang, out_dir, rows)) as pool:
            for outcomes in pool.imap(_run_worker, chunks()):
                yield from (Outcome(*outcome) for outcome in outcomes)
    finally:
        _worker.clear()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
