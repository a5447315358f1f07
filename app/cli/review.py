"""``hazedesk review``: forecasts against what was observed (应对评估); prints one JSON object.

    hazedesk review --observed OBS [--observed OBS …] --forecast F [F …] [--names A,B,…] [--case ID] [--cases-db PATH]
                    [--json PATH|-] [--docx OUT] [--pdf OUT] [--scheme PATH]

OBS: observed PM2.5 per city, hourly or daily means, or daily AQI (CSV/TSV/XLSX; any span of days), or the
national network's station files (a file or a folder); repeated, the files are merged in time. Each F is a
forecast file as ``hazedesk evaluate`` reads it; ``--names`` labels them (default: the file names). With
``--case``, the warnings issued in that case of the case library are compared with the observed episodes and the
review is stored in the case. The JSON keys are described in :mod:`app.review.jsonout`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from app.domain.forecast import Forecast
    from app.domain.observations import Observations
    from app.review.review import ForecastParts


T = TypeVar("T")
_RAISED = object()  # _outcome's "no default": the exception itself is returned


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="review forecasts (and the warnings of a case) against observations; "
                                      "prints JSON")
    p.add_argument("--observed", required=True, action="append", metavar="OBS",
                   help="observed PM2.5 per city (hourly or daily means) or daily AQI, or the national network's "
                        "station files (a file or a folder); repeat to merge several in time")
    p.add_argument("--forecast", required=True, nargs="+", metavar="F", help="forecast files, in issue order")
    p.add_argument("--names", default=None, metavar="A,B,…", help="a name per forecast, comma-separated")
    p.add_argument("--case", default=None, metavar="ID", help="a case of the case library: its warnings issued "
                                                               "are reviewed too, and the review is stored in it")
    p.add_argument("--cases-db", default=None, metavar="PATH",
                   help="the case library (default: cases.sqlite in the state folder)")
    p.add_argument("--json", default="-", metavar="PATH", help="write the JSON here (default: stdout)")
    p.add_argument("--docx", default=None, metavar="OUT", help="also write the review report as Word")
    p.add_argument("--pdf", default=None, metavar="OUT", help="also write the review report as PDF")
    p.add_argument("--scheme", default=None, help="scheme TOML (default: the bundled 2025–26 scheme)")
    p.set_defaults(func=run)


def forecast_names(paths: list[str], names: str | None, forecasts: list | None = None) -> list[str]:
    """The officer's names, else each forecast's producer as the consultation names it (the regional centre
    when the file names none; "(2)" … for a second of the same) — the report prints them, never file names."""
    from pathlib import Path

    from app.errors import InputError, Problem

    if names is None:
        if forecasts is not None:
            from app.consultation.sources import name_sources

            return [s.name for s in name_sources(forecasts)]
        stems = [Path(p).stem for p in paths]
        return [s if stems.count(s) == 1 else f"{s}#{i + 1}" for i, s in enumerate(stems)]
    given = [n.strip() for n in names.split(",")]
    if len(given) != len(paths) or any(not n for n in given) or len(set(given)) != len(given):
        raise InputError(Problem("--names needs one distinct, non-empty name per forecast", column="--names",
                                 value=names, expected=f"{len(paths)} names separated by commas"))
    return given


def load_inputs(paths: list[str], load: Callable[[str], T], observed: Callable[[], Observations],
                named: Callable[[list[T]], list[str]]) -> tuple[list[T], list[str], Observations]:
    """The forecasts (``load`` of each path, in order), their names (``named(forecasts)``) and the observations
    (``observed()``), the files read two at a time: half of reading a long table is numpy and pandas work that
    releases the GIL (finding the delimiters, gathering and hashing the cells, the file's sha256), which the
    other thread's Python work overlaps (issue 26: five year-long forecasts read in 0.37 s against 0.50 s one
    after the other). The results, and the error raised first, are those of doing it one after the other
    (forecasts in order, names, observations); what was not started when one fails is not read."""
    if len(paths) < 2:
        forecasts = [load(p) for p in paths]
        names = named(forecasts)
        return forecasts, names, observed()
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(2, thread_name_prefix="hazedesk-read")
    try:
        pending = [pool.submit(load, p) for p in paths]
        observations = pool.submit(observed)
        forecasts = [f.result() for f in pending]
        names = named(forecasts)
        return forecasts, names, observations.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _outcome(fn: Callable, *args, default: object = _RAISED, **kwargs):
    """``fn(*args, **kwargs)``, or the exception it raised (``default`` instead when given): to raise later,
    where doing things one after the other would have met it."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:
        return exc if default is _RAISED else default


def run(args: argparse.Namespace) -> int:
    from app.cli._common import dump_json, loading, write_output

    with loading(args):  # modules, forecasts, observations: with the collector paused (issue 26)
        from app.domain.scheme import load_scheme
        from app.importing import load_forecast
        from app.importing.observed import load_observations
        from app.review.jsonout import review_to_json
        from app.review.review import forecast_parts, review
        from maps.derived import scheme_neighbours

        scheme = load_scheme(args.scheme)
        neighbours = _outcome(scheme_neighbours, scheme)  # for the reader threads; its error comes in its turn

        def read(path: str) -> tuple[Forecast, ForecastParts | None]:
            """A forecast and, while the other thread reads, what the review computes of it alone (none when
            that fails: the review meets the error again in its own order)."""
            forecast = load_forecast(path)
            if isinstance(neighbours, BaseException):
                return forecast, None
            return forecast, _outcome(forecast_parts, forecast, scheme, neighbours, default=None)

        loaded, names, observations = load_inputs(
            args.forecast, read, lambda: load_observations(args.observed, edition_switch=scheme.edition_switch),
            lambda pairs: forecast_names(args.forecast, args.names, [f for f, _ in pairs]))
        forecasts = {n: f for n, (f, _) in zip(names, loaded, strict=True)}
        parts = {n: p for n, (_, p) in zip(names, loaded, strict=True) if p is not None}
    issued, issued_times, periods, library = [], {}, [], None
    if args.case:
        from app.cases.library import open_library

        library = open_library(args.cases_db)
        issued, issued_times = library.issued_warnings(args.case)
        periods = library.warning_periods(args.case)
    if isinstance(neighbours, BaseException):
        raise neighbours
    result = review(observations, forecasts, scheme, neighbours, issued=issued, issued_times=issued_times,
                    issued_periods=periods, with_issued=bool(args.case), parts=parts)
    meta = {n: {"path": f.meta.source_path, "sha256": f.meta.sha256} for n, f in forecasts.items()}
    output = review_to_json(result, scheme, meta)
    if args.docx or args.pdf:
        from app.cases.status import case_for_report
        from app.export.review_report import write_review_report

        texts = library.report_texts(args.case) if library is not None else {}
        output["report"] = write_review_report(result, scheme, docx=args.docx, pdf=args.pdf, texts=texts,
                                               case=case_for_report(library, args.case, scheme)
                                               if library is not None else None)
    if library is not None:
        library.record_review(args.case, observations, output)
    write_output(dump_json(output), args.json)
    if args.json not in (None, "-"):
        from app.export.audit import record_export

        record_export("review-json", [args.json], scheme_id=scheme.id, scheme_version=scheme.version,
                      details={"case": args.case, "observed": "; ".join(map(str, args.observed)),
                               "forecasts": {n: m["sha256"] for n, m in meta.items()}})
    # the JSON (and the report) are written and closed: the interpreter's tear-down — every module and object
    # freed one by one, 0.15–0.2 s after a year's review of five forecasts — is skipped, as replay and gui
    # --screenshot skip it (app.cli.leave_at_once); with --case the library is left to close as usual
    args.leave_at_once = library is None
    return 0
