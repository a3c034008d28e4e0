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
import os
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

    return run_evaluate(files, _kb(kb_dir, lang), fmt, _lang(lang), out_dir, jobs, summary)


@_command()
@_kb_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_lang_option
def check(kb_dir: Path | None, fmt: str, lang: str | None) -> int:
    from .commands.check import run_check

    return run_check(_kb(kb_dir, lang, authoring=fmt == "text"), fmt, _lang(lang))


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

    return run_coverage(_kb(kb_dir, lang, authoring=fmt == "text"), features_dir, fmt,
                        _lang(lang))


@_command()
@click.argument("facts", type=click.Path(path_type=Path))
@click.option("--conclusion", default=None)
@click.option("--detail", is_flag=True)
@_kb_option
@_lang_option
def explain(facts: Path, conclusion: str | None, detail: bool, kb_dir: Path | None,
            lang: str | None) -> int:
    from .commands.explain import run_explain

    return run_explain(facts, conclusion, _kb(kb_dir, lang, authoring=True), _lang(lang),
                       detail)


@_command()
@click.argument("facts", type=click.Path(path_type=Path))
@click.option("--set", "sets", multiple=True)
@click.option("--clear", "clear_risk", default=None)
@_kb_option
@_lang_option
def whatif(facts: Path, sets: tuple[str, ...], clear_risk: str | None, kb_dir: Path | None,
           lang: str | None) -> int:
    from .commands.whatif import run_whatif

    return run_whatif(facts, sets, clear_risk, _kb(kb_dir, lang, authoring=True), _lang(lang))


@_command(name="test")
@_kb_option
@click.option("--record", "record_path", type=FILE, default=None)
@click.option("--coverage", "show_coverage", is_flag=True)
@_lang_option
def test_command(kb_dir: Path | None, record_path: Path | None, show_coverage: bool,
                 lang: str | None) -> int:
    from .commands.kbtest import run_test

    choice = _choice(kb_dir, lang, authoring=True)
    return run_test(choice.path, record_path, show_coverage, _lang(lang),
                    writable=choice.origin != "bundled")


@_command()
@_kb_option
@_lang_option
@click.option("--resume", "resume", type=FILE, default=None)
@click.option("--save", "save", type=FILE, default=None)
def interview(kb_dir: Path | None, lang: str | None, resume: Path | None,
              save: Path | None) -> int:
    from .commands.interview import run_interview_command

    return run_interview_command(_kb(kb_dir, lang), _lang(lang), resume, save)


@_command()
@_kb_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--data", "data_dir", type=FOLDER, default=None)
@click.option("--create-user", "create_user", default=None)
@click.option("--threads", type=click.IntRange(1, 64), default=8, show_default=True)
@click.option("--trusted-proxy", "trusted_proxy", default=None)
@_lang_option
def serve(kb_dir: Path | None, host: str, port: int, data_dir: Path | None,
          create_user: str | None, threads: int, trusted_proxy: str | None,
          lang: str | None) -> int:
    from .web.serve import run_serve

    return run_serve(host, port, kb_dir, data_dir, create_user, threads, trusted_proxy,
                     _lang(lang))


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


@_command()
def lsp() -> int:
    from .authoring.lsp import serve

    serve()
    return 0


@_command()
@_kb_option
@click.option("--explain", "plans", multiple=True, type=FILE)
@_lang_option
def watch(kb_dir: Path | None, plans: tuple[Path, ...], lang: str | None) -> int:
    from .authoring.watch import watch as run_watch

    root = _kb(kb_dir, lang, authoring=True)
    try:
        run_watch(root, list(plans), _lang(lang), click.echo)
    except KeyboardInterrupt:
        return 0
    return 0


@_command(name="new")
@click.argument("kind", type=click.Choice(["question", "finding", "risk", "measure", "rule"]))
@click.argument("element_id")
@click.option("--section", required=True)
@_kb_option
@_lang_option
def new_command(kind: str, element_id: str, section: str, kb_dir: Path | None,
                lang: str | None) -> int:
    from .authoring.scaffold import scaffold

    written = scaffold(_kb(kb_dir, lang, authoring=True), kind, element_id, section)
    click.echo(t("new.written", _lang(lang), kind=t("new.kind." + kind, _lang(lang)),
                 id=element_id, path=f"{written.path}:{written.line}"))
    return 0


def _lang(lang: str | None) -> str:
    return lang or current_language()


def _choice(kb_dir: Path | None, lang: str | None, *, authoring: bool = False):  # type: ignore[no-untyped-def]
    """The knowledge base to use; said on standard error when it was not given with --kb
    (always for the authoring commands, where forgetting --kb would test the wrong one)."""
    from .project import choose_kb, describe

    choice = choose_kb(kb_dir)
    if choice.origin in ("environment", "config") or (authoring and choice.origin != "option"):
        click.echo(describe(choice).render(_lang(lang)), err=True)
    return choice


def _kb(kb_dir: Path | None, lang: str | None, *, authoring: bool = False) -> Path:
    return _choice(kb_dir, lang, authoring=authoring).path


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
