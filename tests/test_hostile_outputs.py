"""What a batch writes, attacked: report names that collide or cannot be file names, links
planted in the output folder, a read-only or full disk, a dangling link as --out, and a
batch stopped by Ctrl-C or SIGTERM. Nothing may be overwritten, written outside --out or
left half-written, and every fault is one message with the path and exit 2."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from helpers import TEST_KB, TEST_PLANS, expert_command
from hostile import assert_one_clear_failure, run_bounded, tmpfs

KB = ("--kb", str(TEST_KB))
# Names Windows refuses whatever the extension (reports are often copied to a share).
WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                   *(f"lpt{n}" for n in range(10))}
PLAN = TEST_PLANS / "capilar.yaml"


def plan(folder: Path, name: str, client: str) -> None:
    text = PLAN.read_text(encoding="utf-8").replace("Bebidas del Norte S.A.", client)
    (folder / name).write_text(text, encoding="utf-8")


def test_report_names_that_are_not_file_names_never_collide(tmp_path):
    clients = ["中" * 80, "\U00020000" * 80, "😀" * 80, "CON", "nul", "Com1", "LPT9.",
               "plan.", "plan ", "Plan", "ACME", "acme", "portfolio", "Summary", "a" * 300]
    folder = tmp_path / "in"
    folder.mkdir()
    for index, client in enumerate(clients):
        plan(folder, f"p{index:02}.yaml", client)
    out = tmp_path / "out"
    run = run_bounded("evaluate", *KB, "--format", "html", "--out", str(out), str(folder))
    assert run.returncode == 0, run.stderr
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == len(clients) + 1  # one report each, and the portfolio
    assert len({n.casefold() for n in names}) == len(names)  # case-insensitive disks too
    for name in names:
        assert len(name.encode("utf-8")) <= 255, name
        assert name.split(".")[0].casefold() not in WINDOWS_DEVICES, name
        assert not name.endswith((".", " ")), name


def test_links_planted_in_the_output_folder_are_never_written_through(tmp_path):
    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    for name in ("portfolio.html", "summary.csv", "bebidas-del-norte-s-a-plan-comercial-2027.html"):
        (out / name).symlink_to(outside / name)
    (out / "maquinaria-andina-plan-2027.html").symlink_to(tmp_path / "gone" / "x.html")
    run = run_bounded("evaluate", *KB, "--format", "html", "--out", str(out), "--summary",
                      "csv", str(TEST_PLANS))
    assert run.returncode == 0, run.stderr
    assert list(outside.iterdir()) == [] and not (tmp_path / "gone").exists()
    assert not (out / "portfolio.html").is_symlink() and (out / "summary.csv").is_file()
    assert (out / "maquinaria-andina-plan-2027-2.html").is_file()  # the link is left alone


def test_a_dangling_link_as_the_output_folder(tmp_path):
    out = tmp_path / "out"
    out.symlink_to(tmp_path / "gone" / "reports")
    run = run_bounded("evaluate", *KB, "--format", "html", "--out", str(out), str(TEST_PLANS))
    assert_one_clear_failure(run, str(out), None, "enlace simbólico a una carpeta que no existe")
    assert not (tmp_path / "gone").exists()


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_text("x"), "no es una carpeta"),
    (lambda p: None, None),  # missing: created, parents and all
])
def test_output_folder_that_is_a_file_or_missing(tmp_path, make, message):
    out = tmp_path / "deep" / "out"
    out.parent.mkdir()
    make(out)
    run = run_bounded("evaluate", *KB, "--format", "html", "--out", str(out), str(TEST_PLANS))
    if message:
        assert_one_clear_failure(run, str(out), None, message)
    else:
        assert run.returncode == 0 and len(list(out.glob("*.html"))) == 4, run.stderr


def no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_a_read_only_output_folder(tmp_path):
    with tmpfs(tmp_path / "ro", "size=64k,ro") as out:
        run = run_bounded("evaluate", *KB, "--format", "html", "--out", str(out),
                          str(TEST_PLANS))
        assert_one_clear_failure(run, str(out), None, "el disco es de solo lectura")
        assert "--lang" not in run.stderr
        english = run_bounded("evaluate", *KB, "--lang", "en", "--format", "html", "--out",
                              str(out / "sub"), str(TEST_PLANS))
        assert "read-only" in english.stderr and english.returncode == 2


def test_a_full_disk(tmp_path):
    with tmpfs(tmp_path / "full", "size=64k") as out:
        with contextlib.suppress(OSError), (out / "filler").open("wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
        run = run_bounded("evaluate", *KB, "--format", "html", "--out", str(out),
                          str(TEST_PLANS))
        assert_one_clear_failure(run, str(out), None, "el disco está lleno")
        assert no_temporary_files(out)
        assert sorted(p.name for p in out.iterdir()) == ["filler"]


def test_new_reports_follow_the_umask(tmp_path):
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        run = run_bounded("evaluate", *KB, "--format", "html", "--out", str(out),
                          str(PLAN))
    finally:
        os.umask(old)
    assert run.returncode == 0, run.stderr
    (report,) = out.glob("*.html")
    assert report.stat().st_mode & 0o777 == 0o644  # readable by the colleague it is for


def many_plans(folder: Path, count: int) -> None:
    folder.mkdir()
    text = PLAN.read_text(encoding="utf-8")
    for index in range(count):
        (folder / f"p{index:05}.yaml").write_text(
            text.replace("Bebidas del Norte S.A.", f"Cliente {index}"), encoding="utf-8")


def processes_of(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("sig, code, group", [
    (signal.SIGINT, 130, True),    # Ctrl-C in a terminal reaches the whole group
    (signal.SIGTERM, 143, False),  # kill PID
    (signal.SIGTERM, 143, True),   # a service manager stopping the group
])
def test_a_batch_stopped_midway(tmp_path, sig, code, group):
    folder, out = tmp_path / "plans", tmp_path / "out"
    many_plans(folder, 3000)
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    env.pop("PYTHONPATH", None)
    batch = subprocess.Popen([*expert_command(), "evaluate", *KB, "--jobs", "2", "--format",
                              "html", "--out", str(out), str(folder)], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.html"))) < 20:
        time.sleep(0.05)
    assert len(list(out.glob("*.html"))) >= 20, "the batch never got going"
    if group:
        os.killpg(batch.pid, sig)
    else:
        batch.send_signal(sig)
    _, err = batch.communicate(timeout=60)
    stderr = err.decode("utf-8")
    assert batch.returncode == code, stderr
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert no_temporary_files(out)
    assert len(list(out.glob("*.html"))) < 3000  # it really stopped midway
    time.sleep(0.5)
    assert processes_of(str(folder)) == []  # no worker left behind


def test_recording_a_case_without_a_knowledge_base_folder_is_refused(tmp_path):
    run = run_bounded("test", "--record", str(PLAN))
    assert_one_clear_failure(run, "error:", None, "--kb")
    installed = Path(shutil.which("expert") or "").parent
    assert not list(installed.parent.rglob("bundled_kb/tests/capilar.yaml"))
