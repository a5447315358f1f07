"""A :class:`~app.review.review.Review` as the JSON object ``hazedesk review`` prints.

Contract keys (issue 16): ``cities`` — ``{city: {forecast: {days, bias, rmse, category_accuracy,
half_level_accuracy, contingency: {"150"|"200"|"300": {hits, misses, false_alarms, correct_negatives, pod, far,
csi}}}}}`` over the days both have; ``regions`` — ``{region: {observed_episodes, forecast_episodes: {name: […]},
missing_cities}}``; ``observed`` — ``{path, sha256, start, end, cities_present, cities_missing}``. Extra keys add
detail: ``forecasts`` (file, sha256, issue time), ``period``, ``lead_days`` (per city, D+1…D+5, when several
forecasts), ``overall`` and ``overall_lead_days`` (pooled over cities), per region ``partial``, ``missing_days``,
``matches`` (hit / miss / false alarm per forecast, with offsets and lead times) and the issued warnings with
theirs, and ``level_days`` (day by day the observed regional level, the level in force when the warnings were
given — source ``issued`` — and each forecast's, ``null`` on days a forecast does not cover, with counts of the
days each gave the same, a higher or a lower level: :mod:`app.review.level_days`). Times ISO 8601 +08:00; ``end`` inclusive; scores ``null`` where undefined.
"""

from __future__ import annotations

from app.domain.evaljson import iso
from app.domain.scheme import Scheme
from app.review.level_days import RegionLevelDays, region_level_days
from app.review.metrics import rounded
from app.review.review import Match, Review, Span


def span_json(span: Span) -> dict:
    out = {"level": span.level, "start": iso(span.start), "end": iso(span.end)}
    if span.lead_time_hours is not None:
        out["lead_time_hours"] = round(span.lead_time_hours, 1)
    if span.trigger_cities:
        out["trigger_cities"] = list(span.trigger_cities)
    return out


def match_json(m: Match) -> dict:
    out = {"outcome": m.outcome,
           "observed": None if m.observed is None else span_json(m.observed),
           "predicted": None if m.predicted is None else span_json(m.predicted)}
    if m.outcome == "hit":
        out["start_offset_hours"] = round(m.start_offset_hours, 1)
        out["end_offset_hours"] = round(m.end_offset_hours, 1)
        out["lead_time_hours"] = None if m.lead_time_hours is None else round(m.lead_time_hours, 1)
        out["lead_time_ok"] = m.lead_time_ok
        out["level_offset"] = m.level_offset  # + : too high
    return out


def level_days_json(days: RegionLevelDays) -> dict:
    return {"days": [d.date().isoformat() for d in days.days], "observed": list(days.observed),
            "partial": list(days.partial), "sources": {n: list(v) for n, v in days.sources.items()},
            "counts": {n: {"days": c.days, "same": c.same, "higher": c.higher, "lower": c.lower,
                           "false_alarm_days": c.false_alarm_days, "missed_days": c.missed_days}
                       for n, c in days.counts.items()}}


def review_to_json(rv: Review, scheme: Scheme, forecast_meta: dict[str, dict] | None = None) -> dict:
    obs = rv.observations
    present = list(obs.units)
    observed = {"path": obs.path, "sha256": obs.sha256,
                "start": obs.days[0].date().isoformat() if len(obs.days) else None,
                "end": obs.days[-1].date().isoformat() if len(obs.days) else None,
                "cities_present": present,
                "cities_missing": [c for c in scheme.linkage_cities if c not in set(present)],
                "kind": obs.source_kind, "aqi_edition": rv.observed_window.edition_label,
                "blank_cells": obs.blank_cells, "zero_cells": obs.zero_cells,
                "warnings": [str(w) for w in obs.warnings]}
    regions = {}
    by_day = region_level_days(rv)
    for name, r in rv.regions.items():
        regions[name] = {
            "observed_episodes": [span_json(s) for s in r.observed_episodes],
            "forecast_episodes": {n: [span_json(s) for s in spans] for n, spans in r.forecast_episodes.items()},
            "missing_cities": list(r.missing_cities),
            "partial": r.partial,
            "missing_days": dict(r.missing_days),
            "matches": {n: [match_json(m) for m in ms] for n, ms in r.matches.items()},
            "issued_warnings": [span_json(s) for s in r.issued],
            "issued_matches": [match_json(m) for m in r.issued_matches],
            "level_days": level_days_json(by_day[name]),
        }
    forecasts = {}
    for n in rv.names:
        days = rv.forecast_daily[n].days
        forecasts[n] = {"issued_at": iso(rv.issued_at[n]), "start": days[0].date().isoformat(),
                        "end": days[-1].date().isoformat(), **(forecast_meta or {}).get(n, {})}
    return {
        "observed": observed,
        "period": {"start": rv.period[0].date().isoformat(), "end": rv.period[1].date().isoformat()},
        "forecasts": forecasts,
        "cities": {c: {n: rounded(s) for n, s in by.items()} for c, by in rv.cities.items()},
        "lead_days": {c: {k: rounded(s) for k, s in by.items()} for c, by in rv.lead_days.items()},
        "overall": {n: rounded(s) for n, s in rv.overall.items()},
        "overall_lead_days": {k: rounded(s) for k, s in rv.overall_lead_days.items()},
        "regions": regions,
    }
