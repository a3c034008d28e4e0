"""The domain model: plain frozen dataclasses, built once by the loader.

Dicts exist only at the YAML boundary (``loader``); everything past it works with these
types. Every element remembers where it was written (``location``) so that any later
message can point back at the file and line.

Names a condition can test are *variables*: the questions asked, and the values the
knowledge base derives from their answers (``Derived``: a ratio, a difference of two
lists). Both expose ``id``, ``type``, ``choices``, ``bounds`` and ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

from .conditions import Condition
from .errors import Location
from .expressions import Expression

LANGS = ("es", "en")
Lang = TypingLiteral["es", "en"]
QUESTION_TYPES = ("boolean", "choice", "multichoice", "number", "percent", "text")
DERIVED_TYPES = ("number", "percent", "multichoice")
KINDS = ("finding", "risk", "measure")
LEVELS = ("high", "medium", "low")
PROVENANCES = ("document", "practice")
POINT_KINDS = ("guarantee", "mechanism", "example", "warning")
PLAN_FAMILY = "PLAN"


@dataclass(frozen=True)
class Text:
    """A text in both languages of the product."""

    es: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.es


@dataclass(frozen=True)
class Point:
    """One concrete point the document makes in a section: a guarantee, a mechanism, an
    example or a warning, with the opening words of its passage."""

    id: str  # SECTION/slug
    section: str
    kind: str
    summary: Text
    quote: str
    location: Location = field(default=Location(), compare=False)


@dataclass(frozen=True)
class Section:
    id: str
    family: str
    title: Text
    summary: Text
    starts_with: str
    points: tuple[Point, ...] = ()
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
    exclusive: bool = False  # "none", "does not apply": never combined with another choice


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
    plausible: tuple[float | None, float | None] = (None, None)
    location: Location = field(default=Location(), compare=False)
    ask_if_location: Location = field(default=Location(), compare=False)
    history: bool = False  # what already happened: ``whatif --clear`` never changes it

    derived = False

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
class Derived:
    """A value the knowledge base computes from answers (never asked): unknown when any
    answer it needs is unknown, or when it divides by zero."""

    id: str
    type: str  # number | percent | multichoice
    text: Text
    expression: Expression
    expression_text: str
    family: str
    sections: tuple[str, ...]
    choices: tuple[Choice, ...] = ()  # multichoice: the choices of the lists it combines
    unit: Text | None = None
    location: Location = field(default=Location(), compare=False)
    expression_location: Location = field(default=Location(), compare=False)

    derived = True
    help = Text("", "")
    ask_if = None

    def choice(self, choice_id: str) -> Choice | None:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        return None, None


Variable = Question | Derived


@dataclass(frozen=True)
class Conclusion:
    id: str
    kind: str  # finding | risk | measure
    title: Text
    explanation: Text
    family: str
    sections: tuple[str, ...]
    severity: str | None = None  # risks: the level unless the rule that fires says another
    priority: str | None = None  # measures: high | medium | low
    provenance: str = "document"  # document: the document states it; practice: added
    points: tuple[str, ...] = ()  # the document's points it rests on
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
    severity: str | None = None  # the level of the risks it derives, with its basis
    basis: Text | None = None
    points: tuple[str, ...] = ()  # the document's points this rule encodes
    location: Location = field(default=Location(), compare=False)
    when_location: Location = field(default=Location(), compare=False)


@dataclass(frozen=True)
class Consistency:
    """A combination of answers that contradicts itself: a warning, never an error."""

    id: str
    when: Condition
    when_text: str
    message: Text
    family: str
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
    derived: tuple[Derived, ...] = ()  # in dependency order: each reads only earlier ones
    consistency: tuple[Consistency, ...] = ()
    plan_title: Text = field(default=Text("Forma del plan", "Plan shape"))
    _variables: dict[str, Variable] = field(init=False, repr=False, compare=False)
    _conclusions: dict[str, Conclusion] = field(init=False, repr=False, compare=False)
    _sections: dict[str, Section] = field(init=False, repr=False, compare=False)
    _points: dict[str, Point] = field(init=False, repr=False, compare=False)
    _rules: dict[str, Rule] = field(init=False, repr=False, compare=False)
    _deriving: dict[str, tuple[Rule, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Indexes are derived data: computed once, never part of equality. The first of two
        # elements with one id wins (the check reports the second).
        def index(items):  # type: ignore[no-untyped-def]
            found: dict = {}
            for item in items:
                found.setdefault(item.id, item)
            return found

        sections = [s for f in self.families for s in f.sections]
        object.__setattr__(self, "_variables", index([*self.questions, *self.derived]))
        object.__setattr__(self, "_conclusions", index(self.conclusions))
        object.__setattr__(self, "_sections", index(sections))
        object.__setattr__(self, "_points", index(p for s in sections for p in s.points))
        object.__setattr__(self, "_rules", index(self.rules))
        deriving: dict[str, list[Rule]] = {}
        for rule in self.rules:
            for conclusion_id in rule.then:
                deriving.setdefault(conclusion_id, []).append(rule)
        object.__setattr__(self, "_deriving", {k: tuple(v) for k, v in deriving.items()})

    def variable(self, variable_id: str) -> Variable:
        return self._variables[variable_id]

    def has_variable(self, variable_id: str) -> bool:
        return variable_id in self._variables

    def question(self, question_id: str) -> Question:
        found = self._variables[question_id]
        if not isinstance(found, Question):
            raise KeyError(question_id)
        return found

    def has_question(self, question_id: str) -> bool:
        return isinstance(self._variables.get(question_id), Question)

    def conclusion(self, conclusion_id: str) -> Conclusion:
        return self._conclusions[conclusion_id]

    def has_conclusion(self, conclusion_id: str) -> bool:
        return conclusion_id in self._conclusions

    def section(self, section_id: str) -> Section:
        return self._sections[section_id]

    def has_section(self, section_id: str) -> bool:
        return section_id in self._sections

    def point(self, point_id: str) -> Point:
        return self._points[point_id]

    def has_point(self, point_id: str) -> bool:
        return point_id in self._points

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(self._points.values())

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
