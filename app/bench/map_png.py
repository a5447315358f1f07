"""``hazedesk map FORECAST --out m.png`` (A4, 300 dpi, the warning layer at the first episode's start) as a whole
command, with two same-loop references (issue 26):

- the floor, ``python -c 'import numpy, pandas'`` — the goal is ≤ 2.0× it;
- bare matplotlib: a child that imports numpy and pandas (the floor's work; the command reads its CSV with
  pandas), then matplotlib's Figure and Agg canvas (no pyplot), draws the same 59 unit polygons at the level the
  page draws them (the ``fine`` drawing rings, 74 k vertices), filled and outlined, with the linkage-region and
  Sichuan–Chongqing outlines, in the page's map frame on an A4 300 dpi figure, and saves the PNG with
  ``savefig`` — no text, no legend, no inset, no forecast read. What that costs is what a matplotlib map
  command cannot go below; its multiple of the floor says whether the command's goal is reachable with
  matplotlib at all.

- bare QPainter: the same polygons, outlines and frame, drawn by Qt's raster painter (QtGui on the offscreen
  platform, antialiased, pens in points at 300 dpi, each unit's outline and each region's outline stroked whole)
  into an A4 image of the same size, and written as the command writes its PNG (unfiltered rows, deflate level
  3): the naive Qt drawing of the page's geometry, which the command's Qt page (app.export_qt) draws faster.

One loop, each round floor, bare matplotlib, bare QPainter, command (so a busy moment weighs on all four alike);
medians of the 5 rounds after a first one. The command's row carries the baselines' medians beside its floor;
each baseline has a row of its own against the same floors.

Why the command draws its PNG with Qt (issue 26; this 2-core machine, loaded by other work): the floor is
0.40–0.52 s, so the goal leaves ~0.45 s for everything above numpy and pandas. Matplotlib alone takes more:
importing its figure, axes, text, collections and Agg modules 0.25–0.30 s, building the page 0.06–0.09 s,
drawing it at 300 dpi 0.35–0.45 s (113 texts 0.25–0.28 s of it — 66 unit labels with a white halo, drawn as
glyph paths — the polygons, hatching and outlines 0.10–0.15 s), the PNG 0.08–0.10 s; the baseline above — the
polygons only, no text — measures 2.6–3.3× the floor, and the matplotlib command measured the same (2.57–2.96×).

The command now draws its PNG pages with Qt's raster painter (app.export_qt.map_page, the whole page: units,
hatching, borders, outlines, halo'd labels, title, legend, scale bar, north arrow, inset, region table, footer),
and PDF and SVG with matplotlib. Its time above the floor, one run at a time (ms, this machine): the app's
modules 60–90 and reading and evaluating the sample 45–65 (both as before); Qt's modules 100–150 (shiboken's
signature support ~60, QtCore ~30, QtGui ~20, the classes the page uses ~20) and Qt's enums, built when the
first pen is set, 25–35; the page built from the drawing data 40–55 (every border once: 15); the page drawn
90–130 (region outlines in pieces 25, unit fills and hatching 11–14, unit borders 10 (two one-pixel passes), labels 15–20, the inset
11–14, the 35 MB page made white 7–20); the PNG 45–70 (deflate in two parts: 25–35 when the second core is
free). In loops of 12 rounds (floor, Qt command, matplotlib command, …) the Qt command measured 1.80× and
1.78× the floor (1.57–2.12× across the rounds) where the matplotlib command measured 2.85× and 3.05×
(2.33–3.58×); three runs of this row at 0ce774c (load ~1): 1.56×, 1.73×, 2.09× — the bare matplotlib baseline
2.69×, 2.69×, 3.76× and the bare QPainter one 2.12×, 2.20×, 2.97× in the same loops. Back to back at 23:18 UTC
(load ~1.3): the row at 065bd73 (the matplotlib command) 3.04×, at b784832 (the Qt page) 1.85×. The bare QPainter
baseline above strokes the units' outlines at 1.25 px and the region outlines whole, as matplotlib does: those
two strokes alone took ~0.3 s of its time, which the page avoids (see app.export_qt.page_painting).
"""

from __future__ import annotations

import statistics
import tempfile

from app.bench import (
    can_run_python,
    child_env,
    command_row,
    figure,
    floor_argv,
    run_once,
    self_command,
)

RUNS = 5
GOAL = 2.0  # × the same-row floor (issue 26)
NAME = "command.map_png"
BASELINE_NAME = "command.map_png[bare matplotlib]"
QT_BASELINE_NAME = "command.map_png[bare QPainter]"

# the baseline child: argv = [npz of the page's geometry, PNG out]
MATPLOTLIB_CODE = """
import sys
import numpy as np
import pandas
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.path import Path

data = np.load(sys.argv[1])


def paths(prefix):
    vertices, codes = data[prefix + "_vertices"], data[prefix + "_codes"]
    bounds = data[prefix + "_bounds"]
    return [Path(vertices[a:b], codes[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]


figure = Figure(figsize=tuple(data["figsize"]))
FigureCanvasAgg(figure)
ax = figure.add_axes(tuple(data["frame"]))
ax.add_collection(PathCollection(paths("unit"), facecolors=data["colours"], edgecolors="#5a5a5a",
                                 linewidths=0.3))
ax.add_collection(PathCollection(paths("province"), facecolors="none", edgecolors="#333333", linewidths=1.3,
                                 linestyles=(0, (5, 2.5))))
ax.add_collection(PathCollection(paths("region"), facecolors="none", edgecolors="#182642", linewidths=1.6))
x0, x1, y0, y1 = data["limits"]
ax.set_xlim(x0, x1)
ax.set_ylim(y0, y1)
ax.set_aspect("equal", adjustable="box")
ax.set_xticks([])
ax.set_yticks([])
figure.savefig(sys.argv[2], dpi=300)
"""

# the QPainter baseline child: the same argv; the same pixels as the matplotlib child's up to antialiasing
QT_CODE = """
import struct
import sys
import zlib

import numpy as np
import pandas  # noqa: F401  (the floor's work: the command reads its CSV with pandas)
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen, QPolygonF

app = QGuiApplication([sys.argv[0], "-platform", "offscreen"])
data = np.load(sys.argv[1])
dpi = 300.0
width, height = (int(v * dpi) for v in data["figsize"])  # as matplotlib sizes its canvas
fx, fy, fw, fh = data["frame"]
x0, x1, y0, y1 = data["limits"]
scale = min(fw * width / (x1 - x0), fh * height / (y1 - y0))  # equal aspect, the box shrunk about its centre
cx, cy = (fx + fw / 2) * width, height - (fy + fh / 2) * height
xm, ym = (x0 + x1) / 2, (y0 + y1) / 2


def polygon(ring):
    # the ring's points written straight into the QPolygonF's buffer (two doubles a point)
    points = QPolygonF()
    points.resize(len(ring))
    buffer = np.frombuffer(shiboken6.VoidPtr(points.data(), len(ring) * 16, True), dtype=np.float64)
    buffer[0::2] = cx + (ring[:, 0] - xm) * scale
    buffer[1::2] = cy - (ring[:, 1] - ym) * scale
    return points


def paths(prefix):
    vertices, codes, bounds = data[prefix + "_vertices"], data[prefix + "_codes"], data[prefix + "_bounds"]
    out = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        path = QPainterPath()
        path.setFillRule(Qt.OddEvenFill)
        starts = np.flatnonzero(codes[a:b] == 1)
        for s, e in zip(starts, [*starts[1:], b - a]):
            ring = vertices[a + s:a + e][codes[a + s:a + e] != 79]  # a CLOSEPOLY vertex is not a point
            path.addPolygon(polygon(ring))
            path.closeSubpath()
        out.append(path)
    return out


def pen(colour, points, dashes=None):
    result = QPen(QColor(colour))
    result.setWidthF(points * dpi / 72)
    if dashes:
        result.setDashPattern(dashes)
    return result


image = QImage(width, height, QImage.Format_RGB32)
image.fill(QColor("white"))
painter = QPainter(image)
painter.setRenderHint(QPainter.Antialiasing)
painter.setPen(pen("#5a5a5a", 0.3))
for path, colour in zip(paths("unit"), data["colours"]):
    painter.setBrush(QColor.fromRgbF(*(float(c) for c in colour[:3])))
    painter.drawPath(path)
painter.setBrush(Qt.NoBrush)
painter.setPen(pen("#333333", 1.3, [5, 2.5]))
for path in paths("province"):
    painter.drawPath(path)
painter.setPen(pen("#182642", 1.6))
for path in paths("region"):
    painter.drawPath(path)
painter.setPen(pen("black", 0.8))
half_w, half_h = (x1 - x0) * scale / 2, (y1 - y0) * scale / 2
painter.drawRect(QRectF(cx - half_w, cy - half_h, 2 * half_w, 2 * half_h))
painter.end()

# PNG as the command writes it: unfiltered RGB rows deflated at level 3
rgb = image.convertToFormat(QImage.Format_RGB888)
pixels = np.frombuffer(rgb.constBits(), dtype=np.uint8).reshape(height, rgb.bytesPerLine())[:, :width * 3]
rows = np.zeros((height, width * 3 + 1), dtype=np.uint8)
rows[:, 1:] = pixels


def chunk(kind, payload):
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


per_metre = int(dpi / 0.0254 + 0.5)
with open(sys.argv[2], "wb") as out:
    out.write(b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
              + chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
              + chunk(b"IDAT", zlib.compress(rows.tobytes(), 3)) + chunk(b"IEND", b""))
"""


def write_page_geometry(path: str, sample: str) -> None:
    """What the baseline draws, taken from the page the command builds (outside the clock): the map frame's
    place on the figure, its data limits, the unit, region and province paths as the page holds them, and the
    units' colours of the warning layer at the command's step."""
    import numpy as np

    from app.export.inputs import load_and_evaluate
    from app.export.map_layers import default_step, frame_at
    from app.export.maps import MapExporter

    inputs = load_and_evaluate(sample)
    exporter = MapExporter(inputs.evaluation, inputs.forecast.meta, inputs.scheme, paper="A4")
    layout = exporter.layout
    frame = frame_at(inputs.evaluation, "warning", **default_step(inputs.evaluation, "warning"))
    arrays = {"figsize": np.asarray(layout.figure.get_size_inches(), dtype=float),
              "frame": np.asarray(layout.ax.get_position().bounds, dtype=float),
              "limits": np.asarray([*layout.ax.get_xlim(), *layout.ax.get_ylim()], dtype=float),
              "colours": np.asarray([frame.colours.get(n, (200, 200, 200)) for n in layout.units], dtype=float) / 255}
    collections = layout.ax.collections
    unit_paths = collections[0].get_paths()
    province_paths, region_paths = collections[-2].get_paths(), collections[-1].get_paths()
    for prefix, paths in (("unit", unit_paths), ("province", province_paths), ("region", region_paths)):
        arrays[prefix + "_vertices"] = np.concatenate([p.vertices for p in paths])
        arrays[prefix + "_codes"] = np.concatenate([p.codes for p in paths])
        arrays[prefix + "_bounds"] = np.cumsum([0] + [len(p.vertices) for p in paths])
    np.savez(path, **arrays)


def bench_map_png() -> list[dict]:
    from app.paths import DEFAULT_SAMPLE

    sample = str(DEFAULT_SAMPLE)
    what = "hazedesk map sample-regional-orange.csv --out m.png (A4, 300 dpi, warning layer; the page drawn by Qt)"
    qt_what = ("bare QPainter (QtGui, offscreen platform, raster, antialiased) after import numpy, pandas: the same "
               "59 unit polygons, region and province outlines and frame as the matplotlib baseline, A4 at 300 dpi, "
               "the PNG written as the command writes it; no text, legend or inset, no forecast read")
    baseline_what = ("bare matplotlib (Figure + Agg, no pyplot) after import numpy, pandas: the page's 59 unit "
                     "polygons (fine rings) filled and outlined, region and province outlines, in the page's map "
                     "frame, A4 at 300 dpi, savefig PNG; no text, legend or inset, no forecast read")
    with tempfile.TemporaryDirectory(prefix="hazedesk-bench-") as folder:
        env = child_env(f"{folder}/state")
        geometry = f"{folder}/page.npz"
        floor = floor_argv() if can_run_python() else None
        runs = {"command_s": [], "command_peak_mb": [], "floor_s": [], "floor_peak_mb": [], "baseline_s": [],
                "baseline_peak_mb": [], "qt_baseline_s": [], "qt_baseline_peak_mb": [], "order": []}
        try:
            if floor is not None:
                write_page_geometry(geometry, sample)
            for n in range(RUNS + 1):
                if floor is not None:
                    for kind, argv in (("floor", floor),
                                       ("baseline", floor_argv(MATPLOTLIB_CODE) + [geometry, f"{folder}/b{n}.png"]),
                                       ("qt_baseline", floor_argv(QT_CODE) + [geometry, f"{folder}/q{n}.png"])):
                        seconds, peak = run_once(argv, env=env)
                        runs[f"{kind}_s"].append(seconds)
                        runs[f"{kind}_peak_mb"].append(peak)
                        runs["order"].append(kind)
                else:  # the bundle: no python -c, neither floor nor baseline
                    for kind in ("floor", "baseline", "qt_baseline"):
                        runs[f"{kind}_s"].append(float("nan"))
                        runs[f"{kind}_peak_mb"].append(None)
                seconds, peak = run_once([*self_command(), "map", sample, "--out", f"{folder}/m{n}.png", "--dpi",
                                          "300", "--paper", "A4"], env=env)
                runs["command_s"].append(seconds)
                runs["command_peak_mb"].append(peak)
                runs["order"].append("command")
        except RuntimeError as exc:
            return [figure(NAME, float("nan"), "s", notes=f"{what}: failed: {exc}", whole_command=True)]
    baseline = statistics.median(runs["baseline_s"][1:])
    qt_baseline = statistics.median(runs["qt_baseline_s"][1:])
    command = statistics.median(runs["command_s"][1:])
    rows = [command_row(NAME, runs, GOAL if floor is not None else None, notes=what, order=runs["order"],
                        matplotlib_baseline_s=round(baseline, 4),
                        times_matplotlib_baseline=round(command / baseline, 2) if baseline > 0 else None,
                        qt_baseline_s=round(qt_baseline, 4))]
    if floor is not None:
        rows.append(command_row(BASELINE_NAME, {"command_s": runs["baseline_s"],
                                                "command_peak_mb": runs["baseline_peak_mb"],
                                                "floor_s": runs["floor_s"], "floor_peak_mb": runs["floor_peak_mb"]},
                                None, notes=baseline_what + " (the same loop as command.map_png)",
                                order=runs["order"]))
        rows.append(command_row(QT_BASELINE_NAME, {"command_s": runs["qt_baseline_s"],
                                                   "command_peak_mb": runs["qt_baseline_peak_mb"],
                                                   "floor_s": runs["floor_s"], "floor_peak_mb": runs["floor_peak_mb"]},
                                None, notes=qt_what + " (the same loop as command.map_png)", order=runs["order"]))
    return rows


BENCHES = [(NAME, bench_map_png)]
