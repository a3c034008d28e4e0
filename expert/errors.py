"""The one error hierarchy of the product.

Every error a user can cause carries where it happened (file, line, column) and a hint
on how to fix it. Errors are rendered once, at the CLI edge (``render``); library code
only raises.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column are 1-based, either may be unknown."""

    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def shifted(self, line_offset: int, column: int) -> Location:
        """A location inside a value that starts at this location (for conditions)."""
        if self.line is None:
            return self
        if line_offset == 0:
            base = self.column or 1
            return Location(self.file, self.line, base + column - 1)
        return Location(self.file, self.line + line_offset, column)


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    message: str
    location: Location
    hint: str | None = None
    code: str = "error"

    def render(self, *, source: bool = True) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        if source:
            excerpt = _source_excerpt(self.location)
            if excerpt:
                text += "\n" + excerpt
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class ExpertError(Exception):
    """Base of every error the product raises on purpose."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        location: Location | None = None,
        hint: str | None = None,
        *,
        code: str = "error",
        diagnostics: Iterable[Diagnostic] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if diagnostics is not None:
            self.diagnostics = list(diagnostics)
        else:
            self.diagnostics = [
                Diagnostic("error", message, location or Location(), hint, code)
            ]

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Keep every diagnostic when the error crosses a process boundary (batch workers).
        return (_rebuild, (type(self), self.message, tuple(self.diagnostics)))

    @property
    def location(self) -> Location:
        return self.diagnostics[0].location

    @property
    def hint(self) -> str | None:
        return self.diagnostics[0].hint

    def render(self, *, source: bool = True) -> str:
        return "\n".join(d.render(source=source) for d in self.diagnostics)

    def __str__(self) -> str:
        return self.render(source=False)


class InputError(ExpertError):
    """Something the user gave us is wrong: a file, a value, a command-line argument."""


class KnowledgeBaseError(InputError):
    """The knowledge base does not load or does not pass its checks."""

    @classmethod
    def from_diagnostics(cls, diagnostics: Iterable[Diagnostic]) -> KnowledgeBaseError:
        errors = [d for d in diagnostics if d.severity == "error"]
        count = len(errors)
        noun = "error" if count == 1 else "errors"
        return cls(f"the knowledge base has {count} {noun}", diagnostics=errors)


class FactsError(InputError):
    """A fact file (answers of one plan) is malformed or does not fit the knowledge base."""


class EngineError(ExpertError):
    """Inference failed for a reason that is not the user's input: a defect."""

    exit_code = 1


def _rebuild(cls: type[ExpertError], message: str, diagnostics: tuple[Diagnostic, ...]
             ) -> ExpertError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.message = message
    error.diagnostics = list(diagnostics)
    return error


def _source_excerpt(location: Location) -> str:
    """The offending line with a caret under the column, when the file can be read."""
    if not location.file or location.line is None or location.column is None:
        return ""
    try:
        with Path(location.file).open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if number == location.line:
                    text = line.rstrip("\r\n")
                    break
            else:
                return ""
    except OSError:
        return ""
    if len(text) > 200:
        return ""
    caret = " " * (location.column - 1) + "^"
    return f"    {text}\n    {caret}"
