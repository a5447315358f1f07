"""The review of an episode (应对评估, plan 四(七)): forecasts against what was observed, city by city and region by
region, and the warnings actually issued against what the observations justified.

    review(observations, forecasts, scheme, neighbours, issued=None) -> Review

- ``forecasts``: name → :class:`~app.domain.forecast.Forecast` (several issues of one product, or several
  products); each is evaluated by the warning engine (calendar days, HJ 633 edition by date) and brought to
  daily mean PM2.5 / daily AQI per Beijing day (``app.domain.observations``).
- Per city and forecast: the scores of :mod:`app.review.metrics` over the days both have; per lead day
  (D+1 = the day after the issue day) pooled over the forecasts that were issued, when there are several.
- Per region: the rules applied to the observations (the same engine on the observed daily AQI: observed regional
  episodes), linkage cities without observations named and the result marked partial; each forecast's regional
  episodes beside them, matched episode by episode (hit / miss / false alarm, start and end offsets in hours, the
  lead time the forecast actually gave before the observed start, against the scheme's 72 h); and the warnings
  issued (from the case library) against the observed episodes the same way.
Only the period the forecasts (and the warnings) cover is taken from the observations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd

from app.domain.engine import evaluate
from app.domain.forecast import TZ, Forecast
from app.domain.observations import DailyValues, Observations, beijing_day, daily_values
from app.domain.recommend import WarningInForce
from app.domain.results import Evaluation, RegionalEpisode
from app.domain.scheme import BEIJING, LEVEL_RANK, Scheme
from app.errors import InputError, Problem
from app.review.metrics import scores

MAX_LEAD_DAY = 5
HOUR = pd.Timedelta(hours=1)


@dataclass(frozen=True)
class Span:
    """A regional episode or a warning, reduced to what the comparison needs."""

    region: str
    level: str
    start: datetime
    end: datetime  # inclusive last hour
    lead_time_hours: float | None = None  # forecast episodes: start − issue time (the engine's)
    trigger_cities: tuple[str, ...] = ()

    def overlaps(self, other: Span) -> bool:
        return self.start <= other.end and other.start <= self.end


@dataclass
class Match:
    """One observed episode and the forecast episode (or warning) that covered it, or one side alone."""

    outcome: str  # "hit" | "miss" | "false_alarm"
    observed: Span | None
    predicted: Span | None
    start_offset_hours: float | None = None  # predicted start − observed start (negative: earlier)
    end_offset_hours: float | None = None
    lead_time_hours: float | None = None  # observed start − issue time (forecasts; issued warnings: − letter time)
    lead_time_ok: bool | None = None  # lead time ≥ the scheme's (72 h)

    @property
    def level_offset(self) -> int | None:
        """A hit's predicted level rank − observed level rank (+1: one level too high); None unless a hit."""
        if self.outcome != "hit":
            return None
        return level_rank(self.predicted.level) - level_rank(self.observed.level)


@dataclass
class RegionReview:
    region: str
    observed_episodes: list[Span]
    forecast_episodes: dict[str, list[Span]]
    missing_cities: list[str]  # linkage cities of the region with no observation on some day of the period
    missing_days: dict[str, int]
    matches: dict[str, list[Match]]  # forecast name → matches
    issued: list[Span] = field(default_factory=list)
    issued_matches: list[Match] = field(default_factory=list)
    issued_periods: list[Span] = field(default_factory=list)  # the warnings level by level (timelines)

    @property
    def partial(self) -> bool:
        return bool(self.missing_cities)


@dataclass
class Review:
    observations: Observations
    period: tuple[pd.Timestamp, pd.Timestamp]  # first and last day reviewed
    names: list[str]
    issued_at: dict[str, datetime | None]
    forecast_daily: dict[str, DailyValues]
    cities: dict[str, dict[str, dict]]  # city → forecast → scores
    lead_days: dict[str, dict[str, dict]]  # city → "D+n" → scores pooled over forecasts
    overall: dict[str, dict]  # forecast → scores pooled over cities
    overall_lead_days: dict[str, dict]  # "D+n" → scores pooled over cities and forecasts
    regions: dict[str, RegionReview]
    observed_evaluation: Evaluation
    evaluations: dict[str, Evaluation]
    observed_window: DailyValues
    with_issued: bool = False  # the warnings actually issued were given (from the case library)


@dataclass(frozen=True)
class ForecastParts:
    """What the review computes of one forecast alone: its evaluation by the engine and its daily values."""

    evaluation: Evaluation
    daily: DailyValues


def forecast_parts(forecast: Forecast, scheme: Scheme, neighbours: Mapping[str, set[str]]) -> ForecastParts:
    """A forecast's :class:`ForecastParts` as :func:`review` computes them (calendar days, the scheme's edition
    switch and valid hours) — to compute ahead, e.g. while the other files are still being read."""
    return ForecastParts(evaluate(forecast, scheme, neighbours, mode="calendar"),
                         daily_values(forecast, scheme.edition_switch, scheme.min_valid_hours))


def review(observations: Observations, forecasts: Mapping[str, Forecast], scheme: Scheme,
           neighbours: Mapping[str, set[str]], *, issued: Sequence[WarningInForce] = (),
           issued_times: Mapping[int, datetime] | None = None,
           issued_periods: Sequence[WarningInForce] = (), with_issued: bool | None = None,
           parts: Mapping[str, ForecastParts] | None = None) -> Review:
    """Review forecasts (name → forecast, in issue order) against observations; ``issued``: the warnings
    actually issued (region, level, start, end; from the case library), ``issued_times``: index in ``issued`` →
    when its letter was issued (for the warning's lead time); ``issued_periods``: the same warnings period by
    period at each level (for the report's timelines; default: ``issued``); ``with_issued``: the warnings were
    looked up (a case), so none issued means none in force (default: some were given); ``parts``: name →
    :func:`forecast_parts` of that forecast with this ``scheme`` and ``neighbours``, computed ahead (the others
    are computed here)."""
    if not forecasts:
        raise ValueError("no forecast to review")
    names = list(forecasts)
    parts = parts or {}
    evaluations = {n: parts[n].evaluation if n in parts else evaluate(f, scheme, neighbours, mode="calendar")
                   for n, f in forecasts.items()}
    daily = {n: parts[n].daily if n in parts else daily_values(f, scheme.edition_switch, scheme.min_valid_hours)
             for n, f in forecasts.items()}
    first = min(d.days[0] for d in daily.values())
    last = max(d.days[-1] for d in daily.values())
    for w in issued:
        first = min(first, beijing_day(w.start))
        if w.end is not None:
            last = max(last, beijing_day(w.end))
    window = observations.window(first, last)
    if not len(window.days):
        span = f"{observations.days[0]:%Y-%m-%d} … {observations.days[-1]:%Y-%m-%d}" if len(observations.days) else "—"
        raise InputError(Problem(f"the observations ({span}) do not cover any day of the forecasts "
                                 f"({first:%Y-%m-%d} … {last:%Y-%m-%d})", file=observations.path or None,
                                 expected="observed data for the days the forecasts cover"))
    issued_at = {n: _issue_time(f, evaluations[n]) for n, f in forecasts.items()}
    cities, lead_days, overall, overall_lead = _city_scores(window, daily, issued_at)
    observed_eval = _observed_evaluation(observations, window, scheme, neighbours)
    regions = _regions(scheme, window, observations, observed_eval, evaluations, issued_at, issued,
                       issued_times or {})
    for w in issued_periods or issued:
        region = regions.get(_region_name(scheme, w.region))
        if region is not None:
            region.issued_periods.append(Span(region.region, w.level, _aware(w.start),
                                              _aware(w.end) if w.end is not None else _open_end(window)))
    return Review(observations, (window.days[0], window.days[-1]) if len(window.days) else (first, last), names,
                  issued_at, daily, cities, lead_days, overall, overall_lead, regions, observed_eval, evaluations,
                  window, with_issued=bool(issued or issued_periods) if with_issued is None else with_issued)


def _issue_time(forecast: Forecast, evaluation: Evaluation) -> datetime | None:
    t = evaluation.issued_at or forecast.meta.issued_at
    if t is None:
        return None
    return t.replace(tzinfo=BEIJING) if t.tzinfo is None else t.astimezone(BEIJING)


def _aligned(obs: DailyValues, fc: DailyValues, unit: str, offset: int | None = None):
    """Forecast and observed daily arrays of one unit on the forecast's days (NaN where observations lack);
    ``offset``: :func:`_day_offset` of the two, when known."""
    n = len(fc.days)
    o_pm, o_aqi = np.full(n, np.nan), np.full(n, np.nan)
    if unit in obs.units and len(obs.days):
        offset = _day_offset(obs, fc) if offset is None else offset
        lo, hi = max(0, -offset), min(n, len(obs.days) - offset)
        if hi > lo:
            r = obs.row(unit)
            o_pm[lo:hi] = obs.pm25[r, lo + offset:hi + offset]
            o_aqi[lo:hi] = obs.aqi[r, lo + offset:hi + offset]
    r = fc.row(unit)
    return fc.pm25[r], o_pm, fc.aqi[r], o_aqi


def _day_offset(obs: DailyValues, fc: DailyValues) -> int:
    """Days from the observations' first day to the forecast's."""
    return int(round((fc.days[0] - obs.days[0]) / pd.Timedelta(days=1)))


def lead_day_numbers(days: pd.DatetimeIndex, issued_at: datetime | None) -> np.ndarray:
    """D+n of each day: days after the issue day (D+1 = the day after); without an issue time, the first
    day is taken as D+1."""
    base = beijing_day(issued_at) if issued_at is not None else days[0] - pd.Timedelta(days=1)
    return np.rint((days - base) / pd.Timedelta(days=1)).astype(int)


def _city_scores(obs: DailyValues, daily: Mapping[str, DailyValues], issued_at):
    cities: dict[str, dict[str, dict]] = {}
    pooled_lead: dict[str, dict[int, list]] = {}
    pooled_forecast: dict[str, list] = {n: [] for n in daily}
    for name, fc in daily.items():
        leads = np.asarray(lead_day_numbers(fc.days, issued_at[name]))  # an Index compares slowly, 200 × 5 times
        offset = _day_offset(obs, fc) if len(obs.days) and len(fc.days) else None
        at_lead = [(lead, np.flatnonzero(leads == lead)) for lead in range(1, MAX_LEAD_DAY + 1)]  # once a forecast
        at_lead = [(lead, cols) for lead, cols in at_lead if len(cols)]
        for unit in fc.units:
            arrays = _aligned(obs, fc, unit, offset)
            cities.setdefault(unit, {})[name] = scores(*arrays)
            pooled_forecast[name].append(arrays)
            for lead, cols in at_lead:
                pooled_lead.setdefault(unit, {}).setdefault(lead, []).append(tuple(a[cols] for a in arrays))
    lead_days = {}
    if len(daily) > 1:
        for unit, by_lead in pooled_lead.items():
            lead_days[unit] = {f"D+{lead}": scores(*_concat(parts)) for lead, parts in sorted(by_lead.items())}
    overall = {name: scores(*_concat(parts)) for name, parts in pooled_forecast.items() if parts}
    everything: dict[int, list] = {}
    for by_lead in pooled_lead.values():
        for lead, parts in by_lead.items():
            everything.setdefault(lead, []).extend(parts)
    overall_lead = {f"D+{lead}": scores(*_concat(parts)) for lead, parts in sorted(everything.items())}
    return cities, lead_days, overall, overall_lead


def _concat(parts: list) -> tuple:
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(4))


def _observed_evaluation(observations: Observations, window: DailyValues, scheme: Scheme, neighbours):
    frame = Observations(window.days, window.units, window.pm25, window.aqi, window.edition,
                         window.pm25_derived, path=observations.path, sha256=observations.sha256,
                         missing_units=observations.missing_units)
    return evaluate(frame.as_daily_forecast(), scheme, neighbours, mode="calendar")


def _span(e: RegionalEpisode) -> Span:
    return Span(e.region, e.level, e.start, e.end, e.lead_time_hours, tuple(e.trigger_cities))


def match_episodes(observed: list[Span], predicted: list[Span], issued_at: datetime | None,
                   lead_hours: int, issue_times: Sequence[datetime | None] | None = None) -> list[Match]:
    """Episode-level comparison: each observed episode is a hit when a predicted one overlaps it (the first
    overlapping, by start), else a miss; each predicted episode overlapping none is a false alarm."""
    out: list[Match] = []
    used: set[int] = set()
    for o in observed:
        hit = next((i for i, p in enumerate(predicted) if p.overlaps(o)), None)
        if hit is None:
            out.append(Match("miss", o, None))
            continue
        used.add(hit)
        p = predicted[hit]
        issue = issue_times[hit] if issue_times is not None else issued_at
        lead = None if issue is None else (o.start - issue).total_seconds() / 3600
        out.append(Match("hit", o, p, (p.start - o.start) / HOUR, (p.end - o.end) / HOUR, lead,
                         None if lead is None else lead >= lead_hours))
    for i, p in enumerate(predicted):
        if i not in used and not any(p.overlaps(o) for o in observed):
            out.append(Match("false_alarm", None, p))
    return out


def _regions(scheme: Scheme, window: DailyValues, observations: Observations, observed_eval: Evaluation,
             evaluations: Mapping[str, Evaluation], issued_at, issued: Sequence[WarningInForce],
             issued_times: Mapping[int, datetime]) -> dict[str, RegionReview]:
    out = {}
    for region in scheme.regions:
        observed = [_span(e) for e in observed_eval.episodes if e.region == region.name]
        missing_days = {}
        for city in region.members:
            if city not in window.units:
                missing_days[city] = len(window.days)
            else:
                n = int(np.isnan(window.pm25[window.row(city)]).sum())
                if n:
                    missing_days[city] = n
        forecast_eps = {n: [_span(e) for e in ev.episodes if e.region == region.name]
                        for n, ev in evaluations.items()}
        matches = {n: match_episodes(observed, eps, issued_at[n], scheme.lead_time_hours)
                   for n, eps in forecast_eps.items()}
        mine = [(i, w) for i, w in enumerate(issued) if _region_name(scheme, w.region) == region.name]
        spans = [Span(region.name, w.level, _aware(w.start), _aware(w.end) if w.end is not None else
                      _open_end(window)) for _, w in mine]
        times = [_aware(issued_times[i]) if i in issued_times else None for i, _ in mine]
        issued_matches = match_episodes(observed, spans, None, scheme.lead_time_hours, times) if spans else \
            [Match("miss", o, None) for o in observed]
        out[region.name] = RegionReview(region.name, observed, forecast_eps, list(missing_days), missing_days,
                                        matches, spans, issued_matches)
    return out


def _region_name(scheme: Scheme, name: str) -> str:
    try:
        return scheme.region(name).name
    except KeyError:
        return name


def _aware(t: datetime) -> datetime:
    t = pd.Timestamp(t).to_pydatetime()
    return t.replace(tzinfo=BEIJING) if t.tzinfo is None else t.astimezone(BEIJING)


def _open_end(window: DailyValues) -> datetime:
    """A warning never lifted runs to the end of the period reviewed."""
    return (window.days[-1] + pd.Timedelta(hours=23)).tz_convert(TZ).to_pydatetime()


def level_rank(level: str) -> int:
    return LEVEL_RANK.get(level, 0)
