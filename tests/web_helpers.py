"""Drive the web interview over HTTP, as a browser without JavaScript would: read the page,
fill the form, post it, follow the redirect. ``Web`` wraps Flask's test client (in
process) or a real server (``Server``: ``expert serve`` in a subprocess)."""

from __future__ import annotations

import html
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from expert.i18n import number

from helpers import REPO, expert_command

PASSWORD = "una contraseña larga"


def field(page: str, name: str) -> str | None:
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def form_action(page: str) -> str:
    return html.unescape(re.findall(r'<form method="post" action="([^"]+/act)"', page)[0])


def text_of(page: str) -> str:
    """The page's words, tags removed and entities read, on one line."""
    body = re.sub(r"<[^>]+>", " ", page)
    return " ".join(html.unescape(body).split())


def typed_value(question, value) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The form fields a person fills for ``value`` (``None``: «no lo sé»)."""
    if value is None:
        return {"action": "skip"}
    if question.type == "boolean":
        return {"action": "answer", "answer": "yes" if value else "no"}
    if question.type == "choice":
        return {"action": "answer", "answer": value}
    if question.type == "multichoice":
        return {"action": "answer", "choice": [c.id for c in question.choices if c.id in value]}
    if question.type in ("number", "percent"):
        return {"action": "answer", "answer": number(value, "es")}
    return {"action": "answer", "answer": str(value)}


class Web:
    """One browser: cookies kept, forms posted with the page's own hidden fields."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.page = ""
        self.status = 0

    def get(self, path: str) -> str:
        response = self.client.get(path, follow_redirects=True)
        self.status, self.page = response.status_code, response.get_data(as_text=True)
        return self.page

    def post(self, path: str, data: dict[str, Any], *, follow: bool = True) -> Any:
        data = {"csrf": field(self.page, "csrf") or "", **data}
        response = self.client.post(path, data=data, follow_redirects=follow)
        self.status, self.page = response.status_code, response.get_data(as_text=True)
        return response

    def login(self, name: str = "laura", password: str = PASSWORD) -> None:
        self.get("/login")
        self.post("/login", {"name": name, "password": password})
        assert self.status == 200 and "/logout" in self.page, self.page[:500]

    def create(self, client: str, plan: str = "", lang: str = "es", show_risks: bool = False
               ) -> tuple[int, str]:
        """(interview id, private link path)."""
        self.get("/c/")
        data = {"client": client, "plan": plan, "lang": lang}
        if show_risks:
            data["show_risks"] = "1"
        response = self.post("/c/new", data, follow=False)
        location = response.headers["Location"]
        iid = int(re.search(r"/c/(\d+)", location).group(1))
        self.get(location)
        link = re.search(r'id="link" type="text" readonly value="([^"]+)"', self.page).group(1)
        return iid, "/i/" + link.rsplit("/i/", 1)[1]

    def act(self, **data: Any) -> Any:
        """Post the current step's form with these fields."""
        fields = {"version": field(self.page, "version"), "target": field(self.page, "target")}
        if field(self.page, "qtype") is not None:
            fields["qtype"] = field(self.page, "qtype")
        hidden = re.search(r'type="hidden" name="action" value="(\w+)"', self.page)
        if hidden and "action" not in data:
            fields["action"] = hidden.group(1)
        return self.post(form_action(self.page), {**fields, **data})

    @property
    def target(self) -> str | None:
        return field(self.page, "target")


class Server:
    """``expert serve`` in its own process on a free port, with its own data folder."""

    def __init__(self, data: Path, kb: Path, *extra: str) -> None:
        env = dict(os.environ, LC_ALL="C.UTF-8", PYTHONUNBUFFERED="1")
        env.pop("EXPERT_LANG", None)
        self.data, self.kb = data, kb
        self.process = subprocess.Popen(
            [*expert_command(), "serve", "--port", "0", "--data", str(data), "--kb", str(kb),
             *extra], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, cwd=REPO)
        self.port = 0
        deadline = time.monotonic() + 60
        assert self.process.stderr is not None
        while time.monotonic() < deadline:
            line = self.process.stderr.readline().decode("utf-8", "replace")
            if not line and self.process.poll() is not None:
                raise RuntimeError("expert serve stopped before serving")
            found = re.search(r"http://[^:]+:(\d+)/", line)
            if found:
                self.port = int(found.group(1))
                break
        assert self.port, "expert serve did not say where it serves"
        self.url = f"http://127.0.0.1:{self.port}"

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        self.process.wait(timeout=30)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill(signal.SIGTERM)


def create_user(data: Path, name: str = "laura", password: str = PASSWORD) -> None:
    done = subprocess.run([*expert_command(), "serve", "--data", str(data), "--create-user",
                           name], input=password + "\n", capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr


def python() -> str:
    return sys.executable


def step_kind(page: str) -> str:
    """meta | question | confirm | skipped, or done (the thank-you page)."""
    found = re.search(r'data-step="(\w+)"', page)
    return found.group(1) if found else "done"


def complete(web: Web, kb, answers: dict) -> list[str]:  # type: ignore[no-untyped-def]
    """Answer every question the interview asks from ``answers`` (missing: «no lo sé»),
    confirming what it asks to confirm and declining the skipped ones; the ids asked."""
    asked = []
    for _ in range(200):
        kind = step_kind(web.page)
        if kind == "done":
            return asked
        if kind == "question":
            qid = web.target
            asked.append(qid)
            web.act(**typed_value(kb.question(qid), answers.get(qid)))
        elif kind == "confirm":
            web.act(yes="1")
        elif kind == "skipped":
            web.act(yes="0")
        else:
            raise AssertionError(f"unexpected step {kind}")
        assert web.status == 200, text_of(web.page)[:400]
    raise AssertionError("the interview did not end")


class _Response:
    def __init__(self, status: int, headers: Any, body: bytes) -> None:
        self.status_code, self.headers, self.data = status, headers, body

    def get_data(self, as_text: bool = False) -> Any:
        return self.data.decode("utf-8") if as_text else self.data


class RealClient:
    """What ``Web`` needs of Flask's test client, over real HTTP (cookies kept)."""

    def __init__(self, port: int) -> None:
        import http.client

        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def _send(self, method: str, path: str, body: bytes | None, headers: dict) -> _Response:
        from email.message import Message

        headers = {**headers, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        self.connection.request(method, path, body=body, headers=headers)
        raw = self.connection.getresponse()
        data = raw.read()
        found = Message()
        for name, value in raw.getheaders():
            found[name] = value
            if name.lower() == "set-cookie":
                pair = value.split(";")[0]
                key, _, cookie = pair.partition("=")
                if cookie:
                    self.cookies[key] = cookie
                else:
                    self.cookies.pop(key, None)
        found.getlist = found.get_all  # type: ignore[attr-defined]
        return _Response(raw.status, found, data)

    def get(self, path: str, follow_redirects: bool = False, headers: dict | None = None
            ) -> _Response:
        response = self._send("GET", path, None, headers or {})
        while follow_redirects and response.status_code in (302, 303):
            response = self._send("GET", response.headers["Location"], None, {})
        return response

    def post(self, path: str, data: dict, follow_redirects: bool = False,
             headers: dict | None = None) -> _Response:
        from urllib.parse import urlencode

        body = urlencode(data, doseq=True).encode()
        response = self._send("POST", path, body, {
            "Content-Type": "application/x-www-form-urlencoded", **(headers or {})})
        if follow_redirects and response.status_code in (302, 303):
            return self.get(response.headers["Location"], True)
        return response

    def close(self) -> None:
        self.connection.close()
