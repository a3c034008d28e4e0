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


@pytest.mark.parametrize(("literal", "start"), [
    ("1" * 301, "111111111111"), ("-" + "1" * 301 + ".5", "-11111111111")])
def test_a_number_with_too_many_digits_is_refused_where_it_stands(literal, start):
    with pytest.raises(ConditionSyntaxError) as caught:
        parse_text(f"n > {literal}")
    error = caught.value
    assert (error.pos.line, error.pos.column) == (1, 5)
    assert str(error) == (f"-:1:5: error: el número {start}… tiene 301 cifras: es demasiado "
                          "grande para el motor (escriba un número finito y razonable)")


def test_three_hundred_digits_still_parse():
    assert parse_text("n > " + "9" * 300).value.value == int("9" * 300)
    assert parse_text("n > 1" + "0" * 299 + ".25").value.value == 1e299


@pytest.mark.parametrize("text", [
    "a and (b or c)", "(a or b) and c", "not (a and b)", "not (a or b)", "a or b and c",
    "not a", 'x in [1, 2] and not y has "z"', "n >= 2.5 or m is unknown and k is known",
    "finding.f and not risk.r"])
def test_a_condition_written_canonically_reads_back_the_same(text):
    from expert.conditions import to_text

    assert to_text(parse_text(text)) == text
    assert parse_text(to_text(parse_text(text))) == parse_text(text)
