"""``expert compare``: what an edit to the rules does to every client's plan."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..batch import discover, load_source
from ..errors import ExpertError, InputError, Location
from ..i18n import Msg, t
from ..infer import Expert
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
        diff = compare(old.evaluate(facts_old), new.evaluate(facts_new))
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
            _show(entry, new, old, lang)
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


def _show(entry: dict, new: Expert, old: Expert, lang: str) -> None:
    click.echo(printable(entry["source"]))
    marks = (("appeared", "compare.appeared", new), ("disappeared", "compare.disappeared", old),
             ("opened", "compare.opened", new), ("closed", "compare.closed", old))
    quiet = True
    for key, label, expert in marks:
        for cid in entry[key]:
            quiet = False
            conclusion = expert.kb.conclusion(cid)
            click.echo(f"  {t(label, lang)} {t('kind.' + conclusion.kind, lang)}: "
                       f"{conclusion.title.get(lang)} [{conclusion.ref}]")
    for item in entry["regraded"]:
        quiet = False
        conclusion = new.kb.conclusion(item["id"])
        click.echo("  " + t("whatif.regraded", lang, old=t("level." + item["old"], lang),
                            new=t("level." + item["new"], lang),
                            title=conclusion.title.get(lang)))
    for key, label in (("unknown_to_old", "compare.unknown_to_old"),
                       ("unknown_to_new", "compare.unknown_to_new")):
        if entry[key]:
            click.echo("  " + t(label, lang, ids=[printable(q) for q in entry[key]]))
    if quiet:
        click.echo("  " + t("compare.same", lang))
