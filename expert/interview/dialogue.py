"""What the consultant types at a terminal, and what the interview says back: shared by
the full-screen application and the plain line mode, so both behave the same.

A line is a command, in the interview's language or in English (``ayuda``, ``porqué``,
``atrás``, ``saltar``, ``estado``, ``revisar``, ``cambiar 7``, ``nota …``, ``nota reunión
…``, ``guardar``, ``salir``), or the answer to the current step. Answers are read by
``answers.parse_input``: the same rules and messages as the web interview.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import wording
from ..answers import AnswerError, fold, parse_input
from ..i18n import Msg, t
from ..model import Question
from . import views
from .flow import Changes, Interview, Step
from .screens import review_lines, status_lines, wrap

COMMANDS = {
    "es": {"ayuda": "help", "?": "help", "porque": "why", "por que": "why",
           "porque mas": "why_more", "por que mas": "why_more", "atras": "back",
           "saltar": "skip", "estado": "status", "revisar": "review", "cambiar": "change",
           "nota reunion": "meeting_note", "nota": "note", "guardar": "save", "salir": "quit"},
    "en": {"help": "help", "?": "help", "why": "why", "why more": "why_more", "back": "back",
           "skip": "skip", "status": "status", "review": "review", "change": "change",
           "meeting note": "meeting_note", "note": "note", "save": "save", "quit": "quit",
           "exit": "quit"},
}
KEY_WORDS = {"help": ("ayuda", "help"), "why": ("porqué", "why"), "back": ("atrás", "back"),
             "skip": ("saltar", "skip")}
YES = {"si", "s", "yes", "y"}
NO = {"no", "n"}


@dataclass
class Reply:
    lines: list[str] = field(default_factory=list)
    problem: str | None = None  # the refused input's reason, shown beside the prompt
    quit: bool = False
    report: bool | None = None  # the answer to the report offer


def command_words(lang: str) -> list[str]:
    """The commands a consultant can type, in the interview's language (for completion)."""
    shown = {"es": ["ayuda", "porqué", "atrás", "saltar", "estado", "revisar", "cambiar",
                    "nota", "nota reunión", "guardar", "salir"],
             "en": ["help", "why", "back", "skip", "status", "review", "change", "note",
                    "meeting note", "save", "quit"]}
    return shown["en" if lang == "en" else "es"]


def split_command(line: str, lang: str) -> tuple[str | None, str]:
    """(command, the rest) when the line is a command in ``lang`` or English."""
    text = line.strip()
    folded = fold(text)
    table = {**COMMANDS["en"], **COMMANDS["es" if lang != "en" else "en"]}
    for word in sorted(table, key=len, reverse=True):
        if folded == word or folded.startswith(word + " "):
            rest = " ".join(text.split()[len(word.split()):])
            return table[word], rest
    return None, text


def step_lines(interview: Interview, step: Step) -> list[str]:
    """The prompt of a step: the question, its options and what kind of answer it takes."""
    lang = interview.lang
    if step.kind == "meta":
        key = "iv.meta.ask." + (step.field or "")
        return [t(key, lang)]
    if step.kind == "confirm":
        message = step.message.render(lang) if isinstance(step.message, Msg) \
            else str(step.message or "")
        return [*wrap(message), t("iv.confirm.hint", lang)]
    if step.kind == "skipped":
        return [t("iv.skipped.offer", lang, count=step.count)]
    if step.kind == "done":
        return [t("iv.report.offer", lang)]
    question = step.question
    assert question is not None
    lines = wrap(question.text.get(lang))
    for number, choice in enumerate(question.choices, start=1):
        lines += wrap(f"  {number}) {choice.label.get(lang)}", 0)
    lines += wrap("(" + views.answer_hint(question, lang) + ")", 2)
    if step.changing:
        lines += wrap(t("iv.current", lang, value=wording.show_value(question, step.current,
                                                                      lang)), 2)
    return lines


def handle(interview: Interview, step: Step, line: str) -> Reply:
    """Apply one line typed at ``step``."""
    lang = interview.lang
    command, rest = split_command(line, lang)
    if command == "quit":
        return Reply(quit=True)
    if command == "help":
        return Reply(_help(interview, step))
    if step.kind == "meta":
        return _meta(interview, step, line, command)
    if command in ("review", "status", "change", "meeting_note", "save"):
        return _anywhere(interview, step, command, rest)
    if step.kind in ("confirm", "skipped", "done"):
        if command is not None and command != "back":
            return Reply(problem=t("iv.yes_or_no", lang))
        folded = fold(line)
        if command == "back" or folded in NO:
            yes = False
        elif folded in YES:
            yes = True
        else:
            return Reply(problem=t("iv.yes_or_no", lang))
        if step.kind == "confirm":
            return _announce(interview, interview.confirm(yes))
        if step.kind == "skipped":
            interview.offer_skipped(yes)
        return Reply(report=yes) if step.kind == "done" else Reply()
    return _question(interview, step, line, command, rest)


def _anywhere(interview: Interview, step: Step, command: str, rest: str) -> Reply:
    """Commands that work at every prompt but the client details."""
    lang = interview.lang
    if command == "status":
        return Reply(status_lines(interview, step.question))
    if command == "review":
        return Reply(review_lines(interview))
    if command == "change":
        return _change(interview, rest)
    if command == "meeting_note":
        problem = interview.note(None, rest)
        return Reply(problem=problem.render(lang)) if problem else \
            Reply([t("iv.note.saved", lang)])
    interview.save(interview.state)
    return Reply([t("iv.saved.now", lang, count=interview.answered)])


def _question(interview: Interview, step: Step, line: str, command: str | None, rest: str
              ) -> Reply:
    lang = interview.lang
    question = step.question
    assert question is not None
    if command is None:
        if not line.strip() and step.changing:
            interview.keep(question)
            return Reply([t("iv.kept", lang)])
        try:
            value = parse_input(question, line, lang)
        except AnswerError as problem:
            hint = f" ({problem.hint.render(lang)})" if problem.hint else ""
            return Reply(problem=problem.message.render(lang) + hint)
        return _announce(interview, interview.answer(question, value),
                         skipped=value is None)
    if command == "skip":
        return _announce(interview, interview.answer(question, None), skipped=True)
    if command == "why":
        found = views.why(interview, question)
        return Reply([*wrap(found.sentence), *(line for p in found.passages for line in wrap(p, 2))]
                     + ([t("iv.why.more_hint", lang)] if found.details else []))
    if command == "why_more":
        found = views.why(interview, question)
        lines = wrap(found.sentence)
        for head, rules in found.details:
            lines += wrap("- " + head, 2)
            lines += [line for rule in rules for line in wrap("· " + rule, 4)]
        return Reply(lines)
    if command == "back":
        undone, changes = interview.back()
        reply = _announce(interview, changes)
        reply.lines.insert(0, t("iv.back", lang, text=undone.text.get(lang)) if undone
                           else t("iv.nothing_to_undo", lang))
        return reply
    if command == "note":
        problem = interview.note(question, rest)
        if problem is not None:
            return Reply(problem=problem.render(lang))
        return Reply([t("iv.note.saved", lang)])
    return Reply()


def _meta(interview: Interview, step: Step, line: str, command: str | None) -> Reply:
    lang = interview.lang
    if command == "back":
        fields = ["client", "plan", "consultant"]
        index = fields.index(step.field or "client")
        if index > 0:
            interview.edit_meta(fields[index - 1])
        return Reply()
    if command == "skip":
        line = ""
    elif command is not None:
        return Reply(problem=t("iv.meta.not_a_command", lang))
    problem = interview.give_meta(step.field or "client", line)
    return Reply(problem=problem.render(lang)) if problem else Reply()


def _change(interview: Interview, target: str) -> Reply:
    """``cambiar 7``, ``cambiar cliente`` or ``cambiar`` + the start of a question."""
    lang = interview.lang
    folded = fold(target)
    if not folded:  # «cambiar» alone: say how it is used
        return Reply(problem=t("iv.change.usage", lang))
    meta = {fold(t(f"iv.meta.{name}", lang)).split()[0]: name
            for name in ("client", "plan", "consultant")}
    meta.update({"cliente": "client", "client": "client", "plan": "plan",
                 "consultor": "consultant", "consultant": "consultant"})
    if folded in meta:
        interview.edit_meta(meta[folded])
        return Reply()
    items = views.review(interview)
    chosen: Question | None = None
    if folded.isdigit() and 1 <= int(folded) <= len(items):
        chosen = items[int(folded) - 1].question
    elif folded:
        matches = [i.question for i in items if folded in fold(i.text)]
        chosen = matches[0] if len(matches) == 1 else None
    if chosen is None or interview.revisit(chosen.id) is None:
        return Reply(problem=t("iv.review.unknown", lang, target=target or "—"))
    return Reply()


def _announce(interview: Interview, changes: Changes, *, skipped: bool = False) -> Reply:
    lang, kb, result = interview.lang, interview.kb, interview.result
    lines = [t("iv.skipped", lang)] if skipped else []
    for cid in changes.new_risks:
        level = t("level." + result.severity(cid), lang)
        lines.append(t("iv.new_risk", lang, level=level,
                       title=wording.title(result, kb.conclusion(cid), lang)))
    for cid in changes.withdrawn_risks:
        lines.append(t("iv.withdrawn_risk", lang, title=kb.conclusion(cid).title.get(lang)))
    return Reply(lines)


def _help(interview: Interview, step: Step) -> list[str]:
    lang = interview.lang
    if step.kind == "question" and step.question is not None:
        return [*wrap(step.question.help.get(lang)), *wrap(t("iv.commands", lang))]
    return wrap(t(f"iv.help.{step.kind}", lang))


def key_word(action: str, lang: str) -> str:
    """The word a function key types, in the interview's language."""
    es, en = KEY_WORDS[action]
    return en if lang == "en" else es


def change_targets(interview: Interview, typed: str) -> list[str]:
    """What ``cambiar`` + Tab offers: the answered questions whose text holds every word
    typed so far, in review order (``_change`` takes the whole text as its start)."""
    words = fold(typed).split()
    return [item.text for item in views.review(interview)
            if all(word in fold(item.text) for word in words)]


def question_words(question: Question | None, lang: str) -> list[str]:
    """Completions at a question: its options' labels and the commands."""
    words: list[str] = []
    if question is not None and question.choices:
        words = [c.label.get(lang) for c in question.choices]
    elif question is not None and question.type == "boolean":
        words = [t("yes", lang), t("no", lang)]
    return [*words, *command_words(lang)]

