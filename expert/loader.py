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
from typing import Any

from . import check
from .conditions import Condition, ConditionSyntaxError, parse
from .errors import Diagnostic, InputError, KnowledgeBaseError, Location
from .fields import FieldReader
from .model import (
    KINDS,
    LEVELS,
    PLAN_FAMILY,
    QUESTION_TYPES,
    Choice,
    Conclusion,
    Family,
    KnowledgeBase,
    Question,
    Rule,
    Section,
    Text,
)
from .yamlio import Document, ScalarInfo, load_document

log = logging.getLogger(__name__)

META_FILE = "kb.yaml"
SOURCES_FILE = "sources.yaml"
_FILE_KEYS = ("family", "questions", "conclusions", "rules")
_QUESTION_KEYS = ("id", "type", "text", "help", "sections", "choices", "min", "max", "unit",
                  "ask_if")
_CONCLUSION_KEYS = ("id", "kind", "title", "explanation", "sections", "severity", "priority")
_RULE_KEYS = ("id", "sections", "when", "then")


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
        ("questions", _question, questions),
        ("conclusions", _conclusion, conclusions),
        ("rules", _rule, rules),
    ):
        items = reader.get(data, key, (), list, name, required=False) or []
        for index, item in enumerate(items):
            built = build(reader, family, (key, index), item)
            if built is not None:
                target.append(built)


def _question(reader: FieldReader, family: str, path: tuple, item: Any) -> Question | None:
    item = reader.mapping(item, path, "a question")
    if item is None:
        return None
    reader.known_keys(item, path, _QUESTION_KEYS, "a question")
    qid = reader.identifier(item, path, "a question")
    qtype = reader.get(item, "type", path, str, "a question")
    if qtype is not None and qtype not in QUESTION_TYPES:
        reader.error(f"unknown question type '{qtype}'", reader.doc.where(*path, "type"),
                     "use one of: " + ", ".join(QUESTION_TYPES), "bad-value")
        qtype = None
    text = reader.text(item, "text", path, "a question")
    help_text = reader.text(item, "help", path, "a question")
    sections = reader.string_list(item, "sections", path, "a question")
    choices = _choices(reader, item, path, qtype)
    bounds = [reader.get(item, key, path, (int, float), "a question", required=False)
              for key in ("min", "max")]
    unit = reader.text(item, "unit", path, "a question", required=False)
    ask_if, ask_if_text, ask_if_location = _condition(reader, item, "ask_if", path,
                                                      required=False)
    if None in (qid, qtype, text, help_text, sections, choices):
        return None
    if "ask_if" in item and ask_if is None:
        return None
    return Question(qid, qtype, text, help_text, family, sections, choices, bounds[0],
                    bounds[1], unit, ask_if, ask_if_text, reader.doc.where(*path),
                    ask_if_location)


def _choices(reader: FieldReader, item: dict, path: tuple, qtype: str | None):  # type: ignore[no-untyped-def]
    raw = item.get("choices")
    if qtype not in ("choice", "multichoice"):
        if raw is not None:
            reader.error("only choice and multichoice questions have 'choices'",
                         reader.doc.where_key(*path, "choices"), "remove 'choices'", "field")
        return ()
    raw = reader.get(item, "choices", path, list, "a choice question")
    if raw is None:
        return None
    choices: list[Choice] = []
    for index, entry in enumerate(raw):
        c_path = (*path, "choices", index)
        entry = reader.mapping(entry, c_path, "a choice")
        if entry is None:
            return None
        reader.known_keys(entry, c_path, ("id", "label"), "a choice")
        cid = reader.identifier(entry, c_path, "a choice")
        label = reader.text(entry, "label", c_path, "a choice")
        if cid is None or label is None:
            return None
        if any(c.id == cid for c in choices):
            reader.error(f"choice '{cid}' appears twice", reader.doc.where(*c_path, "id"),
                         "give each choice its own id", "duplicate-id")
            return None
        choices.append(Choice(cid, label))
    if len(choices) < 2:
        reader.error("a choice question needs at least two choices",
                     reader.doc.where(*path, "choices"), code="field")
        return None
    return tuple(choices)


def _conclusion(reader: FieldReader, family: str, path: tuple, item: Any) -> Conclusion | None:
    item = reader.mapping(item, path, "a conclusion")
    if item is None:
        return None
    reader.known_keys(item, path, _CONCLUSION_KEYS, "a conclusion")
    cid = reader.identifier(item, path, "a conclusion")
    kind = reader.get(item, "kind", path, str, "a conclusion")
    if kind is not None and kind not in KINDS:
        reader.error(f"unknown kind '{kind}'", reader.doc.where(*path, "kind"),
                     "use finding, risk or measure", "bad-value")
        kind = None
    title = reader.text(item, "title", path, "a conclusion")
    explanation = reader.text(item, "explanation", path, "a conclusion")
    sections = reader.string_list(item, "sections", path, "a conclusion")
    levels: dict[str, str | None] = {}
    for key, owner in (("severity", "risk"), ("priority", "measure")):
        value = reader.get(item, key, path, str, "a conclusion", required=kind == owner)
        if value is not None and kind != owner:
            reader.error(f"only a {owner} has a {key}", reader.doc.where_key(*path, key),
                         f"remove '{key}'", "field")
            value = None
        if value is not None and value not in LEVELS:
            reader.error(f"{key} must be high, medium or low, not '{value}'",
                         reader.doc.where(*path, key), code="bad-value")
            value = None
        levels[key] = value
    if None in (cid, kind, title, explanation, sections):
        return None
    if (kind == "risk" and levels["severity"] is None) or (
        kind == "measure" and levels["priority"] is None
    ):
        return None
    return Conclusion(cid, kind, title, explanation, family, sections, levels["severity"],
                      levels["priority"], reader.doc.where(*path))


def _rule(reader: FieldReader, family: str, path: tuple, item: Any) -> Rule | None:
    item = reader.mapping(item, path, "a rule")
    if item is None:
        return None
    reader.known_keys(item, path, _RULE_KEYS, "a rule")
    rid = reader.identifier(item, path, "a rule")
    sections = reader.string_list(item, "sections", path, "a rule")
    when, when_text, when_location = _condition(reader, item, "when", path, required=True)
    then = reader.string_list(item, "then", path, "a rule")
    targets: list[str] = []
    kinds: list[str] = []
    for index, ref in enumerate(then or ()):
        kind, _, cid = ref.partition(".")
        if kind not in KINDS or not cid:
            reader.error(f"'{ref}' is not a conclusion reference",
                         reader.doc.where(*path, "then", index),
                         "write finding.<id>, risk.<id> or measure.<id>", "bad-ref")
            return None
        targets.append(cid)
        kinds.append(kind)
    if None in (rid, sections, when, then):
        return None
    return Rule(rid, family, sections, when, when_text, tuple(targets), tuple(kinds),
                reader.doc.where(*path), when_location)


def _condition(reader: FieldReader, item: dict, key: str, path: tuple, *, required: bool
               ) -> tuple[Condition | None, str | None, Location]:
    text = reader.get(item, key, path, str, "this entry", required=required)
    location = reader.doc.where(*path, key)
    if text is None:
        return None, None, location
    try:
        return parse(text), text, location
    except ConditionSyntaxError as error:
        where = condition_location(reader.doc, (*path, key), error.pos.line, error.pos.column)
        reader.error(f"condition syntax: {error.message}", where, error.hint, "syntax")
        return None, text, location


def condition_location(doc: Document, path: tuple, line: int, column: int) -> Location:
    """Map a position inside a condition text to the file (exact for one-line scalars)."""
    info: ScalarInfo | None = doc.scalar(*path)
    if info is None:
        return doc.where(*path)
    if info.style in (None, "", "'", '"'):  # plain ('' from libyaml, None in pure Python)
        quote = 1 if info.style in ("'", '"') else 0
        if line == 1:
            return Location(doc.path, info.line, info.column + quote + column - 1)
        return Location(doc.path, info.line + line - 1, column)
    # Block scalar ('|' or '>'): the text starts on the next line, indented.
    return Location(doc.path, info.line + line, None)


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
