"""``expert coverage``: is every section and every point of the document encoded and
tested?"""

from __future__ import annotations

from pathlib import Path

import click

from ..coverage import coverage, point_coverage
from ..errors import Diagnostic, InputError, Location
from ..i18n import Msg, t
from ..loader import bundled_kb_path, load_knowledge_base


def default_features(kb_root: Path) -> Path | None:
    for candidate in (kb_root.resolve().parent / "features", Path.cwd() / "features"):
        if candidate.is_dir():
            return candidate
    return None


def run_coverage(kb_dir: Path | None, features_dir: Path | None, fmt: str, lang: str) -> int:
    root = kb_dir or bundled_kb_path()
    kb = load_knowledge_base(root)
    if features_dir is not None and not features_dir.is_dir():
        raise InputError(Msg("coverage.features_not_folder", path=str(features_dir)),
                         Location(str(features_dir)), Msg("hint.features_folder"),
                         code="not-a-folder")
    features = features_dir or default_features(root)
    skipped: list[InputError] = []
    report = coverage(kb, features, skipped)
    for problem in skipped:  # its scenarios are not counted: say so, or gaps look real
        click.echo(Diagnostic("warning", problem.message, problem.location, problem.hint,
                              problem.code).render(lang, source=False), err=True)
    points = point_coverage(kb)
    uncovered = [item for item in report if item.missing]
    gaps = [item for item in points if not item.rules]
    failed = bool(uncovered or gaps)
    if fmt == "json":
        from . import echo_json

        echo_json({"features": str(features) if features else None,
                   "sections": [item.as_dict() for item in report],
                   "points": [item.as_dict() for item in points],
                   "covered": not failed})
        return 1 if failed else 0
    head = [t(f"coverage.{name}", lang) for name in
            ("section", "questions", "rules", "risks", "measures", "scenarios")]
    click.echo(f"{head[0]:<18} " + " ".join(f"{h:>10}" for h in head[1:]))
    for item in report:
        counts = [len(item.questions), len(item.rules), len(item.risks), len(item.measures)]
        scenarios = str(len(item.scenarios)) if item.scenarios_checked else "—"
        line = f"{item.section:<18} " + " ".join(f"{c:>10}" for c in counts) + \
            f" {scenarios:>10}"
        if item.missing:
            line += "   " + t("coverage.missing", lang, names=[t(f"coverage.{m}", lang)
                                                                for m in item.missing])
        click.echo(line)
    click.echo("")
    click.echo(t("coverage.points_header", lang))
    for item in points:
        rules = ", ".join(item.rules) if item.rules else t("coverage.no_rule", lang)
        click.echo(f"  {item.point} ({t('point.' + item.kind, lang)}): {rules}")
    if features is None:
        click.echo(t("coverage.no_features", lang), err=True)
    if uncovered:
        click.echo(t("coverage.sections_uncovered", lang, count=len(uncovered),
                     total=len(report)), err=True)
    if gaps:
        click.echo(t("coverage.points_uncovered", lang, count=len(gaps), total=len(points)),
                   err=True)
    if failed:
        return 1
    click.echo(t("coverage.all", lang, sections=len(report), points=len(points)))
    return 0
