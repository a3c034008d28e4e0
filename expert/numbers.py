"""Numbers as people write them.

Typed at a prompt or in a web form, a number follows the language: ``1.500`` is one
thousand five hundred in Spanish and ``1,500`` in English, and a form that fits neither
(``1.5`` in Spanish) is refused with the readings it could have meant. Babel's CLDR data
does the parsing. In fact files numbers are YAML or JSON numbers; a number written as
text there is read only when it is unambiguous.
"""

from __future__ import annotations

import math
import re

from .i18n import Msg, _locale

MAX_NUMBER = 1e15  # no answer comes near it; the engine compares 64-bit numbers
_NEUTRAL = re.compile(r"\s*([-+]?)(\d+)(?:([.,])(\d+))?\s*\Z")


class NumberError(ValueError):
    def __init__(self, message: Msg, hint: Msg | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def normalise_number(value: int | float) -> int | float:
    """3.0 and 3 are the same answer; the engine must see the same JSON for both."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def checked(value: float) -> int | float:
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise NumberError(Msg("answer.number_unusable"), Msg("hint.number_usable"))
    return normalise_number(value)


def parse_typed(text: str, lang: str) -> int | float:
    """A number typed by a person writing in ``lang``."""
    from babel.numbers import NumberFormatError, parse_decimal

    cleaned = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if not cleaned or len(cleaned) > 40:
        raise NumberError(Msg("answer.not_a_number", text=cleaned[:40]),
                          Msg("hint.number_example"))
    try:
        value = parse_decimal(cleaned.replace(" ", ""), locale=_locale(lang), strict=True)
    except NumberFormatError as error:
        readings = [str(s) for s in (getattr(error, "suggestions", None) or [])][:2]
        if readings:
            raise NumberError(Msg("answer.ambiguous_number", text=cleaned),
                              Msg("hint.number_readings", readings=readings)) from None
        raise NumberError(Msg("answer.not_a_number", text=cleaned),
                          Msg("hint.number_example")) from None
    return checked(float(value))


def parse_neutral(text: str) -> int | float:
    """A number written as text in a fact file: ``12,5`` and ``12.5`` are read, ``1.500``
    (a thousand and a half, or one and a half?) is refused."""
    match = _NEUTRAL.match(text)
    if match is None:
        raise NumberError(Msg("answer.not_a_number", text=text.strip()[:40]),
                          Msg("hint.number_example"))
    sign, whole, separator, fraction = match.groups()
    if separator and len(fraction) == 3:
        # Both readings, written so that neither can be misread again.
        small = fraction.rstrip("0")
        raise NumberError(Msg("answer.ambiguous_number", text=text.strip()),
                          Msg("hint.number_unambiguous", thousands=f"{sign}{whole}{fraction}",
                              small=Msg("text.raw", es=f"{sign}{whole},{small}" if small
                                        else f"{sign}{whole}",
                                        en=f"{sign}{whole}.{small}" if small
                                        else f"{sign}{whole}")))
    value = float(f"{sign}{whole}.{fraction}" if separator else f"{sign}{whole}")
    return checked(value)
