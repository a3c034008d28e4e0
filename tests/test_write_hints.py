"""A session, report or output that cannot be written: one message, in the reader's
language, that says what is wrong (by the system's error: missing folder, a file on the
way, no permission, full or read-only disk), where (the path, the folder) and how to fix
it. Real files on disk where the machine allows it; the mapping itself, errno by errno."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from expert.i18n import t
from expert.writer import OutputError, output_error, write_atomic

from helpers import TEST_KB, TEST_PLANS, expert_command, run_expert
from hostile import tmpfs
from interview_helpers import Session

KB = ("--kb", str(TEST_KB))
PLAN = str(TEST_PLANS / "capilar.yaml")
# What the system says in English: never on a Spanish screen.
SYSTEM_WORDS = ("No such file", "Permission denied", "No space", "Read-only", "Not a directory",
                "Operation not permitted", "Errno", "Traceback")


def spanish_only(text: str) -> None:
    for words in SYSTEM_WORDS:
        assert words not in text, text


def one_error(done: subprocess.CompletedProcess[str], where: Path) -> str:
    """The one error line a refused command prints, which starts with the path."""
    assert done.returncode == 2, (done.returncode, done.stdout[-500:], done.stderr)
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith(f"{where}: error: no se puede escribir {where}: "), errors[0]
    spanish_only(done.stderr)
    return errors[0]


def test_a_missing_folder_says_which_and_how_to_create_it(tmp_path):
    session = tmp_path / "no" / "such" / "s.yaml"
    line = one_error(run_expert("interview", *KB, "--save", str(session), input="X\n"), session)
    folder = session.parent
    assert f"la carpeta {folder} no existe" in line
    assert f"créela antes, con «mkdir -p {folder}», o indique una carpeta que exista" in line
    assert not (tmp_path / "no").exists()
    english = run_expert("interview", *KB, "--lang", "en", "--save", str(session), input="X\n")
    assert f"the folder {folder} does not exist (create it first, with 'mkdir -p {folder}'" \
        in english.stderr


def test_a_path_through_a_regular_file_names_the_file(tmp_path):
    (tmp_path / "notes").write_text("a file, not a folder", "utf-8")
    session = tmp_path / "notes" / "acme" / "s.yaml"
    line = one_error(run_expert("interview", *KB, "--save", str(session), input="X\n"), session)
    part = tmp_path / "notes"
    assert f"{part} es un archivo, no una carpeta" in line
    assert f"o cambie de nombre o mueva el archivo {part} si ahí debía haber una carpeta" in line
    out = tmp_path / "notes" / "reports"
    line = one_error(run_expert("evaluate", *KB, "--format", "html", "--out", str(out), PLAN),
                     out)
    assert f"{part} es un archivo, no una carpeta" in line
    assert (tmp_path / "notes").read_text("utf-8") == "a file, not a folder"


def without_root_powers() -> list[str]:
    """A prefix that runs a command without the power to ignore permissions (root has it)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, and setpriv is not there to drop CAP_DAC_OVERRIDE")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]


def test_a_folder_without_write_permission(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o555)
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    env.pop("PYTHONPATH", None)
    try:
        for args, where in ((("interview", *KB, "--save", str(folder / "s.yaml")),
                             folder / "s.yaml"),
                            (("evaluate", *KB, "--format", "html", "--out",
                              str(folder / "out"), PLAN), folder / "out")):
            done = subprocess.run([*without_root_powers(), *expert_command(), *args],
                                  input="X\n", capture_output=True, text=True, env=env,
                                  timeout=120, check=False)
            line = one_error(done, where)
            assert f"no tiene permiso para escribir en la carpeta {folder}" in line
            assert f"o pida a quien administra el equipo permiso de escritura en {folder}" \
                in line
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_read_only_disk(tmp_path):
    with tmpfs(tmp_path / "usb", "size=64k,ro") as disk:
        session = disk / "s.yaml"
        line = one_error(run_expert("interview", *KB, "--save", str(session), input="X\n"),
                         session)
        assert "el disco es de solo lectura (elija una carpeta en un disco en el que se " \
            "pueda escribir" in line


def test_an_interview_started_on_a_full_disk(tmp_path):
    with tmpfs(tmp_path / "full", "size=64k") as disk:
        with contextlib.suppress(OSError), (disk / "filler").open("wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
        session = disk / "s.yaml"
        done = run_expert("interview", *KB, "--save", str(session), input="ACME\n\n\n")
        assert done.returncode == 2, done.stderr
        assert f"no se puede escribir {session}: el disco está lleno" in done.stderr
        spanish_only(done.stderr)


def test_a_disk_that_fills_up_during_the_interview(tmp_path):
    with tmpfs(tmp_path / "small", "size=64k") as disk:
        session = disk / "s.yaml"
        child = Session("--save", str(session))
        try:
            child.give_client_details()  # client, plan, consultant
            child.wait_prompt()  # the first question: the session is on the disk
            before = session.read_bytes()
            with contextlib.suppress(OSError), (disk / "filler").open("wb") as handle:
                while True:
                    handle.write(b"\0" * 4096)
            child.send("sí")
            _, err = child.process.communicate(timeout=60)
        finally:
            if child.process.poll() is None:
                child.kill()
        stderr = err.decode("utf-8")
        assert child.process.returncode == 2, stderr
        assert f"no se puede escribir {session}: el disco está lleno (libere espacio en el " \
            f"disco de {disk}" in stderr
        spanish_only(stderr)
        assert session.read_bytes() == before  # the last good version, whole
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "s.yaml"]


def test_a_report_that_cannot_be_written_is_said_and_the_interview_goes_on(tmp_path):
    session = tmp_path / "acme.yaml"
    shutil.copy(PLAN, session)  # every question answered: the report is offered at once
    (tmp_path / "acme.md").mkdir()  # where the report goes, a folder is in the way
    done = run_expert("interview", *KB, "--resume", str(session), input="sí\nno\n")
    assert done.returncode == 0, done.stderr
    report = tmp_path / "acme.md"
    assert f"✗ no se puede escribir {report}: es una carpeta (indique un nombre de archivo" \
        in done.stdout
    spanish_only(done.stdout + done.stderr)
    assert "Informe escrito" not in done.stdout
    assert "Para continuar" not in done.stdout  # «no»: finished without the report
    (tmp_path / "acme.md").rmdir()  # fixed: «sí» again writes it
    done = run_expert("interview", *KB, "--resume", str(session), input="sí\n")
    assert done.returncode == 0, done.stderr
    assert report.read_text("utf-8").startswith("# ")


@pytest.mark.parametrize("code, words, hint", [
    (errno.ENOENT, "la carpeta {folder} no existe", "mkdir -p {folder}"),
    (errno.EACCES, "no tiene permiso para escribir en la carpeta {folder}",
     "permiso de escritura en {folder}"),
    (errno.EPERM, "no tiene permiso para escribir en la carpeta {folder}",
     "permiso de escritura en {folder}"),
    (errno.ENOSPC, "el disco está lleno", "libere espacio en el disco de {folder}"),
    (errno.EROFS, "el disco es de solo lectura", "protección contra escritura"),
    (errno.EIO, f"error {errno.EIO} del sistema", "compruebe que se puede escribir en la "
                                                  "carpeta {folder}"),
])
def test_each_system_error_has_its_own_words_and_fix(tmp_path, code, words, hint):
    folder = tmp_path / "clientes"
    folder.mkdir()
    path = folder / "acme.yaml"
    error = output_error(path, OSError(code, os.strerror(code)))
    text = error.render("es", source=False)
    assert text.startswith(f"{path}: error: no se puede escribir {path}: "), text
    assert words.format(folder=folder) in text and hint.format(folder=folder) in text, text
    assert os.strerror(code) not in text
    spanish_only(text)
    english = error.render("en", source=False)
    assert f"cannot write {path}" in english and "no se puede" not in english


def test_the_folder_named_is_the_one_that_is_there(tmp_path):
    """No permission to create ``a/b/c``: the fault is in ``a``, the folder that exists."""
    error = output_error(tmp_path / "a" / "b" / "s.yaml", OSError(errno.EACCES, ""))
    assert f"en la carpeta {tmp_path} (" in error.render("es", source=False)
    error = output_error(tmp_path / "a" / "b" / "s.yaml", OSError(errno.ENOENT, ""))
    assert f"mkdir -p {tmp_path / 'a' / 'b'}" in error.render("es", source=False)


def test_every_hint_is_its_own(tmp_path):
    hints = {code: output_error(tmp_path / "x" / "s.yaml", OSError(code, "")).hint.key
             for code in (errno.ENOENT, errno.EACCES, errno.ENOSPC, errno.EROFS, errno.EISDIR,
                          errno.ENAMETOOLONG, errno.EIO)}
    assert len(set(hints.values())) == len(hints), hints
    assert all(t(key, "es") for key in hints.values())


def test_a_full_device_is_a_full_disk(tmp_path):
    """ENOSPC from a real write (``/dev/full``), through the atomic writer's own path."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")

    def write(handle):  # the text goes to the full device instead of the temporary file
        with open("/dev/full", "w", encoding="utf-8") as full:
            full.write("x" * 65536)
            full.flush()

    target = tmp_path / "informe.md"
    with pytest.raises(OutputError) as caught:
        write_atomic(target, write)
    text = caught.value.render("es", source=False)
    assert f"no se puede escribir {target}: el disco está lleno" in text
    assert f"libere espacio en el disco de {tmp_path}" in text
    assert list(tmp_path.iterdir()) == []  # no temporary file left


def test_a_web_data_folder_that_cannot_be_written(tmp_path):
    (tmp_path / "notes").write_text("a file", "utf-8")
    data = tmp_path / "notes" / "data"
    database = data / "expert-web.sqlite3"
    line = one_error(run_expert("serve", *KB, "--data", str(data), "--port", "0",
                                timeout=60), database)
    assert f"{tmp_path / 'notes'} es un archivo, no una carpeta" in line
    done = run_expert("serve", *KB, "--data", str(tmp_path / "notes"), "--port", "0",
                      timeout=60)
    assert done.returncode == 2 and "error interno" not in done.stderr
    assert f"{tmp_path / 'notes'} no es una carpeta (indique una carpeta" in done.stderr
    spanish_only(done.stderr)
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o555)
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    env.pop("PYTHONPATH", None)
    try:
        done = subprocess.run([*without_root_powers(), *expert_command(), "serve", *KB,
                               "--data", str(shared / "web"), "--port", "0"],
                              capture_output=True, text=True, env=env, timeout=60, check=False)
    finally:
        shared.chmod(0o755)
    line = one_error(done, shared / "web" / "expert-web.sqlite3")
    assert f"no tiene permiso para escribir en la carpeta {shared} (" in line


def test_a_disk_that_fills_up_under_the_full_screen_interview(tmp_path):
    """The terminal application leaves at once with the message: no hang, no traceback."""
    from expert.infer import Expert

    from interview_helpers import AppRun

    with tmpfs(tmp_path / "small", "size=64k") as disk:
        session = disk / "s.yaml"

        def fill() -> None:
            with contextlib.suppress(OSError), (disk / "filler").open("wb") as handle:
                while True:
                    handle.write(b"\0" * 4096)

        keys = ["ACME\rPlan 2027\rLaura\r", 0.5, lambda: before.append(session.read_bytes()),
                fill, "sí\r", 1.0]
        before: list[bytes] = []
        runs: list[AppRun] = []
        worker = threading.Thread(  # an engine is used by the thread that made it
            target=lambda: runs.append(AppRun(Expert.open(TEST_KB), session, keys)),
            daemon=True)
        worker.start()
        worker.join(timeout=40)
        assert runs, "the interview hung on the fault (or failed otherwise)"
        run = runs[0]
        assert run.error is not None and run.code == 2
        text = run.error.render("es", source=False)
        assert f"no se puede escribir {session}: el disco está lleno (libere espacio en el " \
            f"disco de {disk}" in text
        assert "Traceback" not in run.raw and "Unhandled" not in run.raw
        assert session.read_bytes() == before[0]  # the last good version, whole
