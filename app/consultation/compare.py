"""Several forecasts side by side (plan 四(三) 预测会商): each evaluated with the same scheme and mode, then compared
per region and day (warned level, how many sources at each level, spread of the peak daily AQI) and per city and
day (the sources' daily AQI: min / median / max).

Sources may differ in period, step and units. Everything is laid on one hourly axis (the union of the sources'
hours) and one list of days (every day any source covers); a source counts on a day when it has at least the
scheme's valid hours of that day (20 of 24), and for a region when it has data for at least one of the region's
cities. What a source lacks is said in :attr:`Comparison.missing`, never silently filled.

With observations (spec §7: what was observed before the forecasts' first hour), every source is judged on its
own forecast with the observations spliced before it: an episode already running is seen with its observed days
in every source, and the union axis then starts at the first observed hour (:attr:`Comparison.forecast_start`
is where the forecasts begin).

A consultation is held on one morning: its first forecast hour f is the newest source's first hour (sources that
start on different days — yesterday's forecast beside today's — are consulted on today's). An older source's hours
before f are the observed past where the observations cover them: they are replaced by the observations (the
source is judged from f on, :func:`judged_from`), so that the consensus's f is today's and no advice falls in a
past that was observed. Where nothing was observed, the older source's hours stay its forecast (there is nothing
to replace them with) and f stays at its first hour.

Level arrays hold ranks into :data:`~app.domain.scheme.LEVELS` (0 none … 3 red) and ``MISSING`` (-1) where the
source does not cover the region or day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import pandas as pd

from app.consultation.sources import Source
from app.domain.engine import evaluate
from app.domain.forecast import TZ, Forecast
from app.domain.results import Evaluation
from app.domain.scheme import LEVELS, Scheme
from app.errors import InputError, Problem

MISSING = -1


@dataclass(frozen=True)
class Gap:
    """Something a source does not cover: a region, some of a region's cities, days, or hourly PM2.5."""

    source: str
    kind: str  # "region" | "cities" | "days" | "hourly" | "apart" (its period overlaps no other source's)
    region: str = ""
    items: tuple[str, ...] = ()  # city names or days (MM-DD)
    of: int = 0  # the region's number of cities (kind "cities")

    def text(self, lang: str = "zh") -> str:
        items = self.items
        if lang == "zh" and self.kind in ("days", "apart"):  # MM-DD → 12月20日
            items = tuple(f"{int(d[:2])}月{int(d[3:])}日" if len(d) == 5 and d[2] == "-" else d for d in items)
        listed = ("、" if lang == "zh" else ", ").join(items)
        if lang == "zh":
            return {"region": f"{self.source}：没有{self.region}的预报",
                    "cities": f"{self.source}：{self.region}缺少 {len(self.items)}/{self.of} 个城市（{listed}）",
                    "days": f"{self.source}：未覆盖 {listed}",
                    "hourly": f"{self.source}：没有逐时 PM2.5，不参与中位数",
                    "apart": f"{self.source}：预报时段（{'–'.join(items)}）与其他来源都不重叠，无从比较"}[self.kind]
        return {"region": f"{self.source}: no forecast for {self.region}",
                "cities": f"{self.source}: {self.region} without {len(self.items)} of its {self.of} cities "
                          f"({listed})",
                "days": f"{self.source}: does not cover {listed}",
                "hourly": f"{self.source}: no hourly PM2.5, left out of the median",
                "apart": f"{self.source}: its period ({'–'.join(items)}) overlaps no other source's: nothing to "
                         "compare it with"}[self.kind]

    def to_json(self) -> dict:
        return {"source": self.source, "kind": self.kind, "region": self.region, "items": list(self.items),
                "of": self.of, "text": self.text("zh")}

    @classmethod
    def from_json(cls, data: dict) -> Gap:
        return cls(data["source"], data["kind"], data.get("region", ""), tuple(data.get("items", ())),
                   int(data.get("of", 0)))


@dataclass
class Comparison:
    sources: list[Source]
    evaluations: list[Evaluation]
    scheme: Scheme
    mode: str
    hours: pd.DatetimeIndex  # union hourly axis (Beijing time)
    days: list[date]  # every day any source covers
    regions: list[str]  # scheme order
    units: list[str]  # every unit any source has, in unit-table order of first appearance
    hour_region_level: np.ndarray  # (sources, regions, hours) int8, MISSING where not covered
    region_level: np.ndarray  # (sources, regions, days) int8: the warned level that day, MISSING if not covered
    peak_daily_aqi: np.ndarray  # (sources, regions, days) float: max daily AQI over the region's cities, NaN
    city_daily_aqi: np.ndarray  # (sources, units, days) float, NaN where the source has no value
    hour_day: np.ndarray  # (hours,) day index of each hour
    source_hours: list[np.ndarray]  # per source: positions of its evaluation hours on the union axis
    missing: list[Gap] = field(default_factory=list)  # what each source lacks
    neighbours: Mapping[str, set[str]] = field(default_factory=dict)
    edition: str = "auto"
    observed: Forecast | None = None  # the observed series spliced before every source (spec §7), if any
    observed_files: list = field(default_factory=list)  # its files (app.importing.observed_series.ObservedFile)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.sources]

    @property
    def source_starts(self) -> list[pd.Timestamp]:
        """Per source: the first hour it is judged on as a forecast (its own first hour, or, for an older source
        whose earlier hours the observations replaced, the newest source's first hour: :func:`judged_from`)."""
        return [pd.Timestamp(ev.forecast_start if ev.forecast_start is not None else ev.times[0])
                .tz_convert(self.hours.tz) for ev in self.evaluations]

    @property
    def forecast_start(self) -> pd.Timestamp:
        """The first hour any source is judged on as a forecast: the consensus's forecast begins there, observed
        before it."""
        return min(self.source_starts)

    def replaced(self) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
        """The older sources whose first hours the observations replaced: (name, first hour, last hour replaced)."""
        out = []
        for source, start in zip(self.sources, self.source_starts):
            first = source.forecast.times[0].tz_convert(self.hours.tz)
            if start > first:
                out.append((source.name, first, start - pd.Timedelta(hours=1)))
        return out

    def judged(self, s: int) -> Forecast:
        """Source ``s``'s forecast as judged: from its start (:attr:`source_starts`) on."""
        return from_hour(self.sources[s].forecast, self.source_starts[s])

    def counts(self) -> np.ndarray:
        """(regions, days, 3): how many sources are at yellow, orange, red *or higher*."""
        levels = self.region_level
        return np.stack([(levels >= rank).sum(axis=0) for rank in (1, 2, 3)], axis=-1)

    def covering(self) -> np.ndarray:
        """(regions, days): how many sources cover the region on the day."""
        return (self.region_level != MISSING).sum(axis=0)

    def peak_spread(self) -> tuple[np.ndarray, np.ndarray]:
        """(regions, days) min and max over the sources of the peak daily AQI (NaN where none has one)."""
        with np.errstate(all="ignore"):
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                return np.nanmin(self.peak_daily_aqi, axis=0), np.nanmax(self.peak_daily_aqi, axis=0)

    def city_spread(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(units, days) min, median and max over the sources of each city's daily AQI."""
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            data = self.city_daily_aqi
            return np.nanmin(data, axis=0), np.nanmedian(data, axis=0), np.nanmax(data, axis=0)

    def level_name(self, rank: int) -> str | None:
        return None if rank == MISSING else LEVELS[int(rank)]


def compare(sources: list[Source], scheme: Scheme, neighbours: Mapping[str, set[str]], *, mode: str | None = None,
            edition: str = "auto", observed=None) -> Comparison:
    """Evaluate every source with the same scheme, mode and AQI edition, and lay the results side by side.
    ``observed``: an :class:`~app.importing.observed_series.ObservedSeries` spliced before every source."""
    count = len(sources)
    if count < 2:
        raise InputError(Problem(f"a consultation needs at least two forecasts (got {count})",
                                 expected="two or more forecast files"))
    mode = mode or scheme.daily_mode
    evaluations = evaluate_sources(sources, scheme, neighbours, mode=mode, edition=edition, observed=observed)
    comparison = compare_evaluations(sources, evaluations, scheme, neighbours, edition, observed=observed)
    apart = [g for g in comparison.missing if g.kind == "apart"]
    if len(apart) == count:  # no two sources share a day: there is nothing to compare
        periods = "; ".join(f"{g.source} {'–'.join(g.items)}" for g in apart)
        raise InputError(Problem("the forecasts' periods do not overlap: there is nothing to compare",
                                 value=periods, expected="forecasts that cover at least one common day"))
    return comparison


def check_distinct(sources: list[Source]) -> None:
    """The same forecast (the same content: sha256) given twice would count twice in every vote and in the
    median: refused, naming both (the command and the window call it on what the officer gives)."""
    seen: dict[str, str] = {}
    for source in sources:
        sha = source.forecast.meta.sha256
        if sha and sha in seen:
            raise InputError(Problem("the same forecast is given twice", value=f"{seen[sha]} = {source.name}",
                                     file=source.forecast.meta.source_path or None,
                                     expected="each forecast once: a second copy of a file would count twice"))
        seen.setdefault(sha, source.name)


def judged_from(forecasts: list[Forecast], observed: Forecast | None) -> list[pd.Timestamp]:
    """Per forecast, the hour it is judged from in a consultation (spec §7, held on the newest source's morning):
    the newest first hour F for an older forecast whose hours before F the observations cover (from its first
    hour; up to the observations' last hour, if that is before F); else its own first hour. A daily table is
    judged from a whole day."""
    firsts = [fc.times[0].tz_convert(TZ) for fc in forecasts]
    if observed is None or not len(observed.times) or not observed.units:
        return firsts
    newest = max(firsts)
    obs_times = observed.times.tz_convert(TZ)
    obs_first, obs_after = obs_times[0], obs_times[-1] + pd.Timedelta(hours=observed.step_hours)
    out = []
    for fc, first in zip(forecasts, firsts):
        cut = min(newest, obs_after)
        if fc.is_daily:
            cut = cut.floor("D")
        out.append(cut if obs_first <= first < cut else first)
    return out


def from_hour(forecast: Forecast, start: pd.Timestamp) -> Forecast:
    """``forecast`` from ``start`` on (the same forecast, meta and sha256 kept, when it begins there)."""
    keep = forecast.times >= start
    if keep.all():
        return forecast
    return replace(forecast, times=forecast.times[keep], values={k: v[:, keep] for k, v in forecast.values.items()},
                   met={k: v[:, keep] for k, v in forecast.met.items()})


def evaluate_sources(sources: list[Source], scheme: Scheme, neighbours: Mapping[str, set[str]], *, mode: str,
                     edition: str = "auto", observed=None, daily_calendar: bool = False) -> list[Evaluation]:
    """Each source evaluated alone in ``mode`` (a daily table in calendar mode with ``daily_calendar``), the
    observations (an ObservedSeries, or None) spliced before it — an older source from the newest source's first
    hour on where the observations replace its earlier hours (:func:`judged_from`)."""
    series = None if observed is None else observed.forecast
    starts = judged_from([s.forecast for s in sources], series)
    return [evaluate(from_hour(s.forecast, start), scheme, neighbours, edition=edition, observed=series,
                     mode=("calendar" if s.forecast.is_daily and daily_calendar else mode))
            for s, start in zip(sources, starts)]


def compare_evaluations(sources: list[Source], evaluations: list[Evaluation], scheme: Scheme,
                        neighbours: Mapping[str, set[str]], edition: str = "auto", observed=None) -> Comparison:
    """Lay the evaluations side by side; ``observed`` (an ObservedSeries) is what they were evaluated with."""
    start = min(ev.times[0] for ev in evaluations)
    end = max(ev.times[-1] for ev in evaluations)
    hours = pd.date_range(start, end, freq="h")
    positions = [np.rint((ev.times - start) / pd.Timedelta(hours=1)).astype(np.int64) for ev in evaluations]
    day_of_hour = hours.normalize()
    day_index = pd.DatetimeIndex(day_of_hour.unique())
    hour_day = day_index.get_indexer(day_of_hour)
    n_src, n_reg, n_day, n_hour = len(sources), len(scheme.regions), len(day_index), len(hours)
    regions = [r.name for r in scheme.regions]

    units: list[str] = []
    for ev in evaluations:
        units.extend(u for u in ev.units if u not in units)
    unit_row = {u: i for i, u in enumerate(units)}

    hour_levels = np.full((n_src, n_reg, n_hour), MISSING, dtype=np.int8)
    day_levels = np.full((n_src, n_reg, n_day), MISSING, dtype=np.int8)
    peak = np.full((n_src, n_reg, n_day), np.nan)
    city_daily = np.full((n_src, len(units), n_day), np.nan)
    missing: list[Gap] = []
    covered: list[np.ndarray] = []  # per source: the days it covers
    for s, (source, ev, pos) in enumerate(zip(sources, evaluations, positions)):
        hours_per_day = np.bincount(hour_day[pos], minlength=n_day)
        covered_day = hours_per_day >= scheme.min_valid_hours
        has_data = _units_with_data(source)
        daily = _per_day(ev.daily_aqi, hour_day[pos], n_day)  # (units of ev, days)
        rows = np.array([unit_row[u] for u in ev.units])
        city_daily[s, rows] = np.where(covered_day[None, :], daily, np.nan)
        for r, region in enumerate(scheme.regions):
            members = [ev.units.index(m) for m in region.members if m in has_data]
            if not members:
                missing.append(Gap(source.name, "region", region.name))
                continue
            absent = tuple(m for m in region.members if m not in has_data)
            if absent:
                missing.append(Gap(source.name, "cities", region.name, absent, len(region.members)))
            warned = ev.region_warned[region.name]
            hour_levels[s, r, pos] = warned
            level = np.zeros(n_day, dtype=np.int8)
            np.maximum.at(level, hour_day[pos], warned)
            day_levels[s, r] = np.where(covered_day, level, MISSING)
            with np.errstate(all="ignore"):
                region_peak = np.nanmax(np.where(np.isnan(daily[members]), -np.inf, daily[members]), axis=0)
            peak[s, r] = np.where(covered_day & np.isfinite(region_peak), region_peak, np.nan)
        uncovered = [d for d in range(n_day) if not covered_day[d]]
        if uncovered:
            missing.append(Gap(source.name, "days", items=tuple(day_index[d].strftime("%m-%d") for d in uncovered)))
        covered.append(covered_day)
    for s, source in enumerate(sources):  # a source sharing no day with any other is compared with nothing
        others = np.any([c for i, c in enumerate(covered) if i != s], axis=0) if n_src > 1 else covered[s]
        own = np.flatnonzero(covered[s])
        if len(own) and not (covered[s] & others).any():
            missing.append(Gap(source.name, "apart", items=(day_index[own[0]].strftime("%m-%d"),
                                                            day_index[own[-1]].strftime("%m-%d"))))
    days = [t.date() for t in day_index]
    return Comparison(sources, evaluations, scheme, evaluations[0].mode, hours, days, regions, units, hour_levels,
                      day_levels, peak, city_daily, hour_day, positions, missing, neighbours, edition,
                      None if observed is None else observed.forecast,
                      [] if observed is None else list(observed.files))


def _units_with_data(source: Source) -> set[str]:
    fc = source.forecast
    known = np.zeros(len(fc.units), dtype=bool)
    for name in ("pm25", "aqi"):
        if name in fc.values:
            known |= np.isfinite(fc.values[name]).any(axis=1)
    return {u for u, k in zip(fc.units, known) if k}


def _per_day(values: np.ndarray, day_of_hour: np.ndarray, n_day: int) -> np.ndarray:
    """(units, hours) → (units, days): the largest value of each day (the calendar daily AQI is constant)."""
    out = np.full((values.shape[0], n_day), -np.inf)
    filled = np.where(np.isnan(values), -np.inf, values)
    for d in np.unique(day_of_hour):
        out[:, d] = filled[:, day_of_hour == d].max(axis=1)
    out[~np.isfinite(out)] = np.nan
    return out
