"""Fact files: typed answers, unknowns, and errors that say where and how to fix, in both
languages. A small knowledge base with one question of each type keeps these tests
independent of the bundled knowledge base's content."""

from __future__ import annotations

import pytest

from expert.errors import FactsError, InputError
from expert.facts import MAX_DIAGNOSTICS, load_facts, parse_facts
from expert.loader import load_knowledge_base

from helpers import conclusion, family, question, rule, write_kb

QUESTIONS = [
    question("deep"),
    question("staff", "number", "min: 0\nmax: 5000\nplausible: {max: 300}\n"),
    question("basis", "choice", """choices:
  - {id: plan_objectives, label: {es: Objetivos del plan, en: Plan objectives}}
  - {id: mixed, label: {es: Mixto, en: Mixed}}
  - {id: sales_only, label: {es: Solo ventas, en: Sales only}}
  - {id: none, label: {es: Ninguna, en: None}}
"""),
    question("systems", "multichoice", """choices:
  - {id: sales, label: {es: Ventas, en: Sales}}
  - {id: channel, label: {es: Canales, en: Channels}}
  - {id: nothing, label: {es: Ninguno, en: None}, exclusive: true}
"""),
    question("share", "percent"),
    question("remark", "text"),
    question("floor", "number", "min: 10\n"),
]
USE_ALL = ("deep and staff < 3 and basis == none and systems has sales and share > 5 "
           "and remark == 'x'")


@pytest.fixture(scope="module")
def small_kb(tmp_path_factory):
    root = write_kb(tmp_path_factory.mktemp("facts") / "kb", family(
        QUESTIONS, [conclusion("gap")], [rule("r", USE_ALL, "finding.gap")]))
    return load_knowledge_base(root)


def facts(text: str, kb):
    return parse_facts(text, "plan.yaml", kb)


def errors_of(text: str, kb) -> list:
    with pytest.raises(FactsError) as raised:
        facts(text, kb)
    return raised.value.diagnostics


def test_answers_are_typed_and_unknown_is_absent(small_kb):
    loaded = facts("""
meta: {client: ACME, plan: "2027", date: 2026-11-28, note: "Meeting on Monday"}
answers:
  deep: sí
  staff: 2.0
  basis: sales_only
  systems: [sales, channel]
  share: unknown
  remark: ~
notes:
  staff: "Two in the north, none in the south"
""", small_kb)
    assert loaded.answers == {"deep": True, "staff": 2, "basis": "sales_only",
                              "systems": frozenset({"sales", "channel"})}
    assert loaded.unknown == {"share", "remark"}
    assert loaded.meta["client"] == "ACME"
    assert loaded.meta["date"] == "2026-11-28"  # a date stays the text that was written
    assert loaded.meta["note"] == "Meeting on Monday"
    assert loaded.notes == {"staff": "Two in the north, none in the south"}
    assert isinstance(loaded.answers["staff"], int)  # 2.0 is the answer 2


def test_every_error_of_a_file_is_reported_with_its_line(small_kb):
    diagnostics = errors_of("""answers:
  deeep: true
  staff: lots
  basis: revenue
  staff_x: 1
  deep: 3
  systems: [sales, phone]
""", small_kb)
    rendered = [d.render("en", source=False) for d in diagnostics]
    assert rendered[0] == ("plan.yaml:2:3: error: unknown question 'deeep' "
                           "(did you mean 'deep'?)")
    assert rendered[1].startswith("plan.yaml:3:10: error: answer to 'staff': 'lots' is not a "
                                  "number")
    assert rendered[2] == ("plan.yaml:4:10: error: answer to 'basis': the text 'revenue' is "
                           "not one of the choices (valid values: plan_objectives, mixed, "
                           "sales_only, none, or 'unknown' if not known)")
    assert "plan.yaml:6:9:" in rendered[4] and "expected yes or no" in rendered[4]
    assert "'phone' is not one of the choices" in rendered[5]
    assert len(diagnostics) == 6
    spanish = diagnostics[0].render("es", source=False)
    assert spanish == ("plan.yaml:2:3: error: pregunta desconocida «deeep» "
                       "(¿quería decir «deep»?)")


@pytest.mark.parametrize("value, message", [
    ("-1", "-1 is out of range"),
    ("5001", "5,001 is out of range"),
    (".nan", "that number cannot be used"),
    (".inf", "that number cannot be used"),
    ("1e16", "that number cannot be used"),
    ("true", "expected a number, not the boolean true"),
    ("[1, 2]", "expected a number, not a list"),
    ('"1.500"', "'1.500' can be read two ways"),
    # YAML and JSON read 1.500 as 1.5; a Spanish writer meant fifteen hundred.
    ("1.500", "'1.500' can be read two ways"),
    ("-12.250", "'-12.250' can be read two ways"),
    ("0x10", "'0x10' is not a number"),
])
def test_numbers_must_be_finite_unambiguous_and_in_range(small_kb, value, message):
    diagnostics = errors_of(f"answers:\n  staff: {value}\n", small_kb)
    assert message in diagnostics[0].message.render("en")
    assert diagnostics[0].location.line == 2


def test_numbers_written_as_text_are_read_when_unambiguous(small_kb):
    assert facts('answers:\n  staff: "12,5"\n', small_kb).answers["staff"] == 12.5
    assert facts("answers:\n  staff: 010\n", small_kb).answers["staff"] == 10  # YAML 1.2
    assert facts('answers:\n  share: "40%"\n', small_kb).answers["share"] == 40
    # Only three decimals after one to three digits look like thousands.
    assert facts("answers:\n  staff: 1.5\n", small_kb).answers["staff"] == 1.5
    assert facts("answers:\n  staff: 1234.500\n", small_kb).answers["staff"] == 1234.5
    assert facts("answers:\n  staff: 1.5000\n", small_kb).answers["staff"] == 1.5


def test_a_json_number_with_three_decimals_is_ambiguous_too(small_kb, tmp_path):
    path = tmp_path / "plan.json"
    path.write_text('{"answers": {"staff": 1.500}}', encoding="utf-8")
    with pytest.raises(FactsError) as raised:
        load_facts(path, small_kb)
    assert "'1.500' can be read two ways" in raised.value.diagnostics[0].message.render("en")


def test_out_of_range_says_the_range_in_the_readers_language(small_kb):
    diagnostics = errors_of("answers:\n  staff: 9999\n", small_kb)
    assert diagnostics[0].hint.render("en") == "give a number from 0 to 5,000"
    assert diagnostics[0].hint.render("es") == "dé un número de 0 a 5.000"


def test_a_range_open_at_one_end_is_said_without_infinity(small_kb):
    diagnostics = errors_of("answers:\n  floor: 3\n  staff: 1e400\n", small_kb)
    assert diagnostics[0].hint.render("es") == "dé un número de 10 o más"
    assert diagnostics[0].hint.render("en") == "give a number of 10 or more"
    # A number too large to use says which numbers the question takes.
    assert diagnostics[1].hint.render("es") == "dé un número de 0 a 5.000"


def test_yaml_1_1_words_are_read_as_a_person_reads_them(small_kb):
    loaded = facts("meta: {client: On, consultant: NO, plan: 1:30}\n"
                   "answers:\n  remark: no\n  deep: NO\n", small_kb)
    assert loaded.meta == {"client": "On", "consultant": "NO", "plan": "1:30"}
    assert loaded.answers["remark"] == "no"
    assert loaded.answers["deep"] is False  # a yes/no question reads the word itself


@pytest.mark.parametrize("text, meant", [
    ("basis: Solo ventas", "«sales_only» (Solo ventas)"),     # the Spanish label
    ("basis: sales only", "«sales_only» (Solo ventas)"),      # the English label
    ("basis: sales-only", "«sales_only» (Solo ventas)"),      # the id with a slip
    ("basis: plan_objetives", "«plan_objectives» (Objetivos del plan)"),
    ("systems: [Ventas, channel]", "«sales» (Ventas)"),
])
def test_a_label_or_a_slip_in_a_file_points_at_the_choice_meant(small_kb, text, meant):
    spanish = errors_of(f"answers:\n  {text}\n", small_kb)[0].render("es", source=False)
    assert f"(¿quería decir {meant}? En el archivo se escribe el identificador" in spanish


def test_a_choice_far_from_every_option_lists_them_in_spanish(small_kb):
    far = errors_of("answers:\n  basis: xyz\n", small_kb)[0].render("es", source=False)
    assert far.endswith("(opciones válidas: plan_objectives, mixed, sales_only, none, o "
                        "«no lo sé» si no se sabe)")


def test_an_exclusive_choice_cannot_be_combined(small_kb):
    diagnostics = errors_of("answers:\n  systems: [nothing, sales]\n", small_kb)
    assert "cannot be combined" in diagnostics[0].message.render("en")
    assert facts("answers:\n  systems: [nothing]\n", small_kb).answers["systems"] == {"nothing"}


@pytest.mark.parametrize("text, message", [
    ("", "the fact file is empty"),
    ("- a\n- b\n", "must be a mapping with 'answers:', not a list"),
    ("meta: {client: x}\n", "the fact file has no 'answers:'"),
    ("answers: [1, 2]\n", "'answers' must be a mapping"),
    ("answer:\n  deep: true\n", "unknown part 'answer'"),
    ("answers: {}\ndate: !!timestamp 2026-02-30\n", "YAML tag"),
    ("answers:\n  staff: !!float abc\n", "is not a valid float"),
    ("answers:\n  deep: !!bool maybe\n", "is not a valid bool"),
    ("answers:\n  staff: !!int abc\n", "is not a valid int"),
    ("answers:\n  staff: " + "9" * 5000 + "\n", "more than 300 digits"),
])
def test_malformed_files_say_what_is_wrong(small_kb, text, message):
    with pytest.raises(InputError) as raised:
        facts(text, small_kb)
    assert message in raised.value.render("en")
    assert raised.value.location.file == "plan.yaml"


def test_yaml_and_json_syntax_errors_point_at_the_place(small_kb, tmp_path):
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("answers:\n  deep: [true\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_facts(bad_yaml, small_kb)
    assert raised.value.location.line == 3
    assert "invalid YAML" in raised.value.message.render("en")
    assert "YAML no válido" in raised.value.message.render("es")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"answers": {"deep": true,}}', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_facts(bad_json, small_kb)
    # At the trailing comma itself on every Python: 3.13's json module places it there,
    # earlier versions at the brace after it (column 27), and expert.jsonio moves it back.
    assert (raised.value.location.line, raised.value.location.column) == (1, 26)
    assert "no puede haber una coma antes de «}»" in raised.value.message.render("es")


def test_json_fact_files_are_read_as_json_with_positions(small_kb, tmp_path):
    path = tmp_path / "plan.json"
    # What Python's json.dumps writes: escaped non-BMP characters, and a long key.
    path.write_text('{"meta": {"client": "J \\ud83d\\ude00"},\n "answers": {"deep": false,\n'
                    ' "' + "k" * 1100 + '": 1}}', encoding="utf-8")
    with pytest.raises(FactsError) as raised:
        load_facts(path, small_kb)
    assert (raised.value.location.line, raised.value.location.column) == (3, 2)
    path.write_text('{"meta": {"client": "J \\ud83d\\ude00"}, "answers": {"deep": false}}',
                    encoding="utf-8")
    loaded = load_facts(path, small_kb)
    assert loaded.meta["client"] == "J 😀" and loaded.answers == {"deep": False}


@pytest.mark.parametrize("text, message", [
    ('{"answers": {"remark": "\\ud800"}}', "lone UTF-16 surrogate"),
    ('{"answers": {"staff": NaN}}', "does not allow NaN"),
    ('{"answers": {"deep": true, "deep": false}}', "duplicate key 'deep'"),
    ('{"answers": {"staff": ' + "1" * 4400 + '}}', "more than 300 digits"),
    ('[' * 100_000 + ']' * 100_000, "nested more than"),
])
def test_json_that_no_fact_file_needs_is_refused(small_kb, tmp_path, text, message):
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_facts(path, small_kb)
    assert message in raised.value.render("en", source=False)


def test_text_answers_and_notes_have_a_length_limit(small_kb):
    long_note = "x" * 10_001
    diagnostics = errors_of(f"answers: {{}}\nnotes:\n  deep: {long_note}\n", small_kb)
    assert "at most 10,000 characters" in diagnostics[0].message.render("en")
    assert "10.000 caracteres como mucho" in diagnostics[0].message.render("es")


def test_thousands_of_faults_are_reported_in_linear_time_and_capped(small_kb):
    keys = "".join(f"  unknown_{i}: 1\n" for i in range(60_000))
    diagnostics = errors_of("answers:\n" + keys, small_kb)
    assert len(diagnostics) == MAX_DIAGNOSTICS + 1
    assert diagnostics[-1].message.render("es") == \
        f"y {60_000 - MAX_DIAGNOSTICS:,} errores más en este archivo".replace(",", ".")
    assert diagnostics[-2].location.line == MAX_DIAGNOSTICS + 1
