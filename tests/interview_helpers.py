"""Drive real interviews: a scripted consultant on top of the real front ends."""

from __future__ import annotations

import io
import time
from collections.abc import Callable

from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from expert.facts import to_yaml_value
from expert.interview.terminals import PlainTerminal, PromptTerminal
from expert.model import Question


def typed(question: Question, value) -> str:
    """How a consultant would type a known answer."""
    if value is None:
        return "saltar"
    if question.type == "boolean":
        return "sí" if value else "no"
    if question.type == "multichoice":
        return ", ".join(to_yaml_value(question, value)) or "-"
    return str(value)


class Consultant:
    """Answers each question from a plan (unknown: 'saltar'); other prompts (meta, the
    report offer) from ``extra``. ``before(question)`` gives lines to type first, the first
    time a question comes up: commands, or a tuple of keystroke chunks typed into one prompt
    (a refused answer, Ctrl-U, then the right one). ``stop_after`` presses Ctrl-C."""

    def __init__(self, terminal, answers: dict, *, extra: list[str] | None = None,
                 before: Callable[[Question], list] | None = None,
                 stop_after: int | None = None, feed: Callable[[str], None] | None = None
                 ) -> None:
        self.terminal = terminal
        self.answers = answers
        self.extra = list(extra or [])
        self.before = before
        self.stop_after = stop_after
        self.feed = feed
        self.asked: list[str] = []
        self._seen: set[str] = set()
        self._pending: list = []
        self._owner: str | None = None

    def say(self, lines: list[str]) -> None:
        self.terminal.say(lines)

    def _next_item(self, question):  # type: ignore[no-untyped-def]
        if question is None:
            return self.extra.pop(0) if self.extra else ""
        if self._owner != question.id:
            self._pending, self._owner = [], question.id
        if not self._pending:
            first = question.id not in self._seen
            self._seen.add(question.id)
            self.asked.append(question.id)
            if self.stop_after is not None and len(self.asked) > self.stop_after:
                return "\x03"
            self._pending = ((self.before(question) if first and self.before else [])
                             + [typed(question, self.answers.get(question.id))])
        return self._pending.pop(0)

    def ask(self, lines, question=None, toolbar=None) -> str:
        item = self._next_item(question)
        chunks = item if isinstance(item, tuple) else (item,)
        if self.feed is None:  # the plain terminal reads one line
            if chunks[-1] == "\x03":
                raise KeyboardInterrupt
            self.terminal.input = io.StringIO(chunks[-1] + "\n")
        else:
            keys = [c if c in ("\x03", "\x04", "\x15") else c + "\r" for c in chunks]
            self.feed(keys[0])
            if len(keys) > 1:  # later keystrokes arrive after the prompt has redrawn
                import threading

                def rest() -> None:
                    for key in keys[1:]:
                        time.sleep(0.25)
                        self.feed(key)

                threading.Thread(target=rest, daemon=True).start()
        return self.terminal.ask(lines, question, toolbar)


def plain_consultant(answers: dict, **options) -> tuple[Consultant, io.StringIO]:
    output = io.StringIO()
    return Consultant(PlainTerminal(io.StringIO(), output), answers, **options), output


class PromptConsultant:
    """The real prompt-toolkit application, reading from a pipe, writing to a buffer."""

    def __init__(self, answers: dict, lang: str = "es", **options) -> None:
        self._pipe = create_pipe_input()
        self.pipe = self._pipe.__enter__()
        self.screen = io.StringIO()
        output = Vt100_Output(self.screen, lambda: Size(rows=40, columns=160), term="xterm")
        self.terminal = PromptTerminal(lang, input=self.pipe, output=output)
        self.consultant = Consultant(self.terminal, answers, feed=self.pipe.send_text,
                                     **options)

    def __enter__(self) -> PromptConsultant:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pipe.__exit__(None, None, None)
