"""Warning-engine benchmarks: the real case (59 units, 40 linkage cities × 168 h) and the scale case
(a synthetic 2,850-unit planar graph × 240 h, the size of China at county level), with the growth curve."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pandas as pd

from app.bench import figure, timed


def _real_case():
    from app.domain.scheme import load_scheme
    from app.importing import load_forecast
    from app.paths import SAMPLES_DIR
    from maps.derived import scheme_neighbours

    scheme = load_scheme()
    forecast = load_forecast(SAMPLES_DIR / "sample-regional-orange.csv")
    return forecast, scheme, scheme_neighbours(scheme)


def bench_real() -> list[dict]:
    from app.domain.engine import evaluate

    forecast, scheme, neighbours = _real_case()
    out = []
    for mode in ("calendar", "rolling"):
        ev = evaluate(forecast, scheme, neighbours, mode=mode)
        value, _ = timed(lambda m=mode: evaluate(forecast, scheme, neighbours, mode=m), repeat=15, warmup=2)
        out.append(figure(f"engine.evaluate_40x168.{mode}", value, "s", 0.020,
                          notes=f"{len(forecast.units)} units ({len(scheme.linkage_cities)} linkage cities) × "
                                f"{len(forecast.times)} h, real adjacency, sample-regional-orange; "
                                f"{len(ev.episodes)} regional episodes"))
    return out


def synthetic_case(n_units: int, hours: int = 240, seed: int = 7, start: str = "2026-01-05",
                   plumes: int | None = None):
    """A grid-like planar graph (rook neighbours plus one diagonal per cell), regions of 6 × 8 cells
    (48 units; edge blocks smaller), and an hourly PM2.5 field of drifting pollution plumes (``plumes`` of them,
    by default one per 150 units, at least 3), from ``start`` (Beijing time)."""
    import tomllib

    from app.domain.forecast import TZ, Forecast, ForecastMeta
    from app.domain.scheme import parse_scheme
    from app.domain.units import Unit, UnitTable
    from app.paths import DEFAULT_SCHEME

    cols = int(np.ceil(np.sqrt(n_units * 1.2)))
    names = [f"U{i:05d}" for i in range(n_units)]
    x, y = np.arange(n_units) % cols, np.arange(n_units) // cols
    neighbours: dict[str, set[str]] = {n: set() for n in names}
    for i in range(n_units):
        for j in (i + 1, i + cols, i + cols + 1):
            if j < n_units and (j == i + cols or x[j] == x[i] + 1):
                neighbours[names[i]].add(names[j])
                neighbours[names[j]].add(names[i])
    units = UnitTable([Unit(f"9{i:05d}", n, n, n, "synthetic") for i, n in enumerate(names)])
    block = (x // 6) * 1000 + y // 8
    data = tomllib.loads(DEFAULT_SCHEME.read_text(encoding="utf-8"))
    data["regions"] = [{"id": f"r{b}", "name": f"R{b}", "members": [names[i] for i in np.flatnonzero(block == b)]}
                       for b in np.unique(block)]
    scheme = parse_scheme(data, "synthetic.toml", units=units)

    rng = np.random.default_rng(seed)
    pm = np.full((n_units, hours), 45.0)
    for _ in range(max(3, n_units // 150) if plumes is None else plumes):  # drifting across the grid, 3–6 days
        cx, cy = rng.uniform(0, cols, 2)
        vx, vy = rng.uniform(-0.15, 0.15, 2)
        t0, length, radius = rng.integers(0, hours - 48), rng.integers(72, 144), rng.uniform(3, 7)
        peak = rng.uniform(150, 380)
        t = np.arange(t0, min(t0 + length, hours))  # the plume's own hours: nothing is added outside them
        dx = x[:, None] - (cx + vx * (t - t0))[None, :]
        dy = y[:, None] - (cy + vy * (t - t0))[None, :]
        pm[:, t] += peak * np.exp(-(dx ** 2 + dy ** 2) / (2 * radius ** 2))
    for rows in range(0, n_units, 256):  # the same draws as one call, without a second units × hours array
        pm[rows:rows + 256] *= rng.uniform(0.9, 1.1, pm[rows:rows + 256].shape)
    times = pd.date_range(start, periods=hours, freq="h", tz=TZ)
    forecast = Forecast(times, names, {"pm25": pm}, meta=ForecastMeta(label="synthetic"))
    return forecast, scheme, neighbours


def bench_scale() -> list[dict]:
    from app.domain.engine import evaluate

    out = []
    for n in (100, 1000, 2850):
        forecast, scheme, neighbours = synthetic_case(n)
        for mode in ("calendar", "rolling"):
            ev = evaluate(forecast, scheme, neighbours, mode=mode)
            value, _ = timed(lambda f=forecast, s=scheme, g=neighbours, m=mode: evaluate(f, s, g, mode=m),
                             repeat=5 if n < 2850 else 3, warmup=1)
            goal = 1.0 if n == 2850 else None
            out.append(figure(f"engine.scale.{mode}.{n}_units", value, "s", goal,
                              notes=f"{n} units × 240 h, {len(scheme.regions)} regions, "
                                    f"{sum(len(v) for v in neighbours.values()) // 2} edges, "
                                    f"{len(ev.episodes)} regional episodes",
                              units=n, per_unit_ms=round(value / n * 1000, 4)))
    forecast, scheme, neighbours = synthetic_case(2850)
    tracemalloc.start()
    evaluate(forecast, scheme, neighbours, mode="rolling")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    out.append(figure("engine.scale.rolling.2850_units.peak_memory", peak / 2**20, "MiB",
                      notes="tracemalloc peak during one evaluation (numpy buffers included)"))
    return out


COUNTY_UNITS, COUNTY_HOURS = 2850, 8760  # China at county level, a year of hours (issue 26)

# A measured child: the county-scale year built (2026-01-05 on: it crosses the HJ 633 switch of 2026-03-01, so
# both editions are computed), then either the engine's rolling evaluation or the numpy floor of the same array
# work — a plain rolling 24-hour mean of the same PM2.5 as float32 — timed alone; its own VmHWM beside.
_COUNTY_CODE = """
import json, sys, time
import numpy as np
from app.bench.engine import COUNTY_HOURS, COUNTY_UNITS, synthetic_case

forecast, scheme, neighbours = synthetic_case(COUNTY_UNITS, COUNTY_HOURS)
ready = _peak_mb()
if sys.argv[1] == "floor":
    pm = forecast.values["pm25"].astype(np.float32)
    started = time.perf_counter()
    sums = np.cumsum(pm, axis=1)
    mean = sums[:, 23:].copy()
    mean[:, 1:] -= sums[:, :-24]
    mean /= np.float32(24)
    seconds, episodes = time.perf_counter() - started, None
else:
    from app.domain.engine import evaluate

    started = time.perf_counter()
    evaluation = evaluate(forecast, scheme, neighbours, mode="rolling")
    seconds, episodes = time.perf_counter() - started, len(evaluation.episodes)
print(json.dumps({"s": seconds, "peak_mb": _peak_mb(), "input_mb": ready, "episodes": episodes}))
"""


def bench_county_year(rounds: int = 3) -> list[dict]:
    """The county scale over a year in rolling mode (2,850 units × 8,760 h), each evaluation in its own child
    so that its peak memory is its own, interleaved with the numpy floor (floor, engine, floor, engine …; the
    first round not counted)."""
    import statistics

    from app.bench import can_run_python, ratio_figure, run_child

    if not can_run_python():
        return []
    engine, floor = [], []
    for _ in range(rounds + 1):
        floor.append(run_child(_COUNTY_CODE, "floor"))
        engine.append(run_child(_COUNTY_CODE, "engine"))
    seconds = statistics.median(r["s"] for r in engine[1:])
    floor_s = statistics.median(r["s"] for r in floor[1:])
    peaks = [r["peak_mb"] for r in engine if r["peak_mb"] is not None]  # None: not Linux
    floor_peaks = [r["peak_mb"] for r in floor if r["peak_mb"] is not None]
    size = f"{COUNTY_UNITS} units × {COUNTY_HOURS} h from 2026-01-05 (across the 2026-03-01 edition switch)"
    out = [ratio_figure("engine.county_year_rolling", seconds, "numpy rolling 24 h mean, same array as float32",
                        floor_s, None, goal_seconds=5.0,
                        notes=f"evaluate(), rolling mode, {size}, synthetic_case's plumes; "
                              f"{engine[0]['episodes']} regional episodes; median of {rounds} after a first run "
                              f"({engine[0]['s']:.2f} s), each in a fresh child after a floor run in another",
                        first_run_s=round(engine[0]["s"], 3), samples_s=[round(r["s"], 3) for r in engine],
                        peak_mb=round(max(peaks), 1) if peaks else None,
                        floor_samples_s=[round(r["s"], 3) for r in floor], interleaved=True)]
    if peaks:
        out.append(figure("engine.county_year_rolling.peak_memory", max(peaks), "MiB", 1430.0,  # 1.5 GB
                          notes=f"the evaluating child's own VmHWM (interpreter, the forecast's "
                                f"{COUNTY_UNITS * COUNTY_HOURS * 8 / 2**20:.0f} MiB of PM2.5 and the Evaluation "
                                f"included); {engine[0]['input_mb']:.0f} MiB with the forecast built, before "
                                f"evaluating; the floor's child: {max(floor_peaks):.0f} MiB",
                          floor_peak_mb=round(max(floor_peaks), 1)))
    return out


def naive_region_levels(city_level: np.ndarray, units: list[str], scheme, neighbours) -> np.ndarray:
    """The straightforward reading of spec §5, one step and one level at a time with a breadth-first search:
    the baseline for the vectorised ``app.domain.regional`` (and its test oracle). (regions, steps) int8."""
    region_index = {r.name: i for i, r in enumerate(scheme.regions)}
    row_of = {u: i for i, u in enumerate(units)}
    linkage = [c for c in scheme.linkage_cities if c in row_of]
    out = np.zeros((len(scheme.regions), city_level.shape[1]), dtype=np.int8)
    for step in range(city_level.shape[1]):
        for rank in (1, 2, 3):
            members = {c for c in linkage if city_level[row_of[c], step] >= rank}
            for same_region in (True, False):
                seen: set[str] = set()
                for seed in sorted(members):
                    if seed in seen:
                        continue
                    component, queue = {seed}, [seed]
                    while queue:
                        node = queue.pop()
                        for other in neighbours.get(node, ()):
                            if other in members and other not in component and (
                                    not same_region or scheme.region_of[other] == scheme.region_of[node]):
                                component.add(other)
                                queue.append(other)
                    seen |= component
                    regions = {region_index[scheme.region_of[c]] for c in component}
                    if same_region and len(component) >= scheme.within_region_min_cities or (
                            not same_region and len(component) >= scheme.across_regions_min_cities
                            and len(regions) >= scheme.across_regions_min_regions):
                        for r in regions:
                            out[r, step] = max(out[r, step], rank)
    return out


def bench_regional() -> list[dict]:
    """The regional-trigger step alone, against the per-step breadth-first search (same inputs, same result)."""
    from app.domain.engine import evaluate

    out = []
    for n, case in ((59, _real_case), (2850, lambda: synthetic_case(2850))):
        forecast, scheme, neighbours = case()
        ev = evaluate(forecast, scheme, neighbours, mode="rolling")
        out.append(_regional_figure(n, ev.city_level, ev.units, scheme, neighbours))  # one step per hour
    return out


def _regional_figure(n: int, levels: np.ndarray, units: list[str], scheme, neighbours) -> dict:
    from app.domain.regional import regional_levels

    fast, _ = timed(lambda: regional_levels(levels, units, scheme, neighbours), repeat=5, warmup=1)
    slow, _ = timed(lambda: naive_region_levels(levels, units, scheme, neighbours), repeat=3, warmup=1)
    same = np.array_equal(regional_levels(levels, units, scheme, neighbours).level,
                          naive_region_levels(levels, units, scheme, neighbours))
    return figure(f"engine.regional_triggers.{n}_units.rolling", fast, "s",
                  baseline=("per-step breadth-first search (Python)", slow),
                  notes=f"the regional-trigger step alone, {n} units × {levels.shape[1]} steps; both after a warm-up "
                        f"run, medians of 5 and 3; identical result: {same}")


def running_sum_means(grid: np.ndarray, width: int, min_valid: int) -> np.ndarray:
    """The windowed means as the engine took them before issue 10: differences of running sums over the whole
    series (one huge value takes digits from every later window). Kept only as the bench's baseline."""
    valid = ~np.isnan(grid)
    pad = np.zeros((grid.shape[0], width))
    sums = np.cumsum(np.concatenate([pad, np.where(valid, grid, 0.0)], axis=1), axis=1)
    counts = np.cumsum(np.concatenate([pad, valid.astype(np.float64)], axis=1), axis=1)
    s, n = sums[:, width:] - sums[:, :-width], np.rint(counts[:, width:] - counts[:, :-width])
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n >= min_valid, s / np.maximum(n, 1), np.nan)


def bench_window_means() -> list[dict]:
    """24-hour means of 2,850 units × 264 h: per-window sums (every hour, and calendar days only) against the
    running-sum differences they replaced, with the error each leaves after one 1e20 value."""
    from app.domain.daily import trailing_mean

    rng = np.random.default_rng(11)
    grid = rng.uniform(10, 300, (2850, 264))
    grid[rng.random(grid.shape) < 0.03] = np.nan
    days = np.arange(264 // 24) * 24 + 23
    base, _ = timed(lambda: running_sum_means(grid, 24, 20), repeat=7, warmup=1)
    every, _ = timed(lambda: trailing_mean(grid, 24, 20), repeat=7, warmup=1)
    daily, _ = timed(lambda: trailing_mean(grid, 24, 20, ends=days), repeat=7, warmup=1)
    clean = trailing_mean(grid, 24, 20)[0]
    spoiled = grid.copy()
    spoiled[:, 2] = 1e20  # in the first window of every unit; the windows after hour 25 do not hold it
    err_new = float(np.nanmax(np.abs(trailing_mean(spoiled, 24, 20)[0][:, 26:] - clean[:, 26:])))
    err_old = float(np.nanmax(np.abs(running_sum_means(spoiled, 24, 20)[:, 26:] - clean[:, 26:])))
    note = "after one 1e20 value at hour 2, largest change of a later window's mean (µg/m³): " \
           f"per-window {err_new:g}, running sums {err_old:g}"
    return [figure("engine.window_means.2850x264.every_hour", every, "s",
                   baseline=("running-sum differences (before issue 10)", base), notes=note),
            figure("engine.window_means.2850x264.calendar_days", daily, "s",
                   baseline=("running-sum differences (before issue 10)", base),
                   notes="only the windows ending at 23:00 (calendar mode): each day's own sum")]


BENCHES = [("engine.evaluate_40x168", bench_real), ("engine.scale", bench_scale),
           ("engine.county_year_rolling", bench_county_year), ("engine.regional_triggers", bench_regional),
           ("engine.window_means", bench_window_means)]
