"""A parsed file: plain data, and where each value sits in the file.

Positions are looked up only when a message needs one, so valid files (nearly all of them)
pay nothing for them; a file with many faults pays once, in linear time, for an index of
its positions. How positions are found depends on where the data came from: the YAML node
tree (``yamlio``), a scan of the JSON text (``jsonio``), or only the line of a JSON Lines
record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from .errors import Location


@dataclass(frozen=True)
class ScalarInfo:
    """Where a scalar starts and how it is written (needed to place condition errors)."""

    line: int
    column: int
    style: str | None  # None (plain), "'", '"', "|", ">"
    text: str | None = None  # a plain scalar as written, before it was typed


class Locator(Protocol):
    def value(self, path: tuple[object, ...]) -> tuple[int, int] | None:
        """1-based (line, column) of the value at ``path``, or of its nearest ancestor."""

    def key(self, path: tuple[object, ...]) -> tuple[int, int] | None:
        """(line, column) of the mapping key that ends ``path`` (None when not found)."""

    def scalar(self, path: tuple[object, ...]) -> ScalarInfo | None:
        """The scalar at exactly ``path``, with its style."""


class LineLocator:
    """Every value of a record is at the record's line (JSON Lines on standard input)."""

    def __init__(self, line: int | None) -> None:
        self.line = line

    def value(self, path: tuple[object, ...]) -> tuple[int, int] | None:
        return None

    def key(self, path: tuple[object, ...]) -> tuple[int, int] | None:
        return None

    def scalar(self, path: tuple[object, ...]) -> ScalarInfo | None:
        return None


@dataclass
class Document:
    path: str
    data: Any
    locator: Locator | None = None
    line: int | None = None  # where the data starts when nothing finer is known

    def where(self, *path: object) -> Location:
        """Location of the value at ``path``, or of its nearest enclosing value."""
        found = self.locator.value(path) if self.locator is not None else None
        return self._location(found)

    def where_key(self, *path: object) -> Location:
        """Location of the mapping key at ``path`` (falls back to the value)."""
        found = self.locator.key(path) if self.locator is not None else None
        return self._location(found) if found is not None else self.where(*path)

    def scalar(self, *path: object) -> ScalarInfo | None:
        return self.locator.scalar(path) if self.locator is not None else None

    def sub(self, data: Any) -> Document:
        """The same file and positions, holding part of (or a filtered copy of) its data."""
        return Document(self.path, data, self.locator, self.line)

    def _location(self, found: tuple[int, int] | None) -> Location:
        if found is None:
            return Location(self.path, self.line)
        return Location(self.path, found[0], found[1])
