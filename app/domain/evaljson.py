"""An :class:`~app.domain.results.Evaluation` as the JSON object of the ``hazedesk evaluate`` contract.

Stable keys (issue 4): ``mode``, ``aqi_edition``, ``issued_at``, ``cities`` (every unit of the forecast: level,
region or null, episodes with start/end/level), ``episodes`` (region, level, start, end, rule, trigger_cities,
warned_cities, lead_time_hours, approval). Extra keys add detail (reasons, runs, triggered days, lead-time flag,
insufficient data); ``recommendations`` only when warnings in force were given, one per warning with its one
expected end (``until``, ``until_at_least``); ``new_warnings`` the episodes that need a start letter (spec §7);
``forecast_start`` the forecast's first hour and ``observed_hours`` the observed hours before it (each episode
says how many of its hours were observed). Times ISO 8601 with +08:00, ``end`` inclusive. ``warnings`` are the engine's findings as Chinese lines; ``findings`` the same with their
severity, action and units, and ``import_warnings`` (when the importer's findings are given) the importer's,
each with its place (file, row, column or variable, cell): see :meth:`app.errors.Problem.to_dict`.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np

from app.domain.results import Evaluation, NewWarning, QualifyingRun, Recommendation, RegionalEpisode
from app.domain.scheme import BEIJING
from app.errors import Problem


def iso(t: datetime | None) -> str | None:
    return None if t is None else t.astimezone(BEIJING).isoformat()


def _number(x: float | None):
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(float(x), 2)


def _run(run: QualifyingRun) -> dict:
    return {"start": iso(run.start), "end": iso(run.end), "aqi_above": _number(run.aqi_above), "hours": run.hours}


def episode_to_json(e: RegionalEpisode) -> dict:
    """One regional episode in the ``episodes`` form of the contract (also used by ``hazedesk consult``)."""
    return {
        "region": e.region, "level": e.level, "start": iso(e.start), "end": iso(e.end),
        "rule": e.rule, "trigger_cities": list(e.trigger_cities), "warned_cities": dict(e.warned_cities),
        "lead_time_hours": _number(e.lead_time_hours), "lead_time_short": e.lead_time_short,
        "lead_time_negative": e.lead_time_hours is not None and e.lead_time_hours < 0,  # issued after the start
        "approval": e.approval, "own_higher": list(e.own_higher), "triggered_days": list(e.triggered_days),
        "qualifying_runs": {c: [_run(r) for r in runs] for c, runs in e.qualifying_runs.items()},
        "observed_hours": e.observed_hours,
    }


def recommendation_to_json(r: Recommendation) -> dict:
    return {"region": r.region, "in_force_level": r.in_force_level, "in_force_start": iso(r.in_force_start),
            "action": r.action, "new_level": r.new_level, "from": iso(r.from_time), "reason": r.reason,
            "reason_en": r.reason_en, "until": iso(r.until), "until_at_least": r.until_at_least,
            "pending": r.pending, "new_start": iso(r.new_start), "process_start": iso(r.process_start),
            "process_end": iso(r.process_end), "joined": r.joined, "due_since": iso(r.due_since),
            "episode_index": r.episode_index}


def new_warning_to_json(n: NewWarning) -> dict:
    return {"region": n.region, "level": n.level, "start": iso(n.start), "end": iso(n.end),
            "end_at_least": n.end_at_least, "lead_time_hours": _number(n.lead_time_hours),
            "lead_time_short": n.lead_time_short, "episode_index": n.episode_index}


def _brief(e: RegionalEpisode | None) -> dict | None:
    return None if e is None else {"level": e.level, "start": iso(e.start), "end": iso(e.end)}


def changes_to_json(changes: list, regions: list[str]) -> dict[str, list[dict]]:
    """``changes`` (:func:`app.domain.changes.changes_between`) per region, every region listed."""
    out: dict[str, list[dict]] = {name: [] for name in regions}
    for c in changes:
        out.setdefault(c.region, []).append({
            "kind": c.kind, "moved": c.moved, "level_changed": c.level_changed, "direction": c.direction,
            "before": _brief(c.before), "after": _brief(c.after),
            "start_shift_hours": _number(c.start_shift_hours), "end_shift_hours": _number(c.end_shift_hours)})
    return out


def evaluation_to_json(evaluation: Evaluation, *, with_recommendations: bool | None = None,
                       import_warnings: list[Problem] | None = None) -> dict:
    ev = evaluation
    cities = {}
    for row, name in enumerate(ev.units):
        result = ev.cities[name]
        insufficient = ev.daily_insufficient[row]
        cities[name] = {
            "level": result.level,
            "region": result.region,
            "episodes": [{"start": iso(e.start), "end": iso(e.end), "level": e.level,
                          "peak_daily_aqi": e.peak_daily_aqi, "runs": [_run(r) for r in e.runs]}
                         for e in result.episodes],
            "insufficient_hours": int(np.count_nonzero(insufficient)),
        }
    episodes = [episode_to_json(e) for e in ev.episodes]
    out = {"mode": ev.mode, "aqi_edition": ev.aqi_edition, "issued_at": iso(ev.issued_at),
           "start": iso(ev.times[0].to_pydatetime()), "end": iso(ev.times[-1].to_pydatetime()),
           "cities": cities, "episodes": episodes, "warnings": list(ev.warnings),
           "findings": [f.to_dict() for f in ev.findings],
           "forecast_start": iso(ev.forecast_start), "observed_hours": ev.observed_hours,
           "new_warnings": [new_warning_to_json(n) for n in ev.new_warnings]}
    if import_warnings is not None:
        out["import_warnings"] = [f.to_dict() for f in import_warnings]
    if ev.range_bound:
        out["range_bound"] = ev.range_bound
    if with_recommendations or (with_recommendations is None and ev.recommendations):
        out["recommendations"] = [recommendation_to_json(r) for r in ev.recommendations]
    return out
