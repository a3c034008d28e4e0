"""How well each section of the source document is encoded and tested.

For every outline section: the questions, rules, risks and measures that cite it, and the
Gherkin scenarios that name it (in a scenario's title, or in a row of a scenario outline's
examples). A section is covered when it has at least one of each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

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

    @property
    def missing(self) -> list[str]:
        return [name for name in ("rules", "risks", "measures", "scenarios")
                if not getattr(self, name)]

    def as_dict(self) -> dict[str, object]:
        return {
            "section": self.section, "questions": list(self.questions),
            "rules": list(self.rules), "risks": list(self.risks),
            "measures": list(self.measures), "scenarios": list(self.scenarios),
            "covered": not self.missing, "missing": self.missing,
        }


def scenarios_by_section(features: Path | None, section_ids: list[str]
                         ) -> dict[str, list[str]]:
    """Scenario labels (file:line title) per section id mentioned in them."""
    found: dict[str, list[str]] = {s: [] for s in section_ids}
    if features is None or not features.is_dir():
        return found
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(s) for s in
                         sorted(section_ids, key=len, reverse=True)) + r")(?![\w.])")
    for path in sorted(features.rglob("*.feature")):
        title, in_examples, header_seen = "", False, False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
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


def coverage(kb: KnowledgeBase, features: Path | None) -> list[SectionCoverage]:
    ids = [s.id for f in kb.families for s in f.sections]
    scenarios = scenarios_by_section(features, ids)
    report = []
    for section in ids:
        report.append(SectionCoverage(
            section, _citing(kb.questions, section), _citing(kb.rules, section),
            _citing(kb.conclusions, section, "risk"),
            _citing(kb.conclusions, section, "measure"), tuple(scenarios[section])))
    return report


def _citing(items, section: str, kind: str | None = None) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return tuple(i.id for i in items
                 if section in i.sections and (kind is None or i.kind == kind))
