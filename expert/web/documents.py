"""What an interview gives and takes as files: its session file (exactly what the terminal
writes, so ``expert evaluate``, ``explain``, ``whatif`` and ``expert interview --resume``
read it), its HTML and Markdown reports, and the import of a terminal session or fact
file. Run on the engine thread (``worker``). None of this touches the disk: downloads are
made from the database, so no request can name a path.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote

from ..batch.outputs import slug
from ..errors import ExpertError, InputError, Location
from ..facts import MAX_FACT_FILE_BYTES, parse_facts
from ..files import decode_text
from ..i18n import Msg
from ..infer import Expert
from ..interview.flow import META_FIELDS, Interview
from ..interview.session import SessionState, session_text, state_from_facts
from ..report.render import render
from ..text import printable
from .runner import Counts, rebuild, save
from .state import load_state

SUFFIXES = {"session": ".yaml", "html": ".html", "markdown": ".md"}
WEB_HINTS = {"hint.question_ids": "web.hint.question_ids"}
TYPES = {"session": "application/yaml; charset=utf-8", "html": "text/html; charset=utf-8",
         "markdown": "text/markdown; charset=utf-8"}


def session_file(expert: Expert, text: str, lang: str) -> str:
    state, _ = load_state(text, expert.kb)
    return session_text(state, expert.kb, lang)


def report(expert: Expert, text: str, fmt: str, lang: str) -> str:
    return str(render(rebuild(expert, text, lang).result, fmt, lang))


def upload_label(filename: str, is_json: bool) -> str:
    """How messages name an uploaded file: the consultant's own name for it (its last part:
    a browser may send a path), printable and short. Only a label: nothing is ever read or
    written under it."""
    name = printable(filename.replace("\\", "/").rsplit("/", 1)[-1].strip())[:100]
    return name or ("import.json" if is_json else "import.yaml")


def import_problem(error: ExpertError, lang: str) -> str:
    """An import's errors, each with its place, in the web's words: a hint that names a
    command-line tool is said the web's way; no excerpt of the file."""
    lines = []
    for found in error.diagnostics:
        hint = found.hint
        if hint is not None and hint.key in WEB_HINTS:
            hint = Msg(WEB_HINTS[hint.key], **hint.fields)
        lines.append(replace(found, hint=hint).render(lang, source=False))
    return "\n".join(lines)


def imported(expert: Expert, raw: bytes, is_json: bool, lang: str, source: str
             ) -> tuple[str, Counts]:
    """A terminal session or a fact file, checked like any fact file, as a new stored
    interview; ``source`` names it in messages (``upload_label``)."""
    if len(raw) > MAX_FACT_FILE_BYTES:
        raise InputError(Msg("file.too_large", limit=MAX_FACT_FILE_BYTES), Location(source),
                         Msg("hint.file_small"), code="too-large")
    facts = parse_facts(decode_text(raw, source), source, expert.kb, is_json=is_json)
    state = state_from_facts(facts, expert.kb)
    # The consultant brought the file: its details are theirs, not the client's to give
    # (only a missing client name is still asked).
    state.meta_asked = [name for name in META_FIELDS if name != "client"
                        or state.meta.get("client")]
    interview = rebuild_from_state(expert, state, lang)
    return save(interview)


def rebuild_from_state(expert: Expert, state: SessionState, lang: str) -> Interview:
    interview = Interview(expert, state, lang)
    if state.finished:
        interview.reopen()
    interview.step()  # settles the position the session file records
    return interview


def download_name(label: str, kind: str) -> str:
    """A ``Content-Disposition`` value: a slug (letters and digits only), in both forms
    of RFC 6266, so client text never reaches the header as it was typed."""
    name = slug(label, "entrevista") + ("-informe" if kind != "session" else "") \
        + SUFFIXES[kind]
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
