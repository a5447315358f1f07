"""Regional episodes (spec §5): maximal runs of a region's level ≥ yellow, merged when the gap is under 36 hours,
at the highest level inside; who warns (every linkage city of the region, or its own higher level); the reason
(rule, triggering cluster, each trigger city's qualifying runs); lead time and approval route (spec §6).
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

import numpy as np
import pandas as pd

from app.domain.daily import DailyAqi
from app.domain.levels import CityLevels, StepTimes, max_gap_steps
from app.domain.regional import RegionalLevels
from app.domain.results import Deferred, QualifyingRun, RegionalEpisode
from app.domain.runs import find_runs, merge_close
from app.domain.scheme import LEVELS, Scheme


def step_label(daily: DailyAqi, step: int) -> str:
    """A step as text: the date (calendar) or the hour (rolling), ISO 8601."""
    return daily.starts[step].date().isoformat() if daily.step_hours == 24 else daily.start_texts[step]


def regional_episodes(regional: RegionalLevels, cities: CityLevels, daily: DailyAqi, units: list[str],
                      scheme: Scheme, issued_at: datetime | None) -> list[RegionalEpisode]:
    level = regional.level
    runs = find_runs(level > 0)
    merged, _ = merge_close(runs, max_gap_steps(scheme.merge_gap_hours, daily.step_hours))
    row_of = {name: i for i, name in enumerate(units)}
    # each region's members in the forecast and their rows: their own levels over an episode in one look-up
    present = [[m for m in region.members if m in row_of] for region in scheme.regions]
    member_rows = [np.array([row_of[m] for m in names], dtype=np.int64) for names in present]
    out = []
    steps = StepTimes.of(daily) if len(merged) else None
    for i in range(len(merged)):
        r, s0, s1 = int(merged.row[i]), int(merged.start[i]), int(merged.stop[i])
        region = scheme.regions[r]
        span = level[r, s0:s1]
        rank = int(span.max())
        peak = s0 + int(np.argmax(span == rank))
        rule, trigger_cities = regional.trigger(r, peak, rank)
        # the trigger cities' runs, found when first read (a replay reads none): each city's episode at the peak
        at_peak = {c: int(cities.episode_at[row_of[c], peak]) for c in trigger_cities}
        qualifying = Deferred(partial(_qualifying, cities, at_peak, rank, steps))
        warned, own_higher = {}, []
        own_of = dict(zip(present[r], cities.level[member_rows[r], s0:s1].max(axis=1, initial=0).tolist()))
        for member in region.members:
            own = own_of.get(member, 0)
            warned[member] = LEVELS[max(rank, own)]
            if own > rank:
                own_higher.append(member)
        start, end = daily.starts[s0], daily.ends[s1 - 1]
        lead = None if issued_at is None else (start - issued_at).total_seconds() / 3600
        triggered = [s for s in range(s0, s1) if level[r, s] > 0]
        out.append(RegionalEpisode(
            region=region.name, level=LEVELS[rank], start=start, end=end, rule=rule,
            trigger_cities=trigger_cities, qualifying_runs=qualifying, warned_cities=warned, own_higher=own_higher,
            lead_time_hours=lead, lead_time_short=lead is not None and lead < scheme.lead_time_hours,
            approval=scheme.approval[LEVELS[rank]], triggered_days=[step_label(daily, s) for s in triggered],
            components=_components(regional, daily, r, triggered),
            approval_en=scheme.approval_en.get(LEVELS[rank], "")))
    out.sort(key=lambda e: (e.start, [r.name for r in scheme.regions].index(e.region)))
    return out


def _components(regional: RegionalLevels, daily: DailyAqi, region: int, steps: list[int]) -> list[dict]:
    """Per triggered step: {time, level, rule, cities}. Steps with the same cluster share one city list."""
    out, last_key, last_cities = [], None, None
    names = regional.graph.name_array
    for s in steps:
        rank = int(regional.level[region, s])
        rule, members, _ = regional.trigger_members(region, s, rank)
        key = (rank, rule, members.tobytes())
        if key != last_key:
            last_key, last_cities = key, names[members].tolist()
        out.append({"time": daily.start_texts[s], "level": LEVELS[rank], "rule": rule,
                    "cities": last_cities})
    return out


def _qualifying(cities: CityLevels, at_peak: dict[str, int], rank: int, steps: StepTimes
                ) -> dict[str, list[QualifyingRun]]:
    """The runs that qualified each trigger city at the region's level, in its episode ``at_peak`` (−1: none)."""
    return {c: cities.runs_at_level(k, rank, steps) if k >= 0 else [] for c, k in at_peak.items()}


def region_warned(regional_eps: list[RegionalEpisode], scheme: Scheme, times) -> dict[str, np.ndarray]:
    """Per region and hour, the level of the regional episode in force (0 outside episodes)."""
    out = {r.name: np.zeros(len(times), dtype=np.int8) for r in scheme.regions}
    ordered = isinstance(times, pd.DatetimeIndex) and times.is_monotonic_increasing
    if ordered:  # the instants as integers in the index's own unit: numpy's search, not pandas' per datetime
        instants, tick = times.asi8, pd.Timedelta(1, unit=times.unit).value
    for ep in regional_eps:
        arr = out[ep.region]
        if ordered:  # the hours from start to end: two binary searches, not two comparisons of every hour
            at = slice(int(instants.searchsorted(-(-pd.Timestamp(ep.start).value // tick), side="left")),
                       int(instants.searchsorted(pd.Timestamp(ep.end).value // tick, side="right")))
            np.maximum(arr[at], LEVELS.index(ep.level), out=arr[at])
            continue
        mask = (times >= ep.start) & (times <= ep.end)
        arr[mask] = np.maximum(arr[mask], LEVELS.index(ep.level))
    return out
