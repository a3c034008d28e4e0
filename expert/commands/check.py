"""``expert check`` and ``expert schema``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..check import diagnose
from ..i18n import t
from ..loader import bundled_kb_path
from ..text import safe_json


def run_check(kb_dir: Path | None, fmt: str, lang: str) -> int:
    root = kb_dir or bundled_kb_path()
    diagnostics = diagnose(root)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if fmt == "json":
        click.echo(safe_json(json.dumps({"kb": str(root), "errors": errors,
                                         "warnings": warnings,
                                         "problems": [d.as_dict(lang) for d in diagnostics]},
                                        ensure_ascii=False, indent=2)))
    else:
        for diagnostic in diagnostics:
            click.echo(diagnostic.render(lang))
        click.echo(t("check.summary", lang, kb=str(root), errors=errors, warnings=warnings),
                   err=bool(diagnostics))
    return 1 if errors else 0


def run_schema(kind: str) -> int:
    from ..schema import SCHEMAS

    click.echo(json.dumps(SCHEMAS[kind], ensure_ascii=False, indent=2))
    return 0
