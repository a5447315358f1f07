"""``hazedesk replay --forecasts F1 F2 …``: a winter replayed day by day (spec §7, "Successive forecasts").

    hazedesk replay --forecasts F1 F2 … [--observed OBS …] [--in-force FILE …] [--scheme PATH]
                    [--mode calendar|rolling] [--aqi-edition auto|2012|2026] [--json PATH|-]
                    [--case ID [--cases-db PATH]]

The forecasts are taken in issue order; each is read against the warnings the previous days' letters left in
force (the first against ``--in-force``, JSON or issued letters as for ``evaluate``, else none), with what was
observed before its first hour spliced in (``--observed``). One JSON object: ``days``, one per forecast (its path,
issue time, first hour, observed hours, the warnings in force, the advice, the new warnings and the letters the
rules call for: kind, region, level, start, end, end_at_least), ``in_force`` (after the last day's letters, in the
``--in-force`` JSON form), ``letters`` (how many) and ``timeline``: per region and day the level in force as
issued. This is also how an office back-tests a scheme file on last winter's forecasts (``--scheme``). With
``--case`` the letters are kept in that case as drafts (never as sent: they put nothing in force).
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help="replay forecasts day by day against the warnings their letters leave in force")
    p.add_argument("--forecasts", nargs="+", required=True, metavar="FORECAST",
                   help="forecast files (any order: they are taken in issue order)")
    p.add_argument("--observed", action="append", default=None, metavar="OBS",
                   help="what was observed (city tables, national station files or folders; repeatable)")
    p.add_argument("--in-force", action="append", default=None, metavar="FILE",
                   help="the warnings in force before the first forecast: JSON or issued letters (repeatable)")
    p.add_argument("--scheme", default=None, help="scheme TOML (default: the bundled 2025–26 scheme)")
    p.add_argument("--mode", choices=("calendar", "rolling"), default=None,
                   help="daily AQI by calendar day (default) or rolling 24 h")
    p.add_argument("--aqi-edition", choices=("auto", "2012", "2026"), default="auto",
                   help="HJ 633 edition: by each value's date (auto, default) or forced")
    p.add_argument("--json", default="-", metavar="PATH", help="write the JSON here (default: stdout)")
    p.add_argument("--case", default=None, metavar="ID",
                   help="record each day's letters in this case of the library as drafts (never as sent)")
    p.add_argument("--cases-db", default=None, metavar="PATH", help="the case library (default: the state folder's)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.cli._common import collections_paused, dump_json, loading, write_output

    with loading(args):  # modules, scheme, forecasts, observations: loaded with the collector paused, then frozen
        from app.cli.evaluate import _warnings_in_force
        from app.domain.recommend import load_in_force
        from app.domain.replay import replay
        from app.domain.scheme import load_scheme
        from app.importing import load_forecast
        from maps.derived import scheme_neighbours

        scheme = load_scheme(args.scheme)
        in_force = _warnings_in_force(args.in_force, scheme, load_in_force) if args.in_force else []
        forecasts = [load_forecast(path, ceilings=scheme.plausible_max) for path in args.forecasts]
        observed = None
        if args.observed:
            from app.importing.observed import load_observed_series

            observed = load_observed_series(args.observed, scheme=scheme)
        neighbours = scheme_neighbours(scheme)
    library = None
    if args.case:  # opened (and the case looked up) before the work: a wrong id stops here, not after it
        from app.cases.library import open_library

        library = open_library(args.cases_db)
        library._require(args.case)  # noqa: SLF001 - the library's own "no such case" message
    with collections_paused(args):  # the evaluations make no cyclic garbage and are kept until the JSON
        result = replay(forecasts, scheme, neighbours, observed=None if observed is None else observed.forecast,
                        in_force=in_force, mode=args.mode, edition=args.aqi_edition)
        out = replay_to_json(result, observed)
    if library is not None:
        out["case"] = {"id": args.case, "drafts_added": record_drafts(library, args.case, result)}
    write_output(dump_json(out), args.json)
    # the JSON is written and closed: the interpreter's tear-down (every module and object freed one by one) is
    # skipped, as gui --screenshot does (app.cli.leave_at_once); with --case the library is left to close as usual
    args.leave_at_once = library is None
    return 0


def record_drafts(library, case_id: str, result) -> int:
    """Each day's letters into the case as drafts, with the forecast they come from (one transaction a day)."""
    added = 0
    for day in result.days:
        meta = day.forecast.meta
        added += library.record_drafts(case_id, meta.sha256, day.evaluation.issued_at, day.letters)
    return added


def replay_to_json(result, observed=None) -> dict:
    from app.domain.evaljson import iso, new_warning_to_json, recommendation_to_json
    from app.domain.recommend import warning_to_json

    days = []
    for day in result.days:
        ev, meta = day.evaluation, day.forecast.meta
        days.append({
            "path": meta.source_path, "issued_at": iso(ev.issued_at), "forecast_start": iso(ev.forecast_start),
            "end": iso(ev.times[-1].to_pydatetime()), "observed_hours": ev.observed_hours,
            "in_force": [warning_to_json(w) for w in day.in_force],
            "recommendations": [recommendation_to_json(r) for r in ev.recommendations],
            "new_warnings": [new_warning_to_json(n) for n in ev.new_warnings],
            "letters": [{"kind": x.kind, "region": x.region, "level": x.level, "start": iso(x.start),
                         "end": iso(x.end), "end_at_least": x.end_at_least} for x in day.letters],
            "import_warnings": [f.to_dict() for f in day.forecast.warnings],
            "findings": [f.to_dict() for f in ev.findings],
        })
    out = {"days": days, "in_force": [warning_to_json(w) for w in result.in_force],
           "letters": sum(len(d.letters) for d in result.days), "timeline": result.timeline}
    if observed is not None:
        out["observed_files"] = list(observed.paths)
        out["observed_findings"] = [f.to_dict() for f in observed.findings]
    return out
