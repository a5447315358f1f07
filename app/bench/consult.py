"""Consultation benchmarks (issue 15): 6 sources × 59 units × 168 h compared and a consensus evaluated (≤ 0.3 s
after the sources are loaded); switching the consensus method in the 会商 window (≤ 100 ms)."""

from __future__ import annotations

import statistics
import time

import numpy as np

from app.bench import figure, timed

N_SOURCES = 6


def six_sources():
    """The red sample and five variations of it (scaled 0.8–1.2, one 6 h later): 59 units × 168 h each."""
    from dataclasses import replace

    from app.consultation import name_sources
    from app.importing import load_forecast
    from app.paths import SAMPLES_DIR

    base = load_forecast(SAMPLES_DIR / "sample-red-plain-south.csv")
    pm = base.values["pm25"]
    variants = [pm, pm * 0.8, pm * 0.9, pm * 1.1, pm * 1.2, np.roll(pm, 6, axis=1)]
    forecasts = [replace(base, values={"pm25": v}, met={}, meta=replace(base.meta, label=f"来源{k + 1}"))
                 for k, v in enumerate(variants)]
    return name_sources(forecasts)


def bench_compare() -> list[dict]:
    from app.consultation import build_consensus, compare, make_record
    from app.domain.engine import evaluate
    from app.domain.scheme import load_scheme
    from maps.derived import scheme_neighbours

    scheme = load_scheme()
    neighbours = scheme_neighbours(scheme)
    sources = six_sources()
    units, hours = len(sources[0].forecast.units), len(sources[0].forecast.times)

    def consult(method: str):
        cmp = compare(sources, scheme, neighbours)
        return make_record(cmp, build_consensus(cmp, method))

    def engine_only():
        for s in sources:
            evaluate(s.forecast, scheme, neighbours)

    floor, _ = timed(engine_only, repeat=7, warmup=1)
    out = []
    for method in ("median", "majority"):
        record = consult(method)
        value, _ = timed(lambda m=method: consult(m), repeat=7, warmup=1)
        out.append(figure(f"consult.{N_SOURCES}x{units}x{hours}.{method}", value, "s", 0.3,
                          baseline=(f"engine alone on the {N_SOURCES} sources (the floor)", floor),
                          notes=f"{N_SOURCES} hourly sources × {units} units × {hours} h, loaded: every source "
                                f"evaluated, compared per region/day and city/day, {method} consensus evaluated, "
                                f"record built ({len(record.consensus['episodes'])} consensus episodes, "
                                f"{len(record.dissent)} dissenting region-days); ratio < 1: the comparison's cost "
                                f"over the bare engine"))
    return out


def bench_switch() -> list[dict]:
    """The 会商 window with the six sources: choose another consensus method; the grid, the maps and the summary
    are redone and repainted."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.bench.gui import _desk, _dispose

    desk = _desk()
    dialog = desk.window.open_consultation()
    dialog.resize(1340, 720)
    dialog._add_forecasts([s.forecast for s in six_sources()])
    desk.app.processEvents()
    order = ["majority", "source", "median"]
    samples, inner = [], []
    for i in range(12):
        method = order[i % len(order)]
        started = time.perf_counter()
        dialog.method.setCurrentIndex(dialog.method.findData(method))
        dialog.repaint()
        samples.append(time.perf_counter() - started)
        inner.append(dialog.last_switch_seconds)
    adopt = []
    for _ in range(3):
        started = time.perf_counter()
        dialog.apply_consensus()
        desk.window.repaint()
        adopt.append(time.perf_counter() - started)
    _dispose(desk, dialog)
    return [figure("consult.switch_method", statistics.median(samples) * 1000, "ms", 100.0,
                   notes=f"会商 window, {N_SOURCES} sources × 59 units × 168 h: method changed (median → majority → "
                         f"chosen source), consensus rebuilt, agreement grid refilled, {N_SOURCES + 1} small maps "
                         f"recoloured, window repainted; without the repaint "
                         f"{statistics.median(inner) * 1000:.1f} ms; median of {len(samples)}",
                   adopt_in_main_window_ms=round(statistics.median(adopt) * 1000, 1))]


BENCHES = [("consult.compare", bench_compare), ("consult.switch_method", bench_switch)]
