"""The same knowledge base on other engines, for the benchmark: CLIPS (clipspy) and experta.

Every engine gets the same rules, compiled from the same condition trees with the same
three-valued semantics (a test on an unknown answer is never true; strata run in order), and
the same plans, and returns the same *common form*: per plan, {conclusion id: frozenset of the
ids of the rules that derived it}. The benchmark times each engine up to that form and checks
that every engine agrees with the three-valued evaluator (``expert.logic``) on every plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from expert.conditions import And, Compare, Condition, InList, Known, Not, Or, Ref, Truth
from expert.graph import analyse
from expert.model import KnowledgeBase
from expert.numbers import normalise_number

Outcome = dict[str, frozenset[str]]  # conclusion id -> ids of the rules that derived it


def trace_converter(kb: KnowledgeBase) -> Callable[[dict[str, Any]], Outcome]:
    """This project's trace (conclusion id -> firings) in the common form.

    Most conclusions are derived by one rule per plan, so their frozensets are made once
    per rule, the same shortcut the CLIPS peer takes.
    """
    alone = {rule.id: frozenset((rule.id,)) for rule in kb.rules}

    def convert(trace: dict[str, Any]) -> Outcome:
        return {cid: alone[firings[0][0]] if len(firings) == 1
                else frozenset([firing[0] for firing in firings])
                for cid, firings in trace.items()}

    return convert


def outcome_of_trace(trace: dict[str, Any]) -> Outcome:
    """The common form of a trace whose firings are rule ids or ``Firing``s (untimed use)."""
    return {cid: frozenset(f.rule_id if hasattr(f, "rule_id") else f for f in firings)
            for cid, firings in trace.items()}


# --- CLIPS ---------------------------------------------------------------------------------

_NEGATE = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}
_CLIPS_OPS = {"==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_UNKNOWN = "u"  # the value of an unanswered field: one character to parse


class ClipsEngine:
    """The knowledge base as a CLIPS program, written for speed as a CLIPS user would.

    - **Facts.** One ordered fact per plan, ``(p i7 y n 3 u ...)``: the plan's tag, then one
      field per answer or multi-choice option that some rule reads (``u`` = unknown; an
      option is ``y``/``n`` once the question is answered). Ordered facts parse about twice
      as fast as deftemplate facts (no slot names) and are matched by position alike.
      Answers no rule reads are not sent.
    - **Rules.** One defrule per disjunct of a condition's conclusion references (a reference
      is a pattern, ``(c1f ?p)`` or ``(not (c1f ?p))``, so the Rete network reacts to it).
      Answer tests are constraints inside the plan pattern, so the alpha network filters
      plans before any join; a test that spans several fields is one predicate on the last
      of them. Rules that only read conclusions have no plan pattern. Strata run in order by
      salience. A conclusion fact is asserted only if some rule reads it.
    - **Results.** Each rule's action appends its tag and the plan's to one of ``partitions``
      global multifields (appending copies the multifield, so spreading the firings keeps
      every copy short), and one deffunction returns all of them as one string of symbols:
      no Python call per firing, no fact objects read back (clipspy 1.0.6 never releases
      them, so a long run slows down), no integer formatting.
    - **Calls.** Per batch one ``eval``: ``(progn (reset) (assert ...) (run) (out))``, with
      clipspy's Python error router deactivated around it (CLIPS consults every active
      router for every character it parses, and that router is a Python callback).
    - **CLIPS 6.4.2 bugs avoided** (the agreement check found both): a literal and a
      predicate on another field's variable in one constraint ignores the predicate, so a
      field read by a predicate carries only a variable and predicates; ``(q y&y)`` never
      matches, so repeated constraints on one field are merged.

    ``run(plans)`` times as: encoding the answers into fact text, the ``eval`` call (parse,
    assert and matching, rule firing, collection) and building the common form in Python.
    """

    def __init__(self, kb: KnowledgeBase, partitions: int = 16) -> None:
        import clips

        strata, _ = analyse(kb)
        if any(s.recursive for s in strata):
            raise ValueError("the CLIPS peer does not run recursive strata")
        self.kb = kb
        self._fields: dict[str, int] = {}  # question -> position of its field
        self._options: dict[tuple[str, str], int] = {}  # (question, option) -> position
        self._tokens: dict[str, dict[str, str]] = {}  # text question -> literal -> token
        self._name = {c.id: f"c{i:x}" for i, c in enumerate(kb.conclusions)}
        read = set().union(*(_refs(rule.when) for rule in kb.rules))
        ordered = [(level, rule) for level, stratum in enumerate(strata)
                   for rule in stratum.rules]
        for _, rule in ordered:  # every field first: a pattern needs the fact's width
            self._collect_fields(rule.when)
        self._width = len(self._fields) + len(self._options)
        constructs = [f"(defglobal ?*g{g}* = (create$))" for g in range(partitions)]
        constructs.append("(deffunction out () (implode$ (create$ "
                          + " ".join(f"?*g{g}*" for g in range(partitions)) + ")))")
        self._derives: dict[str, tuple[tuple[str, frozenset[str], str], ...]] = {}
        for number, (level, rule) in enumerate(ordered):
            tag = f"r{number:x}"
            self._derives[tag] = tuple((cid, frozenset((rule.id,)), rule.id)
                                       for cid in rule.then)
            constructs += self._defrules(rule, level, tag, f"?*g{number % partitions}*", read)
        self.constructs = constructs
        self.env = clips.Environment()
        self._router = next(r for r in self.env.routers()
                            if isinstance(r, clips.routers.ErrorRouter))
        self._quiet(lambda: [self.env.build(text) for text in constructs])
        self._cells = {qid: {} for qid in self._fields}
        self._cells.update({qid: {} for qid, _ in self._options})
        self._blank = [_UNKNOWN] * self._width
        self._tags: list[str] = []
        self._slots: dict[str, int] = {}

    def _quiet(self, call):  # type: ignore[no-untyped-def]
        """Run ``call`` with clipspy's Python error router off; errors still raise (without
        CLIPS's message, which would have needed that router)."""
        self._router.deactivate()
        try:
            return call()
        finally:
            self._router.activate()

    # --- fields and their encoding ---------------------------------------------------------

    def _collect_fields(self, node: Condition) -> None:
        if isinstance(node, Not):
            self._collect_fields(node.item)
        elif isinstance(node, (And, Or)):
            for item in node.items:
                self._collect_fields(item)
        elif not isinstance(node, Ref):
            question = self.kb.variable(node.question)
            if question.type == "multichoice" and not isinstance(node, Known):
                values = node.values if isinstance(node, InList) else (node.value,)  # type: ignore[union-attr]
                for literal in values:
                    self._options.setdefault((question.id, str(literal.value)), self._next())
            else:
                self._fields.setdefault(question.id, self._next())

    def _next(self) -> int:
        return len(self._fields) + len(self._options)

    def _value(self, qid: str, literal: Any) -> str:
        question = self.kb.variable(qid)
        if question.type == "boolean":
            return "y" if literal else "n"
        if question.type in ("number", "percent"):
            return repr(normalise_number(literal))
        if question.type == "choice":
            return str([c.id for c in question.choices].index(literal))
        if question.type == "text":
            tokens = self._tokens.setdefault(qid, {})
            return tokens.setdefault(literal, f"t{len(tokens) + 1}")
        raise ValueError(f"{qid}: a {question.type} answer is not one value")

    def _encode(self, qid: str, value: Any) -> tuple[tuple[int, str], ...]:
        """The fields one answer sets: (position, token)."""
        cells = []
        question = self.kb.variable(qid)
        if qid in self._fields:
            if question.type == "multichoice":
                cells.append((self._fields[qid], str(len(value))))
            elif question.type == "text":
                cells.append((self._fields[qid], self._tokens.get(qid, {}).get(value, "t0")))
            else:
                cells.append((self._fields[qid], self._value(qid, value)))
        if question.type == "multichoice":
            cells += [(at, "y" if option in value else "n")
                      for (q, option), at in self._options.items() if q == qid]
        return tuple(cells)

    def _fact(self, slot: int, answers: dict[str, Any]) -> str:
        fields = self._blank.copy()
        cells = self._cells
        for qid, value in answers.items():
            table = cells.get(qid)
            if table is None:  # no rule reads it
                continue
            encoded = table.get(value)
            if encoded is None:  # answers repeat: each is encoded once
                encoded = table[value] = self._encode(qid, value)
            for at, token in encoded:
                fields[at] = token
        return f"(p {self._tags[slot]} " + " ".join(fields) + ")"

    # --- rules -----------------------------------------------------------------------------

    def _defrules(self, rule, level: int, tag: str, partition: str,  # type: ignore[no-untyped-def]
                  read: set[str]) -> list[str]:
        facts = " ".join(f"({self._name[c]} ?p)" for c in rule.then if c in read)
        rhs = (f"(assert {facts}) " if facts else "") + \
            f"(bind {partition} (create$ {partition} ?p {tag}))"
        salience = f"(declare (salience {-level})) " if level else ""
        built = []
        for index, (tests, refs, nrefs) in enumerate(_dnf(rule.when, True)):
            lhs = [self._plan_pattern(tests)] if tests or not refs else []
            lhs += [f"({self._name[c]} ?p)" for c in refs]
            lhs += [f"(not ({self._name[c]} ?p))" for c in nrefs]
            built.append(f"(defrule {tag}-{index} {salience}{' '.join(lhs)} => {rhs})")
        return built

    def _plan_pattern(self, tests: list[tuple[Condition, bool]]) -> str:
        literals: dict[int, list[str]] = {}
        predicates: list[str] = []
        bound: set[int] = set()
        for node, positive in tests:
            constraints = self._constraints(node, positive)
            if constraints is None:
                predicates.append(self._predicate(node, positive, bound))
                continue
            for at, constraint in constraints:
                if constraint not in literals.setdefault(at, []):
                    literals[at].append(constraint)
        for at, constraints in literals.items():
            if len(constraints) > 1 or at in bound:
                predicates += [_as_predicate(at, c) for c in constraints]
                bound.add(at)
        width = max(set(literals) | bound) + 1
        last_bound = max(bound, default=-1)
        fields = ["?p"]
        for at in range(width):
            if at == last_bound:
                fields.append(f"?f{at}&:{_join('and', predicates)}")
            elif at in bound:
                fields.append(f"?f{at}")
            else:
                fields.append(literals[at][0] if at in literals else "?")
        fields += ["?"] * (self._width - width)
        return "(p " + " ".join(fields) + ")"

    def _constraints(self, node: Condition, positive: bool) -> list[tuple[int, str]] | None:
        """A test as literal constraints on single fields, or None if it needs a predicate."""
        if isinstance(node, Not):
            return self._constraints(node.item, not positive)
        if isinstance(node, (And, Or)):
            if isinstance(node, And) != positive:  # a disjunction across fields
                return None
            parts = [self._constraints(item, positive) for item in node.items]
            if any(part is None for part in parts):
                return None
            return [c for part in parts for c in part]  # type: ignore[union-attr]
        qid = node.question  # type: ignore[union-attr]
        question = self.kb.variable(qid)
        if isinstance(node, Known):
            at = self._fields[qid]
            return [(at, f"~{_UNKNOWN}" if node.known == positive else _UNKNOWN)]
        if isinstance(node, Truth):
            return [(self._fields[qid], "y" if positive else "n")]
        if isinstance(node, Compare):
            op = node.op if positive else _NEGATE[node.op]
            value = self._value(qid, node.value.value)
            if op == "==":
                return [(self._fields[qid], value)]
            if op == "!=":
                return [(self._fields[qid], f"~{_UNKNOWN}&~{value}")]
            return None
        values = node.values if isinstance(node, InList) else (node.value,)  # type: ignore[union-attr]
        if question.type == "multichoice":
            flags = [self._options[(qid, str(v.value))] for v in values]
            if positive:  # any of them selected
                return [(flags[0], "y")] if len(flags) == 1 else None
            return [(at, "n") for at in flags]  # answered, and none of them selected
        encoded = [self._value(qid, v.value) for v in values]
        at = self._fields[qid]
        if positive:
            return [(at, "|".join(encoded))]
        return [(at, f"~{_UNKNOWN}&" + "&".join(f"~{v}" for v in encoded))]

    def _predicate(self, node: Condition, positive: bool, bound: set[int]) -> str:
        if isinstance(node, Not):
            return self._predicate(node.item, not positive, bound)
        if isinstance(node, (And, Or)):
            word = "and" if isinstance(node, And) == positive else "or"
            return _join(word, [self._predicate(item, positive, bound) for item in node.items])
        constraints = self._constraints(node, positive)
        if constraints is not None:
            bound.update(at for at, _ in constraints)
            return _join("and", [_as_predicate(at, c) for at, c in constraints])
        qid = node.question  # type: ignore[union-attr]
        if isinstance(node, Compare):  # an order on a number
            at = self._fields[qid]
            bound.add(at)
            op = _CLIPS_OPS[node.op if positive else _NEGATE[node.op]]
            return f"(and (numberp ?f{at}) ({op} ?f{at} {self._value(qid, node.value.value)}))"
        values = node.values if isinstance(node, InList) else (node.value,)  # type: ignore[union-attr]
        flags = [self._options[(qid, str(v.value))] for v in values]
        bound.update(flags)
        return _join("or", [f"(eq ?f{at} y)" for at in flags])

    # --- running ---------------------------------------------------------------------------

    def run(self, plans: Sequence[dict[str, Any]]) -> list[Outcome]:
        """One batch: every plan's fact in one ``assert``, one ``run``, one string back."""
        while len(self._tags) < len(plans):
            self._slots[tag := f"i{len(self._tags)}"] = len(self._tags)
            self._tags.append(tag)
        facts = " ".join([self._fact(slot, answers) for slot, answers in enumerate(plans)])
        text = self._quiet(lambda: self.env.eval(f"(progn (reset) (assert {facts}) (run) (out))"))
        outcomes: list[Outcome] = [{} for _ in plans]
        words = text.split()
        slots, derives = self._slots, self._derives
        for plan, tag in zip(words[::2], words[1::2], strict=True):
            outcome = outcomes[slots[plan]]
            for cid, alone, rule_id in derives[tag]:
                rules = outcome.get(cid)
                if rules is None:
                    outcome[cid] = alone
                elif rule_id not in rules:
                    outcome[cid] = rules | alone
        return outcomes


def _as_predicate(at: int, constraint: str) -> str:
    var = f"?f{at}"
    if "|" in constraint:
        return "(or " + " ".join(f"(eq {var} {v})" for v in constraint.split("|")) + ")"
    return _join("and", [f"(neq {var} {part[1:]})" if part.startswith("~") else
                         f"(eq {var} {part})" for part in constraint.split("&")])


def _join(word: str, items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"({word} " + " ".join(items) + ")"


def _refs(node: Condition) -> set[str]:
    if isinstance(node, Ref):
        return {node.conclusion}
    if isinstance(node, Not):
        return _refs(node.item)
    if isinstance(node, (And, Or)):
        return set().union(*(_refs(item) for item in node.items))
    return set()


Conjunct = tuple[list[tuple[Condition, bool]], list[str], list[str]]


def _dnf(node: Condition, positive: bool) -> list[Conjunct]:
    """Disjunctive normal form over conclusion references only: (answer tests with their
    polarity, references, negated references) per disjunct. Answer tests stay whole."""
    if not _refs(node):
        return [([(node, positive)], [], [])]
    if isinstance(node, Ref):
        return [([], [node.conclusion], [])] if positive else [([], [], [node.conclusion])]
    if isinstance(node, Not):
        return _dnf(node.item, not positive)
    parts = [_dnf(item, positive) for item in node.items]  # type: ignore[union-attr]
    if isinstance(node, And) == positive:  # a conjunction: combine every choice
        result: list[Conjunct] = [([], [], [])]
        for options in parts:
            result = [(t1 + t2, r1 + r2, n1 + n2)
                      for t1, r1, n1 in result for t2, r2, n2 in options]
        return result
    return [conjunct for options in parts for conjunct in options]


# --- experta --------------------------------------------------------------------------------

def _import_experta():  # type: ignore[no-untyped-def]
    import collections
    import collections.abc

    # experta 1.9.4 pins a frozendict that still uses collections.Mapping (gone in 3.10).
    for name in ("Mapping", "MutableMapping", "Iterable", "Hashable"):
        if not hasattr(collections, name):
            setattr(collections, name, getattr(collections.abc, name))
    import experta

    return experta


class ExpertaEngine:
    """Rules as experta rules: a Plan fact per plan, a Phase fact per stratum, conditions as
    TEST over the plan with the same compiled three-valued closures.

    The knowledge engine (and its Rete network) is built once and ``reset`` per batch, as
    an experta user would; ``run(plans)`` times declaring, running and the common form.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        from expert.logic import compile_condition

        experta = _import_experta()
        strata, _ = analyse(kb)
        self.kb = kb
        established: dict[int, Outcome] = {}
        self.established = established

        class Plan(experta.Fact):
            pass

        class Phase(experta.Fact):
            pass

        self.Plan, self.Phase = Plan, Phase
        methods: dict[str, Any] = {}
        for level, stratum in enumerate(strata):
            for rule in stratum.rules:
                test, fire = _experta_rule(rule, compile_condition(rule.when), established)
                methods[rule.id] = experta.Rule(
                    Phase(level), experta.AS.plan << Plan(), experta.TEST(test))(fire)

        last = len(strata) - 1

        def advance(self, phase, k):  # type: ignore[no-untyped-def]
            self.retract(phase)
            self.declare(Phase(k + 1))

        methods["advance"] = experta.Rule(
            experta.AS.phase << Phase(experta.MATCH.k),
            experta.TEST(lambda k: k < last), salience=-10000)(advance)
        self.engine = type("GeneratedEngine", (experta.KnowledgeEngine,), methods)()

    def run(self, plans: Sequence[dict[str, Any]]) -> list[Outcome]:
        engine = self.engine
        engine.reset()
        self.established.clear()
        for index, answers in enumerate(plans):
            self.established[index] = {}
            engine.declare(self.Plan(__id=index, **answers))
        engine.declare(self.Phase(0))
        engine.run()
        return [self.established[i] for i in range(len(plans))]


def _experta_rule(rule, evaluate, established):  # type: ignore[no-untyped-def]
    # experta fills every parameter of a TEST function by name: no default arguments here.
    def test(plan):  # type: ignore[no-untyped-def]
        return evaluate(plan, established[plan["__id"]].__contains__) is True

    def fire(self, plan):  # type: ignore[no-untyped-def]
        record = established[plan["__id"]]
        for cid in rule.then:
            record[cid] = record.get(cid, frozenset()) | {rule.id}

    return test, fire
