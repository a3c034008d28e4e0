"""``expert.toml``: a slip in it is an error with its line, in Spanish words, never silently
ignored (a «lang = "de"» that falls back to Spanish without a word would look like a bug)."""

from __future__ import annotations

import pytest

from expert.errors import InputError
from expert.project import choose_kb, read_config


@pytest.mark.parametrize("text, line, message", [
    ('lang = [\n', 1, "expert.toml no es TOML válido: un valor no válido"),
    ('kb = "a"\nkb = "b"\n', 2, "un ajuste repetido"),
    ('\nlang es\n', 2, "falta «=» tras el nombre del ajuste"),
    ('kb = ["a"\n', 1, "expert.toml no es TOML válido"),
    ('lang = "de"\n', 1, "«lang = de» no es un idioma disponible (es, en)"),
    ('kb = "x"\n\nidioma = "es"\n', 3, "«idioma» no es un ajuste de expert.toml"),
    ('kb = 3\n', 1, "«kb» debe ser la ruta de una carpeta"),
    ('kb = "  "\n', 1, "«kb» debe ser la ruta de una carpeta"),
])
def test_a_slip_in_expert_toml_is_an_error_with_its_line(tmp_path, text, line, message):
    config = tmp_path / "expert.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_config(config)
    rendered = raised.value.render("es")
    assert message in rendered
    assert rendered.startswith(f"{config}:{line}:")
    for english in ("Invalid", "Expected", "Cannot", "line", "column"):
        assert english not in rendered.split(": error: ", 1)[1]


def test_settings_in_an_expert_section_are_read_too(tmp_path):
    config = tmp_path / "expert.toml"
    config.write_text('[expert]\nkb = "base"\nlang = "en"\n', encoding="utf-8")
    assert read_config(config) == {"kb": "base", "lang": "en"}


def test_the_knowledge_base_is_found_from_a_subfolder(tmp_path, monkeypatch):
    (tmp_path / "expert.toml").write_text('kb = "base"\n', encoding="utf-8")
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a" / "b")
    monkeypatch.delenv("EXPERT_KB", raising=False)
    choice = choose_kb(None)
    assert (choice.origin, choice.path) == ("config", (tmp_path / "base").resolve())
