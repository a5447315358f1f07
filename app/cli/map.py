"""``hazedesk map FORECAST``: a meeting map (PNG/PDF/SVG), or a series of numbered PNGs and an animated GIF.

    hazedesk map FORECAST [--time ISO8601 | --day YYYY-MM-DD] [--layer aqi|daily|warning] --out OUT.(png|pdf|svg)
                 [--dpi N] [--paper A4|A3] [--series hourly|daily [--gif OUT.gif]] [--issued-at ISO8601]

Without --time/--day the map shows the start of the first regional episode (else the forecast's first step).
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("map", help="export a meeting map (PNG/PDF/SVG) or a map series with an animated GIF")
    p.add_argument("forecast", metavar="FORECAST", help="forecast file")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--time", default=None, help="hour to show (ISO 8601, Beijing time if naive)")
    when.add_argument("--day", default=None, metavar="YYYY-MM-DD", help="day to show")
    p.add_argument("--layer", choices=("aqi", "daily", "warning"), default="warning", help="what to colour")
    p.add_argument("--out", required=True, metavar="OUT", help="output .png, .pdf or .svg (series: numbered .png)")
    p.add_argument("--dpi", type=int, default=None, help="PNG resolution (default 300; series 150)")
    p.add_argument("--paper", choices=("A4", "A3"), default="A4", help="landscape page size")
    p.add_argument("--series", choices=("hourly", "daily"), default=None, help="one map per hour or per day")
    p.add_argument("--gif", default=None, metavar="OUT", help="with --series: also an animated GIF")
    p.add_argument("--issued-at", default=None, help="forecast issue time (ISO 8601)")
    p.add_argument("--scheme", default=None, help="scheme TOML (default: the bundled 2025–26 scheme)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from datetime import date

    from app.cli._common import loading

    # modules (Qt's, or for PDF/SVG matplotlib's ~1,000 classes), forecast, evaluation and the page: loaded with the
    # collector paused, then frozen — 0.10–0.15 s of collections that found no garbage (issue 26)
    with loading(args):
        from app.domain.progress import Progress
        from app.errors import InputError, Problem
        from app.export.inputs import load_and_evaluate, parse_time
        from app.export.map_layers import default_step
        from app.export.maps import MapExporter, export_map, export_series, output_format

        output_format(args.out)  # refuse a bad file type before the slow part
        if args.gif and not args.series:
            raise InputError(Problem("--gif needs --series hourly|daily", column="--gif", value=args.gif))
        step = None
        if args.time:
            step = {"time": parse_time(args.time, "--time")}
        elif args.day:
            try:
                step = {"day": date.fromisoformat(args.day)}
            except ValueError as exc:
                raise InputError(Problem("not a date", column="--day", value=args.day,
                                         expected="YYYY-MM-DD")) from exc
        inputs = load_and_evaluate(args.forecast, issued_at=parse_time(args.issued_at, "--issued-at"),
                                   scheme_path=args.scheme)
        # PNG pages (one map or a series) drawn by Qt on its offscreen platform (app.export_qt.map_page), PDF and
        # SVG by matplotlib; Qt imported last, as PySide6 reads the source of every module imported after it
        from app.export_qt.map_page import page_for

        exporter = MapExporter(inputs.evaluation, inputs.forecast.meta, inputs.scheme, paper=args.paper,
                               page=page_for(args.out))
    if args.series:
        def show(fraction: float, message: str) -> None:
            if message:
                print(f"\r{fraction:5.0%} {message}", end="", file=sys.stderr, flush=True)

        written = export_series(exporter, args.out, layer=args.layer, series=args.series, gif=args.gif,
                                dpi=args.dpi or 150, progress=Progress(show))
        print(file=sys.stderr)
    else:
        step = step or default_step(inputs.evaluation, args.layer)
        written = [export_map(exporter, args.out, layer=args.layer, step=step, dpi=args.dpi or 300)]
    for path in written:
        print(path)
    return 0
