"""Where a batch's plans come from: files, folders, glob patterns and standard input.

Folders and ``**`` patterns are walked without following symbolic links, so a link loop
cannot trap the walk. Standard input is JSON Lines, read as bytes and streamed: a record
goes to evaluation as soon as no more input is waiting, so the first result comes out
while the input is still open, and memory does not grow with the length of the stream.
Each line is decoded and parsed on its own: one bad line is that line's error record.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..document import Document
from ..errors import ExpertError, InputError, Location
from ..facts import MAX_FACT_FILE_BYTES, FactSet, facts_from_document, load_facts
from ..files import decode_text
from ..i18n import Msg
from ..model import KnowledgeBase

SUFFIXES = (".yaml", ".yml", ".json")
RESULT_KEYS = ("source", "kb", "conclusions", "open", "warnings")  # added by --format jsonl
FLUSH = object()  # in a stream of sources: evaluate what is pending, more input is not ready


@dataclass(frozen=True)
class Source:
    """A fact file, or one JSON Lines record read from standard input."""

    name: str
    text: str | None = None  # the record's text (stdin); None for files
    line: int = 0
    problem: ExpertError | None = None  # the record could not even be read


def discover(arguments: Iterable[str], stdin: BinaryIO | None = None
             ) -> Iterator[Source | object]:
    """Expand files, folders (recursively: *.yaml, *.yml, *.json) and glob patterns; '-'
    streams JSON Lines from standard input (with ``FLUSH`` marks, see above)."""
    for argument in arguments:
        if argument == "-":
            yield from stream_records(stdin if stdin is not None else _stdin())
            continue
        path = Path(argument)
        if path.is_dir():
            yield from (Source(name) for name in _walk(path, None))
        elif glob.has_magic(argument) and not path.exists():
            matches = sorted(_glob(argument))
            if not matches:
                yield Source(argument)  # reported as "file not found"
            yield from (Source(m) for m in matches)
        else:
            yield Source(argument)


def _stdin() -> BinaryIO:
    import sys

    return sys.stdin.buffer


def _walk(root: Path, pattern: re.Pattern[str] | None) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            full = os.path.join(folder, name)
            relative = os.path.relpath(full, root)
            if pattern is not None:
                if pattern.fullmatch(relative.replace(os.sep, "/")) and os.path.isfile(full):
                    found.append(full)
            elif Path(name).suffix.lower() in SUFFIXES and os.path.isfile(full):
                found.append(full)
    return sorted(found)


def _glob(argument: str) -> list[str]:
    """Glob with ``**``, never following symbolic links to folders."""
    parts = Path(argument).parts
    fixed = [p for p in parts[:next((i for i, p in enumerate(parts) if glob.has_magic(p)),
                                     len(parts))]]
    base = Path(*fixed) if fixed else Path(".")
    rest = "/".join(parts[len(fixed):])
    if not base.is_dir():
        return []
    return [str(Path(p)) for p in _walk(base, _translate(rest))]


def _translate(pattern: str) -> re.Pattern[str]:
    out = []
    for index, part in enumerate(pattern.split("/")):
        last = index == len(pattern.split("/")) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
        else:
            regex = fnmatch.translate(part)[4:-3].replace(".*", "[^/]*")
            out.append(regex + ("" if last else "/"))
    return re.compile("".join(out))


def stream_records(stream: BinaryIO) -> Iterator[Source | object]:
    """JSON Lines records, one ``Source`` per non-blank line; ``FLUSH`` whenever what was
    read is all there is for now."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        fd = None
    buffer = b""
    number = 0
    while True:
        newline = buffer.find(b"\n")
        if newline < 0:
            if fd is not None and _waiting(fd) is False:
                yield FLUSH
            chunk = os.read(fd, 1 << 16) if fd is not None else stream.read(1 << 16)
            if not chunk:
                if buffer.strip():
                    number += 1
                    yield _record(buffer, number)
                return
            buffer += chunk
            if len(buffer) > MAX_FACT_FILE_BYTES and b"\n" not in buffer:
                number += 1
                yield _too_long(number)
                buffer = _skip_line(stream, fd)
            continue
        line, buffer = buffer[:newline], buffer[newline + 1:]
        number += 1
        if line.strip():
            yield _record(line, number)


def _waiting(fd: int) -> bool | None:
    """Is more input ready right now? None when this platform cannot tell."""
    try:
        import select

        return bool(select.select([fd], [], [], 0)[0])
    except (ImportError, OSError, ValueError):
        return None


def _skip_line(stream: BinaryIO, fd: int | None) -> bytes:
    """Drop the rest of an over-long line; return what follows it."""
    while True:
        chunk = os.read(fd, 1 << 16) if fd is not None else stream.read(1 << 16)
        if not chunk:
            return b""
        newline = chunk.find(b"\n")
        if newline >= 0:
            return chunk[newline + 1:]


def _too_long(number: int) -> Source:
    problem = InputError(Msg("stdin.line_too_long"), Location("<stdin>", number),
                         Msg("hint.one_json_object"), code="too-large")
    return Source(f"<stdin>:{number}", None, number, problem)


def _record(raw: bytes, number: int) -> Source:
    name = f"<stdin>:{number}"
    if len(raw) > MAX_FACT_FILE_BYTES:
        return _too_long(number)
    try:
        text = decode_text(raw.rstrip(b"\r"), "<stdin>")
    except InputError as problem:
        where = problem.location
        located = InputError(problem.message, Location("<stdin>", number, where.column),
                             problem.hint, code=problem.code)
        return Source(name, None, number, located)
    return Source(name, text, number)


def load_source(source: Source, kb: KnowledgeBase, *, lenient: bool = False) -> FactSet:
    """The plan of one source; any fault of the input is an ``ExpertError`` for it."""
    if source.problem is not None:
        raise source.problem
    try:
        if source.text is None:
            return load_facts(source.name, kb, lenient=lenient)
        from ..jsonio import parse_json

        document = parse_json(source.text, "<stdin>", line=source.line)
        record: Any = document.data
        if isinstance(record, dict):  # a result piped back in: its answers are the input
            record = {k: v for k, v in record.items() if k not in RESULT_KEYS}
        return facts_from_document(Document("<stdin>", record, document.locator, source.line),
                                   kb, source=source.name, lenient=lenient)
    except ExpertError:
        raise
    except (ValueError, TypeError, RecursionError, MemoryError, OverflowError) as problem:
        # Whatever a hostile input finds that the readers above do not name, it stays this
        # input's problem: one record, never the batch.
        raise InputError(Msg("facts.unreadable", kind=type(problem).__name__),
                         Location(source.name if source.text is None else "<stdin>",
                                  source.line or None), Msg("hint.check_file"),
                         code="unreadable") from None
