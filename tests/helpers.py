"""Helpers shared by the tests: paths, small knowledge bases written to disk, and the real
``expert`` command run in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KB_DIR = REPO / "knowledge_base"
EXAMPLES = KB_DIR / "examples"
TEST_KB = REPO / "tests" / "data" / "kb"  # the machinery's own knowledge base
TEST_PLANS = REPO / "tests" / "data" / "plans"
# The source document and its outline, copied into the repository (tests/reference/README.md).
REFERENCE = REPO / "tests" / "reference"


def expert_command() -> list[str]:
    """The installed console script, next to the running interpreter."""
    script = Path(sys.executable).with_name("expert")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "expert"]


def run_expert(*args: str, input: str | None = None, input_bytes: bytes | None = None,
               cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
               ) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess; its output must be valid UTF-8."""
    full_env = dict(os.environ)
    full_env.pop("PYTHONPATH", None)
    full_env.setdefault("LC_ALL", "C.UTF-8")
    full_env.pop("EXPERT_LANG", None)
    if env:
        full_env.update(env)
    raw = input_bytes if input_bytes is not None else (
        input.encode("utf-8") if input is not None else None)
    done = subprocess.run(
        [*expert_command(), *args], input=raw, capture_output=True,
        cwd=cwd, env=full_env, timeout=timeout, check=False,
    )
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


SMALL_SOURCES = """
document:
  title: {es: Documento, en: Document}
families:
  - id: SYS
    title: {es: Sistema, en: System}
    sections:
      - id: SYS.A
        title: {es: Sección A, en: Section A}
        summary: {es: Resumen A, en: Summary A}
        starts_with: "A. Primera"
        points:
          - {id: main, kind: guarantee, quote: "A. Primera", summary: {es: Punto, en: Point}}
      - id: SYS.B
        title: {es: Sección B, en: Section B}
        summary: {es: Resumen B, en: Summary B}
        starts_with: "B. Segunda"
        points:
          - {id: main, kind: guarantee, quote: "B. Segunda", summary: {es: Punto, en: Point}}
  - id: RES
    title: {es: Recursos, en: Resources}
    sections:
      - id: RES.A
        title: {es: Recursos A, en: Resources A}
        summary: {es: Resumen R, en: Summary R}
        starts_with: "R. Tercera"
        points:
          - {id: main, kind: guarantee, quote: "R. Tercera", summary: {es: Punto, en: Point}}
"""


def write_kb(root: Path, family_yaml: str, *, extra: dict[str, str] | None = None) -> Path:
    """A knowledge base on disk: the small outline above plus the given family file."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "kb.yaml").write_text(
        "name: {es: Prueba, en: Test}\nversion: '0.1'\n", encoding="utf-8")
    (root / "sources.yaml").write_text(textwrap.dedent(SMALL_SOURCES), encoding="utf-8")
    (root / "family.yaml").write_text(textwrap.dedent(family_yaml), encoding="utf-8")
    for name, text in (extra or {}).items():
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def question(qid: str, qtype: str = "boolean", extra: str = "") -> str:
    """YAML for one question of the small outline."""
    text = f"""
  - id: {qid}
    type: {qtype}
    sections: [SYS.A]
    text: {{es: "¿{qid}?", en: "{qid}?"}}
    help: {{es: Ayuda, en: Help}}
"""
    return text + textwrap.indent(textwrap.dedent(extra), "    ") if extra else text


def conclusion(cid: str, kind: str = "finding", section: str = "SYS.A") -> str:
    level = {"risk": "    severity: high\n", "measure": "    priority: high\n"}.get(kind, "")
    return f"""
  - id: {cid}
    kind: {kind}
    sections: [{section}]
    provenance: document
    points: [{section}/main]
{level}    title: {{es: "T {cid}", en: "T {cid}"}}
    explanation: {{es: "E {cid}", en: "E {cid}"}}
"""


def rule(rid: str, when: str, then: str) -> str:
    return f"""
  - id: {rid}
    sections: [SYS.A]
    when: "{when}"
    then: [{then}]
"""


def family(questions: list[str], conclusions: list[str], rules: list[str],
           name: str = "SYS") -> str:
    return (f"family: {name}\nquestions:" + "".join(questions) + "conclusions:"
            + "".join(conclusions) + "rules:" + "".join(rules))

