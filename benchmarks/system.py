"""Whole-system figures: batch end to end, interview latency, start-up, load and compile,
and memory over many evaluations. Commands run as real subprocesses of the installed
``expert``."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# -I: the installed package, as the product runs. Without it the working directory comes
# first on sys.path, and from the repository that is the source tree, which holds no built
# engine (the vendored extension is compiled at install).
PYTHON = [sys.executable, "-I"]
EXPERT = [str(Path(sys.executable).with_name("expert"))]
if not Path(EXPERT[0]).exists():
    EXPERT = [*PYTHON, "-m", "expert"]


def _timed(command: list[str], *, stdin: str | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, input=stdin, capture_output=True, text=True, check=True)
    return time.perf_counter() - start


def _cpu_on_one_core(command: list[str]) -> float:
    """CPU seconds (user + system) of ``command`` run on one core only: on a shared
    machine wall-clock time also counts the time spent waiting for a core."""
    core = min(os.sched_getaffinity(0))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, capture_output=True, text=True, check=True,
                   preexec_fn=lambda: os.sched_setaffinity(0, {core}))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def write_fact_files(kb_root: Path, folder: Path, count: int, kind: str) -> None:
    """``interview``: files as the interview writes them (every question that still matters
    is asked, 10% are skipped), 500 distinct plans repeated; ``random``: two thirds of all
    questions answered at random, a harder mix with many open points."""
    import random

    from expert.infer import Expert
    from expert.interview.flow import Interview
    from expert.interview.session import SessionState

    from generate import generate_plans, plan_to_yaml

    expert = Expert.open(kb_root)
    kb = expert.kb
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "random":
        texts = [plan_to_yaml(kb, plan, i) for i, plan in
                 enumerate(generate_plans(kb, count, answered=len(kb.questions) * 2 // 3))]
    else:
        rng = random.Random(5)
        texts = []
        for index, plan in enumerate(generate_plans(kb, min(count, 500),
                                                    answered=len(kb.questions))):
            flow = Interview(expert, SessionState(), "es")
            while (question := flow.next_question()) is not None:
                flow.answer(question, plan[question.id] if rng.random() < 0.9 else None)
            answers = {q: v for q, v in flow.state.answers.items() if v is not None}
            texts.append(plan_to_yaml(kb, answers, index))
    for index in range(count):
        (folder / f"plan-{index:05}.yaml").write_text(texts[index % len(texts)], "utf-8")


PARSE_ONLY = """
import json, sys, yaml
from pathlib import Path
out = open('/dev/null', 'w')
for path in sorted(Path(sys.argv[1]).glob('*.yaml')):
    out.write(json.dumps(yaml.load(path.read_text('utf-8'), Loader=yaml.CSafeLoader),
                         default=str) + '\\n')
"""


def batch(kb_root: Path, files: int, repeats: int) -> dict[str, Any]:
    """expert evaluate over a folder to JSON Lines, against the parse-only floor (libyaml's
    C loader and a JSON dump in one process). ``--jobs 1`` and the floor each run on one
    core and are timed in CPU time; ``--jobs 2`` uses both cores and is timed in wall-clock
    time against the floor's wall-clock time. The floor and the runs are interleaved and
    each ratio is taken within one round, so that the machine's drift affects both sides
    alike; figures are medians over the rounds."""
    figures: dict[str, Any] = {"files": files}
    for kind in ("interview", "random"):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "plans"
            write_fact_files(kb_root, folder, files, kind)
            floor = [*PYTHON, "-c", PARSE_ONLY, str(folder)]
            run = [*EXPERT, "evaluate", "--kb", str(kb_root), "--format", "jsonl", "--jobs"]
            rounds: dict[str, list[float]] = {"floor": [], "floor_cpu": [], "1": [], "2": []}
            for _ in range(repeats):
                rounds["floor_cpu"].append(files / _cpu_on_one_core(floor))
                rounds["1"].append(files / _cpu_on_one_core([*run, "1", str(folder)]))
                rounds["floor"].append(files / _timed(floor))
                rounds["2"].append(files / _timed([*run, "2", str(folder)]))
            result: dict[str, Any] = {
                "parse_only_floor_files_per_second": round(statistics.median(rounds["floor"])),
                "parse_only_floor_files_per_cpu_second": round(
                    statistics.median(rounds["floor_cpu"]))}
            for jobs, base in (("1", "floor_cpu"), ("2", "floor")):
                result[f"jobs_{jobs}_files_per_second"] = round(statistics.median(rounds[jobs]))
                result[f"jobs_{jobs}_vs_floor"] = round(statistics.median(
                    run / floor for run, floor in zip(rounds[jobs], rounds[base],
                                                      strict=True)), 2)
        figures[kind] = result
    return figures


def interview_latency(kb_root: Path, repeats: int, plans: int = 9) -> dict[str, Any]:
    """Time from an answer to the next question (re-evaluation, relevance, open points and
    the autosave of the session file), over full scripted interviews."""
    from expert.infer import Expert
    from expert.interview.flow import META_FIELDS, Interview
    from expert.interview.session import SessionState, save_session

    from generate import generate_plans

    expert = Expert.open(kb_root)
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for repeat in range(repeats):
            for index, answers in enumerate(generate_plans(expert.kb, plans, seed=repeat)):
                path = Path(tmp) / f"s{index}.yaml"
                flow = Interview(expert, SessionState(), "es", save=lambda state, path=path:
                                 save_session(path, state, expert.kb, "es"))
                # Driven as a front end drives it, step by step: client details first, a
                # confirmation where the flow asks for one (a generated plan may hold an
                # implausible number or a contradiction), skipped questions declined.
                for name in META_FIELDS:
                    flow.give_meta(name, "Cliente")
                step = flow.step()
                while step.kind != "done":
                    if step.kind == "skipped":
                        flow.offer_skipped(False)
                    else:
                        start = time.perf_counter()
                        if step.kind == "confirm":
                            flow.confirm(True)
                        else:
                            flow.answer(step.question, answers.get(step.question.id))
                        step = flow.step()
                        times.append(time.perf_counter() - start)
                        continue
                    step = flow.step()
    times.sort()
    return {"answers": len(times),
            "median_ms": round(statistics.median(times) * 1000, 2),
            "p99_ms": round(times[int(len(times) * 0.99) - 1] * 1000, 2)}


def startup(kb_root: Path, example: Path, repeats: int) -> dict[str, Any]:
    def median(command: list[str], stdin: str | None = None) -> float:
        return round(statistics.median(_timed(command, stdin=stdin)
                                       for _ in range(repeats)) * 1000, 1)

    first_question = _first_question_ms(repeats)
    return {
        "version_ms": median([*EXPERT, "--version"]),
        "evaluate_one_file_ms": median([*EXPERT, "evaluate", str(example)]),
        "interview_first_question_ms": first_question,
    }


def _first_question_ms(repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            process = subprocess.Popen([*EXPERT, "interview", "--save", f"{tmp}/s.yaml"],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       text=True)
            # The client (required), plan and consultant prompts.
            process.stdin.write("Cliente\n\n\n")
            process.stdin.flush()
            for line in process.stdout:
                if line.lstrip("> ").startswith("¿"):  # the first question of the plan
                    samples.append(time.perf_counter() - start)
                    break
            process.kill()
            process.wait()
    return round(statistics.median(samples) * 1000, 1)


def load_and_compile(kb_root: Path) -> dict[str, Any]:
    code = (
        "import time, json\n"
        "t0 = time.perf_counter()\n"
        "from expert.loader import load_knowledge_base\n"
        "from expert.infer import Expert\n"
        f"kb = load_knowledge_base({str(kb_root)!r})\n"
        "t1 = time.perf_counter()\n"
        "Expert(kb)\n"
        "t2 = time.perf_counter()\n"
        "print(json.dumps({'load_s': round(t1 - t0, 3), 'compile_s': round(t2 - t1, 3), "
        "'rules': len(kb.rules), 'questions': len(kb.questions)}))\n"
    )
    done = subprocess.run([*PYTHON, "-c", code], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


MEMORY = """
import json, sys
sys.path.insert(0, {here!r})
from generate import generate_plans
from expert.infer import Expert
expert = Expert.open({kb!r})
plans = [expert.logic.derive(p) for p in generate_plans(expert.kb, 1000)]
marks, done = {{}}, 0
while done < {total}:
    expert.engine.run(plans)
    done += len(plans)
    if done in {checkpoints}:
        # VmHWM: this process's own peak (ru_maxrss would also count the parent's peak,
        # which Linux carries across fork and exec).
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                marks[done] = int(line.split()[1]) // 1024
print(json.dumps(marks))
"""


def memory(kb_root: Path, total: int) -> dict[str, Any]:
    checkpoints = sorted({total // 10, total // 2, total})
    code = MEMORY.format(here=str(HERE), kb=str(kb_root), total=total,
                         checkpoints=checkpoints)
    done = subprocess.run([*PYTHON, "-u", "-c", code], capture_output=True, text=True,
                          check=True)
    marks = {int(k): v for k, v in json.loads(done.stdout).items()}
    return {"evaluations": total, "peak_rss_mb_at": marks,
            "growth_mb": marks[total] - marks[min(marks)]}
