"""Naming what a batch writes: one report per plan, never over another, never outside the
output folder, never over the run's own files (``portfolio.html``, ``summary.*``).

Names are made from the client and plan as a reader would type them: letters of any script
are kept (a Cyrillic or Chinese portfolio keeps its names), everything else becomes ``-``.
Two plans that would share a name get ``-2``, ``-3``... in input order, so a run with the
same inputs always writes the same names.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

RESERVED = frozenset({"portfolio", "summary"})
# Names Windows will not create (or opens as a device), whatever the extension: a folder
# of reports is often copied to a Windows share.
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                             *(f"lpt{n}" for n in range(10))})
MAX_STEM = 80
# File names are limited to 255 bytes, not characters: 80 Chinese characters are already
# 240 bytes. Leave room for «-NNN», the suffix and the temporary name while writing.
MAX_STEM_BYTES = 120


def slug(text: str, fallback: str = "plan") -> str:
    """A file-name stem from client text: letters and digits of any script, lower case."""
    normal = unicodedata.normalize("NFKC", text)
    pieces, dash = [], False
    for char in normal:
        if char.isalnum():
            pieces.append(char.lower())
            dash = False
        elif not dash and pieces:
            pieces.append("-")
            dash = True
    stem = _fit("".join(pieces).strip("-")[:MAX_STEM]).strip("-")
    return stem or fallback


def _fit(stem: str) -> str:
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1]
    return stem


class ReportNamer:
    """Unique report paths inside one folder for one run."""

    def __init__(self, folder: Path, suffix: str) -> None:
        self.folder = folder.resolve()
        self.suffix = suffix
        self.used: set[str] = set()

    def path(self, label: str) -> Path:
        stem = slug(label)
        if stem in RESERVED or stem in WINDOWS_DEVICES:
            stem = f"{stem}-plan"
        candidate, number = stem, 1
        # A link planted in the folder is never written through: its name counts as taken.
        while candidate.casefold() in self.used or \
                (self.folder / (candidate + self.suffix)).is_symlink():
            number += 1
            candidate = f"{stem}-{number}"
        self.used.add(candidate.casefold())
        target = (self.folder / (candidate + self.suffix)).resolve()
        if target.parent != self.folder:  # pragma: no cover - slug() cannot leave it
            raise ValueError(target)
        return target
