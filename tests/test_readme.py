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
    # CI may append "|| exit 1" (a failing command inside an && list does not stop set -e).
    setup_line = next(i for i, line in enumerate(ci_lines) if line.startswith(setup))
    tests_line = next(i for i, line in enumerate(ci_lines) if line.startswith(tests))
    assert ci_lines[setup_line] in (setup, setup + " || exit 1")
    assert ci_lines[tests_line] in (tests, tests + " || exit 1")
    assert setup_line < tests_line
    assert readme.index(setup) < readme.index("---")  # they open the README
