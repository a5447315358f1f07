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
