"""The interview pages: one step at a time, the review, the thank-you page.

The same pages serve a client through a private link (``/i/<token>``, no account) and the
consultant running an interview themselves (``/c/<id>/run``, logged in). How the page was
reached decides which interview it is (the link's digest, or the owner's account): no
identifier in a form can point a page at another interview.

Every form posts to ``act`` with the version of the interview it was drawn from; a save
from an out-of-date page (another tab moved on) is refused with a clear message and the
current step. Success redirects (post-redirect-get), so reloading never answers twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, abort, g, request
from werkzeug.exceptions import TooManyRequests

from ..i18n import t
from . import runner, store
from .app import page, see_other, services
from .security import looks_like_token


@dataclass(frozen=True)
class Target:
    row: store.Row
    base: str  # where this interview's pages live
    consultant: bool  # the consultant is running it (sees risks as they appear)

    @property
    def show_risks(self) -> bool:
        return self.consultant or self.row.show_risks


def _target(ids: dict[str, Any]) -> Target:
    found = services()
    if "token" in ids:
        token = str(ids["token"])
        where = request.remote_addr or "-"
        row = store.by_link(found.db, token) if looks_like_token(token) else None
        if row is None:  # unknown and revoked links: one and the same answer
            # Only wrong links are counted: a right one is always served, so one person's
            # slips never lock out the others behind the same address (guessing 256
            # random bits is hopeless; the limit only slows down scans).
            wait = found.wrong_links.blocked(where)
            if wait:
                raise TooManyRequests(retry_after=int(wait))
            found.wrong_links.hit(where)
            abort(404)
        if g.lang_chosen is None:
            g.lang = row.lang
        return Target(row, f"/i/{token}", consultant=False)
    if g.account is None:
        abort(404)
    row = store.by_owner(found.db, g.account[0], int(ids["iid"]))
    if row is None:
        abort(404)
    return Target(row, f"/c/{row.id}/run", consultant=True)


def show(**ids: Any) -> Any:
    target = _target(ids)
    notices = services().notices.take(request.args.get("m"), owner=target.base)
    return _step_page(target, notices.get("lines", []))


def _step_page(target: Target, notices: list[str], status: int = 200, *,
               problem: str | None = None, problem_field: str = "answer",
               entered: dict[str, Any] | None = None) -> Any:
    engine = services().engine
    shown = engine.call(runner.page, target.row.state, g.lang)
    if shown.kind == "done":
        overview = engine.call(runner.overview, target.row.state, g.lang)
        return page("thanks.html", status, target=target, view=shown, overview=overview,
                    notices=notices)
    return page("step.html", status, target=target, view=shown, notices=notices,
                problem=problem, problem_field=problem_field, entered=entered or {},
                version=target.row.version)


def act(**ids: Any) -> Any:
    target = _target(ids)
    form = request.form
    kind = form.get("action", "answer")
    if kind not in ("answer", "skip", "keep", "note", "back", "meta", "confirm", "skipped",
                    "change"):
        abort(400)
    if kind == "answer" and target_kind(form) == "multi":
        text = ", ".join(form.getlist("choice"))
    else:
        text = form.get("answer", "")
    action = runner.Action(kind, form.get("target", ""), text, form.get("note", ""),
                           yes=form.get("yes") == "1")
    if form.get("version") != str(target.row.version):
        return _stale(target)
    engine = services().engine
    outcome = engine.call(runner.act, target.row.state, g.lang, action, target.show_risks)
    if outcome.stale:
        return _stale(target)
    if outcome.problem is not None:  # refused: the page again, with the reason by the field
        return _step_page(target, [], 422, problem=outcome.problem,
                          problem_field=outcome.problem_field,
                          entered={"answer": text, "note": action.note,
                                   "choices": form.getlist("choice")})
    assert outcome.state is not None and outcome.counts is not None
    if not store.save(services().db, target.row, outcome.state, outcome.counts):
        return _stale(target)
    # Saved and committed: only now does the browser hear that it was.
    key = services().notices.put(target.base, lines=outcome.notices)
    return see_other(f"{target.base}?m={key}")


def target_kind(form: Any) -> str:
    return "multi" if form.get("qtype") == "multichoice" else "one"


def _stale(target: Target) -> Any:
    fresh = _target_again(target)
    return _step_page(fresh, [], 409, problem=t("web.stale", g.lang), problem_field="page")


def _target_again(target: Target) -> Target:
    """The interview as it is now (another tab may have changed it)."""
    db = services().db
    row = store.by_owner(db, target.row.account, target.row.id)
    if row is None:
        abort(404)
    return Target(row, target.base, target.consultant)


def review(**ids: Any) -> Any:
    target = _target(ids)
    overview = services().engine.call(runner.overview, target.row.state, g.lang)
    return page("review.html", target=target, overview=overview, version=target.row.version)


def register(app: Flask) -> None:
    for prefix, name in (("/i/<token>", "client"), ("/c/<int:iid>/run", "run")):
        app.add_url_rule(prefix, f"{name}_show", show)
        app.add_url_rule(f"{prefix}/act", f"{name}_act", act, methods=["POST"])
        app.add_url_rule(f"{prefix}/review", f"{name}_review", review)
