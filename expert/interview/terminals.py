"""Two front ends for the same dialogue: a prompt-toolkit application for people at a
terminal, and a plain line mode for pipes and scripts (stdin is not a terminal)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Protocol, TextIO

from ..model import Question
from .dialogue import COMMANDS, BadAnswer, parse_answer, split_command


class Terminal(Protocol):
    def ask(self, lines: list[str], question: Question | None = None,
            toolbar: Callable[[], str] | None = None) -> str: ...

    def say(self, lines: list[str]) -> None: ...


class PlainTerminal:
    """Line by line: prompts to ``output``, answers from ``input``. End of input is EOFError
    (the interview saves and stops, as with Ctrl-D)."""

    def __init__(self, input: TextIO | None = None, output: TextIO | None = None) -> None:
        self.input = input or sys.stdin
        self.output = output or sys.stdout

    def ask(self, lines: list[str], question: Question | None = None,
            toolbar: Callable[[], str] | None = None) -> str:
        for line in lines:
            self.output.write(line + "\n")
        self.output.write("> ")
        self.output.flush()
        answer = self.input.readline()
        if not answer:
            self.output.write("\n")
            raise EOFError
        return answer.rstrip("\r\n")

    def say(self, lines: list[str]) -> None:
        for line in lines:
            self.output.write(line + "\n")
        self.output.flush()


class PromptTerminal:
    """prompt-toolkit: completion of options and commands, answers refused at the prompt
    with a one-line reason, a bottom toolbar with progress and keys (F1 help, F2 why, F3
    back, F4 skip), Ctrl-C / Ctrl-D to save and leave."""

    def __init__(self, lang: str, input: Any = None, output: Any = None) -> None:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.key_binding import KeyBindings

        self.lang = lang
        bindings = KeyBindings()
        for key, word in (("f1", "?"), ("f2", "why"), ("f3", "back"), ("f4", "skip")):
            bindings.add(key)(self._typer(word))
        self.session: Any = PromptSession(input=input, output=output, key_bindings=bindings)
        self._print = self._printer(output)

    @staticmethod
    def _typer(word: str):  # type: ignore[no-untyped-def]
        def typed(event) -> None:  # type: ignore[no-untyped-def]
            buffer = event.app.current_buffer
            buffer.text = word
            buffer.validate_and_handle()

        return typed

    @staticmethod
    def _printer(output: Any):  # type: ignore[no-untyped-def]
        from prompt_toolkit import print_formatted_text

        def show(text: str) -> None:
            print_formatted_text(text, output=output) if output is not None else \
                print_formatted_text(text)

        return show

    def ask(self, lines: list[str], question: Question | None = None,
            toolbar: Callable[[], str] | None = None) -> str:
        from prompt_toolkit.completion import WordCompleter
        from prompt_toolkit.validation import ValidationError, Validator

        for line in lines[:-1]:
            self._print(line)
        words = sorted(set(COMMANDS) - {"?"})
        if question is not None and question.choices:
            words = [c.id for c in question.choices] + words
        elif question is not None and question.type == "boolean":
            words = ["sí", "no", "yes", *words]
        lang = self.lang

        class AnswerValidator(Validator):
            def validate(self, document) -> None:  # type: ignore[no-untyped-def]
                if question is None:
                    return
                command, _ = split_command(document.text)
                if command is not None:
                    return
                try:
                    parse_answer(question, document.text, lang)
                except BadAnswer as problem:
                    raise ValidationError(message=str(problem),
                                          cursor_position=len(document.text)) from None

        return str(self.session.prompt(
            (lines[-1] if lines else "") + "\n> ",
            completer=WordCompleter(words, ignore_case=True, sentence=True),
            complete_while_typing=True,
            validator=AnswerValidator(),
            validate_while_typing=False,
            bottom_toolbar=toolbar,
        ))

    def say(self, lines: list[str]) -> None:
        for line in lines:
            self._print(line)

