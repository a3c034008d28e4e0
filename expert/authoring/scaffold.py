"""``expert new question|risk|measure|finding|rule ID --section S``: a bilingual skeleton,
written into the family file of the section, at the end of the right list, with its id and
section filled in, ready to be edited. The file's comments and layout are kept: the text is
inserted, never re-dumped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, KnowledgeBaseError, Location
from ..fields import ID_PATTERN, suggest
from ..i18n import Msg
from ..loader import family_files, read_knowledge_base
from ..writer import write_atomic
from ..yamlio import load_document

LISTS = {"question": "questions", "finding": "conclusions", "risk": "conclusions",
         "measure": "conclusions", "rule": "rules"}
TEMPLATES = {
    "question": """  - id: {id}
    type: boolean
    sections: [{section}]
    text:
      es: "¿… (la pregunta, tal como se le hace al cliente)?"
      en: "… (the question as asked to the client)?"
    help:
      es: >-
        Qué es una buena respuesta, y cómo responder en los casos dudosos.
      en: >-
        What a good answer is, and how to answer the borderline cases.
""",
    "finding": """  - id: {id}
    kind: finding
    provenance: {provenance}
{points}    sections: [{section}]
    title: {{es: "… (el hallazgo en una línea)", en: "… (the finding in one line)"}}
    explanation: {{es: "…", en: "…"}}
""",
    "risk": """  - id: {id}
    kind: risk
    severity: medium
    provenance: {provenance}
{points}    sections: [{section}]
    title:
      es: "… (el riesgo, como se diría en la reunión)"
      en: "… (the risk, as said in the meeting)"
    explanation:
      es: "… (por qué, con las ideas del documento)"
      en: "… (why, in the document's terms)"
""",
    "measure": """  - id: {id}
    kind: measure
    priority: medium
    provenance: practice
    sections: [{section}]
    title: {{es: "… (qué hacer)", en: "… (what to do)"}}
    explanation:
      es: "Qué: … Responsable: … Cómo se comprueba: …"
      en: "What: … Owner: … How it is checked: …"
""",
    "rule": """  - id: {id}
    sections: [{section}]
{points}    when: "… (una condición sobre las respuestas o los hallazgos)"
    then: [finding.…]
""",
}


@dataclass(frozen=True)
class Written:
    path: Path
    line: int


def scaffold(root: Path, kind: str, element_id: str, section: str) -> Written:
    # A knowledge base being edited often has an error (a skeleton not yet filled in):
    # adding the next element must still work, as long as the files can be read.
    kb, diagnostics = read_knowledge_base(root, lint=False)
    if kb is None:
        raise KnowledgeBaseError.from_diagnostics(
            [d for d in diagnostics if d.severity == "error"])
    if not ID_PATTERN.match(element_id):
        raise InputError(Msg("field.bad_id", value=element_id), Location(None),
                         Msg("hint.id_pattern"), code="usage")
    if not kb.has_section(section):
        raise InputError(Msg("check.unknown_section", section=section, id=element_id),
                         Location(None), suggest(section, [s.id for f in kb.families
                                                           for s in f.sections]), code="usage")
    # From the files, not the model: an element with an error is not in the model, but its
    # id is taken all the same.
    taken = _ids_in_files(root)
    if element_id in taken:
        raise InputError(Msg("new.taken", id=element_id), Location(None),
                         Msg("hint.other_id"), code="usage")
    family = kb.section_family(section)
    path = _family_file(root, family)
    points = [p.id for p in kb.points if p.section == section]
    provenance = "document" if points else "practice"
    text = TEMPLATES[kind].format(
        id=element_id, section=section, provenance=provenance,
        points=f"    points: [{points[0]}]\n" if points and kind != "measure" else "")
    if kind == "rule":
        text = text.replace("finding.…", f"finding.{element_id}")
    source = path.read_text(encoding="utf-8")
    updated, line = _insert(source, LISTS[kind], text)
    write_atomic(path, updated)
    return Written(path, line)


def _ids_in_files(root: Path) -> set[str]:
    ids: set[str] = set()
    for path in family_files(root):
        data = load_document(path).data
        if not isinstance(data, dict):
            continue
        for key in ("questions", "derived", "conclusions", "rules", "consistency"):
            items = data.get(key)
            if isinstance(items, list):
                ids |= {str(item["id"]) for item in items
                        if isinstance(item, dict) and "id" in item}
    return ids


def _family_file(root: Path, family: str) -> Path:
    for path in family_files(root):
        data = load_document(path).data
        if isinstance(data, dict) and data.get("family") == family:
            return path
    raise InputError(Msg("new.no_family_file", family=family), Location(str(root)),
                     Msg("hint.new_family_file", family=family), code="usage")


def _insert(source: str, key: str, block: str) -> tuple[str, int]:
    """The file with ``block`` at the end of the top-level list ``key`` (created at the
    end of the file when missing), and the 1-based line where the block starts."""
    lines = source.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((i for i, line in enumerate(lines) if line.rstrip() == f"{key}:"), None)
    if start is None:
        lines += ["\n", f"{key}:\n"]
        at = len(lines)
    else:
        at = next((i for i in range(start + 1, len(lines))
                   if lines[i].strip() and not lines[i].startswith((" ", "#", "\t"))),
                  len(lines))
        while at > start + 1 and not lines[at - 1].strip():
            at -= 1  # keep the blank lines that separate the next key
    prefix = "" if at == 0 or not lines[at - 1].strip() or lines[at - 1].rstrip() == \
        f"{key}:" else "\n"
    lines.insert(at, prefix + block)
    return "".join(lines), at + 1 + (1 if prefix else 0)
