"""``expert explain``: derivation trees down to the client's answers."""

from __future__ import annotations

from pathlib import Path

import click

from ..explain import explain, render_tree
from ..facts import load_facts
from ..i18n import t
from ..infer import Expert
from ..loader import bundled_kb_path


def run_explain(facts_path: Path, conclusion: str | None, kb_dir: Path | None, lang: str,
                detail: bool = False) -> int:
    expert = Expert.open(kb_dir or bundled_kb_path())
    result = expert.evaluate(load_facts(facts_path, expert.kb))
    if conclusion is not None:
        targets = [conclusion.split(".", 1)[-1]]
    else:
        targets = [c.id for c in (*result.established("risk"), *result.established("measure"))]
    if not targets:
        still_open = [p.conclusion_id for p in result.open_of("risk")]
        if not still_open:
            click.echo(t("eval.no_risks", lang))
            return 0
        # Nothing established yet: what each open risk waits for is the explanation.
        click.echo(t("eval.no_risks_yet", lang, count=len(still_open)) + "\n")
        targets = still_open
    click.echo("\n\n".join(render_tree(explain(result, cid, lang, detail=detail))
                           for cid in targets))
    return 0
