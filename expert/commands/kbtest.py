"""``expert test``: run, record and measure the knowledge base's own test cases."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError, Location
from ..i18n import Msg, t
from ..infer import Expert
from ..kbtest import case_files, record, run_case
from ..loader import bundled_kb_path


def run_test(kb_dir: Path | None, record_path: Path | None, show_coverage: bool,
             lang: str, *, writable: bool = True) -> int:
    root = Path(kb_dir or bundled_kb_path())
    if record_path is not None and (kb_dir is None or not writable):
        # The bundled knowledge base may live inside the installed package: never write
        # there by accident.
        raise InputError(Msg("kbtest.record_needs_kb"), Location(None),
                         Msg("hint.record_kb"), code="usage")
    expert = Expert.open(root)
    if record_path is not None:
        target = record(expert, record_path, root / "tests")
        click.echo(t("kbtest.recorded", lang, path=str(target)))
        return 0
    files = case_files(root)
    if not files:
        click.echo(t("kbtest.no_cases", lang, path=str(root / "tests")), err=True)
        return 1
    failed = 0
    fired: set[str] = set()
    answered: set[str] = set()
    for path in files:
        outcome = run_case(expert, path)
        fired |= outcome.fired
        answered |= outcome.answered
        if outcome.passed:
            click.echo(t("kbtest.pass", lang, name=outcome.name))
            continue
        failed += 1
        click.echo(t("kbtest.fail", lang, name=outcome.name))
        if outcome.error is not None:
            click.echo("  " + outcome.error.render(lang, source=False).replace("\n", "\n  "))
        for problem in outcome.problems:
            click.echo(f"  {problem.render(lang)}")
        for line in outcome.lines:
            # The diff's two headers name its sides in the reader's language.
            if line in ("--- expected", "+++ actual"):
                line = line[:4] + t("kbtest." + line[4:], lang)
            click.echo(f"    {line}")
    click.echo(t("kbtest.summary", lang, passed=len(files) - failed, failed=failed))
    if show_coverage:
        rules = [r.id for r in expert.kb.rules if r.id not in fired]
        questions = [q.id for q in expert.kb.questions if q.id not in answered]
        click.echo(t("kbtest.unfired", lang, count=len(rules), total=len(expert.kb.rules),
                     ids=rules or "—"))
        click.echo(t("kbtest.unanswered", lang, count=len(questions),
                     total=len(expert.kb.questions), ids=questions or "—"))
    return 1 if failed else 0
