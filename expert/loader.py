"""Load a knowledge-base folder into the model.

Layout of a knowledge base (see README, "Knowledge base"):

- ``kb.yaml``: name and version.
- ``sources.yaml``: the outline of the source document (families, sections, summaries).
- every other ``*.yaml`` at the top level: one guarantee family's questions, conclusions
  and rules (``family: SYS``), or the plan-shape questions (``family: PLAN``).

``read_knowledge_base`` returns the model and every diagnostic (errors and warnings);
``load_knowledge_base`` raises ``KnowledgeBaseError`` when there is any error.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from . import check
from .errors import Diagnostic, InputError, KnowledgeBaseError, Location
from .fields import FieldReader
from .items import read_conclusion, read_question, read_rule
from .model import (
    PLAN_FAMILY,
    Conclusion,
    Family,
    KnowledgeBase,
    Question,
    Rule,
    Section,
    Text,
)
from .parser import flush_cache
from .yamlio import Document, load_document

log = logging.getLogger(__name__)

META_FILE = "kb.yaml"
SOURCES_FILE = "sources.yaml"
_FILE_KEYS = ("family", "questions", "conclusions", "rules")


def load_knowledge_base(root: Path | str) -> KnowledgeBase:
    kb, diagnostics = read_knowledge_base(root, lint=False)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors or kb is None:
        raise KnowledgeBaseError.from_diagnostics(errors)
    return kb


def family_files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.glob("*.yaml") if p.name not in (META_FILE, SOURCES_FILE)
    )


def read_knowledge_base(root: Path | str, *, lint: bool = True
                        ) -> tuple[KnowledgeBase | None, list[Diagnostic]]:
    root = Path(root)
    if not root.is_dir():
        raise InputError(
            f"knowledge base not found: {root} is not a folder",
            Location(str(root)),
            "give the folder that holds kb.yaml and sources.yaml (--kb DIR)",
            code="not-found",
        )
    diagnostics: list[Diagnostic] = []
    digest = hashlib.sha256()
    documents: dict[str, Document] = {}
    for path in [root / META_FILE, root / SOURCES_FILE, *family_files(root)]:
        try:
            documents[path.name] = load_document(path)
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        except InputError as error:
            diagnostics.extend(error.diagnostics)
    meta = documents.get(META_FILE)
    sources = documents.get(SOURCES_FILE)
    if meta is None or sources is None:
        return None, diagnostics

    name, version = _read_meta(FieldReader(meta, diagnostics))
    title, families = _read_sources(FieldReader(sources, diagnostics))
    questions: list[Question] = []
    conclusions: list[Conclusion] = []
    rules: list[Rule] = []
    for file_name, document in documents.items():
        if file_name in (META_FILE, SOURCES_FILE):
            continue
        reader = FieldReader(document, diagnostics)
        _read_family_file(reader, {f.id for f in families}, questions, conclusions, rules)

    order = {family_id: index for index, family_id in enumerate(
        (PLAN_FAMILY, *(f.id for f in families)))}
    # Interview and report order: plan shape first, then the document's families; the
    # sort is stable, so file order is kept within a family.
    questions.sort(key=lambda q: order.get(q.family, len(order)))
    conclusions.sort(key=lambda c: order.get(c.family, len(order)))
    kb = KnowledgeBase(
        name=name or Text("?", "?"),
        version=version or "0",
        root=str(root),
        document_title=title or Text("?", "?"),
        families=tuple(families),
        questions=tuple(questions),
        conclusions=tuple(conclusions),
        rules=tuple(rules),
        content_hash=digest.hexdigest()[:12],
    )
    flush_cache()
    diagnostics.extend(check.check(kb, lint=lint))
    log.debug("loaded %s: %d questions, %d conclusions, %d rules", root, len(questions),
              len(conclusions), len(rules))
    return kb, diagnostics


def _read_meta(reader: FieldReader) -> tuple[Text | None, str | None]:
    data = reader.mapping(reader.doc.data, (), "kb.yaml")
    if data is None:
        return None, None
    reader.known_keys(data, (), ("name", "version"), "kb.yaml")
    name = reader.text(data, "name", (), "kb.yaml")
    version = reader.get(data, "version", (), (str, int, float), "kb.yaml")
    return name, None if version is None else str(version)


def _read_sources(reader: FieldReader) -> tuple[Text | None, list[Family]]:
    data = reader.mapping(reader.doc.data, (), "sources.yaml")
    if data is None:
        return None, []
    reader.known_keys(data, (), ("document", "families"), "sources.yaml")
    document = reader.get(data, "document", (), dict, "sources.yaml")
    title = reader.text(document, "title", ("document",), "document") if document else None
    families: list[Family] = []
    for index, item in enumerate(reader.get(data, "families", (), list, "sources.yaml") or []):
        path = ("families", index)
        item = reader.mapping(item, path, "a family")
        if item is None:
            continue
        reader.known_keys(item, path, ("id", "title", "sections"), "a family")
        family_id = reader.get(item, "id", path, str, "a family")
        family_title = reader.text(item, "title", path, "a family")
        sections: list[Section] = []
        raw_sections = reader.get(item, "sections", path, list, "a family") or []
        for s_index, s_item in enumerate(raw_sections):
            s_path = (*path, "sections", s_index)
            s_item = reader.mapping(s_item, s_path, "a section")
            if s_item is None:
                continue
            reader.known_keys(s_item, s_path, ("id", "title", "summary", "starts_with"),
                              "a section")
            section_id = reader.get(s_item, "id", s_path, str, "a section")
            s_title = reader.text(s_item, "title", s_path, "a section")
            summary = reader.text(s_item, "summary", s_path, "a section")
            starts = reader.get(s_item, "starts_with", s_path, str, "a section")
            if section_id and s_title and summary and starts and family_id:
                sections.append(Section(section_id, family_id, s_title, summary, starts,
                                        reader.doc.where(*s_path)))
        if family_id and family_title:
            families.append(Family(family_id, family_title, tuple(sections)))
    return title, families


def _read_family_file(
    reader: FieldReader,
    family_ids: set[str],
    questions: list[Question],
    conclusions: list[Conclusion],
    rules: list[Rule],
) -> None:
    name = Path(reader.doc.path).name
    data = reader.mapping(reader.doc.data, (), name)
    if data is None:
        return
    reader.known_keys(data, (), _FILE_KEYS, name)
    family = reader.get(data, "family", (), str, name)
    if family is None:
        return
    if family != PLAN_FAMILY and family not in family_ids:
        reader.error(
            f"unknown family '{family}'",
            reader.doc.where("family"),
            "use PLAN or one of: " + ", ".join(sorted(family_ids)),
            "unknown-family",
        )
        return
    for key, build, target in (
        ("questions", read_question, questions),
        ("conclusions", read_conclusion, conclusions),
        ("rules", read_rule, rules),
    ):
        items = reader.get(data, key, (), list, name, required=False) or []
        for index, item in enumerate(items):
            built = build(reader, family, (key, index), item)
            if built is not None:
                target.append(built)


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
