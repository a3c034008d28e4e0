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


def _versions(text: str) -> list[str]:
    return sorted(set(re.findall(r"\b3\.1\d\b", text)), key=lambda v: int(v.split(".")[1]))


def test_ci_runs_every_python_that_readme_and_pyproject_support():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    supported = _versions(re.search(r'^SUPPORTED="([^"]*)"', ci, re.M).group(1))
    classifiers = _versions(" ".join(
        re.findall(r'"Programming Language :: Python :: (3\.\d+)"', pyproject)))
    section = readme.split("## Supported Python", 1)[1].split("\n## ", 1)[0]
    first_paragraph = section.strip().split("\n\n", 1)[0]
    assert len(supported) >= 4 and supported == classifiers
    assert _versions(first_paragraph) == supported
    assert f"Python {supported[0]}–{supported[-1]}" in readme.split("---", 1)[0]
    # The lowest supported version is the floor, and there is no ceiling.
    assert re.search(r'^requires-python = ">=([\d.]+)"$', pyproject, re.M).group(1) == supported[0]
    # Every other version installs what the README installs and runs the whole suite.
    assert "\"$venv/bin/pip\" install '.[test]'" in ci and '"$venv/bin/pytest"' in ci
    assert 'venv=".venv-$version"' in ci
    assert ".venv-*/" in (REPO / ".gitignore").read_text(encoding="utf-8").split()
