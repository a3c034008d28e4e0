"""The command line: a thin adapter over the library.

Errors are rendered here, once: a user error prints ``file:line:col: error: message
(hint)`` and exits 2; an internal failure prints one line and exits 1. Tracebacks only
with ``--debug``.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import ExpertError

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2
LANG = click.Choice(["es", "en"])


def _kb_option(function):  # type: ignore[no-untyped-def]
    return click.option(
        "--kb", "kb_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Knowledge-base folder (default: the bundled one).",
    )(function)


def _lang_option(function):  # type: ignore[no-untyped-def]
    return click.option("--lang", type=LANG, default="es", show_default=True,
                        help="Language of the output.")(function)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="expert")
@click.option("--debug", is_flag=True, help="Show tracebacks and engine tracing.")
def cli(debug: bool) -> None:
    """Which institutional guarantees a marketing plan lacks, the risks that follow, and
    what to do about them."""
    if debug:
        logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")


@cli.command()
@click.argument("files", nargs=-1, required=True)
@_kb_option
@click.option("--format", "fmt", type=click.Choice(
    ["text", "json", "yaml", "jsonl", "markdown", "html"]), default="text", show_default=True,
    help="Output format; markdown and html with --out write one report per plan.")
@_lang_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for per-plan reports (text, markdown, html) and the summary.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes (default: number of cores; used for 64+ plans).")
@click.option("--summary", type=click.Choice(["csv", "markdown"]), default=None,
              help="Also write a portfolio summary (to --out, or standard output).")
def evaluate(files: tuple[str, ...], kb_dir: Path | None, fmt: str, lang: str,
             out_dir: Path | None, jobs: int | None, summary: str | None) -> int:
    """Evaluate fact files (files, folders, globs; '-' reads JSON Lines from stdin).

    Broken files are reported (file:line) and skipped; the exit code is 2 if any file
    failed, 0 otherwise."""
    from .commands.evaluate import run_evaluate

    return run_evaluate(files, kb_dir, fmt, lang, out_dir, jobs, summary)


@cli.command()
@_kb_option
@click.option("--features", "features_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder of .feature files (default: features/ beside the "
              "knowledge base, or in the current folder).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
def coverage(kb_dir: Path | None, features_dir: Path | None, fmt: str) -> int:
    """For each section of the source document: the questions, rules, risks, measures and
    scenarios that encode it. Exits 1 if a section lacks a rule, risk, measure or
    scenario."""
    from .commands.coverage import run_coverage

    return run_coverage(kb_dir, features_dir, fmt)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="expert", standalone_mode=False)
        return code if isinstance(code, int) else EXIT_OK
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as problem:
        problem.show()
        return EXIT_INPUT
    except (click.Abort, KeyboardInterrupt):
        click.echo("interrupted", err=True)
        return 130
    except ExpertError as error:
        if debug:
            traceback.print_exc()
        click.echo(error.render(), err=True)
        return error.exit_code
    except BrokenPipeError:  # e.g. piped into `head`: not an error of ours
        _silence_stdout()
        return EXIT_OK
    except Exception as error:  # the one place that turns defects into a line
        if debug:
            traceback.print_exc()
        else:
            click.echo(f"internal error: {type(error).__name__}: {error} "
                       "(run again with --debug for details, and report it)", err=True)
        return EXIT_FAILED


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:  # pragma: no cover
        pass


def echo_json(data: Any) -> None:
    from .report.data import json_default

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=json_default))
