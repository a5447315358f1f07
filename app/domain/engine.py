"""The warning engine: a forecast in, an :class:`~app.domain.results.Evaluation` out (spec §3–§6).

    evaluate(forecast, scheme, neighbours, mode=None, edition="auto", issued_at=None, in_force=None)

1. AQI (``app.domain.daily``): hourly AQI, and the daily AQI per calendar day or rolling 24 h, per HJ 633 edition;
2. each city's own level and episodes (``app.domain.levels``);
3. each region's level per step from the clusters of adjacent linkage cities (``app.domain.regional``);
4. regional episodes, who warns, reasons, lead time, approval (``app.domain.episodes``);
5. observed hours spliced before the forecast (``app.domain.splice``), advice for warnings in force and the new
   warnings (``app.domain.life``, spec §7).

Pure numpy over cities × steps; no Qt. ``neighbours`` maps full unit names to their neighbours' names
(``maps.adjacency.scheme_adjacency(scheme).neighbours``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from app.domain.aqi import PrimaryText
from app.domain.daily import daily_from_hourly, daily_from_table, edition_label
from app.domain.episodes import region_warned, regional_episodes
from app.domain.forecast import TZ, Forecast
from app.domain.levels import city_levels
from app.domain.life import Timeline, advise
from app.domain.recommend import WarningInForce
from app.domain.regional import LinkageGraph, regional_levels
from app.domain.results import CityResult, Evaluation
from app.domain.scheme import BEIJING, LEVELS, Scheme
from app.domain.splice import splice
from app.errors import InputError, Problem

MODES = ("calendar", "rolling")
_HOUR = timedelta(hours=1)
EDITION_CHOICES = ("auto", "2012", "2026")


class Prepared:
    """What evaluations with one scheme and one adjacency share, made once for all of them (a replay's thirty,
    issue 26): the linkage graph of each list of units and the adjacency findings. Used by :func:`evaluate` only
    with the very ``scheme`` and ``neighbours`` objects it was made for (not to be changed after)."""

    def __init__(self, scheme: Scheme, neighbours: Mapping[str, set[str]]):
        self.scheme, self.neighbours = scheme, neighbours
        self._graphs: dict[tuple[str, ...], LinkageGraph] = {}
        self._findings: list[Problem] | None = None

    def graph(self, units: list[str]) -> LinkageGraph:
        key = tuple(units)
        if key not in self._graphs:
            self._graphs[key] = LinkageGraph.build(units, self.scheme, self.neighbours)
        return self._graphs[key]

    def adjacency_findings(self) -> list[Problem]:
        if self._findings is None:
            self._findings = adjacency_findings(self.neighbours, self.scheme)
        return list(self._findings)  # Problems are frozen: shared, the list is each evaluation's own


def evaluate(forecast: Forecast, scheme: Scheme, neighbours: Mapping[str, set[str]], *, mode: str | None = None,
             edition: str = "auto", issued_at: datetime | None = None, in_force: list[WarningInForce] | None = None,
             range_bound: str | None = None, observed: Forecast | None = None,
             prepared: Prepared | None = None) -> Evaluation:
    """Evaluate a forecast against the scheme; every field of the :class:`Evaluation` is filled.

    ``mode``: "calendar" | "rolling" (None: the scheme's default); ``edition``: "auto" (by each value's date
    against the scheme's switch) | "2012" | "2026"; ``issued_at`` overrides the forecast's issue time (lead
    times); ``in_force`` adds one advice per warning in force (spec §7); ``range_bound`` records which bound
    of a range forecast the values are (the importer picks the values); ``observed`` (hourly or daily) is spliced
    before the forecast's first hour f, and the time axis then starts at the observations' first hour;
    ``prepared``: a :class:`Prepared` of this ``scheme`` and ``neighbours`` shared by many evaluations (the same
    results). Bad input raises :class:`InputError`.
    """
    if prepared is None or prepared.scheme is not scheme or prepared.neighbours is not neighbours:
        prepared = Prepared(scheme, neighbours)
    mode = mode or scheme.daily_mode
    if mode not in MODES:
        raise InputError(Problem("unknown daily-AQI mode", column="mode", value=mode, expected="calendar or rolling"))
    if edition not in EDITION_CHOICES:
        raise InputError(Problem("unknown AQI edition", column="aqi-edition", value=edition,
                                 expected="auto, 2012 or 2026"))
    source = forecast.meta.source_path or None
    if not forecast.units or not len(forecast.times):
        raise InputError(Problem("the forecast has no units or no times", file=source))
    if forecast.step_hours not in (1, 24):
        raise InputError(Problem("unsupported forecast step", file=source, value=f"{forecast.step_hours} h",
                                 expected="hourly values or a daily AQI table"))
    issued_at = _aware(issued_at or forecast.meta.issued_at)
    spliced = splice(forecast, observed, edition, scheme.edition_switch, scheme.min_valid_hours)
    forecast = spliced.forecast

    if forecast.is_daily:
        if mode == "rolling":
            raise InputError(Problem("a daily AQI table has one value per day: rolling 24-hour mode needs hourly "
                                     "values", file=source, column="mode", value=mode,
                                     expected="calendar mode, or an hourly forecast"))
        if "aqi" not in forecast.values and "pm25" not in forecast.values:
            raise InputError(Problem("a daily table needs the daily AQI", file=source,
                                     expected="an aqi field (or the daily mean pm25)"))
        daily = daily_from_table(forecast, edition, scheme.edition_switch, spliced.absent)
        times = pd.date_range(daily.step_times[0], periods=len(daily.step_times) * 24, freq="h")
        n = (len(forecast.units), len(times))
        hourly_aqi, hourly_over = np.full(n, np.nan), np.zeros(n, bool)
        hourly_primary = PrimaryText(np.zeros(n, dtype=np.uint8))  # no hourly values: no primary pollutant
        hour_edition = np.repeat(daily.step_edition, 24)
    else:
        if "pm25" not in forecast.values and "aqi" not in forecast.values:
            raise InputError(Problem("the forecast has neither PM2.5 nor AQI values", file=source,
                                     expected="a pm25 (µg/m³) or aqi field"))
        daily, hourly, hour_edition = daily_from_hourly(forecast, mode, edition, scheme.edition_switch,
                                                        scheme.min_valid_hours, spliced.absent)
        times = forecast.times.tz_convert(TZ)
        hourly_aqi, hourly_over, hourly_primary = hourly.aqi, hourly.over_500, hourly.primary

    units = list(forecast.units)
    hour_step = daily.hour_step
    cities = city_levels(daily, units, scheme)
    regional = regional_levels(cities.level, units, scheme, neighbours, prepared.graph(units))
    episodes = regional_episodes(regional, cities, daily, units, scheme, issued_at)
    f = spliced.forecast_start
    for e in episodes:  # spec §7: an episode already running has no lead time
        if e.start < f:
            e.observed_hours = int((min(e.end + _HOUR, f) - e.start) / _HOUR)
            e.lead_time_hours, e.lead_time_short = None, False

    at_hours = _at_hours(hour_step, daily.aqi.shape[1])
    city_level = at_hours(cities.level)
    region_level = {r.name: regional.level[i, hour_step] for i, r in enumerate(scheme.regions)}
    warned_regions = region_warned(episodes, scheme, times)
    warned_level = city_level.copy()
    region_rows: dict[str, list[int]] = {}  # each region's cities among the rows, raised to its level at once
    for row, name in enumerate(units):
        region = scheme.region_of.get(name)
        if region is not None:
            region_rows.setdefault(region, []).append(row)
    for region, rows in region_rows.items():
        warned_level[rows] = np.maximum(warned_level[rows], warned_regions[region])

    results = {}
    own_max = cities.level.max(axis=1, initial=0).tolist()
    for row, name in enumerate(units):
        results[name] = CityResult(name, scheme.region_of.get(name), LEVELS[own_max[row]])
    for row, episode in zip(cities.episode_row, cities.episodes):
        results[units[row]].episodes.append(episode)

    evaluation = Evaluation(
        mode=mode, aqi_edition=edition_label(np.concatenate([daily.step_edition, hour_edition])),
        issued_at=issued_at, times=times, units=units,
        hourly_aqi=hourly_aqi, hourly_over_500=hourly_over, primary_pollutant=hourly_primary,
        daily_aqi=at_hours(daily.aqi), daily_insufficient=at_hours(daily.insufficient),
        city_level=city_level, region_level=region_level, warned_level=warned_level,
        cities=results, episodes=episodes,
        region_warned=warned_regions, daily_primary=PrimaryText(at_hours(daily.primary.codes)),
        daily_over_500=at_hours(daily.over_500), range_bound=range_bound or forecast.meta.range_bound)
    evaluation.findings = (_findings(daily, units, scheme) + _negative_leads(episodes, issued_at)
                           + prepared.adjacency_findings())
    evaluation.findings = spliced.findings + evaluation.findings
    evaluation.warnings = [p.localized("zh").message for p in evaluation.findings]
    evaluation.forecast_start, evaluation.observed_hours = f, spliced.observed_hours
    if spliced.absent is not None and spliced.absent.any():
        evaluation.unobserved = np.repeat(spliced.absent, 24) if forecast.is_daily else spliced.absent
    tick = pd.Timedelta(1, unit=times.unit).value  # f's position among the instants, as integers in their unit
    f_pos = min(int(times.asi8.searchsorted(-(-pd.Timestamp(f).value // tick))), len(times) - 1)
    timeline = Timeline(daily.starts, daily.ends, daily.step_hours, f, int(hour_step[f_pos]), mode,
                        times[-1].to_pydatetime())
    step_levels = {r.name: regional.level[i] for i, r in enumerate(scheme.regions)}
    evaluation.recommendations, evaluation.new_warnings = advise(
        list(in_force or ()), step_levels, timeline, scheme, issued_at=issued_at,
        episode_index={(e.region, e.start): i for i, e in enumerate(episodes)})
    return evaluation


def _at_hours(hour_step: np.ndarray, n_steps: int):
    """Per-step arrays (units × steps) taken at each forecast hour's step. In rolling mode over whole hours the
    steps are the hours: the arrays are used as they are, not copied (four units × hours copies in a
    county-scale year, issue 26); the engine's own step arrays are not kept or changed after this."""
    if len(hour_step) == n_steps and np.array_equal(hour_step, np.arange(n_steps)):
        return lambda array: array
    if len(hour_step) and hour_step[0] >= 0:  # calendar days: each day's value repeated over its hours
        first = int(hour_step[0])
        offset = 24 * first + 24 - int(np.count_nonzero(hour_step[:24] == first))  # hours of day 0 before
        stop = offset + len(hour_step)
        if stop <= 24 * n_steps and np.array_equal(hour_step, np.arange(offset, stop) // 24):
            # np.repeat, not a gather by index: a third of the time on a replay's small arrays
            return lambda array: np.ascontiguousarray(np.repeat(array, 24, axis=1)[:, offset:stop])
    return lambda array: array[:, hour_step]


def _aware(t: datetime | None) -> datetime | None:
    if t is None:
        return None
    if isinstance(t, pd.Timestamp):
        t = t.to_pydatetime()
    return t.replace(tzinfo=BEIJING) if t.tzinfo is None else t.astimezone(BEIJING)


def _findings(daily, units: list[str], scheme: Scheme) -> list[Problem]:
    """Insufficient data is listed, never dropped silently; so are linkage cities without data (the engine's
    part of the findings the officer sees with the import's)."""
    found = []
    what = "days" if daily.step_hours == 24 else "hours"
    covered = daily.covered if daily.covered is not None else np.ones(daily.aqi.shape[1], bool)
    if not covered.all():
        spans = ", ".join(_step_text(daily, s) for s in _true_spans(~covered))
        found.append(Problem(
            f"the forecast does not cover whole 24-hour periods (fewer than {scheme.min_valid_hours} valid hours): "
            f"every city counts as insufficient data, not as exceeding, for these {what}: {spans} "
            f"({int((~covered).sum())} {what} in all)", severity="warning", action="excluded"))
    short = daily.insufficient & covered
    # in the scheme's order of cities (then by name), not the file's: the same forecast with its rows in
    # another order gives the same findings in the same order
    place = {city: i for i, city in enumerate(scheme.linkage_cities)}
    rows = sorted(np.flatnonzero(short.any(axis=1)).tolist(),
                  key=lambda row: (place.get(units[row], len(place)), units[row]))
    for row in rows:
        found.append(Problem(
            f"{units[row]}: {int(short[row].sum())} {what} with insufficient data (fewer than "
            f"{scheme.min_valid_hours} valid hours), not counted as exceeding",
            severity="warning", action="excluded", units=(units[row],)))
    present = set(units)
    missing = [c for c in scheme.linkage_cities if c not in present]
    if missing:
        found.append(Problem(f"{len(missing)} linkage cities are missing from the forecast and count as no data: "
                             f"{'、'.join(missing)}", severity="warning", action="excluded", units=tuple(missing)))
    return found


def adjacency_findings(neighbours: Mapping[str, set[str]], scheme: Scheme) -> list[Problem]:
    """Adjacency that cannot be right for the rules: linkage cities with no linkage neighbour (never in a
    cluster), and regions whose graph induced on their own cities falls apart (the within-region rule can then
    never join them)."""
    linkage = scheme.linkage_cities
    inside = set(linkage)
    found = []
    alone = [c for c in linkage if not (set(neighbours.get(c, ())) & inside)]
    if alone:
        found.append(Problem(f"{len(alone)} linkage cities have no adjacent linkage city and can never be part of "
                             f"a triggering cluster: {'、'.join(alone)}", severity="warning", units=tuple(alone),
                             expected="boundaries in which every linkage city shares a border with another"))
    for region in scheme.regions:
        parts = _components(region.members, neighbours)
        if len(parts) > 1:
            listed = " | ".join("、".join(p) for p in parts)
            found.append(Problem(f"the cities of {region.name} fall into {len(parts)} groups that do not touch: "
                                 f"{listed}", severity="warning", units=tuple(region.members),
                                 expected="a region whose cities are connected by shared borders"))
    return found


def _components(members, neighbours: Mapping[str, set[str]]) -> list[list[str]]:
    """Connected components of the graph induced on ``members``, each in member order."""
    inside, seen, out = set(members), set(), []
    for start in members:
        if start in seen:
            continue
        seen.add(start)
        stack, part = [start], {start}
        while stack:
            for other in set(neighbours.get(stack.pop(), ())) & inside - seen:
                seen.add(other)
                part.add(other)
                stack.append(other)
        out.append([m for m in members if m in part])
    return out


def _negative_leads(episodes, issued_at: datetime | None) -> list[Problem]:
    """An issue time after an episode's start is a mistake to check, never a lead time of −202 h."""
    late = [e for e in episodes if e.lead_time_hours is not None and e.lead_time_hours < 0]
    if not late:
        return []
    # language-neutral parts: the message template is translated, what is inserted into it is not
    listed = "; ".join(f"{e.region} {e.start:%Y-%m-%d %H:%M} ({e.lead_time_hours:.0f} h)" for e in late)
    return [Problem(f"the issue time {issued_at:%Y-%m-%d %H:%M} is after the start of {len(late)} regional "
                    f"episodes: negative lead time, check the issue time: {listed}", severity="warning",
                    column="issued_at", expected="an issue time before the forecast period")]


def _true_spans(mask: np.ndarray) -> list[tuple[int, int]]:
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1).tolist(), (np.flatnonzero(edges == -1) - 1).tolist()))


def _step_text(daily, span: tuple[int, int]) -> str:
    fmt = "%m-%d" if daily.step_hours == 24 else "%m-%d %H:%M"
    first, last = (daily.starts[s].strftime(fmt) for s in span)
    return first if span[0] == span[1] else f"{first}–{last}"
