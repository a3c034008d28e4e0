"""``expert interview``: picks the front end and the session file."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from ..errors import InputError, Location
from ..infer import Expert
from ..interview.run import default_session_path, run_interview
from ..interview.terminals import PlainTerminal, PromptTerminal
from ..loader import bundled_kb_path


def run_interview_command(kb_dir: Path | None, lang: str, resume: Path | None,
                          save: Path | None) -> int:
    expert = Expert.open(kb_dir or bundled_kb_path())
    if resume is not None and not resume.is_file():
        raise InputError(f"session file not found: {resume}", Location(str(resume)),
                         "give the .yaml file an earlier interview saved", code="not-found")
    session = save or resume or default_session_path()
    if resume is not None and save is not None and save != resume:
        shutil.copyfile(resume, save)  # continue in the new file; the old one stays as it was
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    terminal = PromptTerminal(lang) if interactive else PlainTerminal()
    return run_interview(expert, terminal, lang, session=session, resume=resume is not None)
