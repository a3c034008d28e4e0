"""``expert compare``: what an edit to the rules does to every client's plan."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..batch import discover, load_source
from ..errors import ExpertError, InputError, Location
from ..infer import Expert
from ..whatif import compare


def run_compare(kb_dirs: tuple[Path, ...], files: tuple[str, ...], fmt: str, lang: str) -> int:
    if len(kb_dirs) != 2:
        raise InputError("compare needs two knowledge bases", Location(None),
                         "give --kb OLD_DIR --kb NEW_DIR", code="usage")
    old, new = Expert.open(kb_dirs[0]), Expert.open(kb_dirs[1])
    failed = 0
    changed = 0
    report = []
    for source in discover(files):
        try:
            facts_old = load_source(source, old.kb)
            facts_new = load_source(source, new.kb)
        except ExpertError as error:  # e.g. a question that the new base removed
            failed += 1
            click.echo(error.render(source=False), err=True)
            continue
        diff = compare(old.evaluate(facts_old), new.evaluate(facts_new))
        entry = {"source": source.name, "appeared": list(diff.appeared),
                 "disappeared": list(diff.disappeared), "opened": list(diff.opened),
                 "closed": list(diff.closed)}
        report.append(entry)
        if any((diff.appeared, diff.disappeared, diff.opened, diff.closed)):
            changed += 1
        if fmt == "text":
            _show(entry, new, old, lang)
    header = {"old": {"dir": str(kb_dirs[0]), "version": old.kb.version,
                      "hash": old.kb.content_hash},
              "new": {"dir": str(kb_dirs[1]), "version": new.kb.version,
                      "hash": new.kb.content_hash}}
    if fmt == "json":
        click.echo(json.dumps({**header, "plans": report}, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{changed} of {len(report)} plans change "
                   f"(v{old.kb.version} {old.kb.content_hash} -> "
                   f"v{new.kb.version} {new.kb.content_hash})")
    return 2 if failed else 0


def _show(entry: dict, new: Expert, old: Expert, lang: str) -> None:
    click.echo(entry["source"])
    marks = (("appeared", "+", new), ("disappeared", "-", old), ("opened", "? +", new),
             ("closed", "? -", old))
    quiet = True
    for key, mark, expert in marks:
        for cid in entry[key]:
            quiet = False
            conclusion = expert.kb.conclusion(cid)
            click.echo(f"  {mark} {conclusion.ref}: {conclusion.title.get(lang)}")
    if quiet:
        click.echo("  =")
