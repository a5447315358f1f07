"""``hazedesk inspect FORECAST``: load a forecast file and print what was understood — format, encoding, issue
time, horizon, units covered and missing, fields, value ranges — and every warning.

    hazedesk inspect FORECAST [--pollutant P] [--bound low|central|high] [--issued-at TIME] [--sheet NAME]
                     [--variable NAME] [--format json|text] [--output PATH|-] [--progress]
    hazedesk inspect --observed OBS [--observed OBS …] [--boundaries PATH] [--format json|text]

With ``--observed`` (instead of FORECAST) it reads observed files as the engine will splice them: city tables,
the national network's station files or folders of them, merged in time; the summary adds, per unit, how many
stations gave a value (fewest and most over the hours).

Bad input: exit code 2 and one message per problem (file, row, column, value, what was expected).
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("inspect", help="load a forecast file and print its metadata, coverage and warnings")
    p.add_argument("forecast", metavar="FORECAST", nargs="?", default=None, help="CSV/TSV/XLSX table or NetCDF grid")
    p.add_argument("--observed", action="append", default=None, metavar="OBS",
                   help="instead of a forecast: observed city tables, station files or folders (repeatable)")
    p.add_argument("--boundaries", default=None, metavar="PATH",
                   help="unit polygons the stations are placed in (default: the bundled units)")
    p.add_argument("--pollutant", default=None, help="the field a wide table gives (pm25, pm10, …, aqi)")
    p.add_argument("--bound", choices=("low", "central", "high"), default="high",
                   help="for aqi_low/aqi_high range forecasts: which value to use (default high)")
    p.add_argument("--issued-at", default=None, help="issue time (Beijing time if no offset); overrides the file")
    p.add_argument("--sheet", default=None, help="workbook sheet name or 0-based index (default: the first)")
    p.add_argument("--variable", default=None, help="NetCDF variable (default: the first PM2.5-like name)")
    p.add_argument("--format", choices=("json", "text"), default="json", help="output format (default json)")
    p.add_argument("--output", default="-", metavar="PATH", help="write here instead of stdout")
    p.add_argument("--progress", action="store_true", help="report progress on stderr (long grid files)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from app.cli._common import dump_json, write_output
    from app.domain.progress import Progress
    from app.importing import load_forecast
    from app.importing.summary import summarise, summary_text

    last = {"step": -1, "message": ""}

    def show(fraction: float, message: str) -> None:
        step = int(fraction * 10)  # a line per 10 % or per new stage, not per call
        if step != last["step"] or message != last["message"]:
            last.update(step=step, message=message)
            print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)

    if args.observed:
        return _observed(args)
    if args.forecast is None:
        from app.errors import InputError, Problem

        raise InputError(Problem("no file to inspect", expected="a forecast file, or --observed OBS"))
    progress = Progress(show) if args.progress else None
    forecast = load_forecast(args.forecast, pollutant=args.pollutant, range_bound=args.bound,
                             issued_at=args.issued_at, sheet=args.sheet, variable=args.variable, progress=progress)
    summary = summarise(forecast)
    write_output(dump_json(summary) if args.format == "json" else summary_text(summary), args.output)
    return 0


def _observed(args: argparse.Namespace) -> int:
    from app.cli._common import dump_json, write_output
    from app.errors import InputError, Problem
    from app.importing.observed import load_observed_series
    from app.importing.summary import summarise, summary_text

    if args.forecast is not None:
        raise InputError(Problem("inspect reads a forecast or observed files, not both", value=args.forecast,
                                 expected="FORECAST, or --observed OBS without FORECAST"))
    series = load_observed_series(args.observed, boundaries=args.boundaries)
    summary = summarise(series.forecast)
    summary["source"] = ", ".join(series.paths)
    counts = series.station_counts
    stations = None if counts is None else {
        unit: {"fewest": int(row[row >= 0].min()) if (row >= 0).any() else None,
               "most": int(row.max()) if (row >= 0).any() else None}
        for unit, row in zip(series.forecast.units, counts)}
    summary["stations_per_unit"] = stations
    text = "".join(line for line in summary_text(summary).splitlines(keepends=True)
                   if not line.startswith("issued at:"))  # observations are not issued
    if stations:
        text += "stations per unit and hour (fewest–most):\n" + "".join(
            f"  {unit} {c['fewest']}–{c['most']}\n" for unit, c in stations.items() if c["most"] is not None)
    write_output(dump_json(summary) if args.format == "json" else text, args.output)
    return 0
