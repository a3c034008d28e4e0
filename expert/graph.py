"""Dependencies between conclusions, and the strata that make negation safe.

A rule that reads a conclusion depends on every rule that derives it. Conclusions are
grouped into strongly connected components; the components, in dependency order, are the
strata the engine runs one after the other. A rule that tests a conclusion for *absence*
(``not finding.x``) therefore only runs once every rule that could derive ``finding.x`` has
run. A cycle that goes through such a negation has no consistent meaning and is reported
as an error; a cycle of positive references is allowed and is run to its fixpoint.
"""

from __future__ import annotations

from dataclasses import dataclass

from .conditions import conclusions_of, negated_conclusions_of
from .model import KnowledgeBase, Rule


@dataclass(frozen=True)
class Stratum:
    rules: tuple[Rule, ...]
    recursive: bool  # some rule reads a conclusion derived in this same stratum


@dataclass(frozen=True)
class NegativeCycle:
    conclusions: tuple[str, ...]
    rule: Rule  # a rule on the cycle that negates one of its conclusions


def _edges(kb: KnowledgeBase) -> dict[str, set[str]]:
    """conclusion -> conclusions whose derivation reads it."""
    edges: dict[str, set[str]] = {c.id: set() for c in kb.conclusions}
    for rule in kb.rules:
        for source in conclusions_of(rule.when):
            edges.setdefault(source, set()).update(rule.then)
    return edges


def _components(nodes: list[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components come out in reverse topological order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    item = stack.pop()
                    on_stack.discard(item)
                    component.append(item)
                    if item == node:
                        break
                result.append(sorted(component))
    return result


def analyse(kb: KnowledgeBase) -> tuple[list[Stratum], list[NegativeCycle]]:
    """Strata in the order they must run, and every cycle through negation.

    A stratum holds the rules whose conclusions sit at the same depth of the dependency
    graph (the longest chain of conclusions leading to them), so a knowledge base with
    chains of four steps runs in four passes however many rules it has.
    """
    edges = _edges(kb)
    components = list(reversed(_components(sorted(edges), edges)))  # sources first
    component_of = {node: i for i, comp in enumerate(components) for node in comp}
    depth = [0] * len(components)
    for index, component in enumerate(components):  # topological order: preds come first
        for node in component:
            for target in edges.get(node, ()):
                other = component_of[target]
                if other != index:
                    depth[other] = max(depth[other], depth[index] + 1)
    cycles: list[NegativeCycle] = []
    levels: dict[int, list[Rule]] = {}
    recursive_levels: set[int] = set()
    for rule in kb.rules:
        targets = [component_of[c] for c in rule.then if c in component_of]
        # With several targets, the rule runs with the earliest one: everything it reads
        # precedes all its targets (or shares the earliest one's cycle).
        home = min(targets, key=depth.__getitem__) if targets else None
        level = depth[home] if home is not None else 0
        levels.setdefault(level, []).append(rule)
        reads = conclusions_of(rule.when)
        same = {c for c in reads if component_of.get(c) == home}
        if same:
            recursive_levels.add(level)
            if negated_conclusions_of(rule.when) & same:
                cycles.append(NegativeCycle(tuple(components[home]), rule))
    strata = [
        Stratum(tuple(levels[level]), level in recursive_levels) for level in sorted(levels)
    ]
    return strata, cycles


def derived_cycle(kb: KnowledgeBase, start: str) -> list[str]:
    """Derived values that depend on themselves through ``start`` (empty if none)."""
    from .expressions import names

    reads = {d.id: names(d.expression) for d in kb.derived}
    path: list[str] = []

    def visit(node: str) -> bool:
        if node in path:
            del path[:path.index(node)]
            return True
        path.append(node)
        for target in sorted(reads.get(node, ())):
            if target in reads and visit(target):
                return True
        path.pop()
        return False

    return path if visit(start) else []
