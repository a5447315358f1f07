"""``hazedesk gui [FORECAST] [--screenshot PATH ...]``: the main window, or a PNG of it made headless.

With ``--screenshot`` the real main window is built offscreen, the forecast loaded, the hour and layer set,
and the window saved as a PNG (used for the README, tests and review). A bad forecast exits 2 with the
message. Without it the window opens on FORECAST, or on the bundled sample — when there is a display to open it
on: without one Qt would abort (exit 134, blaming a missing xcb library), so that is said in one line, with the
way round it, and the exit code is 2.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from app.errors import InputError, Problem

LAYERS = ("aqi", "daily", "warning", "pm25")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the main window (default command); --screenshot saves a PNG headless")
    p.add_argument("forecast", nargs="?", help="forecast file, or a .hazedesk session file, to open "
                                               "(default: the bundled sample)")
    p.add_argument("--screenshot", metavar="PATH", help="save a PNG of the main window and exit")
    p.add_argument("--size", default="1600x1000", help="window size for --screenshot, WIDTHxHEIGHT (default 1600x1000)")
    p.add_argument("--time", metavar="ISO8601", help="forecast hour to show (Beijing time if no offset)")
    p.add_argument("--layer", choices=LAYERS, help="map layer: hourly AQI, daily AQI, warning level or PM2.5 concentration")
    p.add_argument("--lang", choices=("zh", "en"), help="interface language (default: the saved choice, Chinese)")
    p.add_argument("--episode", type=int, help="select this regional episode (0-based) for --screenshot")
    p.add_argument("--sheet", default=None, help="workbook sheet name or 0-based index (a workbook with several "
                                                 "sheets that could hold a forecast needs it)")
    p.add_argument("--select", action="append", default=[], metavar="UNIT", help="select a unit (repeatable)")
    p.add_argument("--dock", action="append", default=[], metavar="NAME",
                   help="for --screenshot: bring this dock to the front (e.g. DayTableDock, EditsDock, InForceDock; "
                        "repeatable)")
    p.add_argument("--observed", action="append", default=[], metavar="OBS",
                   help="what was observed before the forecast (a city table, a national station file or a folder of "
                        "them; repeatable): spliced before the forecast's first hour (spec §7)")
    p.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)  # bench: time to first map
    p.set_defaults(func=run)


def parse_size(text: str) -> tuple[int, int]:
    from app.errors import InputError, Problem

    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", text or "")
    if not match:
        raise InputError(Problem("bad window size", column="--size", value=text, expected="WIDTHxHEIGHT, e.g. 1600x1000"))
    width, height = int(match.group(1)), int(match.group(2))
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise InputError(Problem("window size out of range", column="--size", value=text,
                                 expected="320x240 … 8000x8000"))
    return width, height


def _check_sheet(forecast: str | None, sheet: str | None) -> dict:
    """Loader options; a workbook with several forecast sheets and no --sheet stops here (exit 2, listing them)
    rather than opening a window on the first sheet."""
    if not forecast or Path(forecast).suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    if sheet is not None:
        return {"sheet": sheet}
    from app.importing.api import single_forecast_sheet
    from app.importing.source import MAX_TABLE_BYTES, check_readable, read_limited

    check_readable(Path(forecast))
    found = single_forecast_sheet(read_limited(Path(forecast), MAX_TABLE_BYTES, "workbooks"), forecast)
    return {"sheet": found} if found is not None else {}


HEADLESS_WAY = "a desktop session; without one: hazedesk gui --screenshot FILE.png, or QT_QPA_PLATFORM=offscreen"


def display_problem(environ=os.environ, platform: str = sys.platform, sockets: Path = Path("/tmp/.X11-unix")):
    """Why the window cannot open here (a :class:`Problem`), or None. Only Linux without a platform chosen is
    looked at: no DISPLAY nor WAYLAND_DISPLAY, or a local X display whose socket is not there."""
    if environ.get("QT_QPA_PLATFORM") or not platform.startswith("linux") or environ.get("WAYLAND_DISPLAY"):
        return None
    display = environ.get("DISPLAY", "")
    if not display:
        return Problem("no display to open the window on (DISPLAY is not set)", expected=HEADLESS_WAY)
    local = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if local and sockets.is_dir() and not (sockets / f"X{local.group(1)}").exists():
        return Problem(f"no X server is running on DISPLAY {display}", expected=HEADLESS_WAY)
    return None


def _observed(paths: list[str]):
    """The observed files read before any window (bad input exits 2 with the message), or None."""
    if not paths:
        return None
    from app.domain.scheme import load_scheme
    from app.importing.observed import load_observed_series

    return load_observed_series(paths, scheme=load_scheme())


def run(args: argparse.Namespace) -> int:
    if getattr(args, "owns_process", False):  # given back at the first coloured paint (freeze_after_first_paint),
        import gc  # or, for --screenshot, left paused for its one run as the other commands' (_common.loading)

        gc.disable()
    options = _check_sheet(args.forecast, args.sheet)
    observed = _observed(args.observed)

    if args.screenshot or args.startup_probe:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        size = parse_size(args.size)
        from app.gui.screenshot import startup_probe, take_screenshot

        if args.startup_probe:
            return startup_probe(args.forecast, size)
        take_screenshot(args.forecast, args.screenshot, size=size, time=args.time, layer=args.layer,
                        language=args.lang, episode=args.episode, select=args.select, docks=args.dock, observed=observed,
                        **options)
        # the PNG is written and closed, the export audited and the throw-away settings folder removed: nothing
        # is left for the window's tear-down to do but free memory the process gives back anyway
        args.leave_at_once = True
        return 0
    problem = display_problem()
    if problem is not None:
        raise InputError(problem)
    from app.gui.app import run as run_gui

    return run_gui(args.forecast, args.lang, observed=observed, **options)
