"""The command line: a thin adapter over the library.

The language is settled first (``--lang`` anywhere on the line, else ``EXPERT_LANG``, else
Spanish), so that help, usage errors and every message come out in it. Errors are rendered
here, once: a user error prints ``file:line:col: error: message (hint)`` and exits 2; an
internal failure prints one line and exits 1. Tracebacks only with ``--debug``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import signal
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from . import __version__
from .clikit import LocalCommand, LocalGroup, UsageProblem, translate
from .errors import ExpertError
from .i18n import LANGS, current_language, language_from_environment, set_language, t
from .text import printable, safe_json

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2
LANG = click.Choice(list(LANGS))
# Folders are checked by the commands themselves, which say what is wrong with the path
# (click would only say «invalid value»).
FOLDER = click.Path(path_type=Path)
FILE = click.Path(dir_okay=False, path_type=Path)


def _kb_option(function):  # type: ignore[no-untyped-def]
    return click.option("--kb", "kb_dir", type=FOLDER, default=None)(function)


def _lang_option(function):  # type: ignore[no-untyped-def]
    return click.option("--lang", type=LANG, default=None)(function)


def _command(name: str | None = None):  # type: ignore[no-untyped-def]
    return cli.command(name=name, cls=LocalCommand)


@click.group(name="expert", cls=LocalGroup,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="expert",
                      message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True)
@_lang_option
def cli(debug: bool, lang: str | None) -> None:
    if debug:
        logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")


@_command()
@click.argument("files", nargs=-1, required=True)
@_kb_option
@click.option("--format", "fmt", type=click.Choice(
    ["text", "json", "yaml", "jsonl", "markdown", "html"]), default="text", show_default=True)
@_lang_option
@click.option("--out", "out_dir", type=FOLDER)
@click.option("--jobs", type=click.IntRange(1, 64), default=None)
@click.option("--summary", type=click.Choice(["csv", "markdown"]), default=None)
def evaluate(files: tuple[str, ...], kb_dir: Path | None, fmt: str, lang: str | None,
             out_dir: Path | None, jobs: int | None, summary: str | None) -> int:
    from .commands.evaluate import run_evaluate

    return run_evaluate(files, kb_dir, fmt, _lang(lang), out_dir, jobs, summary)


@_command()
@_kb_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_lang_option
def check(kb_dir: Path | None, fmt: str, lang: str | None) -> int:
    from .commands.check import run_check

    return run_check(kb_dir, fmt, _lang(lang))


@_command()
@click.option("--file", "kind", type=click.Choice(["family", "sources", "kb"]),
              default="family", show_default=True)
@_lang_option
def schema(kind: str, lang: str | None) -> int:
    from .commands.check import run_schema

    return run_schema(kind)


@_command()
@_kb_option
@click.option("--features", "features_dir", type=FOLDER, default=None)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_lang_option
def coverage(kb_dir: Path | None, features_dir: Path | None, fmt: str,
             lang: str | None) -> int:
    from .commands.coverage import run_coverage

    return run_coverage(kb_dir, features_dir, fmt, _lang(lang))


@_command()
@click.argument("facts", type=click.Path(path_type=Path))
@click.option("--conclusion", default=None)
@click.option("--detail", is_flag=True)
@_kb_option
@_lang_option
def explain(facts: Path, conclusion: str | None, detail: bool, kb_dir: Path | None,
            lang: str | None) -> int:
    from .commands.explain import run_explain

    return run_explain(facts, conclusion, kb_dir, _lang(lang), detail)


@_command()
@click.argument("facts", type=click.Path(path_type=Path))
@click.option("--set", "sets", multiple=True)
@click.option("--clear", "clear_risk", default=None)
@_kb_option
@_lang_option
def whatif(facts: Path, sets: tuple[str, ...], clear_risk: str | None, kb_dir: Path | None,
           lang: str | None) -> int:
    from .commands.whatif import run_whatif

    return run_whatif(facts, sets, clear_risk, kb_dir, _lang(lang))


@_command(name="test")
@_kb_option
@click.option("--record", "record_path", type=FILE, default=None)
@click.option("--coverage", "show_coverage", is_flag=True)
@_lang_option
def test_command(kb_dir: Path | None, record_path: Path | None, show_coverage: bool,
                 lang: str | None) -> int:
    from .commands.kbtest import run_test

    return run_test(kb_dir, record_path, show_coverage, _lang(lang))


@_command()
@_kb_option
@_lang_option
@click.option("--resume", "resume", type=FILE, default=None)
@click.option("--save", "save", type=FILE, default=None)
def interview(kb_dir: Path | None, lang: str | None, resume: Path | None,
              save: Path | None) -> int:
    from .commands.interview import run_interview_command

    return run_interview_command(kb_dir, _lang(lang), resume, save)


@_command(name="compare")
@click.option("--kb", "kb_dirs", multiple=True, required=True, type=FOLDER)
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_lang_option
def compare_command(kb_dirs: tuple[Path, ...], files: tuple[str, ...], fmt: str,
                    lang: str | None) -> int:
    from .commands.compare import run_compare

    return run_compare(kb_dirs, files, fmt, _lang(lang))


def _lang(lang: str | None) -> str:
    return lang or current_language()


def language_of(args: list[str]) -> str:
    """The language asked for anywhere on the command line, before click parses it."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in LANGS:
            return args[index + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    return language_from_environment()


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that every ``finally`` runs: worker processes
    are stopped and temporary files removed, as on Ctrl-C."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated(signum)


def _prepare_process() -> None:
    # What cannot be written in the terminal's encoding is shown as an escape instead of
    # ending the command; a lone surrogate (a file name that is not UTF-8) never reaches
    # the output as raw bytes.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or odd stream
                reconfigure(errors="backslashreplace")
    # A handler only where SIGTERM would kill us: an ignored signal (nohup) stays ignored.
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _terminate)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    lang = language_of(args)
    set_language(lang)
    _prepare_process()
    cli.localise()
    try:
        code = cli.main(args=args, prog_name="expert", standalone_mode=False)
        return code if isinstance(code, int) else EXIT_OK
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.exceptions.NoArgsIsHelpError as problem:
        click.echo(problem.ctx.get_help() if problem.ctx else "", err=True)
        return EXIT_INPUT
    except click.ClickException as problem:
        return _fail(translate(problem, None), debug)
    except (click.Abort, KeyboardInterrupt):
        click.echo(t("cli.interrupted", lang), err=True)
        return 130
    except Terminated:
        click.echo(t("cli.terminated", lang), err=True)
        return 128 + signal.SIGTERM
    except ExpertError as error:
        return _fail(error, debug)
    except BrokenPipeError:  # e.g. piped into `head`: not an error of ours
        _silence_stdout()
        return EXIT_OK
    except Exception as error:  # the one place that turns defects into a line
        if debug:
            traceback.print_exc()
        else:
            click.echo(t("cli.internal_error", lang, kind=type(error).__name__,
                         detail=printable(str(error))[:300]), err=True)
        return EXIT_FAILED


def _fail(error: ExpertError, debug: bool) -> int:
    if debug and not isinstance(error, UsageProblem):
        traceback.print_exc()
    click.echo(error.render(current_language()), err=True)
    return error.exit_code


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:  # pragma: no cover
        pass


def echo_json(data: Any) -> None:
    from .report.data import json_default

    click.echo(safe_json(json.dumps(data, ensure_ascii=False, indent=2, default=json_default)))
