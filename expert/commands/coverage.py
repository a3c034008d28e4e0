"""``expert coverage``: is every section of the document encoded and tested?"""

from __future__ import annotations

from pathlib import Path

import click

from ..coverage import coverage
from ..loader import bundled_kb_path, load_knowledge_base


def default_features(kb_root: Path) -> Path | None:
    for candidate in (kb_root.resolve().parent / "features", Path.cwd() / "features"):
        if candidate.is_dir():
            return candidate
    return None


def run_coverage(kb_dir: Path | None, features_dir: Path | None, fmt: str) -> int:
    root = kb_dir or bundled_kb_path()
    kb = load_knowledge_base(root)
    features = features_dir or default_features(root)
    report = coverage(kb, features)
    uncovered = [item for item in report if item.missing]
    if fmt == "json":
        from ..cli import echo_json

        echo_json({"features": str(features) if features else None,
                   "sections": [item.as_dict() for item in report],
                   "covered": not uncovered})
        return 1 if uncovered else 0
    click.echo(f"{'section':<18} {'questions':>9} {'rules':>5} {'risks':>5} "
               f"{'measures':>8} {'scenarios':>9}")
    for item in report:
        click.echo(f"{item.section:<18} {len(item.questions):>9} {len(item.rules):>5} "
                   f"{len(item.risks):>5} {len(item.measures):>8} {len(item.scenarios):>9}"
                   + (f"   missing: {', '.join(item.missing)}" if item.missing else ""))
    if features is None:
        click.echo("no features folder found (use --features DIR)", err=True)
    if uncovered:
        click.echo(f"{len(uncovered)} of {len(report)} sections are not fully covered", err=True)
        return 1
    click.echo(f"all {len(report)} sections covered")
    return 0
