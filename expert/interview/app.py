"""The interview at a terminal: one prompt-toolkit application from start to end.

One application runs for the whole interview, so input is captured all the time: keys
typed while an answer is being evaluated wait in the input and are read in order (nothing
is lost or echoed raw), and Ctrl-C or Ctrl-D at any moment saves and leaves. The screen
holds the conversation so far (it scrolls), the current question, the answer being typed
with the reason a refused answer was refused beside it, and a toolbar with the progress
and the keys. F1-F4 type the command in the interview's own language.
"""

from __future__ import annotations

from typing import Any

from ..i18n import t
from ..text import printable
from ..writer import OutputError
from .conversation import Conversation
from .dialogue import change_targets, command_words, key_word, question_words, split_command


def build_application(conversation: Conversation, *, input: Any = None, output: Any = None):  # type: ignore[no-untyped-def]
    from prompt_toolkit.application import Application
    from prompt_toolkit.buffer import Buffer
    from prompt_toolkit.completion import Completer, Completion, WordCompleter
    from prompt_toolkit.document import Document
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import HSplit, Layout, Window
    from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
    from prompt_toolkit.layout.dimension import Dimension
    from prompt_toolkit.styles import Style

    lang = conversation.lang
    state: dict[str, str] = {"problem": ""}
    # Lines hold the client's own words: prompt-toolkit shows C0 controls as ^[, but not a
    # bidirectional override, so every line is made printable here as in line mode.
    log = Buffer(read_only=True, document=Document(_shown(conversation.take())))

    def refresh_log() -> None:
        text = _shown(conversation.transcript)
        log.set_document(Document(text, len(text)), bypass_readonly=True)

    class Completions(Completer):
        """Options, yes/no and commands; after «cambiar », the answered questions."""

        def __init__(self) -> None:
            words = question_words(conversation.step.question, lang) \
                if conversation.step.kind == "question" else command_words(lang)
            self.words = WordCompleter(words, ignore_case=True, sentence=True)

        def get_completions(self, document, complete_event):  # type: ignore[no-untyped-def]
            text = document.text_before_cursor.lstrip()
            head, space, typed = text.partition(" ")
            if space and split_command(head, lang)[0] == "change":
                typed = typed.lstrip()
                for target in change_targets(conversation.interview, typed):
                    yield Completion(target, start_position=-len(typed))
                return
            yield from self.words.get_completions(document, complete_event)

    def completer() -> Completer:
        return Completions()

    def accept(buffer: Buffer) -> bool:
        try:
            reply = conversation.feed(buffer.text)
        except OutputError as error:  # the session cannot be saved: leave, and say why
            get_app().exit(exception=error)
            return False
        conversation.take()
        state["problem"] = reply.problem or ""
        refresh_log()
        buffer.completer = completer()
        if conversation.over:
            get_app().exit(result=0)
        return False  # the buffer is cleared: a refused answer does not linger

    answer = Buffer(multiline=False, accept_handler=accept, completer=completer(),
                    complete_while_typing=False)
    bindings = KeyBindings()

    for key, action in (("f1", "help"), ("f2", "why"), ("f3", "back"), ("f4", "skip")):
        def typer(event, word: str = key_word(action, lang)) -> None:  # type: ignore[no-untyped-def]
            event.app.current_buffer.text = word
            event.app.current_buffer.validate_and_handle()

        bindings.add(key)(typer)

    @bindings.add("c-c")
    @bindings.add("c-d")
    def leave(event) -> None:  # type: ignore[no-untyped-def]
        try:
            conversation.leave()
        except OutputError as error:
            event.app.exit(exception=error)
            return
        event.app.exit(result=0)

    def prompt_text() -> list[tuple[str, str]]:
        return [("class:question", _shown(conversation.prompt()))]

    def problem_text() -> list[tuple[str, str]]:
        problem = state["problem"]
        return [("class:problem", f"✗ {printable(problem)}")] if problem else []

    def toolbar_text() -> list[tuple[str, str]]:
        return [("class:toolbar", conversation.toolbar())]

    layout = Layout(HSplit([
        Window(BufferControl(log, focusable=False), wrap_lines=True,
               height=Dimension(weight=1)),
        Window(height=1, char="─", style="class:line"),
        Window(FormattedTextControl(prompt_text), wrap_lines=True, dont_extend_height=True),
        _input_row(answer),
        Window(FormattedTextControl(problem_text), wrap_lines=True, dont_extend_height=True),
        Window(FormattedTextControl(toolbar_text), height=1, style="class:toolbar"),
    ]), focused_element=answer)
    style = Style.from_dict({"problem": "fg:ansired bold", "toolbar": "reverse",
                             "question": "bold", "line": "fg:ansigray"})
    app: Any = Application(layout=layout, key_bindings=bindings, style=style,
                           full_screen=True, input=input, output=output, mouse_support=False)
    refresh_log()
    return app


def _input_row(answer):  # type: ignore[no-untyped-def]
    from prompt_toolkit.layout import VSplit, Window
    from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl

    return VSplit([Window(FormattedTextControl([("class:prompt", "> ")]), width=2),
                   Window(BufferControl(answer), height=1)])


def get_app():  # type: ignore[no-untyped-def]
    from prompt_toolkit.application.current import get_app as current

    return current()


def run_application(conversation: Conversation, *, input: Any = None, output: Any = None
                    ) -> int:
    app = build_application(conversation, input=input, output=output)
    try:
        result = app.run()
    except (KeyboardInterrupt, EOFError):
        conversation.leave()
        result = 0
    import sys

    out = sys.stdout if output is None else None
    if out is not None:  # what stays on the screen after the application is gone
        for line in conversation.closing or [t("iv.left", conversation.lang,
                                                count=conversation.interview.answered,
                                                path=str(conversation.session))]:
            out.write(line + "\n")
        out.flush()
    return int(result or 0)


def _shown(lines: list[str]) -> str:
    return "\n".join(printable(line) for line in lines)
