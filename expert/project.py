"""Which knowledge base a command uses, and why.

In order: ``--kb DIR``; the ``EXPERT_KB`` environment variable; an ``expert.toml`` in the
current folder or a parent (``kb = "knowledge_base"``, relative to the file; also
``lang = "es"``), so a consultant editing a copy of the knowledge base sets it once; else
the knowledge base shipped with the product. Authoring commands say which one they used.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Location
from .i18n import Msg

CONFIG = "expert.toml"


@dataclass(frozen=True)
class KbChoice:
    path: Path
    origin: str  # option | environment | config | bundled
    config: Path | None = None


def find_config(start: Path | None = None) -> Path | None:
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG
        if path.is_file():
            return path
    return None


def read_config(path: Path) -> dict[str, object]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    from .files import read_text

    text = read_text(path, max_bytes=64 * 1024)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(Msg("project.bad_toml", problem=_toml_problem(str(error))),
                         _toml_place(path, text, str(error)), Msg("hint.project_toml"),
                         code="config") from None
    section = data.get("expert", data)
    section = section if isinstance(section, dict) else {}
    for key, value in section.items():
        problem = _setting_problem(key, value)
        if problem is not None:
            raise InputError(problem, Location(str(path), _line_of(text, key)),
                             Msg("hint.project_toml"), code="config")
    return section


def _setting_problem(key: str, value: object) -> Msg | None:
    from .i18n import LANGS

    if key == "kb" and not (isinstance(value, str) and value.strip()):
        return Msg("project.bad_kb")
    if key == "lang" and value not in LANGS:
        return Msg("project.bad_lang", value=str(value)[:40], langs=", ".join(LANGS))
    if key not in ("kb", "lang"):
        return Msg("project.unknown_key", key=str(key)[:40])
    return None


_TOML_PROBLEMS = (("Invalid value", "project.toml.value"), ("Expected '='", "project.toml.equals"),
                  ("Cannot ", "project.toml.twice"), ("Unclosed", "project.toml.unclosed"))


def _toml_problem(text: str) -> Msg:
    # tomllib's words are English: the place, and what to look at, say enough.
    return next((Msg(key) for words, key in _TOML_PROBLEMS if text.startswith(words)),
                Msg("project.toml.other"))


def _toml_place(path: Path, text: str, problem: str) -> Location:
    found = re.search(r"at line (\d+), column (\d+)", problem)
    if found is not None:
        return Location(str(path), int(found.group(1)), int(found.group(2)))
    return Location(str(path), max(text.count("\n"), 1))  # "at end of document"


def _line_of(text: str, key: str) -> int | None:
    found = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.M)
    return text.count("\n", 0, found.start()) + 1 if found else None


def choose_kb(option: Path | None) -> KbChoice:
    if option is not None:
        return KbChoice(option, "option")
    environment = os.environ.get("EXPERT_KB", "").strip()
    if environment:
        return KbChoice(Path(environment), "environment")
    config = find_config()
    if config is not None:
        value = read_config(config).get("kb")
        if isinstance(value, str) and value.strip():
            return KbChoice((config.parent / value).resolve(), "config", config)
    from .loader import bundled_kb_path

    return KbChoice(bundled_kb_path(), "bundled")


def configured_language() -> str | None:
    config = find_config()
    if config is None:
        return None
    try:
        value = read_config(config).get("lang")
    except InputError:
        return None
    return value if value in ("es", "en") else None


def describe(choice: KbChoice) -> Msg:
    """«base de conocimiento: PATH (de expert.toml)» for the first line of a command."""
    where = str(choice.config) if choice.config else ""
    return Msg(f"project.using.{choice.origin}", path=str(choice.path), config=where)
