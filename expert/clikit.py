"""click, speaking the user's language: every word of help and of usage errors.

click writes its own words in English. The command line is built from these classes
instead: help texts, headings, metavars and usage errors all come from the message
catalogue (``i18n.cli``), keyed by command and parameter name, in the language resolved
before parsing (``--lang`` anywhere on the line, else ``EXPERT_LANG``, else Spanish).
Usage errors become ``UsageProblem``s, rendered at the edge like every other error.
"""

from __future__ import annotations

import difflib
from typing import Any

import click

from .errors import InputError
from .i18n import MESSAGES, Msg, current_language, t


class UsageProblem(InputError):
    """A mistake on the command line."""

    def __init__(self, message: Msg, command: str | None = None, hint: Msg | None = None
                 ) -> None:
        if hint is None and command is not None:
            hint = Msg("cli.see_help", command=command) if command else Msg("cli.see_top_help")
        super().__init__(message, None, hint, code="usage")


def _text(key: str, **fields: Any) -> str:
    return t(key, current_language(), **fields)


def _help_key(command: str, param: str) -> str | None:
    for key in (f"cli.opt.{command}.{param}", f"cli.opt.{param}"):
        if key in MESSAGES:
            return key
    return None


class Formatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix=_text("cli.usage") + " ")


class LocalContext(click.Context):
    formatter_class = Formatter


class LocalCommand(click.Command):
    """A command whose help, metavars and usage errors come from the catalogue."""

    context_class = LocalContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIONS]")
        super().__init__(*args, **kwargs)

    def localise(self) -> None:
        name = self.name or ""
        self.help = _text(f"cli.cmd.{name}")
        self.short_help = _text(f"cli.cmd.{name}.short")
        self.options_metavar = _text("cli.options_metavar")
        for param in self.params:
            key = _help_key(name, param.name or "")
            if isinstance(param, click.Option):
                if key:
                    param.help = _text(key)
                metavar = f"cli.metavar.{param.name}"
                if metavar in MESSAGES:
                    param.metavar = _text(metavar)
            elif isinstance(param, click.Argument):
                param.metavar = _text(f"cli.metavar.{param.name}")

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _text("cli.opt.help")
        return option

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [record for param in self.get_params(ctx)
                if not isinstance(param, click.Argument)
                and (record := _help_record(param, ctx)) is not None]
        if rows:
            with formatter.section(_text("cli.options")):
                formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True  # extra arguments are refused below, in words we own
        try:
            rest = super().parse_args(ctx, args)
        except click.exceptions.NoArgsIsHelpError:
            raise  # «expert» alone: the help, printed at the edge
        except click.ClickException as problem:
            # The group's own mistakes point at «expert --help», not «expert expert --help».
            top = isinstance(self, click.Group)
            raise translate(problem, "" if top else self.name) from None
        if rest and not isinstance(self, click.Group):
            raise UsageProblem(Msg("cli.extra_arguments", args=" ".join(rest)), self.name)
        return rest


class LocalGroup(LocalCommand, click.Group):
    """The ``expert`` group: commands by name, with «did you mean» for a slip."""

    def localise(self) -> None:
        super().localise()
        self.subcommand_metavar = _text("cli.command_metavar")
        for command in self.commands.values():
            if isinstance(command, LocalCommand):
                command.localise()

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        LocalCommand.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, command.get_short_help_str(formatter.width - 20))
                for name, command in self.commands.items() if not command.hidden]
        if rows:
            with formatter.section(_text("cli.commands")):
                formatter.write_dl(rows)

    def resolve_command(self, ctx: click.Context, args: list[str]):  # type: ignore[no-untyped-def]
        name = args[0]
        if name not in self.commands and not name.startswith("-"):
            close = difflib.get_close_matches(name, list(self.commands), n=1)
            raise UsageProblem(Msg("cli.no_such_command", name=name), None,
                               Msg("hint.did_you_mean", name=close[0]) if close else
                               Msg("cli.see_top_help"))
        return super().resolve_command(ctx, args)


def _help_record(param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    if not isinstance(param, click.Option) or param.hidden:
        return None
    shown = param.show_default
    param.show_default = False
    try:
        record = param.get_help_record(ctx)
    finally:
        param.show_default = shown
    if record is None:
        return None
    names, text = record
    if param.required:  # click adds an English «[required]»
        text = text.replace("  [required]", "") + " " + _text("cli.required")
    if shown and param.default is not None and not param.is_flag:
        text += " " + _text("cli.default", value=str(param.default))
    if isinstance(param.type, click.Choice):
        names = names.split(" [", 1)[0] + " [" + "|".join(map(str, param.type.choices)) + "]"
    return names, text


def translate(problem: click.ClickException, command: str | None) -> InputError:
    """A click usage error as a ``UsageProblem`` in the user's language."""
    if isinstance(problem, UsageProblem):
        return problem
    if isinstance(problem, click.NoSuchOption):
        close = sorted(problem.possibilities or [])
        return UsageProblem(Msg("cli.no_such_option", name=problem.option_name), command,
                            Msg("hint.did_you_mean", name=close[0]) if close else None)
    if isinstance(problem, click.BadOptionUsage):
        key = "cli.option_no_value" if "does not take" in problem.message else \
            "cli.option_needs_value"
        return UsageProblem(Msg(key, name=problem.option_name), command)
    if isinstance(problem, click.MissingParameter):
        param = problem.param
        name = param.name if param is not None else ""
        shown = _text(f"cli.metavar.{name}") if f"cli.metavar.{name}" in MESSAGES \
            else f"--{name}"
        return UsageProblem(Msg("cli.missing", name=shown), command)
    if isinstance(problem, click.BadParameter):
        param = problem.param
        name = (param.opts[0] if param is not None and param.opts else "?")
        if isinstance(param, click.Argument) and f"cli.metavar.{param.name}" in MESSAGES:
            name = _text(f"cli.metavar.{param.name}")  # TIPO, not the Python name «kind»
        if param is not None and isinstance(param.type, click.Choice):
            return UsageProblem(Msg("cli.not_a_choice", name=name,
                                    choices=list(map(str, param.type.choices))), command)
        if param is not None and isinstance(param.type, click.IntRange):
            return UsageProblem(Msg("cli.not_in_range", name=name, low=param.type.min,
                                    high=param.type.max), command)
        return UsageProblem(Msg("cli.bad_value", name=name), command)
    if problem.message.startswith("Missing command"):  # «expert --lang en» and nothing else
        return UsageProblem(Msg("cli.no_command"), "")
    return UsageProblem(Msg("cli.usage_error"), command)
