"""Each city's own warning level (spec §4), from its daily AQI per step (day, or hour in rolling mode).

"Daily AQI > X for N hours" is a run of at least ``steps_for(N)`` consecutive steps with daily AQI > X:
N/24 days (rounded up) in calendar mode, N − 23 hours in rolling mode. A condition ``with`` an inner one
(red: > 200 for 72 h with > 300 for 24 h) needs the inner run inside the outer run. An episode is a maximal
run with daily AQI > 150 that meets at least one level's condition; its level is the highest level whose
condition a run inside it meets. A run > 150 meeting none is not an episode: it never merges, extends or counts.
Episodes whose gap is under 36 hours merge into one, spanning the gap, at the higher level. Insufficient data
(NaN) is never above a threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

import numpy as np

from app.domain.daily import DailyAqi
from app.domain.results import CityEpisode, Deferred, QualifyingRun
from app.domain.runs import Runs, find_runs, merge_close, run_cells, run_max, spread
from app.domain.scheme import LEVELS, RunCondition, Scheme

# Warning-level colours for maps, time bars and exports (none, yellow, orange, red), by level name.
LEVEL_COLOURS: dict[str, tuple[int, int, int]] = {
    "none": (220, 220, 220),
    "yellow": (255, 255, 0),
    "orange": (255, 126, 0),
    "red": (255, 0, 0),
}
LEVEL_RGB = np.array([LEVEL_COLOURS[name] for name in LEVELS], dtype=np.uint8)  # indexed by level rank
LEVEL_LABELS_ZH = {"none": "无预警", "yellow": "黄色预警", "orange": "橙色预警", "red": "红色预警"}
LEVEL_LABELS_EN = {"none": "no warning", "yellow": "yellow", "orange": "orange", "red": "red"}


def steps_for(hours: int, step_hours: int) -> int:
    """Consecutive steps that make "for N hours": ⌈N/24⌉ days, or N − 23 rolling hours (at least one)."""
    if step_hours == 24:
        return max(1, -(-hours // 24))
    return max(1, hours - 23)


def max_gap_steps(gap_hours: int, step_hours: int) -> int:
    """The largest gap, in steps, that is still "under ``gap_hours``"."""
    return (gap_hours - 1) // step_hours


def condition_runs(aqi: np.ndarray, cond: RunCondition, step_hours: int,
                   within: np.ndarray | None = None) -> tuple[Runs, Runs | None]:
    """Runs meeting a condition (rows × steps), and for a nested condition the inner runs found inside them;
    ``within`` restricts the runs to the cells of an outer run."""
    above = aqi > cond.aqi_above  # NaN compares False: insufficient data never counts
    if within is not None:
        above &= within
    runs = find_runs(above)
    return _with_inner(aqi, cond, step_hours, runs.select(runs.length >= steps_for(cond.hours, step_hours)))


def conditions_runs(aqi: np.ndarray, conditions: list[RunCondition],
                    step_hours: int) -> list[tuple[Runs, Runs | None]]:
    """:func:`condition_runs` of each condition, the outer masks searched together: stacked as rows (runs never
    cross rows) in one :func:`find_runs`, each condition's runs taken back as its block of rows — the same runs
    (issue 26: one search instead of one per condition, five in the bundled scheme, in each of a replay's
    evaluations)."""
    if not conditions:
        return []
    n_rows = aqi.shape[0]
    every = find_runs(np.concatenate([aqi > cond.aqi_above for cond in conditions]))  # NaN is never above
    bounds = np.searchsorted(every.row, np.arange(len(conditions) + 1) * n_rows).tolist()
    out = []
    for k, cond in enumerate(conditions):
        a, b = bounds[k], bounds[k + 1]
        runs = Runs(every.row[a:b] - k * n_rows, every.start[a:b], every.stop[a:b])
        runs = runs.select(runs.length >= steps_for(cond.hours, step_hours))
        out.append(_with_inner(aqi, cond, step_hours, runs))
    return out


def _with_inner(aqi: np.ndarray, cond: RunCondition, step_hours: int, runs: Runs) -> tuple[Runs, Runs | None]:
    """The runs of a nested condition that hold a run of its inner one, and the inner runs (found inside them)."""
    if cond.inner is None or not len(runs):
        return runs, None
    outer = spread(runs, np.ones(len(runs), dtype=bool), aqi.shape, False)
    inner, _ = condition_runs(aqi, cond.inner, step_hours, within=outer)
    inner_cells = spread(inner, np.ones(len(inner), dtype=bool), aqi.shape, False)
    return runs.select(run_max(runs, inner_cells.astype(np.int8)) > 0), inner


@dataclass(frozen=True)
class StepTimes:
    """What a qualifying run's times need of a :class:`DailyAqi` (each step's first and last hour, hours per step),
    kept by the runs made on first read instead of the daily AQI's arrays."""

    starts: list
    ends: list
    step_hours: int

    @staticmethod
    def of(daily: DailyAqi) -> StepTimes:
        return StepTimes(daily.starts, daily.ends, daily.step_hours)


@dataclass
class CityLevels:
    level: np.ndarray  # (units, steps) int8: own level per step after the merge
    episode_at: np.ndarray  # (units, steps) int32: index into ``episodes`` or −1
    episodes: list[CityEpisode] = field(default_factory=list)  # ordered by unit row, then time
    episode_row: list[int] = field(default_factory=list)
    spans: Runs | None = None  # each episode's (row, start, stop) in steps
    level_runs: dict[int, list[tuple[RunCondition, Runs, Runs | None]]] = field(default_factory=dict)
    _at_level: dict[tuple[int, int], list[QualifyingRun]] = field(default_factory=dict, repr=False)

    def runs_at_level(self, episode: int, rank: int, daily: DailyAqi | StepTimes) -> list[QualifyingRun]:
        """The runs inside an episode that meet level ``rank``'s conditions (a regional reason at that level);
        the episode's own runs when none does. Cached: large clusters name the same city episode many times."""
        key = (episode, rank)
        if key not in self._at_level:
            row, s0, s1 = (int(a[episode]) for a in (self.spans.row, self.spans.start, self.spans.stop))
            found = _runs_in(self.level_runs.get(rank, []), row, s0, s1, self.episodes[episode].city, daily)
            self._at_level[key] = found or list(self.episodes[episode].runs)
        return list(self._at_level[key])


def city_levels(daily: DailyAqi, units: list[str], scheme: Scheme) -> CityLevels:
    aqi, step_hours = daily.aqi, daily.step_hours
    shape = aqi.shape
    qualifying = np.zeros(shape, dtype=np.int8)  # highest level a qualifying run gives each step
    level_runs: dict[int, list[tuple[RunCondition, Runs, Runs | None]]] = {}
    ranked = [(rule.rank, cond) for rule in scheme.levels for cond in rule.conditions]
    for (rank, cond), (runs, inner) in zip(ranked, conditions_runs(aqi, [c for _, c in ranked], step_hours)):
        level_runs.setdefault(rank, []).append((cond, runs, inner))
        if len(runs):  # the runs' steps only, not a whole mask per condition
            at, flat = run_cells(runs, shape[1]), qualifying.reshape(-1)
            flat[at] = np.maximum(flat[at], rank)

    raw = find_runs(aqi > scheme.episode_aqi_above)
    raw_level = run_max(raw, qualifying) if len(raw) else np.zeros(0, dtype=np.int8)
    # Only runs meeting a level's condition are 重污染天气过程 (spec §4): a lone 中度 day between or beside
    # episodes is dropped *before* the 36-hour merge, so it neither bridges two episodes nor extends one.
    episodes = raw.select(raw_level > 0)
    kept, group = merge_close(episodes, max_gap_steps(scheme.merge_gap_hours, step_hours))
    kept_level = np.zeros(len(kept), dtype=np.int8)
    np.maximum.at(kept_level, group, raw_level[raw_level > 0])

    level = spread(kept, kept_level, shape, 0, np.int8)
    episode_at = spread(kept, np.arange(len(kept), dtype=np.int32), shape, -1, np.int32)
    result = CityLevels(level, episode_at, spans=kept, level_runs=level_runs)
    # each episode's highest daily AQI, NaN left out (None when it has none)
    peaks = run_max(kept, aqi, np.fmax).tolist() if len(kept) else []
    steps = StepTimes.of(daily) if len(kept) else None
    for k, (row, s0, s1, rank, peak) in enumerate(zip(kept.row.tolist(), kept.start.tolist(), kept.stop.tolist(),
                                                      kept_level.tolist(), peaks)):
        # the runs that gave the level, found when first read (a replay reads none) and cached with runs_at_level's
        runs = Deferred(partial(_own_runs, result._at_level, (k, rank), level_runs[rank], row, s0, s1, units[row],
                                steps))
        result.episodes.append(CityEpisode(units[row], LEVELS[rank], daily.starts[s0], daily.ends[s1 - 1],
                                           None if peak != peak else int(peak), runs))
        result.episode_row.append(row)
    return result


def _own_runs(cache: dict, key: tuple[int, int], conditions: list[tuple[RunCondition, Runs, Runs | None]], row: int,
              s0: int, s1: int, city: str, daily: DailyAqi | StepTimes) -> tuple[QualifyingRun, ...]:
    """An episode's ``CityEpisode.runs``: :func:`_runs_in` at its own level, kept in ``CityLevels._at_level`` under
    ``key`` (what :meth:`CityLevels.runs_at_level` finds at that level; no reference back to the episode)."""
    if key not in cache:
        cache[key] = _runs_in(conditions, row, s0, s1, city, daily)
    return tuple(cache[key])


def _runs_in(conditions: list[tuple[RunCondition, Runs, Runs | None]], row: int, s0: int, s1: int, city: str,
             daily: DailyAqi | StepTimes) -> list[QualifyingRun]:
    """The runs inside [s0, s1) that met the level's conditions (outer runs, then their inner runs)."""
    out: list[QualifyingRun] = []
    for cond, runs, inner in conditions:
        for start, stop in runs.in_row(row, s0, s1):
            out.append(qualifying_run(city, start, stop, cond.aqi_above, daily))
            if inner is not None:
                out.extend(qualifying_run(city, a, b, cond.inner.aqi_above, daily)
                           for a, b in inner.in_row(row, start, stop))
    return out


def qualifying_run(city: str, start: int, stop: int, above: float, daily: DailyAqi | StepTimes) -> QualifyingRun:
    """A run of steps [start, stop) as "daily AQI > X for N hours" (N: days × 24, or rolling hours + 23)."""
    steps = stop - start
    hours = steps * 24 if daily.step_hours == 24 else steps + 23
    return QualifyingRun(city, daily.starts[start], daily.ends[stop - 1], above, hours)
