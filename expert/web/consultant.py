"""The consultant's pages (behind the login): the list of interviews, a new interview and
its private link, one interview to follow, its downloads, an import, revoking a link."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, abort, g, request

from ..errors import ExpertError
from ..facts import MAX_META
from ..i18n import LANGS, t
from . import documents, runner, store
from .app import page, see_other, services
from .state import dump_state, new_state

DOWNLOADS = ("session", "html", "markdown")


def _account() -> int:
    if g.account is None:
        abort(404)  # as for any page that does not exist: nothing said to a stranger
    return int(g.account[0])


def _mine(iid: int) -> store.Row:
    row = store.by_owner(services().db, _account(), iid)
    if row is None:
        abort(404)
    return row


def listing() -> Any:
    if g.account is None:
        return see_other("/login")
    rows = store.listed(services().db, _account())
    names = {row.id: _names(row.state) for row in rows}
    return page("list.html", rows=rows, names=names, languages=LANGS)


def _names(state: str) -> tuple[str, str]:
    import json

    meta = json.loads(state).get("meta") or {}
    return str(meta.get("client", "")), str(meta.get("plan", ""))


def create() -> Any:
    account = _account()
    form = request.form
    client, plan = (" ".join(form.get(k, "").split()) for k in ("client", "plan"))
    lang = form.get("lang") if form.get("lang") in LANGS else g.lang
    problem = None
    if not client:
        problem = t("iv.meta.required", g.lang)
    elif len(client) > MAX_META or len(plan) > MAX_META:
        problem = t("iv.meta.too_long", g.lang, limit=MAX_META)
    if problem is not None:
        rows = store.listed(services().db, account)
        return page("list.html", 422, rows=rows, names={r.id: _names(r.state) for r in rows},
                    languages=LANGS, problem=problem, entered=form)
    state = new_state(client, plan, g.account[1] if g.account else "")
    found = services()
    text, counts = found.engine.call(_fresh, dump_state(state, found.engine.kb, None), lang)
    iid, token = store.create(found.db, account, lang, text, counts,
                              form.get("show_risks") == "1")
    return _with_link(iid, token)


def _fresh(expert: Any, text: str, lang: str) -> tuple[str, runner.Counts]:
    interview = runner.rebuild(expert, text, lang)
    interview.step()
    return runner.save(interview)


def _with_link(iid: int, token: str) -> Response:
    """The interview's page, showing its private link this once."""
    link = f"{request.host_url.rstrip('/')}/i/{token}"
    key = services().notices.put(f"/c/{iid}", link=link)
    return see_other(f"/c/{iid}?m={key}")


def detail(iid: int) -> Any:
    row = _mine(iid)
    shown = services().notices.take(request.args.get("m"), owner=f"/c/{iid}")
    overview = services().engine.call(runner.overview, row.state, g.lang)
    return page("detail.html", row=row, overview=overview, link=shown.get("link"),
                notices=shown.get("lines", []))


def revoke(iid: int) -> Response:
    row = _mine(iid)
    store.revoke(services().db, row)
    key = services().notices.put(f"/c/{iid}", lines=[t("web.link.revoked", g.lang)])
    return see_other(f"/c/{iid}?m={key}")


def relink(iid: int) -> Response:
    row = _mine(iid)
    return _with_link(iid, store.relink(services().db, row))


def risks(iid: int) -> Response:
    row = _mine(iid)
    store.show_risks(services().db, row, request.form.get("show_risks") == "1")
    return see_other(f"/c/{iid}")


def download(iid: int, kind: str) -> Response:
    if kind not in DOWNLOADS:  # a fixed set of names: nothing here is ever a path
        abort(404)
    row = _mine(iid)
    engine = services().engine
    if kind == "session":
        body = engine.call(documents.session_file, row.state, row.lang)
    else:
        body = engine.call(documents.report, row.state, kind, g.lang)
    client, plan = _names(row.state)
    label = " ".join(part for part in (client, plan) if part)
    return Response(body, content_type=documents.TYPES[kind], headers={
        "Content-Disposition": documents.download_name(label, kind)})


def upload() -> Any:
    account = _account()
    sent = request.files.get("file")
    lang = request.form.get("lang") if request.form.get("lang") in LANGS else g.lang
    found = services()
    problem = None
    if sent is None or not sent.filename:
        problem = t("web.import.none", g.lang)
    else:
        raw = sent.stream.read(documents.MAX_FACT_FILE_BYTES + 1)
        is_json = sent.filename.lower().endswith(".json")
        source = documents.upload_label(sent.filename, is_json)
        try:
            text, counts = found.engine.call(documents.imported, raw, is_json, lang, source)
        except ExpertError as error:  # said in the page's words, without file excerpts
            problem = documents.import_problem(error, g.lang)
    if problem is not None:
        rows = store.listed(found.db, account)
        return page("list.html", 422, rows=rows, names={r.id: _names(r.state) for r in rows},
                    languages=LANGS, import_problem=problem)
    iid, token = store.create(found.db, account, lang, text, counts, False)
    return _with_link(iid, token)


def register(app: Flask) -> None:
    app.add_url_rule("/c/", "listing", listing)
    app.add_url_rule("/c/new", "create", create, methods=["POST"])
    app.add_url_rule("/c/import", "upload", upload, methods=["POST"])
    app.add_url_rule("/c/<int:iid>", "detail", detail)
    app.add_url_rule("/c/<int:iid>/revoke", "revoke", revoke, methods=["POST"])
    app.add_url_rule("/c/<int:iid>/link", "relink", relink, methods=["POST"])
    app.add_url_rule("/c/<int:iid>/risks", "risks", risks, methods=["POST"])
    app.add_url_rule("/c/<int:iid>/download/<kind>", "download", download)
