"""Security properties that a change could silently break."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

import expert
from expert.errors import KnowledgeBaseError
from expert.loader import load_knowledge_base

from helpers import TEST_KB

PACKAGE = Path(expert.__file__).resolve().parent
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "dill", "cloudpickle"}
UNSAFE_YAML = {"load", "load_all", "unsafe_load", "full_load", "unsafe_load_all"}


def _sources() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 20
    return files


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_eval_exec_or_pickle_in_the_package(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if isinstance(func, ast.Name):
                assert name not in FORBIDDEN_CALLS, f"{path}:{node.lineno}: {name}()"
            if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                    and func.value.id == "yaml"):  # only compose and the safe loaders
                assert func.attr not in UNSAFE_YAML, f"{path}:{node.lineno}: yaml.{func.attr}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert alias.name.split(".")[0] not in FORBIDDEN_MODULES, f"{path}:{node.lineno}"
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.module.split(".")[0] not in FORBIDDEN_MODULES, f"{path}:{node.lineno}"


def test_yaml_is_composed_only_with_the_safe_loader(tmp_path):
    import yaml

    from expert.errors import InputError
    from expert.yamlio import _Loader, parse_document

    safe = tuple(c for c in (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader) if c)
    assert issubclass(_Loader, safe)
    # Every plain scalar gets our own tag: nothing is resolved by YAML 1.1's rules.
    assert list(_Loader.yaml_implicit_resolvers) == [None]
    marker = tmp_path / "pwned"
    for tag in ("!!python/object/apply:os.system", "!!python/name:os.system",
                "!!python/object/new:pathlib.Path"):
        with pytest.raises(InputError):
            parse_document(f"a: {tag} ['touch {marker}']\n", "x.yaml")
    assert not marker.exists()


def test_a_knowledge_base_cannot_make_the_engine_run_code(tmp_path):
    kb_dir = tmp_path / "kb"
    shutil.copytree(TEST_KB, kb_dir)
    hostile = kb_dir / "zz.yaml"
    # Rule ids become action names; conditions become JSON. Neither can name code.
    hostile.write_text(
        "family: SYS\nconclusions:\n  - id: x\n    kind: finding\n    sections: [SYS.B]\n"
        "    provenance: practice\n"
        "    title: {es: X, en: X}\n    explanation: {es: X, en: X}\n"
        "rules:\n  - id: os_system\n    sections: [SYS.B]\n"
        "    when: \"plan_deep\"\n    then: [finding.x]\n", encoding="utf-8")
    kb = load_knowledge_base(kb_dir)
    from expert.infer import Expert

    engine = Expert(kb).engine
    definition = json.loads(json.dumps(engine.compiled.definition))  # plain data
    assert definition["guarantees"]["os_system"]["run"] == "os_system"
    # The host resolves names from our own table of closures only.
    from expert.engine import _Action

    fire = engine._host.get_action("os_system")
    assert isinstance(fire.__self__, _Action) and fire.__self__.rule_id == "os_system"
    from expert.errors import EngineError

    with pytest.raises(EngineError):
        engine._host.get_action("system")
    for bad_id in ("__import__", "os.system", "eval(1)"):
        hostile.write_text(hostile.read_text(encoding="utf-8").replace(
            "id: os_system", f"id: '{bad_id}'", 1), encoding="utf-8")
        with pytest.raises(KnowledgeBaseError, match="no es un identificador válido"):
            load_knowledge_base(kb_dir)
        hostile.write_text(hostile.read_text(encoding="utf-8").replace(
            f"id: '{bad_id}'", "id: os_system", 1), encoding="utf-8")
