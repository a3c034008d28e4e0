"""One conversation at a terminal: the current prompt, each typed line fed in, and what to
show back. The full-screen application and the plain line mode are both thin loops around
it, so they behave alike line for line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..i18n import t
from ..text import printable
from ..writer import OutputError
from .dialogue import Reply, handle, step_lines
from .flow import Interview, Step
from .screens import review_lines, status_lines, summary_lines
from .views import status


class Conversation:
    def __init__(self, interview: Interview, session: Path,
                 write_report: Callable[[], Path], *, resumed: bool = False) -> None:
        self.interview = interview
        self.session = session
        self.write_report = write_report
        self.over = False
        self.transcript: list[str] = []  # everything said, in order (for tests and the app)
        self.pending: list[str] = []  # replies since the front end last showed output
        self.closing: list[str] = []  # the summary and the last words, to leave on screen
        if resumed and interview.state.finished:
            # A finished interview opens on its review, to correct it.
            interview.reopen()
            self._say([t("iv.resumed.finished", interview.lang), *review_lines(interview)])
        self.step: Step = self._advance()

    @property
    def lang(self) -> str:
        return self.interview.lang

    def prompt(self) -> list[str]:
        return step_lines(self.interview, self.step)

    def toolbar(self) -> str:
        """Family · answered · pending · keys, within 80 columns."""
        found = status(self.interview, self.step.question)
        text = t("iv.toolbar", self.lang, family=found.family, answered=found.answered,
                 pending=found.pending)
        return text if len(text) <= 79 else text[:78] + "…"

    def feed(self, line: str) -> Reply:
        """Apply one typed line; the reply says what to show, and whether it was refused."""
        shown = printable(line)
        self.transcript += [*self.prompt(), f"> {shown}"]  # the front end showed these
        reply = handle(self.interview, self.step, line)
        self._say(reply.lines)
        if reply.problem:
            self._say([f"✗ {reply.problem}"])
            return reply
        if reply.quit:
            self.leave()
            return reply
        if reply.report is not None:
            if reply.report:
                try:
                    target = self.write_report()
                except OutputError as error:  # say where and why; «sí» tries again
                    reply.problem = error.diagnostics[0].text(self.lang)
                    self._say([f"✗ {reply.problem}"])
                    return reply
                words = [t("iv.report.written", self.lang, path=printable(str(target)))]
                self._say(words)
                self.closing += words
            self.leave()
            return reply
        self.step = self._advance()
        return reply

    def leave(self) -> None:
        """Save and say how many answers are kept, whatever the way out."""
        if not self.over:
            self.interview.save(self.interview.state)
            self.over = True
            words = [t("iv.left", self.lang, count=self.interview.answered,
                       path=printable(str(self.session)))]
            if not self.interview.state.finished:
                words.append(t("iv.to_resume", self.lang, path=printable(str(self.session))))
            self._say(words)
            self.closing += words

    def status(self) -> list[str]:
        return status_lines(self.interview, self.step.question)

    def _advance(self) -> Step:
        step = self.interview.step()
        if step.kind == "done" and not self.interview.state.finished:
            self.interview.finish()
            lines = ["", *summary_lines(self.interview), ""]
            self._say(lines)
            self.closing = list(lines)
        return step

    def _say(self, lines: list[str]) -> None:
        self.transcript += lines
        self.pending += lines

    def take(self) -> list[str]:
        lines, self.pending = self.pending, []
        return lines
