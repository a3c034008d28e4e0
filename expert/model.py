"""The domain model: plain frozen dataclasses, built once by the loader.

Dicts exist only at the YAML boundary (``loader``); everything past it works with these
types. Every element remembers where it was written (``location``) so that any later
message can point back at the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

from .conditions import Condition
from .errors import Location

LANGS = ("es", "en")
Lang = TypingLiteral["es", "en"]
QUESTION_TYPES = ("boolean", "choice", "multichoice", "number", "percent", "text")
KINDS = ("finding", "risk", "measure")
LEVELS = ("high", "medium", "low")
PLAN_FAMILY = "PLAN"


@dataclass(frozen=True)
class Text:
    """A text in both languages of the product."""

    es: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.es


@dataclass(frozen=True)
class Section:
    id: str
    family: str
    title: Text
    summary: Text
    starts_with: str
    location: Location = field(default=Location(), compare=False)


@dataclass(frozen=True)
class Family:
    id: str
    title: Text
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Choice:
    id: str
    label: Text


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: Text
    help: Text
    family: str
    sections: tuple[str, ...]
    choices: tuple[Choice, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    unit: Text | None = None
    ask_if: Condition | None = None
    ask_if_text: str | None = None
    location: Location = field(default=Location(), compare=False)
    ask_if_location: Location = field(default=Location(), compare=False)

    def choice(self, choice_id: str) -> Choice | None:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        if self.type == "percent":
            low = 0.0 if self.minimum is None else self.minimum
            high = 100.0 if self.maximum is None else self.maximum
            return low, high
        return self.minimum, self.maximum


@dataclass(frozen=True)
class Conclusion:
    id: str
    kind: str  # finding | risk | measure
    title: Text
    explanation: Text
    family: str
    sections: tuple[str, ...]
    severity: str | None = None  # risks: high | medium | low
    priority: str | None = None  # measures: high | medium | low
    location: Location = field(default=Location(), compare=False)

    @property
    def ref(self) -> str:
        return f"{self.kind}.{self.id}"


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    sections: tuple[str, ...]
    when: Condition
    when_text: str
    then: tuple[str, ...]  # conclusion ids
    then_kinds: tuple[str, ...] = ()  # the kind each was written with ("risk" in risk.x)
    location: Location = field(default=Location(), compare=False)
    when_location: Location = field(default=Location(), compare=False)


@dataclass(frozen=True)
class KnowledgeBase:
    name: Text
    version: str
    root: str
    document_title: Text
    families: tuple[Family, ...]
    questions: tuple[Question, ...]  # in interview order: plan shape first, then families
    conclusions: tuple[Conclusion, ...]
    rules: tuple[Rule, ...]
    content_hash: str
    plan_title: Text = field(default=Text("Forma del plan", "Plan shape"))
    _questions: dict[str, Question] = field(init=False, repr=False, compare=False)
    _conclusions: dict[str, Conclusion] = field(init=False, repr=False, compare=False)
    _sections: dict[str, Section] = field(init=False, repr=False, compare=False)
    _rules: dict[str, Rule] = field(init=False, repr=False, compare=False)
    _deriving: dict[str, tuple[Rule, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Indexes are derived data: computed once, never part of equality.
        object.__setattr__(self, "_questions", {q.id: q for q in self.questions})
        object.__setattr__(self, "_conclusions", {c.id: c for c in self.conclusions})
        object.__setattr__(
            self, "_sections", {s.id: s for f in self.families for s in f.sections}
        )
        object.__setattr__(self, "_rules", {r.id: r for r in self.rules})
        deriving: dict[str, list[Rule]] = {}
        for rule in self.rules:
            for conclusion_id in rule.then:
                deriving.setdefault(conclusion_id, []).append(rule)
        object.__setattr__(self, "_deriving", {k: tuple(v) for k, v in deriving.items()})

    def question(self, question_id: str) -> Question:
        return self._questions[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions

    def conclusion(self, conclusion_id: str) -> Conclusion:
        return self._conclusions[conclusion_id]

    def has_conclusion(self, conclusion_id: str) -> bool:
        return conclusion_id in self._conclusions

    def section(self, section_id: str) -> Section:
        return self._sections[section_id]

    def has_section(self, section_id: str) -> bool:
        return section_id in self._sections

    def rule(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def family_title(self, family_id: str) -> Text:
        if family_id == PLAN_FAMILY:
            return self.plan_title
        for family in self.families:
            if family.id == family_id:
                return family.title
        return Text(family_id, family_id)

    @property
    def family_order(self) -> tuple[str, ...]:
        return (PLAN_FAMILY, *(f.id for f in self.families))

    def section_family(self, section_id: str) -> str:
        return self._sections[section_id].family

    def rules_deriving(self, conclusion_id: str) -> tuple[Rule, ...]:
        return self._deriving.get(conclusion_id, ())
