"""Writing files that people keep: atomically, and YAML that reads back as it was written.

Every fault of the place being written to (a read-only or missing folder, a full disk, a
dangling link) becomes an ``OutputError`` that names the path and says, by the system's
errno, what is wrong and how to fix it; it leaves no partial or temporary file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Location
from .i18n import Msg


class OutputError(InputError):
    """A file could not be written where the user asked for it."""


# What went wrong, by errno: the message and the hint that says how to fix it.
_REASONS = {errno.ENOSPC: "disk_full", errno.EDQUOT: "disk_full", errno.EROFS: "read_only",
            errno.EACCES: "permission", errno.EPERM: "permission",
            errno.ENOENT: "missing_folder", errno.ENOTDIR: "through_file",
            errno.EISDIR: "is_folder", errno.ENAMETOOLONG: "name_too_long"}


def output_error(path: Path | str, error: OSError) -> OutputError:
    """The error for a file that could not be written: what is wrong, where (the path and
    the folder concerned) and how to fix it, in words; never the system's own English."""
    path = Path(path)
    code = error.errno or 0
    reason = _REASONS.get(code, "cannot_write")
    part = _file_on_the_way(path) if reason == "through_file" else None
    if reason == "through_file" and part is None:  # gone since: the folder is missing
        reason = "missing_folder"
    place = path.parent
    if reason != "missing_folder":  # the folder that is there, where the fault lies
        while not os.path.exists(place) and place != place.parent:
            place = place.parent
    folder = _shown_folder(place)
    fields: dict[str, Any] = {"path": str(path)}
    hint_fields: dict[str, Any] = {"folder": folder}
    if reason == "through_file":
        fields["part"] = hint_fields["part"] = part
    if reason in ("permission", "missing_folder"):
        fields["folder"] = folder
    if reason == "cannot_write":
        fields["number"] = code
    return OutputError(Msg(f"out.{reason}", **fields), Location(str(path)),
                       Msg(f"hint.{reason}", **hint_fields), code="output")


def _shown_folder(folder: Path) -> str:
    """A folder as the user can find it: «.» is the current folder, written out."""
    if str(folder) in ("", "."):
        with contextlib.suppress(OSError):
            return os.getcwd()
    return str(folder)


def _file_on_the_way(path: Path) -> str | None:
    """The first part of ``path`` that exists and is not a folder (ENOTDIR's cause)."""
    for part in reversed(path.parents):
        if str(part) in ("", ".", part.anchor):
            continue
        with contextlib.suppress(OSError):
            if not stat.S_ISDIR(os.stat(part).st_mode):
                return str(part)
    return None


def write_atomic(path: Path | str, write: Callable[[Any], None] | str, *,
                 follow_links: bool = True) -> None:
    """Write a file so that readers see the old content or the new one, never a mix.

    The text goes to a temporary file in the same folder, is flushed to disk, then
    renamed over the target (an atomic step on POSIX and Windows). A target that is a
    symbolic link is written through (the link stays, its file changes), unless
    ``follow_links`` is false: a batch's output folder may hold links planted by someone
    else, and what a batch writes must stay inside its folder, so there the link itself
    is replaced. A new file gets the permissions the user's umask gives any new file
    (reports are meant to be shared); a replaced file keeps its own.
    """
    path = Path(path)
    if follow_links and path.is_symlink():
        path = Path(os.path.realpath(path))
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temporary = tempfile.mkstemp(prefix=".expert-", suffix=".tmp", dir=directory)
    except OSError as error:
        raise output_error(path, error) from None
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if isinstance(write, str):
                handle.write(write)
            else:
                write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise output_error(path, error) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where possible
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _mode_for(path: Path) -> int:
    try:
        found = os.lstat(path).st_mode
        if stat.S_ISREG(found):
            return stat.S_IMODE(found)
    except OSError:
        pass
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def ensure_folder(path: Path) -> None:
    """Create an output folder (and its parents), or say clearly why it cannot be."""
    try:
        if path.is_symlink() and not path.exists():
            raise OutputError(Msg("out.dangling_link", path=str(path)), Location(str(path)),
                              Msg("hint.dangling_link"), code="output")
        if path.exists() and not path.is_dir():
            raise OutputError(Msg("out.not_folder", path=str(path)), Location(str(path)),
                              Msg("hint.output_place"), code="output")
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise output_error(path, error) from None


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def dump_yaml(data: Any, *, ascii_only: bool = False) -> str:
    """YAML for files people read: block style, keys in the order given, UTF-8 kept
    (``ascii_only``: every other character escaped, for an output that cannot take it).

    PyYAML writes bidirectional overrides as they are, which reorders what a terminal
    shows; strings holding one are double-quoted (see ``_str_representer``), where the
    escape written here means the same character."""
    text = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=not ascii_only, sort_keys=False,
        default_flow_style=False, width=100,
    )
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # we refuse aliases when reading: never write them


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '"' if _BIDI.search(value) else "|" if "\n" in value else None
    # Words that YAML 1.1 readers take for booleans or numbers stay text when read back
    # anywhere: the default quoting rules of PyYAML's dumper already quote them.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)
