"""GUI benchmarks: hour step (recolour + repaint of the whole map), view render, cold start, what-if evaluation.

The hour step is compared, in the same run, with two matplotlib baselines drawing the same map (same geometry,
same pixel size, Agg): ``GeoDataFrame.plot`` redrawing it, and — like for like with our recolour — new face
colours set on an existing ``PolyCollection`` and the canvas drawn again. QGIS is not run here: its figures are
quoted as external, never turned into a ratio (see ``QGIS_EXTERNAL``).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from app.bench import figure, timed

SIZE = (1600, 1000)
QGIS_EXTERNAL = ("external, not measured here: QGIS 3.22 repainting the same 59 units on a comparable 2-core "
                 "office machine, as reported in issue 18 (November 2026): 199 ms at full resolution, 37 ms on the "
                 "same simplified geometry")
_FOLDERS: list[str] = []  # state folders of the desks made here, removed with them


def _desk():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.gui.app import HazeDesk
    from app.gui.settings import Settings
    from app.paths import DEFAULT_SAMPLE

    folder = tempfile.mkdtemp(prefix="hazedesk-bench-")
    _FOLDERS.append(folder)
    desk = HazeDesk("zh", Settings(Path(folder) / "bench.ini"))
    desk.controller.load_forecast_now(DEFAULT_SAMPLE)
    return desk


def _dispose(desk, *widgets) -> None:
    """Delete the Qt objects now, while the QApplication lives (at interpreter exit the order is undefined)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in widgets:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app = desk.app
    desk.dispose()
    app.processEvents()
    import shutil

    while _FOLDERS:
        shutil.rmtree(_FOLDERS.pop(), ignore_errors=True)


def _canvas(desk):
    canvas = desk.window.canvas
    canvas.setParent(None)  # the map widget alone, at exactly 1600×1000
    canvas.resize(*SIZE)
    canvas.show()
    desk.app.processEvents()
    canvas.repaint()
    return canvas


def _geopandas_redraw(desk, lod: str, hours: list[int]) -> float:
    """Median seconds for GeoDataFrame.plot to draw the same coloured map at the same size, per hour."""
    import matplotlib

    matplotlib.use("Agg")
    import geopandas as gpd
    import matplotlib.pyplot as plt

    from app.gui.map import colours
    from maps.boundaries import load_boundaries

    geometry = desk.geometry
    series = load_boundaries().lod(lod)
    frame = gpd.GeoDataFrame({"name": geometry.names}, geometry=[series[n] for n in geometry.names])
    tables = colours.colour_tables(desk.state.evaluation, "aqi", geometry.names, geometry.linkage)
    dpi = 100
    fig = plt.figure(figsize=(SIZE[0] / dpi, SIZE[1] / dpi), dpi=dpi)
    ax = fig.add_axes((0, 0, 1, 1))
    samples = []
    for hour in hours:
        argb = tables[hour][1:len(geometry.names) + 1]
        face = [((v >> 16 & 255) / 255, (v >> 8 & 255) / 255, (v & 255) / 255) for v in argb.tolist()]
        started = time.perf_counter()
        ax.clear()
        ax.set_axis_off()
        frame.plot(ax=ax, color=face, edgecolor="#464a50", linewidth=0.5)
        fig.canvas.draw()
        samples.append(time.perf_counter() - started)
    plt.close(fig)
    return statistics.median(samples)


def _facecolor_redraw(desk, lod: str, hours: list[int]) -> float:
    """Median seconds to set new face colours on an existing PolyCollection of the same map and draw it: the
    matplotlib equivalent of our recolour (nothing rebuilt but the colours)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection

    from app.gui.map import colours

    geometry = desk.geometry
    rings = geometry.lods[lod]
    polygons, owner = [], []
    for ring in range(len(rings.owner)):
        polygons.append(rings.coords[rings.offsets[ring]:rings.offsets[ring + 1]])
        owner.append(int(rings.owner[ring]))
    owner = np.asarray(owner)
    tables = colours.colour_tables(desk.state.evaluation, "aqi", geometry.names, geometry.linkage)
    dpi = 100
    fig = plt.figure(figsize=(SIZE[0] / dpi, SIZE[1] / dpi), dpi=dpi)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    collection = PolyCollection(polygons, edgecolors="#464a50", linewidths=0.5)
    ax.add_collection(collection)
    x0, y0, x1, y1 = geometry.bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    fig.canvas.draw()
    samples = []
    for hour in hours:
        argb = tables[hour][1:len(geometry.names) + 1]
        rgb = np.stack([(argb >> 16) & 255, (argb >> 8) & 255, argb & 255], axis=1) / 255.0
        started = time.perf_counter()
        collection.set_facecolor(rgb[owner])  # holes drawn as rings of their unit's colour: same work
        fig.canvas.draw()
        samples.append(time.perf_counter() - started)
    plt.close(fig)
    return statistics.median(samples)


def bench_hour_step() -> list[dict]:
    desk = _desk()
    canvas = _canvas(desk)
    state = desk.state
    n = len(state.evaluation.times)
    hours = [(i * 7) % n for i in range(1, 201)]

    def one_step(hour: int) -> float:
        started = time.perf_counter()
        state.set_hour(hour)
        canvas.repaint()
        return time.perf_counter() - started

    for hour in hours[:10]:
        one_step(hour)
    samples = [one_step(h) for h in hours]
    step = statistics.median(samples)
    lod = canvas._images.lod
    baseline = _geopandas_redraw(desk, lod, hours[:7])
    facecolor = _facecolor_redraw(desk, lod, hours[:15])
    p90 = sorted(samples)[int(0.9 * len(samples))] * 1000
    out = [figure("gui.hour_step", step * 1000, "ms", 5.0,
                  baseline=("matplotlib PolyCollection.set_facecolor + draw (like for like)", facecolor * 1000),
                  notes=f"set_hour + synchronous repaint of the {SIZE[0]}x{SIZE[1]} map ({lod} geometry, "
                        f"{len(samples)} steps; p90 {p90:.2f} ms); baselines median of 15 / 7 hours, same run",
                  external_reference=QGIS_EXTERNAL),
           figure("gui.hour_step[vs GeoDataFrame.plot]", step * 1000, "ms", 5.0,
                  baseline=("geopandas.GeoDataFrame.plot (clear + plot + draw)", baseline * 1000),
                  notes="the same step against redrawing the whole map with geopandas")]
    # geometry is rendered again only when the view changes: how long a pan/zoom frame takes
    for level, scale_factor in (("default view", 1.0), ("zoomed 8x", 8.0)):
        canvas.reset_view()
        canvas.view.scale *= scale_factor

        def render() -> None:
            canvas._invalidate()
            canvas.repaint()

        seconds, _ = timed(render, repeat=7)
        out.append(figure(f"gui.view_render[{level}]", seconds * 1000, "ms",
                          notes=f"new pan/zoom: id raster + borders + labels at {SIZE[0]}x{SIZE[1]}, "
                                f"{canvas._images.lod} geometry"))
    _dispose(desk, canvas)
    out.append(_whole_window_step())
    return out


def _whole_window_step() -> dict:
    """The same step as the officer sees it: map, time bar, timeline cursor, status bar, all repainted."""
    desk = _desk()
    window, state = desk.window, desk.state
    window.resize(*SIZE)
    window.show()
    state.set_selection(["成都市", "德阳市"])  # the timeline dock shows two cities
    desk.app.processEvents()
    n = len(state.evaluation.times)
    samples = []
    for i in range(1, 121):
        started = time.perf_counter()
        state.set_hour((i * 7) % n)
        window.repaint()
        samples.append(time.perf_counter() - started)
    _dispose(desk)
    return figure("gui.hour_step[whole window]", statistics.median(samples[10:]) * 1000, "ms",
                  notes=f"set_hour + synchronous repaint of the whole {SIZE[0]}x{SIZE[1]} main window with its docks "
                        "(timeline of two cities, episodes, status bar); informational")


def bench_whatif_evaluation() -> list[dict]:
    """A what-if edit through the controller: push it (undoable), apply it to the forecast, re-run the engine,
    update every listening view's state — then undo, which evaluates again."""
    from app.domain.whatif import Edit

    desk = _desk()
    controller, state = desk.controller, desk.state
    times = state.evaluation.times
    units, hours = len(state.evaluation.units), len(times)
    samples = []
    for i in range(9):
        edit = Edit("成都市", times[24].to_pydatetime(), times[24 * 4 - 1].to_pydatetime(), "scale", 1.2 + 0.05 * i)
        started = time.perf_counter()
        controller.apply_edit(edit)
        samples.append(time.perf_counter() - started)
        engine_ms = controller.last_eval_seconds * 1000
        started = time.perf_counter()
        controller.undo_stack.undo()
        samples.append(time.perf_counter() - started)
    _dispose(desk)
    return [figure("gui.whatif_evaluation", statistics.median(samples) * 1000, "ms", 50.0,
                   notes=f"Controller.apply_edit(scale 成都市 over 3 days) and its undo on the sample ({units} units x "
                         f"{hours} h): edit applied, engine re-run, state updated; engine alone {engine_ms:.1f} ms; "
                         f"median of {len(samples)}")]


BENCHES = [("gui.hour_step", bench_hour_step),
           ("gui.whatif_evaluation", bench_whatif_evaluation)]
