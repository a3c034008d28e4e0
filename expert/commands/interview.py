"""``expert interview``: picks the session file, safely, and the front end.

A session file is never replaced by accident: ``--save`` onto an existing file is refused
(``--resume`` continues it), and ``--resume OTHER --save NEW`` takes NEW's lock before
anything is written to it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError, Location
from ..i18n import Msg
from ..infer import Expert
from ..interview.run import default_session_path, run_interview
from ..interview.session import load_session
from ..loader import bundled_kb_path


def run_interview_command(kb_dir: Path | None, lang: str, resume: Path | None,
                          save: Path | None) -> int:
    if resume is not None and not resume.is_file():
        raise InputError(Msg("iv.session.not_found", path=str(resume)), Location(str(resume)),
                         Msg("hint.session_file"), code="not-found")
    same = resume is not None and save is not None and \
        save.resolve() == resume.resolve()
    if save is not None and not same and (save.exists() or save.is_symlink()):
        raise InputError(Msg("iv.session.exists", path=str(save)), Location(str(save)),
                         Msg("hint.use_resume", path=str(save)), code="exists")
    expert = Expert.open(kb_dir or bundled_kb_path())
    plain = not (sys.stdin.isatty() and sys.stdout.isatty())
    if resume is not None and save is not None and not same:
        # Continue in a new file: the old one stays as it was. The answers are read and
        # checked first; the new file is written only under its own lock.
        state = load_session(resume, expert.kb)
        return run_interview(expert, lang, save, resume=False, plain=plain, initial=state)
    session = resume or save or default_session_path()
    return run_interview(expert, lang, session, resume=resume is not None, plain=plain)
