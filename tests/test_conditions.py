"""The condition language: what parses to what, and where errors point."""

from __future__ import annotations

import pytest

from expert.conditions import (
    And,
    Compare,
    Has,
    InList,
    Known,
    Literal,
    Not,
    Or,
    Pos,
    Ref,
    Truth,
    conclusions_of,
    from_data,
    negated_conclusions_of,
    questions_of,
    to_data,
    to_text,
)
from expert.parser import ConditionSyntaxError, parse, parse_text


def test_examples_from_the_issue_parse_to_the_expected_tree():
    assert parse("deep_distribution and staff_per_province < 3") == And(
        (Truth("deep_distribution"), Compare("staff_per_province", "<", Literal(3, "number"))))
    assert parse("kpi_basis in [sales_volume, revenue]") == InList(
        "kpi_basis", (Literal("sales_volume", "name"), Literal("revenue", "name")))
    assert parse("not kpi_linked") == Not(Truth("kpi_linked"))
    assert parse("budget_covers_key_projects is unknown") == Known(
        "budget_covers_key_projects", False)
    assert parse("finding.deep_distribution_unstaffed") == Ref(
        "finding", "deep_distribution_unstaffed")


def test_precedence_is_not_then_and_then_or():
    tree = parse("a or b and not c")
    assert tree == Or((Truth("a"), And((Truth("b"), Not(Truth("c"))))))
    assert parse("(a or b) and c") == And((Or((Truth("a"), Truth("b"))), Truth("c")))


@pytest.mark.parametrize("text, expected", [
    ("x == 3", Compare("x", "==", Literal(3, "number"))),
    ("x = 3", Compare("x", "==", Literal(3, "number"))),
    ("x != 2.5", Compare("x", "!=", Literal(2.5, "number"))),
    ("x >= -1", Compare("x", ">=", Literal(-1, "number"))),
    ("share >= 30%", Compare("share", ">=", Literal(30, "percent"))),
    ('t == "hola mundo"', Compare("t", "==", Literal("hola mundo", "string"))),
    ("flag == true", Compare("flag", "==", Literal(True, "bool"))),
    ("channels has hypermarkets", Has("channels", Literal("hypermarkets", "name"))),
    ("x is known", Known("x", True)),
    ("x is not unknown", Known("x", True)),
    ("x not in [a, b]", Not(InList("x", (Literal("a", "name"), Literal("b", "name"))))),
    ("android and notable", And((Truth("android"), Truth("notable")))),
])
def test_every_form_parses(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize("text, column, message", [
    ("a and", 6, "ends too early"),
    ("a ^ b", 3, "unexpected character '^'"),
    ("(a or b", 8, "ends too early"),
    ("a b", 3, "unexpected 'b'"),
    ("x < ", 4, "ends too early"),
    ("foo.bar", 1, "not a kind of conclusion"),
    ("x in []", 7, "unexpected ']'"),
    ("", 1, "empty"),
])
def test_syntax_errors_point_at_the_column(text, column, message):
    with pytest.raises(ConditionSyntaxError) as raised:
        parse(text)
    assert raised.value.pos == Pos(1, column)
    assert message in raised.value.message.render("en")


def test_errors_carry_a_hint_of_what_was_expected():
    with pytest.raises(ConditionSyntaxError) as raised:
        parse("a and")
    assert "expected" in raised.value.hint.render("en")
    assert "«not»" in raised.value.hint.render("en")
    assert "se esperaba" in raised.value.hint.render("es")


def test_positions_of_nodes_are_inside_the_text():
    tree = parse("plan_a and staff < 3")
    assert tree.items[1].pos == Pos(1, 12)


def test_canonical_text_round_trips():
    for text in ["a and (b or c)", "not (a and b)", "x in [1, 2]", "f has y",
                 "risk.r and not finding.f", 'name == "x"', "p >= 30%", "x is unknown"]:
        tree = parse(text)
        assert parse(to_text(tree)) == tree


def test_reference_helpers():
    tree = parse("q1 and finding.a and not (risk.b or q2 > 1) and not not measure.c")
    assert questions_of(tree) == {"q1", "q2"}
    assert conclusions_of(tree) == {"a", "b", "c"}
    assert negated_conclusions_of(tree) == {"b"}


def test_the_cache_returns_what_the_grammar_gives(tmp_path, monkeypatch):
    from expert import parse_cache, parser

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parse_cache._cache.cache_clear()
    texts = ["a and (b or not c)", "x in [1, 2.5]", "f has y", "risk.r and q is unknown",
             'n == "txt"', "p >= 30%", "flag == true"]
    for text in texts:
        assert from_data(to_data(parse_text(text))) == parse_text(text)
        assert parse(text) == parse_text(text)
    parser.flush_cache()
    (written,) = (tmp_path / "garantias-expert").glob("conditions-*.json")
    parse_cache._cache.cache_clear()
    assert [parse(t) for t in texts] == [parse_text(t) for t in texts]  # from the file now
    assert parse_cache._cache().used == {f"c:{t}" for t in texts}
    written.write_text("{not json", encoding="utf-8")  # a corrupt cache is ignored
    parse_cache._cache.cache_clear()
    assert parse(texts[0]) == parse_text(texts[0])
    parse_cache._cache.cache_clear()
