"""The one error hierarchy of the product.

Every error a user can cause carries where it happened (file, line, column), what is wrong
and a hint on how to fix it, as catalogue messages (``i18n.Msg``) that are rendered once,
at the edge (the CLI, a web page), in the reader's language. Library code only raises.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .i18n import Msg, current_language, t
from .text import printable

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column are 1-based, any of them may be unknown."""

    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.file is None and self.line is None:
            return ""
        parts = [printable(self.file) if self.file else "-"]
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
    message: Msg
    location: Location
    hint: Msg | None = None
    code: str = "error"

    def text(self, lang: str | None = None) -> str:
        """The message and its hint, without the location."""
        lang = lang or current_language()
        text = self.message.render(lang)
        if self.hint is not None:
            text += f" ({self.hint.render(lang)})"
        return text

    def render(self, lang: str | None = None, *, source: bool = True) -> str:
        lang = lang or current_language()
        where = str(self.location)
        text = f"{where}: " if where else ""
        text += f"{t('severity.' + self.severity, lang)}: {self.text(lang)}"
        if source:
            excerpt = _source_excerpt(self.location)
            if excerpt:
                text += "\n" + excerpt
        return text

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        lang = lang or current_language()
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message.render(lang),
            "hint": self.hint.render(lang) if self.hint is not None else None,
        }


class ExpertError(Exception):
    """Base of every error the product raises on purpose."""

    exit_code = 2

    def __init__(
        self,
        message: Msg,
        location: Location | None = None,
        hint: Msg | None = None,
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
    def hint(self) -> Msg | None:
        return self.diagnostics[0].hint

    @property
    def code(self) -> str:
        return self.diagnostics[0].code

    def render(self, lang: str | None = None, *, source: bool = True) -> str:
        return "\n".join(d.render(lang, source=source) for d in self.diagnostics)

    def __str__(self) -> str:
        return self.render(source=False)


class InputError(ExpertError):
    """Something the user gave us is wrong: a file, a value, a command-line argument."""


class KnowledgeBaseError(InputError):
    """The knowledge base does not load or does not pass its checks."""

    @classmethod
    def from_diagnostics(cls, diagnostics: Iterable[Diagnostic]) -> KnowledgeBaseError:
        errors = [d for d in diagnostics if d.severity == "error"]
        return cls(Msg("kb.has_errors", count=len(errors)), diagnostics=errors)


class FactsError(InputError):
    """A fact file (answers of one plan) is malformed or does not fit the knowledge base."""


class EngineError(ExpertError):
    """Inference failed for a reason that is not the user's input: a defect."""

    exit_code = 1


def _rebuild(cls: type[ExpertError], message: Msg, diagnostics: tuple[Diagnostic, ...]
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
        path = Path(location.file)
        if not path.is_file() or path.stat().st_size > 64 * 1024 * 1024:
            return ""
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if number == location.line:
                    text = line.rstrip("\r\n")
                    break
            else:
                return ""
    except OSError:
        return ""
    if len(text) > 200 or location.column > len(text) + 1:
        return ""
    caret = "".join("\t" if c == "\t" else " " for c in text[:location.column - 1]) + "^"
    return f"    {printable(text)}\n    {caret}"
