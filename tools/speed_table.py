"""The README's speed table, written from a ``hazedesk bench --json`` file (never typed in).

    .venv/bin/hazedesk bench --json bench.json
    .venv/bin/python -m tools.speed_table bench.json --readme README.md   # replaces the table between the markers

Each row names its benchmark figures; a figure missing from the run shows as "—". Ratios are only those the run
measured: a whole command against its floor (``times_floor``), or a same-run baseline against the figure.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

BEGIN, END = "<!-- speed-table:begin -->", "<!-- speed-table:end -->"

# (label, figure names joined by " / ", how to show the baseline)
ROWS = (
    ("`hazedesk evaluate` on the sample, end to end", ("command.evaluate",), "floor"),
    ("`hazedesk proposal --docx --pdf`, end to end", ("command.proposal_docx_pdf",), "floor"),
    ("… the same export in process: first call / warm", ("exports.proposal_docx_pdf[first call in a process]",
                                                         "exports.proposal_docx_pdf[warm]"), ""),
    ("window: launch to the coloured map", ("command.window_to_coloured_map",), "floor"),
    ("`hazedesk evaluate --observed` (season's last forecast, the winter observed), end to end",
     ("command.evaluate_observed",), "floor"),
    ("`hazedesk replay` of the season's daily forecasts with observations, end to end", ("command.replay_season",),
     "floor"),
    ("evaluate 40 cities × 168 h in process (calendar / rolling)", ("engine.evaluate_40x168.calendar",
                                                                     "engine.evaluate_40x168.rolling"), ""),
    ("evaluate 2,850 units × 240 h (calendar / rolling)", ("engine.scale.calendar.2850_units",
                                                           "engine.scale.rolling.2850_units"), ""),
    ("evaluate 2,850 units × 8,760 h rolling, across the edition switch (a county-scale year): time / peak memory",
     ("engine.county_year_rolling", "engine.county_year_rolling.peak_memory"), "floor"),
    ("regional-trigger step alone, 59 / 2,850 units", ("engine.regional_triggers.59_units.rolling",
                                                       "engine.regional_triggers.2850_units.rolling"), "slower"),
    ("boundaries load + adjacency derivation (59 units)", ("boundaries.load+adjacency.derive",), "slower"),
    ("import 59 × 240 long CSV / XLSX", ("importing.long_csv_59x240", "importing.xlsx_59x240"), ""),
    ("3 km grid 600 × 500 × 168 → unit means, warm / cold", ("importing.grid_600x500x168[warm]",
                                                             "importing.grid_600x500x168[cold]"), "peak"),
    ("year-long 59-unit CSV (~55 MB)", ("importing.large_csv", "importing.large_csv.peak_memory"), ""),
    ("… the same table in GBK: time as a multiple of the UTF-8 file's, same loop", ("importing.large_csv[GBK]",),
     ""),
    ("… with 4 columns of 6-decimal values (~65 MB): time as a multiple of the above, memory",
     ("importing.large_csv[6 decimals]", "importing.large_csv[6 decimals].peak_memory"), ""),
    ("`hazedesk inspect --observed` on the sample station files (96 × 151 stations), end to end",
     ("command.inspect_observed_stations",), "floor"),
    ("`hazedesk map … --out m.png` (A4, 300 dpi), end to end", ("command.map_png",), "floor"),
    ("… bare matplotlib in the same loop: the page's 59 unit polygons (fine rings) and outlines, A4 300 dpi, "
     "savefig PNG, no text (what a matplotlib map command cannot go below)", ("command.map_png[bare matplotlib]",),
     "floor"),
    ("… bare QPainter in the same loop: the same polygons, outlines and frame by Qt's raster painter (offscreen), "
     "A4 300 dpi, PNG as the command writes it, no text (the naive Qt drawing: outlines stroked whole and "
     "antialiased, which the command's Qt page avoids)",
     ("command.map_png[bare QPainter]",), "floor"),
    ("`hazedesk consult` of the 5 consultation samples, end to end", ("command.consult",), "floor"),
    ("`hazedesk consult --observed` (the orange sample and its daily range, its station files spliced), end to end",
     ("command.consult_observed",), "floor"),
    ("`hazedesk review` of the orange sample, end to end", ("command.review",), "floor"),
    ("`hazedesk review` of 40 cities × 365 days × 5 forecasts (long CSV files), end to end",
     ("command.review_40x365x5",), "floor"),
    ("`hazedesk gui --screenshot` (1366×768), end to end", ("command.gui_screenshot",), "floor"),
    ("`hazedesk adjacency`, end to end", ("command.adjacency",), "floor"),
    ("`hazedesk case reports` (40 filled forms), end to end", ("command.case_reports_40",), "floor"),
    ("`hazedesk case daily --docx --pdf` (40 reports, 8 leads), end to end", ("command.case_daily",), "floor"),
    ("hour step in the whole window at 1600×1000 (map, time bar, timeline, unit values, status bar)",
     ("gui.hour_step",), ""),
    ("… the map widget alone (a breakdown)", ("gui.hour_step[map widget]",), "slower"),
    ("… the map widget against GeoDataFrame.plot", ("gui.hour_step[map widget vs GeoDataFrame.plot]",), "slower"),
    ("pan/zoom frame at the fine level, in the window (QGIS on the same geometry: 51 ms, external, issue 26)",
     ("gui.pan_zoom_frame[fine]",), ""),
    ("what-if edit → re-evaluated views", ("gui.whatif_evaluation",), ""),
    ("A4 map 300 dpi / 7-day series + GIF", ("exports.map_a4_300dpi_png", "exports.series_7day_daily_gif"), ""),
    ("会商: 6 sources × 59 units × 168 h compared + consensus (median / majority)",
     ("consult.6x59x168.median", "consult.6x59x168.majority"), "base"),
    ("会商 window: switch the consensus method (with repaint)", ("consult.switch_method",), ""),
    ("city × day table 59 × 7 / small multiples D+1…D+7, open to painted",
     ("desk.day_table_open", "desk.small_multiples_open"), ""),
    ("review 40 cities × 30 days × 5 forecasts / case export + import", ("review.40x30x5", "cases.export_import"), ""),
    ("review 40 cities × 365 days × 5 forecasts, in process (a breakdown)", ("review.40x365x5[in process]",), ""),
)


def _value(f: dict) -> str:
    value, unit = f["value"], f["unit"]
    if unit == "s" and value < 0.1:
        return f"{value * 1000:.1f} ms"
    if unit == "×":
        return f"{value:.2f}×"
    return f"{value:.2f} {unit}" if unit in ("s", "ms") else f"{value:.0f} {unit}"


def _goal(f: dict) -> str:
    if "goal" not in f:
        return ""
    unit = f["unit"]
    goal = f["goal"]
    text = (f"≤ {goal * 1000:g} ms" if unit == "s" and goal < 0.1 else
            f"≤ {goal:g}×" if unit == "×" else f"≤ {goal:g} {unit}")
    if "goal_scaled_s" in f:  # a seconds goal set on the machine, read against this run's floor
        return (f"{text} on the issue's machine = {f['goal_times_issue_floor']:g}× its floor → here "
                f"≤ {f['goal_scaled_s']:.2f} s{'' if f['meets_scaled_goal'] else ' ✗'}")
    return text + ("" if f.get("meets_goal", True) else " ✗")


def row(label: str, names: tuple[str, ...], kind: str, figures: dict[str, dict]) -> str:
    found = [figures.get(n) for n in names]
    measured = " / ".join(_value(f) if f else "—" for f in found)
    goals = " / ".join(g for g in (_goal(f) for f in found if f) if g)
    extra = []
    for f in (f for f in found if f):
        if kind == "floor" and "times_floor" in f:
            goal = (f"; goal ≤ {f['goal_times_floor']:g}×{'' if f['meets_goal_times_floor'] else ' ✗'}"
                    if "goal_times_floor" in f else "")
            extra.append(f"{f['times_floor']:.2f}× the floor ({f['baseline']['name']}: "
                         f"{f['baseline']['value']:.2f} s{goal})")
            for base in f.get("same_loop_baselines", ()):  # part of the work done by another program, same loop
                extra.append(f"{base['name']}: {base['value']:.2f} s ({base['times_floor']:.2f}× the floor)")
            if f.get("first_run_s") is not None:
                extra.append(f"first run {f['first_run_s']:.2f} s")
            if f.get("peak_mb") is not None:
                extra.append(f"peak {f['peak_mb']:.0f} MB")
        elif kind == "slower" and f.get("baseline") and f.get("ratio"):
            extra.append(f"{f['baseline']['name']}: {_value(f['baseline'])} ({f['ratio']:g}× slower)")
        elif kind == "base" and f.get("baseline"):
            extra.append(f"{f['baseline']['name']}: {_value(f['baseline'])}")
        elif kind == "peak" and "peak_mb" in f:
            extra.append(f"peak {f['peak_mb']:.0f} MB")
        elif not kind and f.get("baseline") and f["value"] > 0:  # every same-run baseline, those that beat us too
            extra.append(f"{f['baseline']['name']}: {_value(f['baseline'])} (ours takes "
                         f"{f['value'] / f['baseline']['value']:.2f}× its time)")
    extra = list(dict.fromkeys(extra))  # a baseline two figures share (会商's engine alone) once
    return f"| {label} | {measured} | {goals} | {'; '.join(extra)} |"


def table(results: dict) -> str:
    figures = {f["name"]: f for f in results["benchmarks"] if "value" in f}
    lines = ["| what | measured | goal | same-run baseline / notes |", "|---|---|---|---|"]
    lines += [row(label, names, kind, figures) for label, names, kind in ROWS]
    if "floor_s" in results:
        lines += ["", f"Floor in this run (`python -c \"import numpy, pandas\"`, median of 7): "
                      f"{results['floor_s']:.2f} s; the issue's seconds goals were set where it took 0.35 s."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_json", type=Path)
    parser.add_argument("--readme", type=Path, help="replace the table between the speed-table markers here")
    parser.add_argument("--run", default="", help="what to say about the run (commit, date, load)")
    args = parser.parse_args(argv)
    results = json.loads(args.bench_json.read_text("utf-8"))
    text = table(results)
    if args.run:
        text = f"{text}\n\n{args.run}"
    if not args.readme:
        print(text)
        return 0
    readme = args.readme.read_text("utf-8")
    if BEGIN not in readme or END not in readme:
        print(f"{args.readme}: no {BEGIN} … {END} markers", file=sys.stderr)
        return 1
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    args.readme.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
