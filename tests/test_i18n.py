"""The message catalogue: every key said once, in both languages, with the same fields;
every key the code names exists; numbers and plurals follow each language."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from expert.i18n import MESSAGES, Msg, t

AREAS = ("ui", "reports", "diagnostics", "facts", "kbcheck", "authoring", "interview", "cli",
         "web")
EXPERT = Path(__file__).resolve().parent.parent / "expert"
# ``{{…}}`` is a literal brace, not a field.
FIELD = re.compile(r"(?<!\{)\{(\w+)(?:\|[^{}]*)?\}(?!\})")
NAMED_KEY = re.compile(r"""\b(?:t|Msg)\(\s*["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""")


def test_no_key_is_defined_in_two_areas() -> None:
    # The areas are merged into one dict: a key in two areas would silently lose one text.
    seen: dict[str, str] = {}
    for area in AREAS:
        for key in importlib.import_module(f"expert.i18n.{area}").MESSAGES:
            assert key not in seen, f"{key} is in both {seen[key]} and {area}"
            seen[key] = area
    assert set(seen) == set(MESSAGES)


@pytest.mark.parametrize("key", sorted(set(MESSAGES) - {"text.raw"}))  # {es} / {en}
def test_both_languages_have_the_text_and_the_same_fields(key: str) -> None:
    es, en = MESSAGES[key]
    assert es.strip() and en.strip()
    assert set(FIELD.findall(es)) == set(FIELD.findall(en))


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    named = {(path.relative_to(EXPERT), key)
             for path in EXPERT.rglob("*.py") if "_vendor" not in path.parts
             for key in NAMED_KEY.findall(path.read_text(encoding="utf-8"))}
    assert len(named) > 200  # the scan itself works
    missing = sorted(f"{path}: {key}" for path, key in named if key not in MESSAGES)
    assert missing == []


def test_numbers_and_plurals_follow_the_language() -> None:
    assert t("kb.has_errors", "es", count=1) == "la base de conocimiento tiene 1 error"
    assert t("kb.has_errors", "es", count=1500) == \
        "la base de conocimiento tiene 1.500 errores"
    assert t("kb.has_errors", "en", count=1500) == "the knowledge base has 1,500 errors"


def test_an_unknown_key_is_refused_when_the_message_is_made_not_when_it_is_shown() -> None:
    with pytest.raises(KeyError):
        Msg("no.such.key")
