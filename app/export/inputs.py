"""Load and evaluate a forecast for an export (the CLI and the benchmarks; the GUI already holds an Evaluation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.engine import evaluate
from app.domain.forecast import Forecast
from app.domain.results import Evaluation
from app.domain.scheme import BEIJING, Scheme, load_scheme
from app.errors import InputError, Problem


@dataclass
class ExportInputs:
    forecast: Forecast
    scheme: Scheme
    evaluation: Evaluation
    observed: object | None = None  # app.importing.observed_series.ObservedSeries spliced before the forecast


def parse_time(text: str | None, option: str) -> datetime | None:
    """An ISO 8601 option value as an aware Beijing time (naive means Beijing)."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InputError(Problem("not a date-time", column=option, value=text,
                                 expected="ISO 8601, e.g. 2026-01-09T10:00:00+08:00")) from exc
    return value if value.tzinfo else value.replace(tzinfo=BEIJING)


def load_and_evaluate(path: str, *, issued_at: datetime | None = None, scheme_path: str | None = None,
                      mode: str | None = None, in_force_files: list[str] | None = None,
                      observed_files: list[str] | None = None) -> ExportInputs:
    """``in_force_files``: warnings in force (JSON or issued letters, applied in order) for follow-up advice;
    ``observed_files``: what was observed (city tables, station files or folders), spliced before the forecast."""
    from app.importing import load_forecast
    from maps.derived import scheme_neighbours

    scheme = load_scheme(scheme_path)
    in_force = warnings_in_force(in_force_files, scheme) if in_force_files else None
    forecast = load_forecast(path, issued_at=issued_at)
    observed = None
    if observed_files:
        from app.importing.observed import load_observed_series

        observed = load_observed_series(observed_files, scheme=scheme)
    evaluation = evaluate(forecast, scheme, scheme_neighbours(scheme), mode=mode, issued_at=issued_at,
                          in_force=in_force, observed=None if observed is None else observed.forecast)
    return ExportInputs(forecast, scheme, evaluation, observed)


def warnings_in_force(paths: list[str], scheme: Scheme) -> list:
    """JSON files give their warnings; issued letters (.docx/.pdf) are applied in order, as the GUI does."""
    from pathlib import Path

    from app.domain.recommend import load_in_force
    from app.export.proposal_readback import apply_letters, read_issued_letters

    warnings: list = []
    for path in paths:
        if Path(path).suffix.lower() in (".docx", ".pdf"):
            warnings = apply_letters(warnings, read_issued_letters(path, scheme))
        else:
            warnings = [*warnings, *load_in_force(path, scheme)]
    return warnings
