"""The process edge: language, signals and the one place where errors become text.

The language is settled first (``--lang`` anywhere on the line, else ``EXPERT_LANG``, else
the project's ``expert.toml``, else Spanish), so that help, usage errors and every message
come out in it. A user error prints ``file:line:col: error: message (hint)`` and exits 2;
an internal failure prints one line and exits 1. Tracebacks only with ``--debug``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import traceback
from typing import Any

import click

from .cli import EXIT_FAILED, EXIT_INPUT, EXIT_OK, cli
from .clikit import UsageProblem, translate
from .errors import ExpertError
from .i18n import LANGS, current_language, language_from_environment, set_language, t
from .signals import interrupted, remember_ctrl_c
from .text import printable


def language_of(args: list[str]) -> str:
    """The language asked for anywhere on the command line, before click parses it; else
    EXPERT_LANG, else the project's expert.toml, else Spanish."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in LANGS:
            return args[index + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    if os.environ.get("EXPERT_LANG"):
        return language_from_environment()
    from .project import configured_language

    try:
        return configured_language() or language_from_environment()
    except OSError:
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
    remember_ctrl_c()  # also when called without __main__ (tests, python -c)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    lang = "es"
    try:
        # Inside the try: a Ctrl-C while the language is looked up (expert.toml) or the
        # command line is set up is an interruption like any other, not a traceback.
        lang = language_of(args)
        set_language(lang)
        _prepare_process()
        cli.localise()
        code = cli.main(args=args, prog_name="expert", standalone_mode=False)
        return code if isinstance(code, int) else EXIT_OK
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.exceptions.NoArgsIsHelpError as problem:
        click.echo(problem.ctx.get_help() if problem.ctx else "", err=True)
        return EXIT_INPUT
    except click.ClickException as problem:
        ctx = getattr(problem, "ctx", None)  # the command it is about, if not the group
        named = ctx.command.name if ctx is not None and ctx.parent is not None else ""
        return _fail(translate(problem, named), debug)
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
        if interrupted() or _interrupted(error):  # e.g. an import cut short by Ctrl-C
            click.echo(t("cli.interrupted", lang), err=True)
            return 130
        if debug:
            traceback.print_exc()
        else:
            click.echo(t("cli.internal_error", lang, kind=type(error).__name__,
                         detail=printable(str(error))[:300]), err=True)
        return EXIT_FAILED


def _interrupted(error: BaseException) -> bool:
    """Whether a Ctrl-C is what this error was raised while handling."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__context__
    return False


def _fail(error: ExpertError, debug: bool) -> int:
    if debug and not isinstance(error, UsageProblem):
        traceback.print_exc()
    click.echo(error.render(current_language()), err=True)
    return error.exit_code


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:  # pragma: no cover
        pass
