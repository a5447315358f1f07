"""``hazedesk consult F1 F2 …``: several forecasts side by side and one consensus; prints one JSON object.

    hazedesk consult F1 F2 … [--names A,B,…] [--consensus median|majority|source:NAME] [--k N]
                     [--scheme PATH] [--mode calendar|rolling] [--aqi-edition auto|2012|2026]
                     [--observed OBS ...] [--recorded-by NAME] [--decided-at ISO8601] [--participants TEXT]
                     [--note TEXT] [--json PATH|-] [--minutes OUT.pdf|OUT.docx]

Forecasts are any file HazeDesk reads (tables, CF grids, WRF-Chem wrfout, CMAQ IOAPI). The JSON is the
:class:`~app.consultation.record.ConsultationRecord` (keys described there): ``sources``, ``regions`` (per region
and day each source's level and the counts at-or-above), ``consensus`` (``method``, ``episodes`` as ``evaluate``
gives them), plus the days, the peak daily AQI spread, each city's min/median/max daily AQI, the dissent, what
each source lacks and the decision. ``--minutes`` also writes the 会商纪要 (PDF or Word). The consensus is dated
by the decision (``--decided-at``, default now; once every source's period has ended — a past winter replayed —
the newest source's issue time): its D+0 is the decision's day and its lead times run from it.
``--observed`` (city tables or the national network's station files, repeatable, as ``evaluate`` reads them) is
spliced before every source and the consensus (spec §7): an episode already running is judged with its observed
days; the record's ``observed`` names the files (sha256, hours) so that reopening it reads the same again, and
``observed_warnings`` says what was found in them and where they overlap each forecast.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("consult", help="compare several forecasts region by region and day by day; one consensus")
    p.add_argument("forecasts", metavar="FORECAST", nargs="+", help="two or more forecast files")
    p.add_argument("--names", default=None, metavar="A,B,…",
                   help="a name per forecast, comma-separated, in order (default: the producer or the file name)")
    p.add_argument("--consensus", default="median", metavar="METHOD",
                   help="median (ensemble median of hourly PM2.5, evaluated), majority (the level at least k of n "
                        "sources reach per region) or source:NAME (one source's episodes); default median")
    p.add_argument("--k", type=int, default=None, help="for --consensus majority: sources needed (default: a majority)")
    p.add_argument("--scheme", default=None, help="scheme TOML (default: the bundled 2025–26 scheme)")
    p.add_argument("--mode", choices=("calendar", "rolling"), default=None,
                   help="daily AQI by calendar day (default) or rolling 24 h, the same for every source")
    p.add_argument("--aqi-edition", choices=("auto", "2012", "2026"), default="auto",
                   help="HJ 633 edition: by each value's date (auto, default) or forced")
    p.add_argument("--observed", action="append", default=None, metavar="OBS",
                   help="what was observed before the forecasts (a city table, a national station file or a folder "
                        "of them; repeatable): spliced before every source and the consensus (spec §7)")
    p.add_argument("--recorded-by", default="", help="who records the decision (kept in the record and minutes)")
    p.add_argument("--decided-at", default=None, metavar="ISO8601",
                   help="when the consultation decided (Beijing time unless given; default now, or, when every "
                        "source's period has ended, the newest source's issue time): the consensus is dated by it, "
                        "lead times run from it")
    p.add_argument("--participants", default="", metavar="TEXT",
                   help="参会单位及人员: who took part (printed in the minutes)")
    p.add_argument("--note", default="", help="the officer's remark on the decision")
    p.add_argument("--json", default="-", metavar="PATH", help="write the JSON here (default: stdout)")
    p.add_argument("--minutes", default=None, metavar="OUT",
                   help="also write the 会商纪要 (consultation minutes) as .pdf or .docx")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import datetime
    from pathlib import Path

    from app.cli._common import dump_json, write_output
    from app.consultation import build_consensus, compare, make_record, name_sources, parse_method
    from app.consultation.compare import check_distinct
    from app.domain.scheme import BEIJING, load_scheme
    from app.errors import InputError, Problem
    from app.export.inputs import parse_time
    from app.importing import load_forecast
    from maps.derived import scheme_neighbours

    if len(args.forecasts) < 2:
        count = len(args.forecasts)
        raise InputError(Problem(f"a consultation needs at least two forecasts (got {count})",
                                 expected="two or more forecast files"))
    minutes = Path(args.minutes) if args.minutes else None
    if minutes is not None and minutes.suffix.lower() not in (".pdf", ".docx"):
        raise InputError(Problem("the minutes are written as PDF or Word", column="--minutes", value=str(minutes),
                                 expected="a file name ending in .pdf or .docx"))
    scheme = load_scheme(args.scheme)
    names = [n for n in args.names.split(",")] if args.names is not None else None
    forecasts = [load_forecast(path) for path in args.forecasts]
    sources = name_sources(forecasts, names)
    check_distinct(sources)
    method, chosen = parse_method(args.consensus, [s.name for s in sources], [r.name for r in scheme.regions])
    if args.k is not None and method != "majority":
        raise InputError(Problem("--k applies only to the majority consensus", column="--k", value=str(args.k),
                                 expected="--consensus majority --k N"))
    observed = None
    if args.observed:
        from app.importing.observed import load_observed_series

        observed = load_observed_series(args.observed, scheme=scheme)
    neighbours = scheme_neighbours(scheme)  # the derived adjacency, cached: not measured from the GeoPackage
    comparison = compare(sources, scheme, neighbours, mode=args.mode, edition=args.aqi_edition, observed=observed)
    decided = parse_time(args.decided_at, "--decided-at") if args.decided_at else None
    if decided is None:  # now, or, when every source's period has ended (a past winter), its newest issue time
        from app.consultation.consensus import decision_time

        decided = decision_time(comparison, datetime.now(BEIJING).replace(second=0, microsecond=0))
    consensus = build_consensus(comparison, method, k=args.k, chosen=chosen, decided_at=decided)
    record = make_record(comparison, consensus, recorded_by=args.recorded_by, note=args.note, recorded_at=decided,
                         participants=args.participants)
    output = record.to_json()
    output["import_warnings"] = {s.name: [w.to_dict() for w in s.forecast.warnings] for s in sources}
    if observed is not None:
        output["observed_warnings"] = _observed_warnings(observed, comparison)
    write_output(dump_json(output), args.json)
    if args.json not in (None, "-"):
        from app.export.audit import record_export

        record_export("consultation-json", [args.json], scheme_id=scheme.id, scheme_version=scheme.version,
                      details={"sources": [s.name for s in sources], "method": method,
                               "forecasts": {s.name: s.forecast.meta.sha256 for s in sources},
                               "observed": {f.path: f.sha256 for f in comparison.observed_files}})
    if minutes is not None:
        from app.export.minutes import write_minutes

        write_minutes(record, minutes)
    return 0


def _observed_warnings(observed, comparison) -> list[dict]:
    """What the observed files gave rise to (each finding once), then, per source, where the observations overlap
    its forecast (ignored from its first hour on, spec §7), with the source's name (``source``)."""
    from app.domain.splice import splice

    out = [w.to_dict() for w in observed.findings]
    scheme = comparison.scheme
    for i, source in enumerate(comparison.sources):  # as judged: an older source from the newest's first hour
        for finding in splice(comparison.judged(i), observed.forecast, comparison.edition, scheme.edition_switch,
                              scheme.min_valid_hours).findings:
            out.append({**finding.to_dict(), "source": source.name})
    return out
