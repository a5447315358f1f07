"""``hazedesk evaluate FORECAST``: run the warning engine on a forecast and print the result as one JSON object.

    hazedesk evaluate FORECAST [--scheme PATH] [--mode calendar|rolling] [--aqi-edition auto|2012|2026]
                      [--issued-at ISO8601] [--in-force FILE ...] [--observed OBS ...] [--against PREVIOUS]
                      [--json PATH|-] [--strict]
                      [--pollutant NAME] [--bound low|central|high] [--sheet NAME|INDEX] [--variable NAME]

The last four say how to read the forecast, as for ``hazedesk inspect``.

The JSON keys are a stable contract (issue 4): see :mod:`app.domain.evaljson`. ``--observed`` splices what was
observed before the forecast's first hour (spec §7; city tables or the national network's station files, each
repeatable); ``--against`` adds ``changes``: per region, the episodes added, removed, moved or changed in level
against a previous forecast (:mod:`app.domain.changes`). ``import_warnings`` lists what
the importer found (each with its place, what was read and expected, and what was done about it); the exit
code stays 0 with warnings, unless ``--strict``: then any warning (importer's or engine's) exits 2, after the
JSON is written, with one line on stderr.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="evaluate a forecast against the warning scheme; prints JSON")
    p.add_argument("forecast", metavar="FORECAST", help="forecast file (long CSV time,city,pm25 and other formats)")
    p.add_argument("--scheme", default=None, help="scheme TOML (default: the bundled 2025–26 scheme)")
    p.add_argument("--mode", choices=("calendar", "rolling"), default=None,
                   help="daily AQI by calendar day (default) or rolling 24 h")
    p.add_argument("--aqi-edition", choices=("auto", "2012", "2026"), default="auto",
                   help="HJ 633 edition: by each value's date (auto, default) or forced")
    p.add_argument("--issued-at", default=None, help="forecast issue time (ISO 8601, Beijing time if naive)")
    p.add_argument("--in-force", action="append", default=None, metavar="FILE",
                   help="warnings in force: a JSON file ({region, level, start[, end, end_at_least, previous_level, "
                        "change_at]}) or an issued HazeDesk proposal letter (.docx/.pdf); repeat to apply letters "
                        "in order (a lift letter removes its warning); adds one recommendation per warning")
    p.add_argument("--observed", action="append", default=None, metavar="OBS",
                   help="what was observed before the forecast (a city table, a national station file or a folder "
                        "of them; repeatable): spliced before the forecast's first hour (spec §7)")
    p.add_argument("--against", default=None, metavar="PREVIOUS",
                   help="a previous forecast: adds \"changes\", the episodes added, removed, moved or changed in "
                        "level per region")
    p.add_argument("--json", default="-", metavar="PATH", help="write the JSON here (default: stdout)")
    p.add_argument("--strict", action="store_true",
                   help="exit 2 when the importer or the engine reported any warning (the JSON is still written)")
    # How to read the forecast (the same options as `hazedesk inspect`)
    p.add_argument("--pollutant", default=None, help="the field a wide table gives (pm25, pm10, …, aqi)")
    p.add_argument("--bound", choices=("low", "central", "high"), default="high",
                   help="for aqi_low/aqi_high range forecasts: which value to use (default high)")
    p.add_argument("--sheet", default=None, help="workbook sheet name or 0-based index (default: the first)")
    p.add_argument("--variable", default=None, help="NetCDF variable (default: the first PM2.5-like name)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from app.cli._common import dump_json, write_output
    from app.domain.engine import evaluate
    from app.domain.evaljson import evaluation_to_json
    from app.domain.recommend import load_in_force
    from app.domain.scheme import BEIJING, load_scheme
    from app.errors import InputError, Problem
    from app.importing import load_forecast
    from maps.derived import scheme_neighbours

    scheme = load_scheme(args.scheme)
    issued_at = None
    if args.issued_at:
        try:
            issued_at = datetime.fromisoformat(args.issued_at)
        except ValueError as exc:
            raise InputError(Problem("not a date-time", column="--issued-at", value=args.issued_at,
                                     expected="ISO 8601, e.g. 2026-01-02T12:00:00+08:00")) from exc
        if issued_at.tzinfo is None:
            issued_at = issued_at.replace(tzinfo=BEIJING)
    in_force = _warnings_in_force(args.in_force, scheme, load_in_force) if args.in_force else None
    forecast = load_forecast(args.forecast, pollutant=args.pollutant, range_bound=args.bound, issued_at=issued_at,
                             sheet=args.sheet, variable=args.variable, ceilings=scheme.plausible_max)
    observed = None
    if args.observed:
        from app.importing.observed import load_observed_series

        observed = load_observed_series(args.observed, scheme=scheme)
    neighbours = scheme_neighbours(scheme)
    evaluation = evaluate(forecast, scheme, neighbours, mode=args.mode, edition=args.aqi_edition,
                          issued_at=issued_at, in_force=in_force,
                          observed=None if observed is None else observed.forecast)
    imported = [*forecast.warnings, *(observed.findings if observed is not None else ())]
    output = evaluation_to_json(evaluation, with_recommendations=in_force is not None, import_warnings=imported)
    if observed is not None:
        output["observed_files"] = list(observed.paths)
    if args.against:
        output["changes"] = _changes(args, scheme, neighbours, evaluation)
    write_output(dump_json(output), args.json)
    if args.json not in (None, "-"):
        from app.export.audit import record_export

        record_export("evaluation-json", [args.json], scheme_id=scheme.id, scheme_version=scheme.version,
                      forecast_sha256=forecast.meta.sha256, forecast_path=forecast.meta.source_path,
                      details={"mode": evaluation.mode, "import_warnings": len(forecast.warnings),
                               "episodes": len(evaluation.episodes)})
    if args.strict:
        return _strict_exit(imported, evaluation.findings)
    return 0


def _changes(args, scheme, neighbours, evaluation) -> dict:
    """``changes``: the previous forecast read as this one (scheme, mode, edition, reading options), as issued."""
    from app.domain.changes import changes_between
    from app.domain.engine import evaluate
    from app.domain.evaljson import changes_to_json, iso
    from app.importing import load_forecast

    previous = load_forecast(args.against, pollutant=args.pollutant, range_bound=args.bound, sheet=args.sheet,
                             variable=args.variable, ceilings=scheme.plausible_max)
    before = evaluate(previous, scheme, neighbours, mode=args.mode, edition=args.aqi_edition)
    changes = changes_between(before, evaluation, scheme.merge_gap_hours)
    return {"against": {"path": str(args.against), "issued_at": iso(before.issued_at),
                        "start": iso(before.times[0].to_pydatetime()), "end": iso(before.times[-1].to_pydatetime())},
            "regions": changes_to_json(changes, [r.name for r in scheme.regions])}


def _strict_exit(import_findings: list, engine_findings: list) -> int:
    """--strict: 2 and one line naming the worst warning when there is any (notes do not count)."""
    import sys

    from app.cli import message_language
    from app.errors import worst

    warned = [f for f in (*import_findings, *engine_findings) if f.severity in ("error", "warning")]
    if not warned:
        return 0
    first = worst(warned)
    if message_language() == "zh":
        print(f"hazedesk evaluate：--strict：{len(warned)} 条警告，首条：{first.render('zh')}", file=sys.stderr)
    else:
        print(f"hazedesk evaluate: --strict: {len(warned)} warning(s), the first: {first}", file=sys.stderr)
    return 2


def _warnings_in_force(paths: list[str], scheme, load_json) -> list:
    """JSON files give their warnings; issued letters (.docx/.pdf) are applied in order, as the GUI does."""
    from pathlib import Path

    from app.export.proposal_readback import apply_letters, read_issued_letters

    warnings: list = []
    for path in paths:
        if Path(path).suffix.lower() in (".docx", ".pdf"):
            warnings = apply_letters(warnings, read_issued_letters(path, scheme))
        else:
            warnings = [*warnings, *load_json(path, scheme)]
    return warnings
