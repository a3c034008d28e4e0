"""``expert test``: run, record and measure the knowledge base's own test cases."""

from __future__ import annotations

from pathlib import Path

import click

from ..infer import Expert
from ..kbtest import case_files, record, run_case
from ..loader import bundled_kb_path


def run_test(kb_dir: Path | None, record_path: Path | None, show_coverage: bool) -> int:
    root = Path(kb_dir or bundled_kb_path())
    expert = Expert.open(root)
    if record_path is not None:
        target = record(expert, record_path, root / "tests")
        click.echo(f"recorded {target}")
        return 0
    files = case_files(root)
    if not files:
        click.echo(f"no test cases in {root / 'tests'}", err=True)
        return 1
    failed = 0
    fired: set[str] = set()
    answered: set[str] = set()
    for path in files:
        outcome = run_case(expert, path)
        fired |= outcome.fired
        answered |= outcome.answered
        if outcome.passed:
            click.echo(f"PASS {outcome.name}")
            continue
        failed += 1
        click.echo(f"FAIL {outcome.name}")
        if outcome.error is not None:
            click.echo("  " + outcome.error.render(source=False).replace("\n", "\n  "))
        for problem in outcome.problems:
            click.echo(f"  {problem}")
        for line in outcome.lines:
            click.echo(f"    {line}")
    click.echo(f"{len(files) - failed} passed, {failed} failed")
    if show_coverage:
        rules = [r.id for r in expert.kb.rules if r.id not in fired]
        questions = [q.id for q in expert.kb.questions if q.id not in answered]
        click.echo(f"rules no case fires ({len(rules)}/{len(expert.kb.rules)}): "
                   + (", ".join(rules) or "none"))
        click.echo(f"questions no case answers ({len(questions)}/{len(expert.kb.questions)}): "
                   + (", ".join(questions) or "none"))
    return 1 if failed else 0
