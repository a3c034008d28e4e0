"""Reading the files users give us, with one clear error for each way it can fail.

Files are opened without blocking and checked to be regular files before anything is read:
a named pipe would block for ever, and a link to ``/dev/zero`` would never end. Reads are
bounded whatever the file system reports as the size (``/proc`` files report 0).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import InputError, Location
from .i18n import Msg

MAX_FILE_BYTES = 8 * 1024 * 1024


def read_bytes(path: Path | str, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    name = str(path)
    where = Location(name)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(Msg("file.not_found", path=name), where, Msg("hint.check_path"),
                         code="not-found") from None
    except IsADirectoryError:
        raise _is_directory(name) from None
    except PermissionError:
        raise InputError(Msg("file.permission", path=name), where,
                         Msg("hint.check_permissions"), code="unreadable") from None
    except OSError as error:
        raise _os_error(name, error) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise _is_directory(name)
        if not stat.S_ISREG(mode):
            raise InputError(Msg("file.not_regular", path=name), where,
                             Msg("hint.give_yaml_file"), code="not-a-file")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise InputError(Msg("file.too_large", limit=max_bytes), where,
                                 Msg("hint.file_small"), code="too-large")
        return b"".join(chunks)
    except OSError as error:
        raise _os_error(name, error) from None
    finally:
        os.close(fd)


def _is_directory(name: str) -> InputError:
    return InputError(Msg("file.is_directory", path=name), Location(name),
                      Msg("hint.give_file_inside"), code="is-directory")


def _os_error(name: str, error: OSError) -> InputError:
    if error.errno == errno.EISDIR:
        return _is_directory(name)
    if error.errno == errno.ELOOP:
        return InputError(Msg("file.link_loop", path=name), Location(name),
                          Msg("hint.check_path"), code="unreadable")
    if error.errno in (errno.ENXIO, errno.ENODEV, errno.EOPNOTSUPP):  # a socket, a device
        return InputError(Msg("file.not_regular", path=name), Location(name),
                          Msg("hint.give_yaml_file"), code="not-a-file")
    if error.errno in (errno.ENOTDIR, errno.ENAMETOOLONG):
        return InputError(Msg("file.not_found", path=name), Location(name),
                          Msg("hint.check_path"), code="not-found")
    return InputError(Msg("file.unreadable", path=name, reason=os.strerror(error.errno or 0)),
                      Location(name), Msg("hint.check_path"), code="unreadable")


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark is harmless and dropped), or a positioned error."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(Msg("file.not_utf8", byte=f"0x{raw[error.start]:02x}"),
                         Location(name, line, column), Msg("hint.save_utf8"),
                         code="encoding") from None
    if "\x00" in text:
        index = text.index("\x00")
        raise InputError(Msg("file.nul"), offset_location(text, index, name),
                         Msg("hint.save_utf8"), code="encoding")
    return text


def read_text(path: Path | str, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    return decode_text(read_bytes(path, max_bytes=max_bytes), str(path))


def offset_location(text: str, index: int, name: str) -> Location:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Location(name, line, column)
