"""What a condition's syntax error says, where it points and what it suggests, exactly:
the word around an accented character, «== sí», the tokens lark expected (at most six,
then «…»), the end of a condition that stops early, and nesting past the limit."""

from __future__ import annotations

import pytest

from expert.parser import ConditionSyntaxError, parse_text

EXPECTED_VALUE = "expected «false», an id, a number, a percentage, a quoted text, «true»"
EXPECTED_AFTER_ID = ("expected «and», a comparison (==, !=, <, <=, >, >=), «.», «has», «in», "
                     "«is», …")
YES_NO = ("a yes/no question is tested alone: 'question' (yes) or 'not question' (no); "
          "do not write '== yes'")
TOO_DEEP = "move part of it into a finding and refer to that"


@pytest.mark.parametrize(("text", "where", "message", "hint"), [
    ("a = sí", (1, 6), "carácter inesperado «í»", YES_NO),
    ("a == Sí", (1, 7), "carácter inesperado «í»", YES_NO),
    ("año > 2", (1, 2), "carácter inesperado «ñ»", "ids have no accents: 'año'"),
    ("é", (1, 1), "carácter inesperado «é»", "ids have no accents: 'é'"),
    ("_é", (1, 2), "carácter inesperado «é»", "ids have no accents: '_é'"),
    ("x and é_x > 2", (1, 7), "carácter inesperado «é»", "ids have no accents: 'é_x'"),
    ("b and\n  x_é > 1", (2, 5), "carácter inesperado «é»", "ids have no accents: 'x_é'"),
    ("a @ 2", (1, 3), "carácter inesperado «@»", EXPECTED_AFTER_ID),
    ("flag flag", (1, 6), "no se esperaba «flag»", EXPECTED_AFTER_ID),
    ("a > 1 y b", (1, 7), "no se esperaba «y»",
     "the language's words are English: write 'and' instead of 'y'"),
    ("a in (1, 2", (1, 6), "no se esperaba «(»", "expected «[»"),
    ("a > ", (1, 4), "la condición termina antes de tiempo", EXPECTED_VALUE),
    ("a >\n\n", (1, 4), "la condición termina antes de tiempo", EXPECTED_VALUE),
    ("a\n and (b\n  or ((c", (3, 9), "la condición termina antes de tiempo", "expected «)»"),
    ("a in [1, 2", (1, 11), "la condición termina antes de tiempo", "expected «,», «]»"),
    ("", (1, 1), "la condición está vacía", "write a condition such as 'plan_deep_distribution'"),
    ("(" * 41 + "a" + ")" * 41, (1, 41), "la condición anida más de 40 niveles", TOO_DEEP),
    ("a and\n (" + "(" * 40 + "a" + ")" * 41, (2, 42), "la condición anida más de 40 niveles",
     TOO_DEEP),
    ("not " * 41 + "a", (1, 1), "la condición anida más de 40 niveles", TOO_DEEP),
])
def test_a_syntax_error_says_what_where_and_what_to_write(text, where, message, hint):
    with pytest.raises(ConditionSyntaxError) as caught:
        parse_text(text)
    error = caught.value
    assert (error.pos.line, error.pos.column) == where
    assert str(error).startswith(f"-:{where[0]}:{where[1]}: error: {message} (")
    assert error.hint.render("en") == hint


@pytest.mark.parametrize("text", ["(" * 40 + "a" + ")" * 40, "not " * 40 + "a", "a == SI"])
def test_just_within_the_limits_parses(text):
    parse_text(text)
