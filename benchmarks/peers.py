"""The same knowledge base on other engines, for the benchmark: CLIPS (clipspy) and experta.

Both get the same rules, compiled from the same condition trees with the same three-valued
semantics (a test on an unknown answer is never true; strata run in order), and the same
plans; ``run`` returns, per plan, each established conclusion with the rules that derived
it, so the benchmark can check that every engine agrees with every other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from expert.conditions import And, Compare, Condition, InList, Known, Not, Or, Ref, Truth
from expert.graph import analyse
from expert.model import KnowledgeBase, Question

Outcome = dict[str, frozenset[str]]  # conclusion id -> ids of the rules that derived it


def outcome_of_trace(trace: dict[str, Any]) -> Outcome:
    return {cid: frozenset(f.rule_id if hasattr(f, "rule_id") else f for f in firings)
            for cid, firings in trace.items()}


# --- CLIPS ---------------------------------------------------------------------------------

_CLIPS_OPS = {"==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_NEGATE = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}


class ClipsEngine:
    """Rules as CLIPS defrules. Per batch: one ``assert`` call loads every plan's fact, one
    ``run``, and the ``fired`` facts are read back."""

    def __init__(self, kb: KnowledgeBase) -> None:
        import clips

        self.kb = kb
        strata, _ = analyse(kb)
        if any(s.recursive for s in strata):
            raise ValueError("the CLIPS peer does not run recursive strata")
        self.env = clips.Environment()
        self.slots = self._slots()
        self.env.build("(deftemplate plan (slot id) "
                       + " ".join(f"(slot {s} (default nil))" for s in self.slots) + ")")
        self.env.build("(deftemplate c (slot p) (slot n))")
        self.env.build("(deftemplate fired (slot p) (slot r))")
        for level, stratum in enumerate(strata):
            for rule in stratum.rules:
                for text in self._rules(rule, level):
                    self.env.build(text)
        self.then = {rule.id: rule.then for rule in kb.rules}

    def _slots(self) -> list[str]:
        slots = []
        for question in self.kb.questions:
            slots.append(question.id)
            if question.type == "multichoice":
                slots += [f"{question.id}__{c.id}" for c in question.choices]
        return slots

    def _rules(self, rule, level: int) -> list[str]:  # type: ignore[no-untyped-def]
        """One defrule per disjunct of the condition's references: a reference to a
        conclusion is always a pattern (``(c ...)`` or ``(not (c ...))``), so CLIPS's Rete
        reacts to it; salience runs the strata in order."""
        built = []
        for index, conjunct in enumerate(self._dnf(rule.when, True)):
            used: set[str] = set()
            patterns, tests = [], []
            for kind, item in conjunct:
                if kind == "ref":
                    patterns.append(f"(c (p ?p) (n {item}))")
                elif kind == "nref":
                    patterns.append(f"(not (c (p ?p) (n {item})))")
                else:
                    tests.append(self._expr(item[0], item[1], used))
            plan = "(plan (id ?p) " + " ".join(f"({s} ?{s})" for s in sorted(used)) + ")"
            lhs = [plan, *patterns] + ([f"(test {_join('and', tests)})"] if tests else [])
            rhs = " ".join(f"(c (p ?p) (n {cid}))" for cid in rule.then)
            built.append(f"(defrule {rule.id}--{index} (declare (salience {-level})) "
                         + " ".join(lhs) + f" => (assert {rhs} (fired (p ?p) (r {rule.id}))))")
        return built

    def _dnf(self, node: Condition, positive: bool) -> list[list[tuple[str, Any]]]:
        if not _has_ref(node):
            return [[("test", (node, positive))]]
        if isinstance(node, Ref):
            return [[("ref" if positive else "nref", node.conclusion)]]
        if isinstance(node, Not):
            return self._dnf(node.item, not positive)
        parts = [self._dnf(item, positive) for item in node.items]  # type: ignore[union-attr]
        if isinstance(node, And) == positive:  # a conjunction: combine every choice
            result: list[list[tuple[str, Any]]] = [[]]
            for options in parts:
                result = [left + right for left in result for right in options]
            return result
        return [conjunct for options in parts for conjunct in options]

    def _expr(self, node: Condition, positive: bool, used: set[str]) -> str:
        if isinstance(node, Not):
            return self._expr(node.item, not positive, used)
        if isinstance(node, (And, Or)):
            word = "and" if isinstance(node, And) == positive else "or"
            return _join(word, [self._expr(i, positive, used) for i in node.items])
        question = self.kb.question(node.question)  # type: ignore[union-attr]
        var = f"?{question.id}"
        used.add(question.id)
        if isinstance(node, Known):
            return f"(neq {var} nil)" if node.known == positive else f"(eq {var} nil)"
        if isinstance(node, Truth):
            return f"(eq {var} {'yes' if positive else 'no'})"
        if isinstance(node, Compare):
            op = node.op if positive else _NEGATE[node.op]
            value = self._value(question, node.value.value)
            if question.type in ("number", "percent"):
                return f"(and (numberp {var}) ({_CLIPS_OPS[op]} {var} {value}))"
            if op == "==":
                return f"(eq {var} {value})"
            return f"(and (neq {var} nil) (neq {var} {value}))"
        values = node.values if isinstance(node, InList) else (node.value,)  # type: ignore[union-attr]
        if question.type == "multichoice":
            flags = []
            for literal in values:
                slot = f"{question.id}__{literal.value}"
                used.add(slot)
                flags.append(f"(eq ?{slot} {'yes' if positive else 'no'})")
            return _join("or" if positive else "and", flags)
        encoded = [self._value(question, v.value) for v in values]
        if positive:
            return _join("or", [f"(eq {var} {v})" for v in encoded])
        return _join("and", [f"(neq {var} nil)", *(f"(neq {var} {v})" for v in encoded)])

    @staticmethod
    def _value(question: Question, value: Any) -> str:
        if question.type == "boolean":
            return "yes" if value else "no"
        if question.type in ("number", "percent"):
            return repr(value)
        if question.type == "text":
            return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
        return f"c_{value}"

    def _fact(self, index: int, answers: dict[str, Any]) -> str:
        slots = [f"(id {index})"]
        for qid, value in answers.items():
            question = self.kb.question(qid)
            if question.type == "multichoice":
                slots.append(f"({qid} {len(value)})")
                slots += [f"({qid}__{c.id} {'yes' if c.id in value else 'no'})"
                          for c in question.choices]
            else:
                slots.append(f"({qid} {self._value(question, value)})")
        return "(plan " + " ".join(slots) + ")"

    def run(self, plans: Sequence[dict[str, Any]]) -> list[Outcome]:
        env = self.env
        env.reset()
        env.eval("(assert " + " ".join(self._fact(i, p) for i, p in enumerate(plans)) + ")")
        env.run()
        outcomes: list[dict[str, set[str]]] = [{} for _ in plans]
        for fact in env.facts():
            if fact.template.name == "fired":
                rule_id = str(fact["r"])
                for cid in self.then[rule_id]:
                    outcomes[int(fact["p"])].setdefault(cid, set()).add(rule_id)
        return [{c: frozenset(r) for c, r in o.items()} for o in outcomes]


def _has_ref(node: Condition) -> bool:
    if isinstance(node, Ref):
        return True
    if isinstance(node, Not):
        return _has_ref(node.item)
    if isinstance(node, (And, Or)):
        return any(_has_ref(item) for item in node.items)
    return False


def _join(word: str, items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"({word} " + " ".join(items) + ")"


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
    TEST over the plan with the same compiled three-valued closures."""

    def __init__(self, kb: KnowledgeBase) -> None:
        from expert.logic import compile_condition

        experta = _import_experta()
        strata, _ = analyse(kb)
        self.kb = kb
        self.experta = experta
        established: dict[int, dict[str, set[str]]] = {}
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
        self.Engine = type("GeneratedEngine", (experta.KnowledgeEngine,), methods)

    def run(self, plans: Sequence[dict[str, Any]]) -> list[Outcome]:
        engine = self.Engine()
        engine.reset()
        self.established.clear()
        for index, answers in enumerate(plans):
            self.established[index] = {}
            engine.declare(self.Plan(__id=index, **answers))
        engine.declare(self.Phase(0))
        engine.run()
        return [{c: frozenset(r) for c, r in self.established[i].items()}
                for i in range(len(plans))]


def _experta_rule(rule, evaluate, established):  # type: ignore[no-untyped-def]
    # experta fills every parameter of a TEST function by name: no default arguments here.
    def test(plan):  # type: ignore[no-untyped-def]
        return evaluate(plan, established[plan["__id"]].__contains__) is True

    def fire(self, plan):  # type: ignore[no-untyped-def]
        record = established[plan["__id"]]
        for cid in rule.then:
            record.setdefault(cid, set()).add(rule.id)

    return test, fire
