"""The command line: one click command per verb, a thin adapter over the library.

Each command imports its glue (``expert.commands``, ``expert.web``, ``expert.authoring``)
only when it runs, so ``expert --help`` stays fast. Running the process, the language and
error rendering live in ``expert.edge``.
"""

from __future__ import annotations

import logging
from pathlib import Path

import click

from . import __version__
from .clikit import LocalCommand, LocalGroup
from .i18n import LANGS, current_language, t

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2
LANG = click.Choice(list(LANGS))
# Folders are checked by the commands themselves, which say what is wrong with the path
# (click would only say «invalid value»).
FOLDER = click.Path(path_type=Path)
FILE = click.Path(dir_okay=False, path_type=Path)
# What `expert new` makes, named in either language.
NEW_KINDS = {"question": "question", "finding": "finding", "risk": "risk", "measure": "measure",
             "rule": "rule", "pregunta": "question", "hallazgo": "finding", "riesgo": "risk",
             "medida": "measure", "regla": "rule"}


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
@_lang_option
def lsp(lang: str | None) -> int:
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
@click.argument("kind", type=click.Choice(list(NEW_KINDS), case_sensitive=False))
@click.argument("element_id")
@click.option("--section", required=True)
@_kb_option
@_lang_option
def new_command(kind: str, element_id: str, section: str, kb_dir: Path | None,
                lang: str | None) -> int:
    from .authoring.scaffold import scaffold

    kind = NEW_KINDS[kind.lower()]
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
