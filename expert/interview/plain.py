"""The interview line by line, for pipes and scripts (standard input is not a terminal):
the same conversation as the full-screen application, prompts to ``output``, answers from
``input``. End of input saves and leaves, like Ctrl-D."""

from __future__ import annotations

import sys
from typing import TextIO

from ..text import printable
from .conversation import Conversation


def run_plain(conversation: Conversation, input: TextIO | None = None,
              output: TextIO | None = None) -> int:
    source = input or sys.stdin
    sink = output or sys.stdout

    def show(lines: list[str]) -> None:
        # Lines hold the client's own words: here nothing stands between them and the
        # terminal (prompt-toolkit's widgets show control characters as ^[ themselves).
        for line in lines:
            sink.write(printable(line) + "\n")
        sink.flush()

    show(conversation.take())
    while not conversation.over:
        show(conversation.prompt())
        sink.write("> ")
        sink.flush()
        try:
            line = source.readline()
        except KeyboardInterrupt:
            line = ""
        if not line:
            sink.write("\n")
            conversation.leave()
            show(conversation.take())
            return 0
        conversation.feed(line.rstrip("\r\n"))
        show(conversation.take())
    return 0
