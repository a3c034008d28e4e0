"""Load on the web interview: simulated clients answering at once, over loopback, against
a real ``expert serve`` process.

Each client has its private link and its own keep-alive HTTP connection, and answers its
interview the way a browser without JavaScript does: read the page, post the form, follow
the redirect to the next page. Between answers it waits a think time (``--think`` seconds
on average, drawn from 0.5x to 1.5x; ``--think 0`` saturates the server). Every request's
time is a page latency; an answer counts as confirmed when the server has redirected after
saving it. At the end the server is stopped and its database read: every confirmed
answer must be there (lost answers must be 0).

Bounded: ``--clients`` threads, at most ``--seconds`` of load and ``--answers`` answers
per client; loopback only.

    python benchmarks/web_load.py                       # 200 clients, bundled KB, 60 s
    python benchmarks/web_load.py --think 0 --seconds 30  # saturation
"""

from __future__ import annotations

import argparse
import html
import http.client
import json
import os
import random
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from expert.infer import Expert  # noqa: E402
from expert.loader import bundled_kb_path  # noqa: E402

PASSWORD = "load-test-password"


class Client:
    """One browser: a keep-alive connection, cookies, timed requests."""

    def __init__(self, port: int, latencies: list[float]) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies: dict[str, str] = {}
        self.latencies = latencies
        self.page = ""

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8")
        self.latencies.append(time.perf_counter() - start)
        if os.environ.get("WEB_LOAD_DEBUG") and self.latencies[-1] > 0.1:
            print(f"{time.monotonic():.2f} {method} {path[:40]} "
                  f"{1000 * self.latencies[-1]:.0f} ms", file=sys.stderr)
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, cookie = value.split(";")[0].partition("=")
                self.cookies[key] = cookie
        if response.status == 303:
            return self.request("GET", response.getheader("Location") or "/")
        self.page = text
        return response.status, text

    def field(self, name: str) -> str | None:
        found = re.search(rf'name="{name}" value="([^"]*)"', self.page)
        return html.unescape(found.group(1)) if found else None


def answer_for(question) -> dict:  # type: ignore[no-untyped-def]
    """A valid, plausible answer, as a person would fill the form."""
    kind = question.type
    if kind == "boolean":
        return {"answer": random.choice(["yes", "no"])}
    if kind == "choice":
        return {"answer": random.choice(question.choices).id}
    if kind == "multichoice":
        usable = [c.id for c in question.choices if not c.exclusive]
        return {"choice": random.sample(usable, k=random.randint(1, min(2, len(usable))))}
    if kind in ("number", "percent"):
        low = question.plausible[0] if question.plausible[0] is not None else question.minimum
        high = question.plausible[1] if question.plausible[1] is not None else question.maximum
        low, high = low or 0, high if high is not None else (low or 0) + 100
        return {"answer": str(int(random.uniform(low, min(high, low + 1000))))}
    return {"answer": "Respuesta de prueba"}


def run_client(port: int, link: str, kb, think: float, stop: float, limit: int,  # type: ignore[no-untyped-def]
               latencies: list[float], confirmed: list[tuple[str, str]], errors: list[str]
               ) -> None:
    client = Client(port, latencies)
    try:
        client.request("GET", link)
        answers = 0
        while time.monotonic() < stop and answers < limit:
            step = re.search(r'data-step="(\w+)"', client.page)
            if step is None:  # the thank-you page
                return
            if think:
                time.sleep(random.uniform(0.5 * think, 1.5 * think))
            fields = {"csrf": client.field("csrf"), "version": client.field("version"),
                      "target": client.field("target")}
            kind, target = step.group(1), fields["target"] or ""
            if kind == "question":
                question = kb.question(target)
                fields.update(qtype=question.type, action="answer", **answer_for(question))
            elif kind in ("confirm", "skipped"):
                fields.update(action=kind, yes="1" if kind == "confirm" else "0")
            else:  # a client detail (not asked of clients: the consultant gave them)
                fields.update(action="meta", answer="x")
            status, _ = client.request("POST", f"{link}/act", fields)
            if status != 200:
                errors.append(f"{status} on {target}")
                return
            if kind == "question" and not re.search(r'data-step="confirm"', client.page):
                confirmed.append((link, target))
                answers += 1
    except (OSError, http.client.HTTPException) as error:
        errors.append(repr(error))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--answers", type=int, default=200, help="at most, per client")
    parser.add_argument("--think", type=float, default=3.0, help="mean seconds per answer")
    parser.add_argument("--threads", type=int, default=8, help="the server's threads")
    parser.add_argument("--kb", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    kb_dir = args.kb or bundled_kb_path()
    kb = Expert.open(kb_dir).kb
    data = Path(tempfile.mkdtemp(prefix="expert-web-load-"))
    expert = [str(Path(sys.executable).with_name("expert"))]
    subprocess.run([*expert, "serve", "--data", str(data), "--create-user", "carga"],
                   input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    server = subprocess.Popen([*expert, "serve", "--data", str(data), "--kb", str(kb_dir),
                               "--port", "0", "--threads", str(args.threads)],
                              stderr=subprocess.PIPE, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert server.stderr is not None
    port = 0
    for _ in range(20):
        line = server.stderr.readline().decode()
        if match := re.search(r"http://[^:]+:(\d+)/", line):
            port = int(match.group(1))
            break
    assert port, "the server did not start"
    try:
        setup: list[float] = []
        consultant = Client(port, setup)
        consultant.request("GET", "/login")
        consultant.request("POST", "/login", {"csrf": consultant.field("csrf"),
                                              "name": "carga", "password": PASSWORD})
        links = []
        for number in range(args.clients):
            consultant.request("GET", "/c/")
            consultant.request("POST", "/c/new", {"csrf": consultant.field("csrf"),
                                                  "client": f"Cliente {number}", "lang": "es"})
            link = re.search(r'id="link" type="text" readonly value="[^"]*(/i/[^"]+)"',
                             consultant.page)
            assert link, "no link on the interview's page"
            links.append(link.group(1))
        # Warm-up, as on a server that has been up: the question page's template compiled,
        # the first question's evaluation made (setup requests are not counted).
        consultant.request("GET", "/c/1/run")
        latencies: list[float] = []
        confirmed: list[tuple[str, str]] = []
        errors: list[str] = []
        server_cpu, own_cpu, load = cpu_seconds(server.pid), os.times(), os.getloadavg()[0]
        started = time.monotonic()
        stop = started + args.seconds
        threads = [threading.Thread(target=run_client, args=(
            port, link, kb, args.think, stop, args.answers, latencies, confirmed, errors))
            for link in links]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 120)
        elapsed = time.monotonic() - started
        server_cpu = cpu_seconds(server.pid) - server_cpu
        own = os.times()
        own_cpu_used = own.user + own.system - own_cpu.user - own_cpu.system
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    lost = count_lost(data, confirmed)
    figures = {
        "clients": args.clients, "think_seconds": args.think, "server_threads": args.threads,
        "knowledge_base": str(kb_dir), "seconds": round(elapsed, 1),
        "requests": len(latencies), "answers": len(confirmed),
        "answers_per_second": round(len(confirmed) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p99_ms": round(1000 * percentile(latencies, 0.99), 1),
        "max_ms": round(1000 * max(latencies), 1),
        "lost_answers": lost, "errors": len(errors),
        # Where the machine's time went: the server, this load generator, and the load
        # average (other work on the machine) when the run began.
        "server_cpu_ms_per_answer": round(1000 * server_cpu / max(1, len(confirmed)), 1),
        "server_cpu_share": round(server_cpu / elapsed, 2),
        "load_generator_cpu_share": round(own_cpu_used / elapsed, 2),
        "load_average_before": round(load, 2), "cores": os.cpu_count(),
    }
    print(json.dumps(figures, indent=2))
    if errors:
        print("first errors:", errors[:5], file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    return 1 if lost or errors else 0


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def count_lost(data: Path, confirmed: list[tuple[str, str]]) -> int:
    """Confirmed answers that the database does not hold."""
    import hashlib

    database = sqlite3.connect(data / "expert-web.sqlite3")
    stored = {}
    for link, state in database.execute("SELECT link, state FROM interviews"):
        stored[link] = set(json.loads(state)["answers"])
    lost = 0
    for link, qid in confirmed:
        key = hashlib.sha256(link.rsplit("/", 1)[1].encode()).hexdigest()
        if qid not in stored.get(key, set()):
            lost += 1
    return lost


if __name__ == "__main__":
    sys.exit(main())
