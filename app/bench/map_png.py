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

One loop, each round floor, bare matplotlib, command (so a busy moment weighs on all three alike); medians of the
5 rounds after a first one. The command's row carries the baseline's median beside its floor; the baseline has a
row of its own against the same floors.

Why ≤ 2.0× is out of reach with matplotlib (issue 26; CPU seconds of one run, this 2-core machine, load 2–8):
the floor is 0.45–0.5 s, so the goal leaves ~0.45 s for everything above numpy and pandas. Matplotlib alone
takes more: importing its figure, axes, text, collections and Agg modules 0.25–0.30 s, building the page 0.06–0.09
s, drawing it at 300 dpi 0.35–0.45 s (113 texts 0.25–0.28 s of it — 66 unit labels with a white halo, drawn as
glyph paths — the polygons, hatching and outlines 0.10–0.15 s), the PNG 0.08–0.10 s; reading the forecast,
evaluating it and the app's modules 0.12–0.15 s. The baseline — matplotlib drawing the polygons only, no text —
measures 2.6–3.1× the floor; the command, which draws the whole page, measures the same as it (0.98–1.02× its
median: the garbage collector paused while loading, our PNG writer instead of Pillow's).
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
    what = "hazedesk map sample-regional-orange.csv --out m.png (A4, 300 dpi, warning layer)"
    baseline_what = ("bare matplotlib (Figure + Agg, no pyplot) after import numpy, pandas: the page's 59 unit "
                     "polygons (fine rings) filled and outlined, region and province outlines, in the page's map "
                     "frame, A4 at 300 dpi, savefig PNG; no text, legend or inset, no forecast read")
    with tempfile.TemporaryDirectory(prefix="hazedesk-bench-") as folder:
        env = child_env(f"{folder}/state")
        geometry = f"{folder}/page.npz"
        floor = floor_argv() if can_run_python() else None
        runs = {"command_s": [], "command_peak_mb": [], "floor_s": [], "floor_peak_mb": [], "baseline_s": [],
                "baseline_peak_mb": [], "order": []}
        try:
            if floor is not None:
                write_page_geometry(geometry, sample)
            for n in range(RUNS + 1):
                if floor is not None:
                    for kind, argv in (("floor", floor),
                                       ("baseline", floor_argv(MATPLOTLIB_CODE) + [geometry, f"{folder}/b{n}.png"])):
                        seconds, peak = run_once(argv, env=env)
                        runs[f"{kind}_s"].append(seconds)
                        runs[f"{kind}_peak_mb"].append(peak)
                        runs["order"].append(kind)
                else:  # the bundle: no python -c, neither floor nor baseline
                    for kind in ("floor", "baseline"):
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
    command = statistics.median(runs["command_s"][1:])
    rows = [command_row(NAME, runs, GOAL if floor is not None else None, notes=what, order=runs["order"],
                        matplotlib_baseline_s=round(baseline, 4),
                        times_matplotlib_baseline=round(command / baseline, 2) if baseline > 0 else None)]
    if floor is not None:
        rows.append(command_row(BASELINE_NAME, {"command_s": runs["baseline_s"],
                                                "command_peak_mb": runs["baseline_peak_mb"],
                                                "floor_s": runs["floor_s"], "floor_peak_mb": runs["floor_peak_mb"]},
                                None, notes=baseline_what + " (the same loop as command.map_png)",
                                order=runs["order"]))
    return rows


BENCHES = [(NAME, bench_map_png)]
