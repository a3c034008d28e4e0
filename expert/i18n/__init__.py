"""Every word the product shows that is not in the knowledge base, in Spanish and English.

- ``t(key, lang, **fields)`` renders a catalogue entry. Numbers in ``fields`` are written
  the way the language writes them (``1.500,5`` / ``1,500.5``, through Babel's CLDR data);
  ``{n|singular|plural}`` picks the word by the plural rule of the language for ``n``;
  a field that is itself a ``Msg`` is rendered in the same language; a list is joined.
- ``Msg(key, **fields)`` is a message not rendered yet: errors carry one, so the same error
  can be shown in the language of whoever reads it (the CLI, the web page).

The catalogue is plain data split by area (``ui``, ``diagnostics``, ``facts``, ``cli``, …). Babel is
imported only when a number or a plural has to be rendered.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..text import printable
from .authoring import MESSAGES as _AUTHORING
from .cli import MESSAGES as _CLI
from .diagnostics import MESSAGES as _DIAGNOSTICS
from .facts import MESSAGES as _FACTS
from .interview import MESSAGES as _INTERVIEW
from .kbcheck import MESSAGES as _KBCHECK
from .reports import MESSAGES as _REPORTS
from .ui import MESSAGES as _UI
from .web import MESSAGES as _WEB

LANGS = ("es", "en")
DEFAULT_LANG = "es"
MESSAGES: dict[str, tuple[str, str]] = {**_UI, **_REPORTS, **_DIAGNOSTICS, **_FACTS,
                                         **_KBCHECK, **_AUTHORING, **_INTERVIEW, **_CLI, **_WEB}
_PLURAL = re.compile(r"\{(\w+)\|")
_LOCALES = {"es": "es_ES", "en": "en_US"}
_lang = {"current": DEFAULT_LANG}


class Msg:
    """A catalogue entry with its fields, rendered on demand in either language."""

    __slots__ = ("fields", "key")

    def __init__(self, message_key: str, /, **fields: Any) -> None:
        if message_key not in MESSAGES:
            raise KeyError(f"no message {message_key!r} in the catalogue")
        self.key = message_key
        self.fields = fields

    def render(self, lang: str) -> str:
        return t(self.key, lang, **self.fields)

    def __str__(self) -> str:
        return self.render(current_language())

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, {self.fields!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.key, self.fields) == (other.key, other.fields)

    def __hash__(self) -> int:
        return hash(self.key)

    def __reduce__(self):  # type: ignore[no-untyped-def]  # crosses to batch workers
        return (_rebuild_msg, (self.key, self.fields))


def _rebuild_msg(message_key: str, fields: dict[str, Any]) -> Msg:
    return Msg(message_key, **fields)


Phrase = str | Msg  # something to show: words already, or words to render


def t(message_key: str, lang: str, /, **fields: Any) -> str:
    es, en = MESSAGES[message_key]
    text = en if lang == "en" else es
    if not fields:
        return text.replace("{{", "{").replace("}}", "}")
    if "|" in text:
        text = _plurals(text, fields, lang)
    return text.format_map({k: show(v, lang) for k, v in fields.items()})


def show(value: Any, lang: str) -> str:
    """A field value as words of ``lang``."""
    if isinstance(value, Msg):
        return value.render(lang)
    if hasattr(value, "es") and hasattr(value, "en"):  # the knowledge base's own Text
        return value.en if lang == "en" else value.es
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, (int, float)):
        return number(value, lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(show(item, lang) for item in value)
    return printable(str(value))


def render(text: Phrase | None, lang: str) -> str:
    if text is None:
        return ""
    return text.render(lang) if isinstance(text, Msg) else text


def _plurals(text: str, fields: Mapping[str, Any], lang: str) -> str:
    """Resolve every ``{n|one|other}``; the forms may hold ``{fields}`` themselves."""
    out: list[str] = []
    index = 0
    while (match := _PLURAL.search(text, index)) is not None:
        depth, end, bars = 1, match.end(), []
        while end < len(text) and depth:
            char = text[end]
            depth += char == "{"
            depth -= char == "}"
            if char == "|" and depth == 1:
                bars.append(end)
            end += 1
        if depth or len(bars) != 1:  # not a plural after all: keep the text as it is
            out.append(text[index:match.end()])
            index = match.end()
            continue
        count = fields.get(match.group(1))
        one = isinstance(count, (int, float)) and plural_form(count, lang) == "one"
        forms = (text[match.end():bars[0]], text[bars[0] + 1:end - 1])
        out += [text[index:match.start()], forms[0] if one else forms[1]]
        index = end
    out.append(text[index:])
    return "".join(out)


def plural_form(count: float, lang: str) -> str:
    """CLDR plural category of ``count`` ('one', 'many', 'other', ...)."""
    return _locale(lang).plural_form(abs(count))


@functools.lru_cache(maxsize=4)
def _locale(lang: str):  # type: ignore[no-untyped-def]
    from babel.core import Locale

    return Locale.parse(_LOCALES.get(lang, _LOCALES[DEFAULT_LANG]))


def locale_of(lang: str):  # type: ignore[no-untyped-def]
    """The Babel locale a language's output is written in."""
    return _locale(lang)


def number(value: float, lang: str) -> str:
    """A number as the language writes it: ``1.500`` and ``12,5`` in Spanish."""
    if isinstance(value, int) and -1000 < value < 1000:
        return str(value)  # the common case needs no locale data
    if not -1e15 < value < 1e15:  # also NaN: CLDR patterns are for numbers people read
        return str(value)
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale(lang), decimal_quantization=False)


def join(items: Iterable[Phrase], lang: str) -> str:
    return ", ".join(render(item, lang) for item in items)


# --- the language of the running process --------------------------------------------------

def current_language() -> str:
    return _lang["current"]


def set_language(lang: str) -> None:
    """Set by the command line once it knows the language (``--lang`` or ``EXPERT_LANG``)."""
    _lang["current"] = lang if lang in LANGS else DEFAULT_LANG


def language_from_environment(default: str = DEFAULT_LANG) -> str:
    value = os.environ.get("EXPERT_LANG", "").strip().lower()[:2]
    return value if value in LANGS else default
