"""How well each section and each point of the source document is encoded and tested.

For every outline section: the questions, rules, risks and measures that cite it, and the
Gherkin scenarios that name it (in a scenario's title, or in a row of a scenario outline's
examples). A section is covered when it has at least one of each (scenarios only when a
features folder is given). For every point the document makes (``sources.yaml``): the rules
that encode it; a point no rule encodes is a gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .files import read_text
from .model import KnowledgeBase

_SCENARIO = re.compile(
    r"^\s*(Escenario|Scenario|Ejemplo|Example|Esquema del escenario|Scenario Outline|"
    r"Scenario Template|Plantilla del escenario)\s*:\s*(.*)$")
_EXAMPLES = re.compile(r"^\s*(Ejemplos|Examples|Escenarios|Scenarios)\s*:")


@dataclass(frozen=True)
class SectionCoverage:
    section: str
    questions: tuple[str, ...]
    rules: tuple[str, ...]
    risks: tuple[str, ...]
    measures: tuple[str, ...]
    scenarios: tuple[str, ...] = field(default=())
    scenarios_checked: bool = True

    @property
    def missing(self) -> list[str]:
        names = ["rules", "risks", "measures"]
        if self.scenarios_checked:
            names.append("scenarios")
        return [name for name in names if not getattr(self, name)]

    def as_dict(self) -> dict[str, object]:
        return {
            "section": self.section, "questions": list(self.questions),
            "rules": list(self.rules), "risks": list(self.risks),
            "measures": list(self.measures), "scenarios": list(self.scenarios),
            "covered": not self.missing, "missing": self.missing,
        }


@dataclass(frozen=True)
class PointCoverage:
    point: str
    kind: str
    rules: tuple[str, ...]
    conclusions: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {"point": self.point, "kind": self.kind, "rules": list(self.rules),
                "conclusions": list(self.conclusions), "encoded": bool(self.rules)}


def scenarios_by_section(features: Path | None, section_ids: list[str],
                         skipped: list[InputError] | None = None) -> dict[str, list[str]]:
    """Scenario labels (file:line title) per section id mentioned in them; a feature file
    that cannot be read is left out, and said in ``skipped``."""
    found: dict[str, list[str]] = {s: [] for s in section_ids}
    if features is None or not features.is_dir():
        return found
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(s) for s in
                         sorted(section_ids, key=len, reverse=True)) + r")(?![\w.])")
    for path in sorted(features.rglob("*.feature")):
        try:
            text = read_text(path)  # the safe reader: a pipe or a binary file is refused
        except InputError as problem:
            if skipped is not None:
                skipped.append(problem)
            continue
        title, in_examples, header_seen = "", False, False
        for number, line in enumerate(text.splitlines(), 1):
            match = _SCENARIO.match(line)
            if match:
                title, in_examples, header_seen = match.group(2).strip(), False, False
                for section in set(pattern.findall(title)):
                    found[section].append(f"{path.name}:{number} {title}")
                continue
            if _EXAMPLES.match(line):
                in_examples, header_seen = True, False
                continue
            if in_examples and line.strip().startswith("|"):
                if not header_seen:
                    header_seen = True
                    continue
                row = line.strip()
                for section in set(pattern.findall(row)):
                    found[section].append(f"{path.name}:{number} {title} {row}")
            elif in_examples and line.strip() and not line.strip().startswith("#"):
                in_examples = False
    return found


def coverage(kb: KnowledgeBase, features: Path | None,
             skipped: list[InputError] | None = None) -> list[SectionCoverage]:
    ids = [s.id for f in kb.families for s in f.sections]
    scenarios = scenarios_by_section(features, ids, skipped)
    checked = features is not None and features.is_dir()
    return [SectionCoverage(
        section, _citing(kb.questions, section), _citing(kb.rules, section),
        _citing(kb.conclusions, section, "risk"), _citing(kb.conclusions, section, "measure"),
        tuple(scenarios[section]), checked) for section in ids]


def point_coverage(kb: KnowledgeBase) -> list[PointCoverage]:
    return [PointCoverage(point.id, point.kind,
                          tuple(r.id for r in kb.rules if point.id in r.points),
                          tuple(c.ref for c in kb.conclusions if point.id in c.points))
            for point in kb.points]


def _citing(items, section: str, kind: str | None = None) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return tuple(i.id for i in items
                 if section in i.sections and (kind is None or i.kind == kind))
