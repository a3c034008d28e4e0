"""``expert evaluate``: fact files in, results out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..batch import default_jobs, discover, evaluate_sources
from ..errors import ExpertError, InputError, Location
from ..loader import bundled_kb_path
from ..report.data import json_default
from ..writer import dump_yaml, write_atomic

PROGRESS_MINIMUM = 20


def run_evaluate(files: tuple[str, ...], kb_dir: Path | None, fmt: str, lang: str,
                 out_dir: Path | None, jobs: int | None, summary: str | None) -> int:
    from ..infer import Expert

    kb_root = str(kb_dir or bundled_kb_path())
    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            raise InputError(f"{out_dir} is not a folder", Location(str(out_dir)),
                             code="usage")
        out_dir.mkdir(parents=True, exist_ok=True)
    expert = Expert.open(kb_root)  # load and check once, before any plan: KB errors stop here
    sources = list(discover(files))
    if fmt in ("markdown", "html") and out_dir is None and len(sources) > 1:
        raise InputError(f"--format {fmt} with several plans needs --out DIR",
                         Location(None), "give a folder for the reports: --out reports/",
                         code="usage")
    workers = jobs or default_jobs()
    document_out = str(out_dir) if out_dir is not None and fmt in ("text", "markdown",
                                                                   "html") else None
    progress = _Progress(len(sources))
    collected: list[object] = []
    rows: list[dict[str, object]] = []
    failed = 0
    wants_rows = summary is not None or out_dir is not None  # summary, portfolio
    for outcome in evaluate_sources(kb_root, sources, fmt=fmt, lang=lang, jobs=workers,
                                    out_dir=document_out, expert=expert, rows=wants_rows):
        progress.advance()
        if outcome.error is not None:
            failed += 1
            _report_error(outcome.error, fmt)
            continue
        if outcome.row is not None:
            rows.append(outcome.row)
        if fmt in ("json", "yaml"):
            collected.append(outcome.output)
        else:  # a JSON line, a document, or with --out the path written
            sys.stdout.write(outcome.output + "\n")
    progress.close()
    if fmt == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2, default=json_default))
    elif fmt == "yaml":
        click.echo(dump_yaml(json.loads(json.dumps(collected, default=json_default))), nl=False)
    if summary is not None:
        _write_summary(summary, rows, out_dir, lang)
    if out_dir is not None and len(rows) > 1:
        from ..report.documents import render_portfolio

        target = out_dir / "portfolio.html"
        write_atomic(target, render_portfolio(rows, expert.kb, lang))
        click.echo(str(target), err=True)
    if fmt in ("text", "markdown", "html") and len(sources) > 1:
        from ..i18n import t

        click.echo(t("eval.summary", lang, plans=len(sources), failed=failed), err=True)
    return 2 if failed else 0


def _report_error(error: ExpertError, fmt: str) -> None:
    click.echo(error.render(source=False), err=True)
    if fmt == "jsonl":  # a pipeline sees every input accounted for, in order
        first = error.diagnostics[0]
        click.echo(json.dumps({"source": first.location.file, "error": first.as_dict()},
                              ensure_ascii=False))


def _write_summary(kind: str, rows: list[dict[str, object]], out_dir: Path | None,
                   lang: str) -> None:
    from ..report.summary import summary_csv, summary_markdown

    text = summary_csv(rows) if kind == "csv" else summary_markdown(rows, lang)
    if out_dir is None:
        click.echo(text, nl=False)
        return
    target = out_dir / ("summary.csv" if kind == "csv" else "summary.md")
    write_atomic(target, text)
    click.echo(str(target), err=True)


class _Progress:
    """A progress bar on standard error for long runs in a terminal (prompt-toolkit's)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._bar = None
        self._counter = None
        if total >= PROGRESS_MINIMUM and sys.stderr.isatty():
            from prompt_toolkit.output import create_output
            from prompt_toolkit.shortcuts import ProgressBar

            self._bar = ProgressBar(output=create_output(stdout=sys.stderr))
            self._bar.__enter__()
            self._counter = self._bar(total=total)

    def advance(self) -> None:
        if self._counter is not None:
            self._counter.item_completed()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
