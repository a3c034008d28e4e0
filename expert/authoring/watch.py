"""``expert watch``: on every save of a knowledge-base file, check it, run its test cases,
and explain the chosen plans again, like docassemble's "Save and Run".

Files are polled (twice a second), which needs nothing installed and works the same on
every system and editor (some editors replace a file instead of writing it).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..check import diagnose
from ..i18n import t


def snapshot(root: Path, extra: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    found: dict[Path, tuple[int, int]] = {}
    for path in [*sorted(root.glob("*.yaml")), *sorted((root / "tests").glob("*.yaml")),
                 *extra]:
        try:
            status = path.stat()
        except OSError:
            continue
        found[path] = (status.st_mtime_ns, status.st_size)
    return found


def run_once(root: Path, plans: list[Path], lang: str, say: Callable[[str], None]) -> bool:
    """Check, test, explain; True when the knowledge base checks clean."""
    diagnostics = diagnose(root)
    errors = [d for d in diagnostics if d.severity == "error"]
    for diagnostic in diagnostics:
        say(diagnostic.render(lang))
    say(t("check.summary", lang, kb=str(root), errors=len(errors),
          warnings=len(diagnostics) - len(errors)))
    if errors:
        return False
    from ..explain import explain, render_tree
    from ..facts import load_facts
    from ..infer import Expert
    from ..kbtest import case_files, run_case

    expert = Expert.open(root)
    failed = 0
    for path in case_files(root):
        outcome = run_case(expert, path)
        if not outcome.passed:
            failed += 1
            say(t("kbtest.fail", lang, name=outcome.name))
            for problem in outcome.problems:
                say("  " + problem.render(lang))
            if outcome.error is not None:
                say("  " + outcome.error.render(lang, source=False))
    cases = len(case_files(root))
    say(t("kbtest.summary", lang, passed=cases - failed, failed=failed))
    for plan in plans:
        result = expert.evaluate(load_facts(plan, expert.kb))
        targets = [c.id for c in (*result.established("risk"), *result.established("measure"))]
        say(f"── {plan.name}")
        say("\n".join(render_tree(explain(result, cid, lang)) for cid in targets)
            or t("eval.no_risks", lang))
    return True


def watch(root: Path, plans: list[Path], lang: str, say: Callable[[str], None], *,
          interval: float = 0.5, rounds: int | None = None) -> None:
    """Run once, then again after every change; ``rounds`` limits the runs (tests)."""
    seen = snapshot(root, plans)
    done = 0
    while True:
        say(t("watch.running", lang, time=time.strftime("%H:%M:%S")))
        try:
            run_once(root, plans, lang, say)
        except Exception as error:  # one bad save must not end the watch
            from ..errors import ExpertError

            say(error.render(lang) if isinstance(error, ExpertError) else
                t("cli.internal_error", lang, kind=type(error).__name__, detail=str(error)))
        done += 1
        if rounds is not None and done >= rounds:
            return
        say(t("watch.waiting", lang))
        while (current := snapshot(root, plans)) == seen:
            time.sleep(interval)
        seen = current
