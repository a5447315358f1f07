"""``hazedesk inspect FORECAST``: load a forecast file and print what was understood — format, encoding, issue
time, horizon, units covered and missing, fields, value ranges — and every warning.

    hazedesk inspect FORECAST [--pollutant P] [--bound low|central|high] [--issued-at TIME] [--sheet NAME]
                     [--variable NAME] [--format json|text] [--output PATH|-] [--progress]

Bad input: exit code 2 and one message per problem (file, row, column, value, what was expected).
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("inspect", help="load a forecast file and print its metadata, coverage and warnings")
    p.add_argument("forecast", metavar="FORECAST", help="CSV/TSV/XLSX table or NetCDF grid")
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

    progress = Progress(show) if args.progress else None
    forecast = load_forecast(args.forecast, pollutant=args.pollutant, range_bound=args.bound,
                             issued_at=args.issued_at, sheet=args.sheet, variable=args.variable, progress=progress)
    summary = summarise(forecast)
    write_output(dump_json(summary) if args.format == "json" else summary_text(summary), args.output)
    return 0
