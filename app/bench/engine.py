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


def synthetic_case(n_units: int, hours: int = 240, seed: int = 7):
    """A grid-like planar graph (rook neighbours plus one diagonal per cell), regions of 6 × 8 cells
    (48 units; edge blocks smaller), and an hourly PM2.5 field of drifting pollution plumes."""
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
    t = np.arange(hours)
    pm = np.full((n_units, hours), 45.0)
    for _ in range(max(3, n_units // 150)):  # plumes drifting across the grid, 3–6 days each
        cx, cy = rng.uniform(0, cols, 2)
        vx, vy = rng.uniform(-0.15, 0.15, 2)
        t0, length, radius = rng.integers(0, hours - 48), rng.integers(72, 144), rng.uniform(3, 7)
        peak = rng.uniform(150, 380)
        inside = (t >= t0) & (t < t0 + length)
        dx = x[:, None] - (cx + vx * (t - t0))[None, :]
        dy = y[:, None] - (cy + vy * (t - t0))[None, :]
        pm += np.where(inside, peak * np.exp(-(dx ** 2 + dy ** 2) / (2 * radius ** 2)), 0.0)
    pm *= rng.uniform(0.9, 1.1, pm.shape)
    times = pd.date_range("2026-01-05", periods=hours, freq="h", tz=TZ)
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
           ("engine.regional_triggers", bench_regional), ("engine.window_means", bench_window_means)]
