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
