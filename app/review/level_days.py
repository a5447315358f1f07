"""Day by day, each region's warning level as the observations justified it, as it was in force, and as each
forecast gave it (应对评估: was the level right, not only was there a warning).

The episode matching (:func:`app.review.review.match_episodes`) says whether a warning covered an observed
episode; it takes a 7-day orange warning for a 2-day orange episode with five clean days around it as one hit.
Here every day of the period counts once, per region:

- observed: the highest level of an observed regional episode (the rules applied to the observed daily AQI) on
  that day, ``none`` without one; a day on which a linkage city of the region has no valid observation is
  marked partial (its level is what the cities present justify);
- issued: the highest level of a warning in force at any hour of that day (the case library's periods, level
  by level), ``none`` without one — only when warnings were given to the review;
- each forecast: the highest level of its regional episodes on that day, only on the days it covers.

A source's day is *same*, *higher* (warned above what was observed; among them false-alarm days: a level on a
day the observations justified none) or *lower* (among them missed days: none on a day with an observed level).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd

from app.domain.forecast import TZ
from app.domain.scheme import LEVEL_RANK

NONE = "none"
DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class LevelCounts:
    days: int  # days compared
    same: int
    higher: int
    lower: int
    false_alarm_days: int  # a level where the observations justified none (part of higher)
    missed_days: int  # none where the observations justified a level (part of lower)

    @property
    def same_share(self) -> float | None:
        return None if not self.days else self.same / self.days


@dataclass
class RegionLevelDays:
    region: str
    days: list[pd.Timestamp]  # Beijing days of the period
    observed: list[str]
    partial: list[bool]  # a linkage city of the region lacks a valid observation that day
    sources: dict[str, list[str | None]] = field(default_factory=dict)  # name → level per day (None: not covered)
    counts: dict[str, LevelCounts] = field(default_factory=dict)


ISSUED = "issued"  # the name of the warnings in force among the sources


def highest_level_per_day(spans: Sequence, days: Sequence[pd.Timestamp]) -> list[str]:
    """For each Beijing day, the highest level of the spans (start … end, end the inclusive last hour) that
    touch it (the first such span's, among equals); ``none`` on days none touches.

    Every span against every day at once in numpy, on instants converted once each: the loop of Python
    comparisons it replaces grew with days × episodes (2 s for 40 cities × 730 days, issue 26)."""
    return _highest(spans, _instants(days))


def _highest(spans: Sequence, day: np.ndarray) -> list[str]:
    """:func:`highest_level_per_day` on the days' instants (:func:`_instants`), converted once for every source
    and region (one conversion per day and source cost 0.27 s of a year's review, issue 26)."""
    if not spans or not len(day):
        return [NONE] * len(day)
    starts = np.array([_instant(s.start) for s in spans], dtype=np.int64)
    ends = np.array([_instant(s.end) for s in spans], dtype=np.int64)
    ranks = np.array([rank(s.level) for s in spans], dtype=np.int64)
    touch = (starts[:, None] < day[None, :] + DAY.value) & (ends[:, None] >= day[None, :])
    ranked = np.where(touch, ranks[:, None], -1)
    first_highest = ranked.argmax(axis=0)  # the first span of the highest rank, as max() picks it
    return [spans[i].level if touch[i, k] else NONE for k, i in enumerate(first_highest.tolist())]


def compare(observed: Sequence[str], predicted: Sequence[str | None]) -> LevelCounts:
    """Counts over the days the source covers (``None``: not covered)."""
    pairs = [(rank(o), rank(p)) for o, p in zip(observed, predicted, strict=True) if p is not None]
    return LevelCounts(days=len(pairs), same=sum(o == p for o, p in pairs), higher=sum(p > o for o, p in pairs),
                       lower=sum(p < o for o, p in pairs), false_alarm_days=sum(o == 0 < p for o, p in pairs),
                       missed_days=sum(p == 0 < o for o, p in pairs))


def region_level_days(review) -> dict[str, RegionLevelDays]:
    """Every region's days of ``review`` (:class:`app.review.review.Review`); the warnings in force are a source
    when the review was given the issued warnings (a region none was issued for is then ``none`` every day)."""
    window = review.observed_window
    days = list(window.days)
    day = _instants(window.days)
    out = {}
    for name, region in review.regions.items():
        observed = _highest(region.observed_episodes, day)
        partial = _partial_days(window, region.missing_cities, days)
        entry = RegionLevelDays(name, days, observed, partial)
        if review.with_issued:
            entry.sources[ISSUED] = _highest(region.issued_periods or region.issued, day)
        for source, spans in region.forecast_episodes.items():
            covered = _covered(window.days, review.forecast_daily[source].days)
            levels = _highest(spans, day)
            entry.sources[source] = [lv if c else None for c, lv in zip(covered, levels)]
        entry.counts = {s: compare(observed, levels) for s, levels in entry.sources.items()}
        out[name] = entry
    return out


def rank(level: str | None) -> int:
    return 0 if level is None else LEVEL_RANK.get(level, 0)


def _partial_days(window, missing_cities: Sequence[str], days: Sequence[pd.Timestamp]) -> list[bool]:
    partial = np.zeros(len(days), dtype=bool)
    for city in missing_cities:
        if city not in window.units:
            partial[:] = True
        else:
            partial |= np.isnan(window.pm25[window.row(city)])
    return [bool(p) for p in partial]


def _covered(days: Sequence, covered: Sequence) -> list[bool]:
    """Whether each of ``days`` is one of ``covered`` (the same instant), as a set of Timestamps tells."""
    if isinstance(days, pd.DatetimeIndex) and isinstance(covered, pd.DatetimeIndex) and \
            days.tz is not None and covered.tz is not None:
        return days.isin(covered).tolist()
    found = {pd.Timestamp(d) for d in covered}
    return [pd.Timestamp(d) in found for d in days]


def _instants(times: Sequence) -> np.ndarray:
    """:func:`_instant` of each time, at once when they are a DatetimeIndex (naive or aware) of whole
    microseconds; else one by one."""
    try:
        index = pd.DatetimeIndex(times)
    except (TypeError, ValueError):  # naive and aware mixed
        index = None
    if index is not None:
        ns = (index.tz_localize(TZ) if index.tz is None else index.tz_convert(TZ)).as_unit("ns").asi8
        if not (ns % 1000).any():  # to_pydatetime keeps microseconds only: anything finer goes one by one
            return ns.astype(np.int64)
    return np.array([_instant(t) for t in times], dtype=np.int64)


def _instant(t) -> int:
    """Nanoseconds since the epoch of ``t`` read as :func:`_aware` reads it (naive = Beijing time)."""
    return pd.Timestamp(_aware(t)).value


def _aware(t) -> datetime:
    stamp = pd.Timestamp(t)
    return (stamp.tz_localize(TZ) if stamp.tzinfo is None else stamp.tz_convert(TZ)).to_pydatetime()
