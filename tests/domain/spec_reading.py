"""A second, deliberately naive reading of the warning rules, written straight from the words of
shared/spec/warning-rules.md §3 (PM2.5 daily AQI), §4 (a city's own level, 重污染天气过程, the 36-hour merge)
and §5 (regional triggers, regional episodes, who warns, the reason).

It shares nothing with the engine (``app.domain``): no run finder, no AQI table, no graph code. It reads only a
forecast's hourly PM2.5 values and times, and the adjacency (input data, like the forecast). Everything is
plain Python loops over days or hours, exact arithmetic (fractions) for any IAQI a float could round differently,
and breadth-first searches per step, so that a disagreement with the engine is a question about the rules, not about numerics.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction

BEIJING = timezone(timedelta(hours=8))
HOUR = timedelta(hours=1)

# §1: the four linkage regions and their cities, in the spec's words.
REGIONS = {
    "盆地东北部地区": ["达州市", "万州区", "开州区", "梁平区"],
    "盆地中部地区": ["遂宁市", "广安市", "南充市", "涪陵区", "江北区", "沙坪坝区", "南岸区", "北碚区", "渝北区",
                 "巴南区", "长寿区", "合川区", "南川区", "璧山区", "铜梁区", "潼南区", "垫江县"],
    "盆地南部地区": ["泸州市", "内江市", "资阳市", "宜宾市", "自贡市", "渝中区", "大渡口区", "九龙坡区", "江津区",
                 "永川区", "綦江区", "大足区", "荣昌区"],
    "成都平原地区": ["成都市", "德阳市", "绵阳市", "眉山市", "乐山市", "雅安市"],
}
REGION_OF = {city: region for region, cities in REGIONS.items() for city in cities}

# §3: HJ 633 PM2.5 24-hour breakpoints; the 2026 edition moves IAQI 100 from 75 to 60 µg/m³ and (HJ 633-2026)
# rounds the concentration to an integer first. The 2026 edition applies from 2026-03-01 Beijing time.
IAQI_POINTS = [0, 50, 100, 150, 200, 300, 400, 500]
PM25_2012 = [0, 35, 75, 115, 150, 250, 350, 500]
PM25_2026 = [0, 35, 60, 115, 150, 250, 350, 500]
SWITCH = datetime(2026, 3, 1, tzinfo=BEIJING)
MIN_VALID_HOURS = 20

# §4: the level table, as (X, N hours) with an optional inner (X, N) that must lie inside the run.
LEVEL_NAMES = ["none", "yellow", "orange", "red"]
CONDITIONS = {
    1: [((200, 24), None), ((150, 48), None)],
    2: [((200, 48), None), ((150, 72), None)],
    3: [((200, 72), (300, 24))],
}
EPISODE_ABOVE = 150
MERGE_UNDER_HOURS = 36


def pm25_iaqi(concentration: float, when: datetime) -> int:
    """IAQI of a 24-hour PM2.5 mean by linear interpolation, rounded up; above the table's top: 500."""
    if when >= SWITCH:
        limits = PM25_2026
        c = round(concentration)  # round half to even, as GB/T 8170
    else:
        limits = PM25_2012
        c = concentration  # (Python compares a float with an int exactly)
    if c > limits[-1]:
        return 500
    for i in range(len(limits) - 1):
        lo, hi = limits[i], limits[i + 1]
        if lo <= c <= hi:
            # the float interpolation is off by far less than 1e-6: away from an integer it rounds up the same
            # way as the exact value (and is many times faster); near one, the exact value decides
            approx = IAQI_POINTS[i] + (IAQI_POINTS[i + 1] - IAQI_POINTS[i]) / (hi - lo) * (c - lo)
            if abs(approx - round(approx)) > 1e-6:
                return math.ceil(approx)
            value = IAQI_POINTS[i] + Fraction(IAQI_POINTS[i + 1] - IAQI_POINTS[i], hi - lo) * (Fraction(c) - lo)
            return math.ceil(value)
    raise ValueError(f"negative concentration {concentration}")


@dataclass
class Reading:
    mode: str
    step_hours: int
    steps: list[datetime]  # first hour of each step (a day at 00:00, or a rolling window's last hour)
    daily: dict[str, list[int | None]]  # None: insufficient data
    level: dict[str, list[int]] = field(default_factory=dict)
    city_episodes: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)  # (level, first, last)
    region_level: dict[str, list[int]] = field(default_factory=dict)
    # per step and region, at each level, the (rule, cities) components that trigger it
    triggers: dict[tuple[str, int, int], set[tuple[str, frozenset[str]]]] = field(default_factory=dict)
    regional_episodes: list[dict] = field(default_factory=list)


def read_forecast(times: list[datetime], cities: list[str], pm25: list[list[float]], mode: str,
                  neighbours: dict[str, set[str]]) -> Reading:
    """The spec's reading of an hourly PM2.5 forecast (times tz-aware, values NaN where missing)."""
    hourly = {}
    for row, city in enumerate(cities):
        # keyed by the hour's number since the epoch (hashing aware datetimes was most of the reading's time)
        hourly[city] = {_hour_number(t): v for t, v in zip(times, pm25[row]) if not math.isnan(v)}
    first, last = times[0].astimezone(BEIJING), times[-1].astimezone(BEIJING)
    if mode == "calendar":
        steps, step_hours = [], 24
        day: date = first.date()
        while day <= last.date():
            steps.append(datetime(day.year, day.month, day.day, tzinfo=BEIJING))
            day += timedelta(days=1)
    else:
        steps, step_hours = [], 1
        t = first
        while t <= last:
            steps.append(t)
            t += HOUR
    reading = Reading(mode, step_hours, steps, {})
    for city in cities:
        reading.daily[city] = [_daily_aqi(hourly[city], step, mode) for step in steps]
    for city in cities:
        episodes = _city_episodes(reading.daily[city], step_hours)
        reading.city_episodes[city] = episodes
        level = [0] * len(steps)
        for rank, a, b in episodes:
            for s in range(a, b + 1):
                level[s] = rank
        reading.level[city] = level
    _regional(reading, cities, neighbours)
    return reading


def _hour_number(t: datetime) -> int:
    return int(t.timestamp()) // 3600


def _daily_aqi(values: dict[int, float], step: datetime, mode: str) -> int | None:
    """Calendar: the day 00:00–23:00; rolling: the 24 hours ending at ``step``. Needs ≥ 20 valid hours."""
    first = _hour_number(step) if mode == "calendar" else _hour_number(step) - 23
    valid = [values[h] for h in range(first, first + 24) if h in values]
    if len(valid) < MIN_VALID_HOURS:
        return None
    return pm25_iaqi(sum(valid) / len(valid), step)


def _steps_for(hours: int, step_hours: int) -> int:
    """"For N hours": N/24 consecutive days, or N − 23 consecutive rolling hours."""
    return math.ceil(hours / 24) if step_hours == 24 else hours - 23


def _runs_above(daily: list[int | None], above: int, first: int, last: int) -> list[tuple[int, int]]:
    """Maximal runs (first, last step) inside [first, last] whose daily AQI is > ``above``."""
    runs, start = [], None
    for s in range(first, last + 1):
        if daily[s] is not None and daily[s] > above:
            if start is None:
                start = s
        elif start is not None:
            runs.append((start, s - 1))
            start = None
    if start is not None:
        runs.append((start, last))
    return runs


def _meets(daily, rank: int, first: int, last: int, step_hours: int) -> bool:
    """Whether some run inside [first, last] meets one of the level's conditions."""
    for (above, hours), inner in CONDITIONS[rank]:
        for a, b in _runs_above(daily, above, first, last):
            if b - a + 1 < _steps_for(hours, step_hours):
                continue
            if inner is None:
                return True
            for c, d in _runs_above(daily, inner[0], a, b):
                if d - c + 1 >= _steps_for(inner[1], step_hours):
                    return True
    return False


def _city_episodes(daily: list[int | None], step_hours: int) -> list[tuple[int, int, int]]:
    """§4: runs > 150 meeting at least yellow are episodes (at their highest level); others are dropped; then
    episodes less than 36 hours apart merge, spanning the gap, at the higher level."""
    episodes = []
    for a, b in _runs_above(daily, EPISODE_ABOVE, 0, len(daily) - 1):
        rank = max((r for r in CONDITIONS if _meets(daily, r, a, b, step_hours)), default=0)
        if rank:
            episodes.append([rank, a, b])
    merged: list[list[int]] = []
    for rank, a, b in episodes:
        if merged and (a - merged[-1][2] - 1) * step_hours < MERGE_UNDER_HOURS:
            merged[-1][0] = max(merged[-1][0], rank)
            merged[-1][2] = b
        else:
            merged.append([rank, a, b])
    return [tuple(e) for e in merged]


def _components(members: set[str], neighbours: dict[str, set[str]]) -> list[set[str]]:
    """Connected components of the graph induced on ``members`` (breadth-first search)."""
    seen, out = set(), []
    for start in sorted(members):
        if start in seen:
            continue
        component, queue = {start}, [start]
        seen.add(start)
        while queue:
            node = queue.pop(0)
            for other in neighbours.get(node, ()):
                if other in members and other not in seen:
                    seen.add(other)
                    component.add(other)
                    queue.append(other)
        out.append(component)
    return out


def _regional(reading: Reading, cities: list[str], neighbours: dict[str, set[str]]) -> None:
    present = [c for c in REGION_OF if c in reading.level]
    n = len(reading.steps)
    for region in REGIONS:
        reading.region_level[region] = [0] * n
    for s in range(n):
        for rank in (3, 2, 1):
            chosen = {c for c in present if reading.level[c][s] >= rank}
            for region, members in REGIONS.items():
                for comp in _components(chosen & set(members), neighbours):
                    if len(comp) >= 4:
                        reading.triggers.setdefault((region, s, rank), set()).add(("within-region", frozenset(comp)))
            for comp in _components(chosen, neighbours):
                regions = {REGION_OF[c] for c in comp}
                if len(comp) >= 6 and len(regions) >= 2:
                    for region in regions:
                        reading.triggers.setdefault((region, s, rank), set()).add(("across-regions", frozenset(comp)))
            for region in REGIONS:
                if (region, s, rank) in reading.triggers and reading.region_level[region][s] < rank:
                    reading.region_level[region][s] = rank
    for region, members in REGIONS.items():
        level = reading.region_level[region]
        runs = []
        for s in range(n):
            if level[s] >= 1:
                if runs and s == runs[-1][1] + 1:
                    runs[-1][1] = s
                else:
                    runs.append([s, s])
        merged: list[list[int]] = []
        for a, b in runs:
            if merged and (a - merged[-1][1] - 1) * reading.step_hours < MERGE_UNDER_HOURS:
                merged[-1][1] = b
            else:
                merged.append([a, b])
        for a, b in merged:
            rank = max(level[a:b + 1])
            warned = {}
            for city in members:
                own = max(reading.level[city][a:b + 1]) if city in reading.level else 0
                warned[city] = LEVEL_NAMES[max(rank, own)]
            reasons = set()
            for s in range(a, b + 1):
                reasons |= reading.triggers.get((region, s, rank), set())
            reading.regional_episodes.append({"region": region, "level": LEVEL_NAMES[rank], "first": a, "last": b,
                                              "warned": warned, "reasons": reasons})


def step_end(reading: Reading, step: int) -> datetime:
    """The last hour inside a step (23:00 of the day, or the hour itself in rolling mode)."""
    return reading.steps[step] + (reading.step_hours - 1) * HOUR


def step_of_hour(reading: Reading, t: datetime) -> int:
    """The step that applies at a forecast hour."""
    t = t.astimezone(BEIJING)
    if reading.step_hours == 24:
        return (t.date() - reading.steps[0].date()).days
    return int((t - reading.steps[0]) / HOUR)


def is_qualifying_run(reading: Reading, city: str, start: datetime, end: datetime, above: float,
                      hours: int) -> bool:
    """A reason's run: consecutive steps, all with daily AQI > ``above``, described with the right length."""
    first, last = step_of_hour(reading, start), step_of_hour(reading, end)
    if reading.steps[first] != start.astimezone(BEIJING) or step_end(reading, last) != end.astimezone(BEIJING):
        return False
    daily = reading.daily[city][first:last + 1]
    length = last - first + 1
    described = length * 24 if reading.step_hours == 24 else length + 23
    return all(v is not None and v > above for v in daily) and described == hours
