"""Parsed conditions and expressions kept between runs, so a warm start never imports lark.

One JSON file per grammar version in the user's cache folder (``$XDG_CACHE_HOME`` or
``~/.cache``; ``EXPERT_NO_CACHE=1`` turns it off). The cache can only ever save time: it is
read through the same bounded, non-blocking reader as user files, every entry carries a
checksum of its text and tree and is rebuilt from the tree's data with full checks, and
anything doubtful (too large, too deep, malformed, damaged) is ignored and parsed again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import conditions, expressions
from .errors import InputError

log = logging.getLogger(__name__)
CACHE_LIMIT = 5000  # entries kept across runs
MAX_CACHE_BYTES = 4 * 1024 * 1024
BUILDER_VERSION = "3"  # bump when the trees built from the grammar change
_DECODE = {"c": conditions.from_data, "e": expressions.from_data}
_ENCODE = {"c": conditions.to_data, "e": expressions.to_data}


def _checksum(kind: str, text: str, data: Any) -> str:
    payload = json.dumps([kind, text, data], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# Words of the trees' own vocabulary, and the language's keywords.
_VOCABULARY = frozenset({"truth", "cmp", "in", "has", "known", "ref", "not", "and", "or",
                         "num", "var", "call", "op", "number", "percent", "string", "name",
                         "bool", "finding", "risk", "measure", "count", "min", "max", "is",
                         "unknown", "true", "false"})
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_QUOTED = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'")


def _same_words(data: Any, text: str) -> bool:
    """Does the tree name exactly the words its text names (and quote only what the text
    quotes)? A tree with the right checksum that was taken from another condition, or
    made up, then never stands in for this one: it is parsed again instead."""
    in_tree: set[str] = set()
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            if len(item) == 4 and item[1] == "string":  # a quoted literal
                if not isinstance(item[0], str) or item[0] not in text:
                    return False
                continue
            pending.extend(item)
        elif isinstance(item, str) and _WORD.fullmatch(item) and item not in _VOCABULARY:
            in_tree.add(item)
    in_text = set(_WORD.findall(_QUOTED.sub(" ", text))) - _VOCABULARY
    return in_tree == in_text


class _Cache:
    def __init__(self) -> None:
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.dirty = False
        self.path = self._location()
        if self.path is not None:
            self.entries = self._read(self.path)

    @staticmethod
    def _location() -> Path | None:
        if os.environ.get("EXPERT_NO_CACHE"):
            return None
        from .parser import GRAMMAR

        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        digest = hashlib.sha256(GRAMMAR.read_bytes() + BUILDER_VERSION.encode()).hexdigest()
        return Path(base) / "garantias-expert" / f"conditions-{digest[:16]}.json"

    @staticmethod
    def _read(path: Path) -> dict[str, Any]:
        from .files import read_bytes

        try:
            raw = read_bytes(path, max_bytes=MAX_CACHE_BYTES)
            loaded = json.loads(raw.decode("utf-8"))
        except (InputError, ValueError, RecursionError, MemoryError) as problem:
            log.debug("condition cache ignored: %s", problem)
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def get(self, kind: str, text: str) -> Any:
        entry = self.entries.get(f"{kind}:{text}")
        if not isinstance(entry, list) or len(entry) != 2:
            return None
        checksum, data = entry
        try:
            if checksum != _checksum(kind, text, data) or not _same_words(data, text):
                return None
            tree = _DECODE[kind](data)
        except (ValueError, TypeError, IndexError, KeyError, RecursionError):
            return None
        self.used.add(f"{kind}:{text}")
        return tree

    def put(self, kind: str, text: str, tree: Any) -> None:
        data = _ENCODE[kind](tree)
        key = f"{kind}:{text}"
        self.entries[key] = [_checksum(kind, text, data), data]
        self.used.add(key)
        self.dirty = True

    def flush(self) -> None:
        if not self.dirty or self.path is None:
            return
        keep = {k: v for k, v in self.entries.items() if k in self.used}
        for key, value in self.entries.items():
            if len(keep) >= CACHE_LIMIT:
                break
            keep.setdefault(key, value)
        try:
            from .writer import write_atomic

            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Never through a link: one planted in the cache folder would otherwise have us
            # replace whatever it points to (as root, even /dev/zero).
            write_atomic(self.path, json.dumps(keep, ensure_ascii=False), follow_links=False)
            self.dirty = False
        except (OSError, InputError) as error:  # a read-only home: fine, just slower
            log.debug("condition cache not written: %s", error)


@functools.lru_cache(maxsize=1)
def _cache() -> _Cache:
    return _Cache()


def cached(kind: str, text: str, parse: Callable[[], Any]) -> Any:
    if isinstance(text, str) and text.strip():
        found = _cache().get(kind, text)
        if found is not None:
            return found
    tree = parse()
    _cache().put(kind, text, tree)
    return tree


def flush() -> None:
    _cache().flush()
