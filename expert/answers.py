"""From what a person wrote to the typed value of an answer: one set of rules and messages
for fact files, the terminal interview and the web interview.

- ``coerce(question, raw)``: a value from a fact file (YAML or JSON data).
- ``parse_input(question, text, lang)``: text typed at a prompt or in a form: numbers in
  the language's own format, choices by number, label or the start of a label.
- ``implausible(question, value)``: a valid value outside what the knowledge base declares
  plausible, which the interview asks the consultant to confirm.

Unknown is ``None``. Problems raise ``AnswerError`` with a message and a hint.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from .fields import describe
from .i18n import Msg
from .model import Question
from .numbers import NumberError, checked, parse_neutral, parse_typed

MAX_TEXT = 10_000
UNKNOWN_WORDS = {"unknown", "desconocido", "desconocida", "ns/nc", "ns", "nsnc",
                 "no lo se", "no se", "i don't know", "dont know", "don't know"}
TRUE_WORDS = {"yes", "y", "true", "si", "s"}
FALSE_WORDS = {"no", "n", "false"}
NONE_WORDS = {"ninguno", "ninguna", "ningun", "nada", "none", "-"}


class AnswerError(ValueError):
    def __init__(self, message: Msg, hint: Msg | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def fold(text: str) -> str:
    """Lower case without accents or surrounding punctuation: 'Sí', 'si' and '¿SÍ?' match."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.strip("¿?¡!. ").split())


def is_unknown_word(text: str) -> bool:
    return fold(text) in UNKNOWN_WORDS


def coerce(question: Question, raw: Any) -> Any:
    """The typed value of an answer read from a fact file."""
    if raw is None or (isinstance(raw, str) and is_unknown_word(raw)):
        return None
    kind = question.type
    if kind == "boolean":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and fold(raw) in TRUE_WORDS | FALSE_WORDS:
            return fold(raw) in TRUE_WORDS
        raise AnswerError(Msg("answer.expected_yes_no", actual=describe(raw)),
                          Msg("hint.yes_no_words"))
    if kind in ("number", "percent"):
        return _in_range(question, _data_number(question, raw))
    if kind == "choice":
        if isinstance(raw, str) and question.choice(raw.strip()) is not None:
            return raw.strip()
        raise AnswerError(Msg("answer.not_a_choice", actual=describe(raw)),
                          _valid(question, raw))
    if kind == "multichoice":
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list):
            raise AnswerError(Msg("answer.expected_list", actual=describe(raw)),
                              _valid(question))
        chosen: list[str] = []
        for item in items:
            if not isinstance(item, str) or question.choice(item.strip()) is None:
                raise AnswerError(Msg("answer.not_a_choice", actual=describe(item)),
                                  _valid(question, item))
            chosen.append(item.strip())
        return _selection(question, chosen)
    if isinstance(raw, (dict, list)):
        raise AnswerError(Msg("answer.expected_text", actual=describe(raw)))
    return checked_text(str(raw))


def checked_text(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise AnswerError(Msg("answer.text_too_long", length=len(text), limit=MAX_TEXT),
                          Msg("hint.shorten"))
    return text


def _data_number(question: Question, raw: Any) -> int | float:
    try:
        if isinstance(raw, str):
            text = raw.strip()
            if question.type == "percent" and text.endswith("%"):
                text = text[:-1]
            return parse_neutral(text)
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise AnswerError(Msg("answer.expected_number", actual=describe(raw)),
                              Msg("hint.number_example"))
        return checked(float(raw) if isinstance(raw, float) else raw)
    except NumberError as problem:
        raise _unusable(question, problem) from None


def _in_range(question: Question, value: int | float) -> int | float:
    low, high = question.bounds
    if (low is not None and value < low) or (high is not None and value > high):
        raise AnswerError(Msg("answer.out_of_range", value=value), _range(question))
    return value


def _range(question: Question) -> Msg:
    """The numbers the question takes, in words: «dé un número de 0 a 2.000.000»."""
    low, high = question.bounds
    if high is None:
        return Msg("hint.range_from", low=_bound(low, "-∞"))
    if low is None:
        return Msg("hint.range_to", high=_bound(high, "∞"))
    return Msg("hint.range", low=_bound(low, "-∞"), high=_bound(high, "∞"))


def _unusable(question: Question, problem: NumberError) -> AnswerError:
    """A number that cannot be used (``1e400``, ``.nan``): the hint says which numbers the
    question takes, not just «a reasonable number»."""
    low, high = question.bounds
    if problem.message.key == "answer.number_unusable" and (low is not None or high is not None):
        return AnswerError(problem.message, _range(question))
    return AnswerError(problem.message, problem.hint)


def _bound(value: float | None, infinite: str) -> object:
    if value is None:
        return infinite
    return int(value) if float(value).is_integer() else value


def _valid(question: Question, raw: Any = None) -> Msg:
    meant = _meant_choice(question, raw) if isinstance(raw, str) else None
    if meant is not None:
        # A file holds the option's id; people write its label, or the id with a slip.
        return Msg("hint.choice_meant", id=meant.id,
                   label=Msg("text.raw", es=meant.label.es, en=meant.label.en))
    return Msg("hint.valid_choices", names=[c.id for c in question.choices])


def _meant_choice(question: Question, raw: str) -> Any:
    import difflib

    text = fold(raw).replace("-", "_").replace(" ", "_")
    by_key: dict[str, Any] = {}
    for choice in question.choices:
        by_key[fold(choice.id)] = choice
        for label in (choice.label.es, choice.label.en):
            by_key.setdefault(fold(label).replace(" ", "_"), choice)
    if text in by_key:
        return by_key[text]
    close = difflib.get_close_matches(text, list(by_key), n=1, cutoff=0.75)
    return by_key[close[0]] if close else None


def _selection(question: Question, chosen: list[str]) -> frozenset[str]:
    exclusive = [c for c in chosen if question.choice(c).exclusive]  # type: ignore[union-attr]
    if exclusive and len(set(chosen)) > 1:
        label = question.choice(exclusive[0]).label  # type: ignore[union-attr]
        raise AnswerError(Msg("answer.exclusive", label=Msg("text.raw", es=label.es,
                                                              en=label.en)),
                          Msg("hint.exclusive"))
    return frozenset(chosen)


def parse_input(question: Question, text: str, lang: str) -> Any:
    """The typed value of an answer typed by a person (``None``: unknown)."""
    value = text.strip()
    if not value:
        raise AnswerError(Msg("answer.empty"), Msg("hint.skip_if_unknown"))
    if is_unknown_word(value):
        return None
    kind = question.type
    if kind == "boolean":
        folded = fold(value)
        if folded in TRUE_WORDS | {"1"}:
            return True
        if folded in FALSE_WORDS | {"0"}:
            return False
        raise AnswerError(Msg("answer.yes_or_no"), Msg("hint.skip_if_unknown"))
    if kind in ("choice", "multichoice"):
        return _typed_choices(question, value, lang)
    if kind in ("number", "percent"):
        number_text = value[:-1] if kind == "percent" and value.endswith("%") else value
        try:
            return _in_range(question, parse_typed(number_text, lang))
        except NumberError as problem:
            raise _unusable(question, problem) from None
    return checked_text(value)


def _typed_choices(question: Question, text: str, lang: str) -> Any:
    if question.type == "multichoice" and fold(text) in NONE_WORDS:
        none = [c.id for c in question.choices if c.exclusive]
        return frozenset(none[:1])
    parts = [p for p in text.replace(";", ",").split(",") if p.strip()]
    if question.type == "multichoice" and len(parts) == 1 and " y " in f" {parts[0]} ":
        parts = parts[0].split(" y ")  # «producción y tecnología»
    chosen = [_one_choice(question, part, lang) for part in parts]
    if question.type == "choice":
        if len(chosen) != 1:
            raise AnswerError(Msg("answer.one_choice"), _numbered(question))
        return chosen[0]
    return _selection(question, chosen)


def _one_choice(question: Question, text: str, lang: str) -> str:
    folded = fold(text)
    if folded.isdigit() and 1 <= int(folded) <= len(question.choices):
        return question.choices[int(folded) - 1].id
    for choice in question.choices:
        if folded in (choice.id, fold(choice.label.get(lang)), fold(choice.label.es),
                      fold(choice.label.en)):
            return choice.id
    # The start of the label, or of one of its words: «solo», «canal» for «Gestión de canales».
    starts = [c.id for c in question.choices if folded and (
        fold(c.label.get(lang)).startswith(folded)
        or any(word.startswith(folded) for word in fold(c.label.get(lang)).split()
               if len(folded) >= 3))]
    if len(starts) == 1:
        return starts[0]
    raise AnswerError(Msg("answer.unknown_choice", text=text.strip()[:60]), _numbered(question))


def _numbered(question: Question) -> Msg:
    return Msg("hint.choose_number", count=len(question.choices))


def implausible(question: Question, value: Any) -> Msg | None:
    """A message asking to confirm a valid but implausible number, or None."""
    low, high = question.plausible
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    if (low is not None and value < low) or (high is not None and value > high):
        return Msg("answer.implausible", value=value, low=_bound(low, "-∞"),
                   high=_bound(high, "∞"))
    return None
