"""What the hostile-input tests share: the real command under a timeout and a memory limit,
and the promises every run must keep (see tests/bad_inputs/cases.yaml)."""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import resource
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import expert_command

MEMORY_BOUND = 1024 * 1024 * 1024  # 1 GiB of address space: the stated bound
TIMEOUT = 60
# What may never reach a terminal: C0 controls but tab and newline, DEL, C1 controls
# (as UTF-8) and bidirectional overrides.
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]"
                         rb"|\xe2\x81[\xa6-\xa9]")
REPEAT = re.compile(r"<<(.*?)\*(\d+)>>", re.DOTALL)


def expand(text: str) -> str:
    """``<<X*N>>`` is X repeated N times: big inputs stay readable in the corpus."""
    return REPEAT.sub(lambda m: m.group(1) * int(m.group(2)), text)


def raw_bytes(escaped: str) -> bytes:
    """Bytes written with Python escapes (``\\xff``) in the corpus."""
    return codecs.escape_decode(expand(escaped).encode("utf-8"))[0]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BOUND, MEMORY_BOUND))


class Run:
    """A finished command: exit code, and its output as bytes and as text."""

    def __init__(self, done: subprocess.CompletedProcess[bytes]) -> None:
        self.returncode = done.returncode
        self.out_bytes, self.err_bytes = done.stdout, done.stderr
        # Invalid UTF-8 on either stream fails here, with the bytes to look at.
        self.stdout = done.stdout.decode("utf-8")
        self.stderr = done.stderr.decode("utf-8")

    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if ": error: " in line
                or line.startswith("error: ")]


QUOTED = re.compile(r"«[^»]*»")
ENGLISH = re.compile(r"\b(expected|found|Expecting|Invalid|did not|could not|not allowed|"
                     r"while parsing|while scanning|Unterminated|Extra data|delimiter|"
                     r"at line|Usage|Error|required|Missing|No such)\b")


def run_bounded(*args: str | bytes, stdin: bytes | None = None, cwd: Path | None = None,
                env: dict[str, str] | None = None, timeout: float = TIMEOUT) -> Run:
    """The installed command, under the timeout and the memory limit, held to the promises
    that hold for every input: no traceback, no internal error, nothing on the terminal
    that could drive it, valid UTF-8."""
    full_env = {**os.environ, "LC_ALL": "C.UTF-8"}
    full_env.pop("PYTHONPATH", None)
    full_env.pop("EXPERT_LANG", None)
    full_env.update(env or {})
    done = subprocess.run([*expert_command(), *args], input=stdin, capture_output=True,
                          timeout=timeout, preexec_fn=_limit_memory, env=full_env, cwd=cwd,
                          check=False)
    run = Run(done)
    for stream in (run.stdout, run.stderr):
        assert "Traceback" not in stream, stream[-3000:]
        assert "error interno" not in stream and "internal error" not in stream, stream
    if "en" not in [str(a) for a in args] and "EXPERT_LANG" not in (env or {}):
        # What a library says in English (PyYAML, json, tomllib, click) must not reach a
        # Spanish screen: the consultant's own text, quoted «…», and paths aside.
        said = QUOTED.sub("", run.stderr)
        said = "\n".join(line.split(": ", 1)[-1] for line in said.splitlines())
        found_english = ENGLISH.search(said)
        assert found_english is None, (found_english.group(), run.stderr[-2000:])
    for name, data in (("stdout", run.out_bytes), ("stderr", run.err_bytes)):
        found = RAW_CONTROL.search(data)
        assert found is None, (name, data[max(0, found.start() - 80):found.end() + 80])
    return run


def assert_one_clear_failure(run: Run, where: str, line: int | None, message: str,
                             errors: int = 1) -> None:
    """Exit 2 and ``errors`` messages, the first at ``where:line:``, holding ``message``."""
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    assert len(run.errors()) == errors, run.stderr[-3000:]
    first = run.errors()[0]
    prefix = f"{where}:{line}:" if line is not None else where
    assert first.startswith(prefix), (prefix, first)
    assert message in run.stderr, (message, run.stderr[-3000:])


@contextlib.contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """A small disk of its own at ``folder`` (full or read-only on demand); the test is
    skipped where mounting is not allowed."""
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root in a sandbox): {done.stderr}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
