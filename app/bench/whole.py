"""Every subcommand the officer waits for, as a whole command (interpreter start to exit) against the numpy +
pandas floor measured interleaved in the same row's loop (floor, command, floor, command …; median of 5 after a
first run), with each command's own peak memory (its VmHWM as it exits):

- ``hazedesk consult`` of the five consultation samples (table, WRF-Chem, CMAQ, a daily range, a city table);
- ``hazedesk consult --observed`` of the orange sample and its daily-range consultation sample with the sample
  station files spliced before them (spec §7; a second row of ``consult``, which SUBCOMMAND_ROWS maps to the
  first);
- ``hazedesk review`` of the orange sample against its daily observations;
- ``hazedesk gui --screenshot`` of the sample (1366×768, offscreen);
- ``hazedesk adjacency`` (the scheme's unit neighbours as CSV).

The rows of ``map`` (with a bare-matplotlib baseline in its loop), ``evaluate``, ``proposal``, ``inspect``,
``case …`` and ``replay`` live beside their subjects (app.bench.map_png, app.bench.commands, app.bench.response,
app.bench.life) and are measured the same way. Goals are the issue's: every subcommand ≤ 2.0× its same-row floor.
"""

from __future__ import annotations

import tempfile

from app.bench import can_run_python, child_env, command_row, figure, floor_argv, interleaved, self_command

RUNS = 5
GOAL = 2.0  # × the same-row floor (issue 26)
CONSULT_FILES = ["sample-red-plain-south.csv", "consult-wrfchem-wrfout_d01.nc", "consult-cmaq-CCTM_CONC_CN36.nc",
                 "consult-sichuan-daily-range.csv", "consult-chongqing.csv"]


def _rows() -> list[tuple[str, object, str]]:
    """(row name, argv as a function of the state folder and the round, what it does)."""
    from app.paths import DEFAULT_SAMPLE, SAMPLES_DIR

    sample = str(DEFAULT_SAMPLE)
    consult = [str(SAMPLES_DIR / f) for f in CONSULT_FILES]
    observed = str(SAMPLES_DIR / "observed-regional-orange-daily.csv")
    stations = str(SAMPLES_DIR / "stations-regional-orange")
    consult_observed = [sample, str(SAMPLES_DIR / "sample-regional-orange-daily-range.csv"), "--observed", stations]
    return [
        ("command.consult", lambda d, n: [*self_command(), "consult", *consult, "--decided-at", "2026-01-10T16:00",
                                          "--json", f"{d}/c{n}.json"],
         "hazedesk consult of the 5 consultation samples (table, WRF-Chem, CMAQ, daily range, city table), median "
         "consensus, JSON to a file"),
        ("command.consult_observed", lambda d, n: [*self_command(), "consult", *consult_observed, "--decided-at",
                                                   "2026-01-09T16:00", "--json", f"{d}/co{n}.json"],
         "hazedesk consult sample-regional-orange.csv sample-regional-orange-daily-range.csv --observed "
         "stations-regional-orange (96 hourly station files spliced before both), median consensus, JSON to a file"),
        ("command.review", lambda d, n: [*self_command(), "review", "--observed", observed, "--forecast", sample,
                                         "--json", f"{d}/r{n}.json"],
         "hazedesk review of the orange sample against observed-regional-orange-daily.csv, JSON to a file"),
        ("command.gui_screenshot", lambda d, n: [*self_command(), "gui", sample, "--screenshot", f"{d}/s{n}.png",
                                                 "--size", "1366x768"],
         "hazedesk gui sample-regional-orange.csv --screenshot s.png --size 1366x768 (offscreen)"),
        ("command.adjacency", lambda d, n: [*self_command(), "adjacency", "--csv", f"{d}/a{n}.csv"],
         "hazedesk adjacency --csv a.csv (the scheme's unit neighbours)"),
    ]


# Same-loop baselines of a row: the part of the command's floor that is not numpy + pandas. The screenshot needs
# Qt: PySide6's widgets imported, a QApplication and a shown main window (offscreen, as the command's) are the
# least any window costs. (Until the timeline drew itself, app.gui.docks.timeline_plot, this was numpy + pandas +
# pyqtgraph: its import, the Qt shim making PySide6 build every QtCore/QtGui/QtWidgets class, was 0.7× the floor,
# and the screenshot no longer pays it.)
SHOWN_WINDOW = ("import numpy, pandas\nfrom PySide6.QtWidgets import QApplication, QMainWindow\n"
                "app = QApplication([])\nwindow = QMainWindow()\nwindow.resize(1366, 768)\nwindow.show()\n"
                "app.processEvents()\n")
ROW_BASELINES = {"command.gui_screenshot": {"python -c 'import numpy, pandas' + a shown QMainWindow": SHOWN_WINDOW}}


def _bench(row: str):
    def run() -> list[dict]:
        name, argv, what = next(r for r in _rows() if r[0] == row)
        baselines = {label: floor_argv(code) for label, code in ROW_BASELINES.get(name, {}).items()}
        with tempfile.TemporaryDirectory(prefix="hazedesk-bench-") as folder:
            env = child_env(f"{folder}/state")
            try:
                runs = interleaved(lambda n: argv(folder, n), RUNS, env=env, baselines=baselines)
            except RuntimeError as exc:
                return [figure(name, float("nan"), "s", notes=f"{what}: failed: {exc}", whole_command=True)]
        out = command_row(name, runs, GOAL if can_run_python() else None, notes=what)
        for base in out.get("same_loop_baselines", ()):  # how much of the goal's budget that part leaves
            floor = out["baseline"]["value"]
            out["notes"] += (f"; {base['name']} alone takes {base['times_floor']:.2f}× the floor, which leaves "
                             f"{GOAL * floor - base['value']:.2f} s of the {GOAL}× budget for everything else")
        return [out]

    return run


BENCHES = [(f"command.{row.removeprefix('command.')}", _bench(row)) for row in
           ("command.consult", "command.consult_observed", "command.review",
            "command.gui_screenshot", "command.adjacency")]

# each subcommand → the bench that times it whole (interleaved with its floor; see the modules named)
SUBCOMMAND_ROWS = {"map": "command.map_png", "consult": "command.consult", "review": "command.review",
                   "gui": "command.gui_screenshot", "adjacency": "command.adjacency",
                   "evaluate": "command.evaluate", "proposal": "command.proposal", "inspect":
                   "command.inspect_observed_stations", "case": "command.case_response", "replay": "command.life"}
