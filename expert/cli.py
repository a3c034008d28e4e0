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
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
def check(kb_dir: Path | None, fmt: str) -> int:
    """Validate a knowledge base and list every problem at once, each as
    file:line:col: severity: message (hint). Exits 1 if there is any error; warnings never
    fail the check."""
    from .commands.check import run_check

    return run_check(kb_dir, fmt)


@cli.command()
@click.option("--file", "kind", type=click.Choice(["family", "sources", "kb"]),
              default="family", show_default=True,
              help="Which file's schema: a family file, sources.yaml or kb.yaml.")
def schema(kind: str) -> int:
    """Print the JSON Schema of a knowledge-base file, for editors (see README)."""
    from .commands.check import run_schema

    return run_schema(kind)


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


@cli.command()
@click.argument("facts", type=click.Path(path_type=Path))
@click.option("--conclusion", default=None,
              help="Explain only this conclusion (id or kind.id), established or open.")
@_kb_option
@_lang_option
def explain(facts: Path, conclusion: str | None, kb_dir: Path | None, lang: str) -> int:
    """Show why each risk and measure of a plan holds: the rules, their conditions as
    written, the answers and findings that satisfied them, and the document's paragraph.
    For an open conclusion, the unknown answers that would decide it."""
    from .commands.explain import run_explain

    return run_explain(facts, conclusion, kb_dir, lang)


@cli.command()
@click.argument("facts", type=click.Path(path_type=Path))
@click.option("--set", "sets", multiple=True, metavar="QUESTION=VALUE",
              help="Change an answer (repeatable); VALUE as in a fact file, or 'unknown'.")
@click.option("--clear", "clear_risk", default=None, metavar="RISK_ID",
              help="Find the fewest answer changes that remove this risk.")
@_kb_option
@_lang_option
def whatif(facts: Path, sets: tuple[str, ...], clear_risk: str | None, kb_dir: Path | None,
           lang: str) -> int:
    """Show the conclusions that appear (+) and disappear (-) when answers change, or the
    smallest sets of answer changes that would clear a risk."""
    from .commands.whatif import run_whatif

    return run_whatif(facts, sets, clear_risk, kb_dir, lang)


@cli.command(name="test")
@_kb_option
@click.option("--record", "record_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Turn this fact or session file into a new test case.")
@click.option("--coverage", "show_coverage", is_flag=True,
              help="Also list the rules no case fires and the questions no case answers.")
def test_command(kb_dir: Path | None, record_path: Path | None, show_coverage: bool) -> int:
    """Run the knowledge base's own test cases (<kb>/tests/*.yaml): a pass/fail line per
    case with a diff of expected against actual; exits 1 on any failure."""
    from .commands.kbtest import run_test

    return run_test(kb_dir, record_path, show_coverage)


@cli.command()
@_kb_option
@_lang_option
@click.option("--resume", "resume", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Continue the interview saved in this session file.")
@click.option("--save", "save", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Session file to write (default: entrevista-<date-time>.yaml here).")
def interview(kb_dir: Path | None, lang: str, resume: Path | None, save: Path | None) -> int:
    """Guided interview: asks only what still matters, explains why, can go back, and saves
    every answer as it goes (Ctrl-C or Ctrl-D saves and leaves; --resume continues).
    Without a terminal it reads answers line by line from standard input."""
    from .commands.interview import run_interview_command

    return run_interview_command(kb_dir, lang, resume, save)


@cli.command(name="compare")
@click.option("--kb", "kb_dirs", multiple=True, required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Give it twice: --kb OLD_DIR --kb NEW_DIR.")
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@_lang_option
def compare_command(kb_dirs: tuple[Path, ...], files: tuple[str, ...], fmt: str,
                    lang: str) -> int:
    """Evaluate the same plans with two versions of the knowledge base and list, per plan,
    the conclusions that appear (+) and disappear (-): what an edit does to every client."""
    from .commands.compare import run_compare

    return run_compare(kb_dirs, files, fmt, lang)


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
