"""Drive real interviews: the real prompt-toolkit application through its pipe input, the
plain line mode, and the real CLI. Screens are read back with a terminal emulator (pyte),
so tests see what a consultant sees."""

from __future__ import annotations

import io
import os
import select
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from expert.infer import Expert
from expert.interview.flow import Interview
from expert.interview.run import start
from expert.interview.session import SessionLock, SessionState
from expert.writer import OutputError

from helpers import TEST_KB, expert_command


class _Sink:
    """A terminal's output: bytes written by prompt-toolkit, readable at any moment."""

    encoding = "utf-8"

    def __init__(self) -> None:
        self.data = io.BytesIO()
        self.lock = threading.Lock()

    def write(self, text: str) -> None:
        with self.lock:
            self.data.write(text.encode("utf-8"))

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        raise OSError("not a real terminal")

    def value(self) -> bytes:
        with self.lock:
            return self.data.getvalue()


def render(raw: bytes, columns: int = 80, rows: int = 30) -> list[str]:
    import pyte

    screen = pyte.Screen(columns, rows)
    pyte.ByteStream(screen).feed(raw)
    return [line.rstrip() for line in screen.display]


def _wait(condition: Callable[[], bool], limit: float) -> None:
    deadline = time.monotonic() + limit
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


class AppRun:
    """One run of the terminal application: keys sent through the pipe (strings are typed,
    numbers are pauses in seconds, after which the screen is taken; a function is called
    there, e.g. to read the session file at that moment), the conversation kept."""

    def __init__(self, expert: Expert, session: Path,
                 keys: Iterable[str | float | Callable[[], object]], *,
                 lang: str = "es", resume: bool = False, columns: int = 80, rows: int = 30,
                 snapshot_before: int | None = None) -> None:
        from prompt_toolkit.data_structures import Size
        from prompt_toolkit.input import create_pipe_input
        from prompt_toolkit.output.vt100 import Vt100_Output

        self.sink = _Sink()
        self.snapshots: list[list[str]] = []
        keys = list(keys)
        with create_pipe_input() as pipe:
            output = Vt100_Output(self.sink, lambda: Size(rows=rows, columns=columns),
                                  term="xterm")

            done = threading.Event()
            self._done = done
            self.stuck = False

            def typist() -> None:
                # Type once the application has drawn its first screen (a loaded machine
                # may take seconds to start it); a pause lasts at least its length, and
                # then until the application has read every key sent and its screen has
                # stopped changing, so that a snapshot never catches it half-way.
                _wait(lambda: bool(self.sink.value()), 30)
                for key in keys:
                    if isinstance(key, (int, float)):
                        time.sleep(key)
                        self._settle(pipe)
                        self.snapshots.append(render(self.sink.value(), columns, rows))
                    elif callable(key):
                        key()
                    else:
                        pipe.send_text(key)
                if not done.wait(15):  # the script ended but the interview did not
                    self.stuck = True
                    pipe.send_text("\x03")

            thread = threading.Thread(target=typist, daemon=True)
            thread.start()
            self.error: OutputError | None = None  # a fault the interview ended on
            try:
                with SessionLock(session):
                    self.conversation = start(expert, lang, session, resume=resume)
                    from expert.interview.app import run_application

                    self.code = run_application(self.conversation, input=pipe,
                                                output=output)
            except OutputError as error:
                self.error, self.code = error, 2
            done.set()
            thread.join(timeout=30)
        assert not self.stuck, "the interview was still waiting:\n" + self.transcript[-800:]

    def _settle(self, pipe: object, quiet: float = 0.2, limit: float = 15) -> None:
        """Until no key is left unread in the pipe and the screen is unchanged for ``quiet``
        seconds (at most ``limit``)."""
        import fcntl
        import termios

        def unread() -> int:
            buffer = bytearray(4)
            fcntl.ioctl(pipe.pipe.read_fd, termios.FIONREAD, buffer)  # type: ignore[attr-defined]
            return int.from_bytes(buffer, "little")

        deadline = time.monotonic() + limit
        last = self.sink.value()
        while time.monotonic() < deadline and not self._done.is_set():  # ended: nothing to wait for
            time.sleep(quiet)
            now = self.sink.value()
            if now == last and not unread():
                return
            last = now

    @property
    def transcript(self) -> str:
        return "\n".join(self.conversation.transcript)

    @property
    def flat(self) -> str:
        """The transcript with lines joined: phrases are found whatever the wrapping."""
        return " ".join(self.transcript.split())

    @property
    def raw(self) -> str:
        return self.sink.value().decode("utf-8")


def plan_script(expert: Expert, answers: dict) -> list[tuple[str, str]]:
    """(question id, typed answer) in the order an interview fed from ``answers`` asks them
    (unknown: «no lo sé»), simulated in memory."""
    flow = Interview(expert, SessionState(meta_asked=["client", "plan", "consultant"]), "es")
    steps = []
    while (question := flow.next_question()) is not None:
        value = answers.get(question.id)
        steps.append((question.id, typed(question, value)))
        flow.answer(question, value, confirmed=True)
    return steps


def typed(question, value) -> str:  # type: ignore[no-untyped-def]
    """How a consultant types a known answer, in Spanish."""
    from expert.i18n import number

    if value is None:
        return "no lo sé"
    if question.type == "boolean":
        return "sí" if value else "no"
    if question.type == "choice":
        return str([c.id for c in question.choices].index(value) + 1)
    if question.type == "multichoice":
        numbers = [str(i) for i, c in enumerate(question.choices, 1) if c.id in value]
        return ", ".join(numbers) or "ninguno"
    if question.type in ("number", "percent"):
        return number(value, "es")
    return str(value)


PROMPT = "> "


class Session:
    """The interview as a child process, spoken to line by line."""

    def __init__(self, *args: str) -> None:
        env = {**os.environ, "LC_ALL": "C.UTF-8"}
        env.pop("PYTHONPATH", None)
        command = [*expert_command(), "interview", "--kb", str(TEST_KB), *args]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self.buffer = b""

    def wait_prompt(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not self.buffer.endswith(PROMPT.encode()):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(self.buffer[-300:].decode(errors="replace"))
            ready, _, _ = select.select([self.process.stdout], [], [], left)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 65536)
                if not chunk:
                    raise EOFError(self.buffer[-300:].decode(errors="replace"))
                self.buffer += chunk

    def give_client_details(self) -> None:
        """Answer the opening prompts: client «ACME», no plan, no consultant."""
        for meta in ("ACME", "", ""):
            self.wait_prompt()
            self.send(meta)

    def send(self, line: str) -> None:
        self.buffer = b""
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            stream.close()
