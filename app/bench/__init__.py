"""Benchmarks behind ``hazedesk bench``.

Each module here exposes ``BENCHES``: a list of ``(name, function)``; a function takes no argument and returns
a list of figure dicts::

    {"name": "adjacency.derive", "value": 0.21, "unit": "s", "goal": 0.5, "goal_op": "<=",
     "baseline": {"name": "libpysal.fuzzy_contiguity", "value": 1.9, "unit": "s"}, "ratio": 9.0, "notes": "..."}

``goal`` is what the issue asks for; ``ratio`` is baseline / value when a baseline was measured in the same run.
Figures are printed, never asserted: speed is judged by a person reading them, not by a flaky timed test.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> tuple[float, list[float]]:
    """Median wall time of ``fn`` in seconds over ``repeat`` runs after ``warmup`` runs, and all samples."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples), samples


def figure(name: str, value: float, unit: str, goal: float | None = None, *, goal_op: str = "<=",
           baseline: tuple[str, float] | None = None, notes: str = "", **extra) -> dict:
    out = {"name": name, "value": round(value, 6), "unit": unit}
    if goal is not None:
        out["goal"] = goal
        out["goal_op"] = goal_op
        out["meets_goal"] = value <= goal if goal_op == "<=" else value >= goal
    if baseline is not None:
        out["baseline"] = {"name": baseline[0], "value": round(baseline[1], 6), "unit": unit}
        out["ratio"] = round(baseline[1] / value, 2) if value > 0 else None
    if notes:
        out["notes"] = notes
    out.update(extra)
    return out


# -- child processes: whole commands, first calls, their own memory ---------------------------------------------
def self_command() -> list[str]:
    """How to start hazedesk again: the bundle's own program when frozen (PyInstaller), else ``python -m app``."""
    import sys

    return [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "app"]


def can_run_python() -> bool:
    """False in the bundle, whose executable is hazedesk itself: figures that need ``python -c`` are skipped."""
    import sys

    return not getattr(sys, "frozen", False)


def child_env(state: str, **extra: str) -> dict:
    """The environment of a measured child: a private state folder, offscreen Qt, the source tree importable.

    Children keep compiled bytecode as an installed HazeDesk does (the bundle ships it; a venv writes it at the
    first import): PYTHONDONTWRITEBYTECODE in the shell that runs the bench is dropped, else every run would
    compile the app's ~700 KB of source while the floor reads numpy's and pandas' compiled files — a cost no
    officer pays after the first start, which each command's first run still shows."""
    import os
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH", "")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return dict(env, HAZEDESK_HOME=state, QT_QPA_PLATFORM="offscreen",
                PYTHONPATH=root + (os.pathsep + path if path else ""), **extra)


# Appended to every measured child's code: its own peak resident memory. /proc/self/status's VmHWM starts
# afresh at exec; getrusage's ru_maxrss would report the parent's peak inherited through fork.
PEAK_MEMORY_CODE = """
def _peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None  # not Linux: no per-process high-water mark to read
"""


def run_child(code: str, *args: str, env: dict | None = None, timeout: float = 600) -> dict:
    """Run Python ``code`` in a fresh interpreter; it prints one JSON object as its last line (``_peak_mb()``
    is defined for it). Raises RuntimeError with the child's error when it fails."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", PEAK_MEMORY_CODE + code, *args], cwd=root, env=env,
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"child failed ({result.returncode}): {result.stderr.strip()[-600:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def wall_times(argv: list[str], runs: int, env: dict | None = None, cwd: str | None = None,
               timeout: float = 300) -> list[float]:
    """Wall seconds of ``runs`` runs of a command (each must exit 0)."""
    import subprocess

    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
        samples.append(time.perf_counter() - started)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:4])} … failed ({result.returncode}): {result.stderr.strip()[-600:]}")
    return samples


def ratio_figure(name: str, seconds: float, floor_name: str, floor_seconds: float, goal_ratio: float | None, *,
                 goal_seconds: float | None = None, notes: str = "", **extra) -> dict:
    """A whole-command figure judged against a floor measured in the same run: ``times_floor`` = seconds /
    floor, with the goal on that ratio (and, where the issue gives one, on the seconds too)."""
    times_floor = seconds / floor_seconds if floor_seconds > 0 else float("nan")
    out = figure(name, seconds, "s", goal_seconds, baseline=(floor_name, floor_seconds), notes=notes, **extra)
    out.pop("ratio", None)  # baseline / value reads as a speed-up; here the floor is a lower bound
    out["times_floor"] = round(times_floor, 2)
    if goal_ratio is not None:
        out["goal_times_floor"] = goal_ratio
        out["meets_goal_times_floor"] = times_floor <= goal_ratio
    return out


# -- whole commands interleaved with their floor, each run's own peak memory -------------------------------------
PEAK_ENV = "HAZEDESK_BENCH_PEAK"  # a measured child writes its VmHWM (MiB) to this file as it exits
FLOOR_CODE = "import numpy, pandas"
FLOOR_NAME = "python -c 'import numpy, pandas'"


def peak_mb_of_self() -> float | None:
    """This process's own peak resident memory in MiB (/proc/self/status VmHWM, which starts afresh at exec —
    unlike a child's getrusage ru_maxrss, which keeps the peak of the parent it was forked from)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None  # not Linux: no per-process high-water mark to read


def write_peak_at_exit(path: str) -> None:
    """Registered by ``python -m app`` when the bench asks (``HAZEDESK_BENCH_PEAK``): the peak memory of the
    whole command, written as it exits."""
    import atexit

    def _write() -> None:
        peak = peak_mb_of_self()
        try:
            with open(path, "w") as out:
                out.write("" if peak is None else f"{peak:.3f}")
        except OSError:
            pass

    atexit.register(_write)


_FLOOR_PEAK = ("\nimport os\n_p = os.environ.get('" + PEAK_ENV + "')\nif _p:\n"
               "    for _l in open('/proc/self/status'):\n"
               "        if _l.startswith('VmHWM:'): open(_p, 'w').write(str(int(_l.split()[1]) / 1024))\n")


def floor_argv(code: str = FLOOR_CODE) -> list[str]:
    """The floor as a child: ``python -c CODE`` that also reports its own peak memory."""
    import sys

    return [sys.executable, "-c", code + _FLOOR_PEAK]


def run_once(argv: list[str], env: dict | None = None, cwd: str | None = None,
             timeout: float = 600) -> tuple[float, float | None]:
    """Wall seconds of one run of a command (it must exit 0) and its own peak memory in MiB (None when the
    child could not say: not Linux, or a program that does not read ``HAZEDESK_BENCH_PEAK``)."""
    import os
    import subprocess

    with tempfile_path() as peak_file:
        env = dict(os.environ if env is None else env, **{PEAK_ENV: peak_file})
        started = time.perf_counter()
        result = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:4])} … failed ({result.returncode}): {result.stderr.strip()[-600:]}")
        try:
            with open(peak_file) as handle:
                text = handle.read().strip()
            peak = float(text) if text else None
        except (OSError, ValueError):
            peak = None
    return seconds, peak


def tempfile_path():
    """A context manager yielding the path of a fresh, empty temporary file name (removed afterwards)."""
    import contextlib
    import os
    import tempfile

    @contextlib.contextmanager
    def _path():
        handle, path = tempfile.mkstemp(prefix="hazedesk-peak-")
        os.close(handle)
        os.unlink(path)
        try:
            yield path
        finally:
            with contextlib.suppress(OSError):
                os.unlink(path)

    return _path()


def interleaved(argv: list[str] | Callable[[int], list[str]], runs: int = 5, *, env: dict | None = None,
                floor: list[str] | None = None, prepare: Callable[[int], object] | None = None,
                timeout: float = 600, baselines: dict[str, list[str]] | None = None) -> dict:
    """``runs`` + 1 rounds of floor, command (in that order, so that a busy moment weighs on both alike):
    the command's and the floor's wall seconds and peak memories, round by round. ``argv`` may be a function of
    the round (fresh output names); ``prepare(round)`` runs before the round, outside the clock. Without
    ``python -c`` (the bundle) the floor is not run and its samples are NaN. ``baselines`` (name → argv): other
    programs doing part of the command's work (pandas parsing the same files), run in each round between the
    floor and the command (not in the bundle, which cannot run them)."""
    floor = floor if floor is not None else (floor_argv() if can_run_python() else None)
    baselines = baselines if baselines and can_run_python() else {}
    out = {"command_s": [], "command_peak_mb": [], "floor_s": [], "floor_peak_mb": [], "order": [],
           "baselines": {name: {"s": [], "peak_mb": []} for name in baselines}}
    for n in range(runs + 1):
        if prepare is not None:
            prepare(n)
        if floor is not None:
            seconds, peak = run_once(floor, env=env, timeout=timeout)
            out["order"].append("floor")
        else:
            seconds, peak = float("nan"), None
        out["floor_s"].append(seconds)
        out["floor_peak_mb"].append(peak)
        for name, base in baselines.items():
            seconds, peak = run_once(base, env=env, timeout=timeout)
            out["order"].append(name)
            out["baselines"][name]["s"].append(seconds)
            out["baselines"][name]["peak_mb"].append(peak)
        seconds, peak = run_once(argv(n) if callable(argv) else argv, env=env, timeout=timeout)
        out["order"].append("command")
        out["command_s"].append(seconds)
        out["command_peak_mb"].append(peak)
    return out


def command_row(name: str, runs: dict, goal_ratio: float | None, *, notes: str, floor_name: str = FLOOR_NAME,
                goal_seconds: float | None = None, **extra) -> dict:
    """The whole-command figure from :func:`interleaved`: the median of the runs after the first against the
    median of the floors measured in the same rounds (its own floor, not one shared with other rows); the first
    run and every sample beside it, and the command's peak memory (the highest of its runs' own VmHWM)."""
    command, floor = runs["command_s"], runs["floor_s"]
    seconds = statistics.median(command[1:]) if len(command) > 1 else command[0]
    floor_s = statistics.median(floor[1:]) if len(floor) > 1 else floor[0]
    peaks = [p for p in runs["command_peak_mb"] if p is not None]
    floor_peaks = [p for p in runs["floor_peak_mb"] if p is not None]
    fields = dict(first_run_s=round(command[0], 4), samples_s=[round(s, 4) for s in command],
                  floor_samples_s=[round(s, 4) for s in floor], interleaved=True,
                  peak_mb=round(max(peaks), 1) if peaks else None,
                  floor_peak_mb=round(max(floor_peaks), 1) if floor_peaks else None, whole_command=True, **extra)
    notes = (f"{notes}; interpreter start to exit, median of {len(command) - 1} after a first run "
             f"({command[0]:.2f} s), each run after its own floor run (floor, command, floor, command …)")
    loop_baselines = []
    for base_name, base in runs.get("baselines", {}).items():  # measured in the same rounds, judged the same way
        samples = base["s"]
        base_s = statistics.median(samples[1:]) if len(samples) > 1 else samples[0]
        base_peaks = [p for p in base["peak_mb"] if p is not None]
        loop_baselines.append({"name": base_name, "value": round(base_s, 4), "unit": "s",
                               "samples_s": [round(s, 4) for s in samples],
                               "times_floor": round(base_s / floor_s, 2) if floor_s > 0 else None,
                               "peak_mb": round(max(base_peaks), 1) if base_peaks else None})
    if loop_baselines:
        fields["same_loop_baselines"] = loop_baselines
        notes += "; in each round, between floor and command: " + ", ".join(b["name"] for b in loop_baselines)
    if floor_s != floor_s:  # NaN: no floor in the bundle
        return figure(name, seconds, "s", goal_seconds, notes=notes, **fields)
    return ratio_figure(name, seconds, floor_name, floor_s, goal_ratio, goal_seconds=goal_seconds, notes=notes,
                        **fields)
