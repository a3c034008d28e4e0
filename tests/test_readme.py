"""README.md opens with the two commands CI runs: keep them one and the same."""

from __future__ import annotations

import re

from helpers import REPO


def _commands(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.S)]


def test_readme_opens_with_the_two_commands_ci_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    setup, tests = _commands(readme)[:2]
    ci_lines = [line.strip() for line in ci.splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert setup in ci_lines
    assert tests in ci_lines
    assert ci_lines.index(setup) < ci_lines.index(tests)
    assert readme.index(setup) < readme.index("---")  # they open the README
