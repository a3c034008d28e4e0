"""Load a knowledge-base folder into the model.

Layout of a knowledge base (see README, "Knowledge base"):

- ``kb.yaml``: name and version.
- ``sources.yaml``: the outline of the source document: families, sections, and the
  concrete points each section makes (``sources``).
- every other ``*.yaml`` at the top level: one guarantee family's questions, derived
  values, conclusions, rules and consistency checks (``family: SYS``), or the plan-shape
  questions (``family: PLAN``).

``read_knowledge_base`` returns the model and every diagnostic (errors and warnings);
``load_knowledge_base`` raises ``KnowledgeBaseError`` when there is any error.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import check
from .errors import Diagnostic, InputError, KnowledgeBaseError, Location
from .expressions import names
from .fields import FieldReader
from .files import read_text
from .i18n import Msg
from .items import (
    read_conclusion,
    read_consistency,
    read_derived,
    read_question,
    read_rule,
)
from .model import PLAN_FAMILY, Derived, KnowledgeBase, Text
from .parser import flush_cache
from .sources import read_sources
from .yamlio import parse_document

log = logging.getLogger(__name__)

META_FILE = "kb.yaml"
SOURCES_FILE = "sources.yaml"
SECTIONS = ("questions", "derived", "conclusions", "rules", "consistency")
_FILE_KEYS = ("family", *SECTIONS)
_READERS = {"questions": read_question, "derived": read_derived,
            "conclusions": read_conclusion, "rules": read_rule,
            "consistency": read_consistency}


def load_knowledge_base(root: Path | str) -> KnowledgeBase:
    kb, diagnostics = read_knowledge_base(root, lint=False)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors or kb is None:
        raise KnowledgeBaseError.from_diagnostics(errors)
    return kb


def family_files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.glob("*.yaml") if p.name not in (META_FILE, SOURCES_FILE)
        and p.is_file()
    )


def read_knowledge_base(root: Path | str, *, lint: bool = True,
                        texts: Mapping[str, str] | None = None
                        ) -> tuple[KnowledgeBase | None, list[Diagnostic]]:
    """``texts``: file name -> text that replaces the file on disk (an editor's unsaved
    buffers, for the language server)."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(Msg("kb.not_found", path=str(root)), Location(str(root)),
                         Msg("hint.kb_folder"), code="not-found")
    diagnostics: list[Diagnostic] = []
    digest = hashlib.sha256()
    documents = {}
    for path in [root / META_FILE, root / SOURCES_FILE, *family_files(root)]:
        try:
            text = texts[path.name] if texts and path.name in texts else read_text(path)
            # A file name need not be UTF-8 (it arrives with surrogate escapes): hash its bytes.
            digest.update(os.fsencode(path.name) + b"\0" + text.encode("utf-8") + b"\0")
            documents[path.name] = parse_document(text, str(path))
        except InputError as error:
            diagnostics.extend(error.diagnostics)
    meta = documents.get(META_FILE)
    sources = documents.get(SOURCES_FILE)
    if meta is None or sources is None:
        return None, diagnostics

    name, version = _read_meta(FieldReader(meta, diagnostics))
    before = len(diagnostics)
    title, families = read_sources(FieldReader(sources, diagnostics))
    if not families:
        # Every section cited anywhere would be reported unknown: say the one thing wrong.
        if len(diagnostics) == before:
            diagnostics.append(Diagnostic("error", Msg("sources.no_families"),
                                          sources.where("families"),
                                          Msg("hint.add_list", key="families"), "missing-field"))
        return None, diagnostics
    found: dict[str, list[Any]] = {key: [] for key in SECTIONS}
    rejected: set[str] = set()
    family_ids = {f.id for f in families}
    for file_name, document in documents.items():
        if file_name not in (META_FILE, SOURCES_FILE):
            reader = FieldReader(document, diagnostics)
            _read_family_file(reader, family_ids, found, rejected)
            rejected |= reader.meant

    order = {family_id: index for index, family_id in enumerate(
        (PLAN_FAMILY, *(f.id for f in families)))}
    # Interview and report order: plan shape first, then the document's families; the
    # sort is stable, so file order is kept within a family.
    for key in ("questions", "conclusions"):
        found[key].sort(key=lambda item: order.get(item.family, len(order)))
    kb = KnowledgeBase(
        name=name or Text("?", "?"),
        version=version or "0",
        root=str(root),
        document_title=title or Text("?", "?"),
        families=tuple(families),
        questions=tuple(found["questions"]),
        conclusions=tuple(found["conclusions"]),
        rules=tuple(found["rules"]),
        content_hash=digest.hexdigest()[:12],
        derived=tuple(_resolve_derived(found["questions"], found["derived"])),
        consistency=tuple(found["consistency"]),
    )
    flush_cache()
    diagnostics.extend(check.check(kb, lint=lint, rejected=frozenset(rejected)))
    log.debug("loaded %s: %d questions, %d conclusions, %d rules", root, len(kb.questions),
              len(kb.conclusions), len(kb.rules))
    return kb, diagnostics


def _read_meta(reader: FieldReader) -> tuple[Text | None, str | None]:
    what = Msg("what.file", name=META_FILE)
    data = reader.mapping(reader.doc.data, (), what)
    if data is None:
        return None, None
    reader.known_keys(data, (), ("name", "version"), what)
    name = reader.text(data, "name", (), what)
    version = reader.shown_text(data, "version", (), what, (str, int, float))
    return name, None if version is None else str(version)


def _read_family_file(reader: FieldReader, family_ids: set[str], found: dict[str, list[Any]],
                      rejected: set[str]) -> None:
    what = Msg("what.file", name=Path(reader.doc.path).name)
    data = reader.mapping(reader.doc.data, (), what)
    if data is None:
        return
    reader.known_keys(data, (), _FILE_KEYS, what)
    family = reader.get(data, "family", (), str, what)
    if family is None:
        return
    if family != PLAN_FAMILY and family not in family_ids:
        reader.error(Msg("kb.unknown_family", family=family), reader.doc.where("family"),
                     Msg("hint.families", names=[PLAN_FAMILY, *sorted(family_ids)]),
                     "unknown-family")
        return
    for key in SECTIONS:
        items = reader.get(data, key, (), list, what, required=False) or []
        for index, item in enumerate(items):
            built = _READERS[key](reader, family, (key, index), item, rejected)
            if built is not None:
                found[key].append(built)


def _resolve_derived(questions: list[Any], derived: list[Derived]) -> list[Derived]:
    """Derived values in dependency order, each multi-choice one with the choices of the
    lists it combines (unresolvable ones are left as written: the check reports them)."""
    choices = {q.id: q.choices for q in questions if q.type == "multichoice"}
    pending = {d.id: d for d in derived}
    ordered: list[Derived] = []
    while pending:
        ready = [d for d in pending.values() if not (names(d.expression) & pending.keys())]
        if not ready:  # a cycle: keep them, the check reports it
            ordered += pending.values()
            break
        for item in ready:
            del pending[item.id]
            if item.type == "multichoice":
                source = next((choices[n] for n in sorted(names(item.expression))
                               if n in choices), ())
                item = dataclasses.replace(item, choices=source)
                choices[item.id] = source
            ordered.append(item)
    return ordered


def bundled_kb_path() -> Path:
    """The knowledge base shipped with the product.

    Installed, it sits inside the package (``expert/bundled_kb``); in a source checkout it
    is the repository's ``knowledge_base/`` folder, where consultants edit it.
    """
    package = Path(__file__).resolve().parent
    installed = package / "bundled_kb"
    if (installed / META_FILE).is_file():
        return installed
    return package.parent / "knowledge_base"
