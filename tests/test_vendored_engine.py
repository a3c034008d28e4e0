"""The engine is the vendored, patched durable-rules (vendor/durable-rules/), installed
under this package's own name: an upstream durable-rules in the same environment can never
be imported in its place."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import expert

from helpers import REPO

UPSTREAM = {"durable", "durable_rules_engine"}


def _our_python_files() -> list[Path]:
    folders = ("expert", "tests", "features", "benchmarks")
    found = sorted(p for folder in folders for p in (REPO / folder).rglob("*.py"))
    return [*found, REPO / "setup.py"]


def test_nothing_imports_the_top_level_durable_packages():
    found = []
    for path in _our_python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom)
                     and node.module and node.level == 0 else [])
            found += [f"{path.relative_to(REPO)}:{node.lineno}: {name}" for name in names
                      if name.split(".")[0] in UPSTREAM]
    assert found == []


PROBE = """
import sys
from expert.facts import FactSet
from expert.infer import Expert
from expert.loader import bundled_kb_path, load_knowledge_base
from expert._vendor.durable import durable_rules_engine
Expert(load_knowledge_base(bundled_kb_path())).evaluate(FactSet("probe", {}))
print(sorted(m for m in sys.modules if m.split(".")[0] in {"durable", "durable_rules_engine"}))
print(durable_rules_engine.__file__)
"""


def test_inference_runs_on_the_extension_built_into_this_package(tmp_path):
    # A fresh interpreter outside the source tree: what the installed product loads.
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    upstream_modules, extension = done.stdout.splitlines()
    assert upstream_modules == "[]"
    package = Path(expert.__file__).resolve().parent
    # Installed, the extension sits in the package; in an editable install (development),
    # in the vendored sources the package maps to. Never anywhere else.
    assert Path(extension).resolve().parent in (
        package / "_vendor" / "durable",
        package.parent / "vendor" / "durable-rules" / "libpy" / "durable")
