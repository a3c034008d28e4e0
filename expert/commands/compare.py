"""``expert compare``: what an edit to the rules does to every client's plan."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .. import wording
from ..batch import discover, load_source
from ..errors import ExpertError, InputError, Location
from ..i18n import Msg, t
from ..infer import Expert, Result
from ..text import printable, safe_json
from ..whatif import compare


def run_compare(kb_dirs: tuple[Path, ...], files: tuple[str, ...], fmt: str, lang: str) -> int:
    if len(kb_dirs) != 2:
        raise InputError(Msg("compare.two_kbs"), Location(None), Msg("hint.compare_kbs"),
                         code="usage")
    old, new = Expert.open(kb_dirs[0]), Expert.open(kb_dirs[1])
    failed = changed = 0
    report = []
    for source in discover(files):
        try:
            # A question only one version has counts as unanswered on the other side.
            facts_old = load_source(source, old.kb, lenient=True)
            facts_new = load_source(source, new.kb, lenient=True)
        except ExpertError as error:
            failed += 1
            click.echo(error.render(lang, source=False), err=True)
            continue
        result_old, result_new = old.evaluate(facts_old), new.evaluate(facts_new)
        diff = compare(result_old, result_new)
        entry = {"source": source.name, "appeared": list(diff.appeared),
                 "disappeared": list(diff.disappeared), "opened": list(diff.opened),
                 "closed": list(diff.closed),
                 "regraded": [{"id": c, "old": o, "new": n} for c, o, n in diff.regraded],
                 "unknown_to_old": list(facts_old.ignored),
                 "unknown_to_new": list(facts_new.ignored)}
        report.append(entry)
        if diff.changed:
            changed += 1
        if fmt == "text":
            _show(entry, result_new, result_old, lang)
    header = {"old": {"dir": str(kb_dirs[0]), "version": old.kb.version,
                      "hash": old.kb.content_hash},
              "new": {"dir": str(kb_dirs[1]), "version": new.kb.version,
                      "hash": new.kb.content_hash}}
    if fmt == "json":
        click.echo(safe_json(json.dumps({**header, "plans": report}, ensure_ascii=False,
                                        indent=2)))
    else:
        click.echo(t("compare.summary", lang, changed=changed, count=len(report),
                     old=f"v{old.kb.version} {old.kb.content_hash}",
                     new=f"v{new.kb.version} {new.kb.content_hash}"))
    return 2 if failed else 0


def _show(entry: dict, new: Result, old: Result, lang: str) -> None:
    """One plan's changes as a reader reads them: titles with this plan's values, questions
    by their text (ids are in the JSON output)."""
    click.echo(printable(entry["source"]))
    marks = (("appeared", "compare.appeared", new), ("disappeared", "compare.disappeared", old),
             ("opened", "compare.opened", new), ("closed", "compare.closed", old))
    quiet = True
    for key, label, result in marks:
        for cid in entry[key]:
            quiet = False
            conclusion = result.kb.conclusion(cid)
            click.echo(f"  {t(label, lang)} {t('kind.' + conclusion.kind, lang)}: "
                       f"{wording.title(result, conclusion, lang, printable)}")
    for item in entry["regraded"]:
        quiet = False
        conclusion = new.kb.conclusion(item["id"])
        click.echo("  " + t("whatif.regraded", lang, old=t("level." + item["old"], lang),
                            new=t("level." + item["new"], lang),
                            title=wording.title(new, conclusion, lang, printable)))
    for key, label in (("unknown_to_old", "compare.unknown_to_old"),
                       ("unknown_to_new", "compare.unknown_to_new")):
        if entry[key]:
            texts = [_question_text(q, (new, old), lang) for q in entry[key]]
            click.echo("  " + t(label, lang, ids=texts))
    if quiet:
        click.echo("  " + t("compare.same", lang))


def _question_text(qid: str, results: tuple[Result, Result], lang: str) -> str:
    """«¿Hay CRM?»: the question as the version that has it words it; an id neither
    version has (a typo in the file) as it was written."""
    for result in results:
        if result.kb.has_question(qid):
            return f"«{printable(result.kb.question(qid).text.get(lang))}»"
    return printable(qid)
