"""``expert evaluate``: fact files in, results out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..batch import ReportNamer, default_jobs, discover, evaluate_sources
from ..batch.sources import FLUSH
from ..errors import ExpertError, InputError, Location
from ..i18n import Msg, t
from ..loader import bundled_kb_path
from ..report.data import json_default
from ..report.render import DOCUMENT_SUFFIX
from ..text import printable, safe_json, unicode_output
from ..writer import dump_yaml, ensure_folder, write_atomic

PROGRESS_MINIMUM = 20


def run_evaluate(files: tuple[str, ...], kb_dir: Path | None, fmt: str, lang: str,
                 out_dir: Path | None, jobs: int | None, summary: str | None) -> int:
    from ..infer import Expert

    kb_root = str(kb_dir or bundled_kb_path())
    expert = Expert.open(kb_root)  # load and check once, before any plan: KB errors stop here
    if out_dir is not None:
        ensure_folder(out_dir)
    streaming = "-" in files
    sources: Any = discover(files) if streaming else \
        [s for s in discover(files) if s is not FLUSH]
    if not streaming and not sources:
        raise _nothing(files)
    if fmt in ("markdown", "html") and out_dir is None and (streaming or len(sources) > 1):
        raise InputError(Msg("eval.needs_out", fmt=fmt), Location(None),
                         Msg("hint.give_out"), code="usage")
    writes = out_dir is not None and fmt in ("text", "markdown", "html")
    namer = ReportNamer(out_dir, DOCUMENT_SUFFIX[fmt]) if writes and out_dir else None
    progress = _Progress(0 if streaming else len(sources))
    ascii_only = not unicode_output(sys.stdout)
    collected: list[object] = []
    rows: list[dict[str, object]] = []
    failed = done = 0
    for outcome in evaluate_sources(kb_root, sources, fmt=fmt, lang=lang,
                                    jobs=1 if streaming else (jobs or default_jobs()),
                                    expert=expert, rows=summary is not None or writes):
        progress.advance()
        done += 1
        if outcome.error is not None:
            failed += 1
            _report_error(outcome.source, outcome.error, fmt, lang, ascii_only)
            continue
        if outcome.row is not None:
            rows.append(outcome.row)
        if fmt in ("json", "yaml"):
            collected.append(outcome.output)
        elif namer is not None:
            target = namer.path(outcome.name or outcome.source)
            write_atomic(target, outcome.output, follow_links=False)
            sys.stdout.write(printable(str(target)) + "\n")
        elif fmt == "jsonl":
            sys.stdout.write(safe_json(outcome.output, ascii_only=ascii_only) + "\n")
        else:
            sys.stdout.write(printable(outcome.output, multiline=True) + "\n")
        if streaming:  # a pipeline reads each result as soon as it exists
            sys.stdout.flush()
    progress.close()
    if fmt == "json":
        click.echo(safe_json(json.dumps(collected, ensure_ascii=False, indent=2,
                                        default=json_default), ascii_only=ascii_only))
    elif fmt == "yaml":
        click.echo(dump_yaml(json.loads(json.dumps(collected, default=json_default)),
                             ascii_only=ascii_only), nl=False)
    if summary is not None:
        _write_summary(summary, rows, out_dir, lang)
    if out_dir is not None and len(rows) > 1:
        from ..report.documents import render_portfolio

        target = out_dir / "portfolio.html"
        write_atomic(target, render_portfolio(rows, expert.kb, lang), follow_links=False)
        click.echo(printable(str(target)), err=True)
    if done == 0:
        raise _nothing(files)
    if fmt in ("text", "markdown", "html") and done > 1:
        click.echo(t("eval.summary", lang, plans=done, failed=failed), err=True)
    return 2 if failed else 0


def _nothing(files: tuple[str, ...]) -> InputError:
    places = [printable("<stdin>" if f == "-" else f) for f in files[:5]]
    return InputError(Msg("eval.nothing_in", places=places), Location(None),
                      Msg("hint.fact_files"), code="no-input")


def _report_error(source: str, error: ExpertError, fmt: str, lang: str,
                  ascii_only: bool) -> None:
    click.echo(error.render(lang, source=False), err=True)
    if fmt == "jsonl":  # a pipeline sees every input accounted for, in order
        first = error.diagnostics[0]
        sys.stdout.write(safe_json(json.dumps({"source": source,
                                               "error": first.as_dict(lang)},
                                              ensure_ascii=False), ascii_only=ascii_only)
                         + "\n")
        sys.stdout.flush()


def _write_summary(kind: str, rows: list[dict[str, object]], out_dir: Path | None,
                   lang: str) -> None:
    from ..report.summary import summary_csv, summary_markdown

    text = summary_csv(rows, lang) if kind == "csv" else summary_markdown(rows, lang)
    if out_dir is None:
        click.echo(text if kind == "csv" else printable(text, multiline=True), nl=False)
        return
    target = out_dir / ("summary.csv" if kind == "csv" else "summary.md")
    write_atomic(target, text, follow_links=False)
    click.echo(printable(str(target)), err=True)


class _Progress:
    """A progress bar on standard error for long runs in a terminal (prompt-toolkit's)."""

    def __init__(self, total: int) -> None:
        self._bar: Any = None
        self._counter: Any = None
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

