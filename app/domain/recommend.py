"""Advice for a warning in force (spec §6, 四(五)3): keep, upgrade, downgrade, lift or extend.

Compared with the warning in force in a region (level, start, optionally its expected end), a new forecast:
- **upgrade** as soon as the region's level (spec §5, per hour) is above the level in force;
- **downgrade** / **lift** only when it shows a lower level (or none) lasting ≥ 36 hours (预测明显改善且持续36小时
  及以上): the new level is the highest level inside that run, none meaning lift;
- **extend** when the region is still in a regional episode after the warning's expected end;
- **keep** otherwise.
Only hours from the warning's start on count (a warning that starts tomorrow is not lifted by a clean today).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from app import untrusted
from app.domain.results import Recommendation
from app.domain.scheme import BEIJING, LEVEL_RANK, LEVELS, Scheme
from app.errors import InputError, Problem

_ZH = {"none": "无", "yellow": "黄色", "orange": "橙色", "red": "红色"}


@dataclass(frozen=True)
class WarningInForce:
    region: str  # region name (a scheme region's name; load_in_force resolves ids)
    level: str  # yellow | orange | red
    start: datetime
    end: datetime | None = None  # expected end, when known (for "extend")


def recommend(in_force: list[WarningInForce], region_level: dict[str, np.ndarray],
              region_warned: dict[str, np.ndarray], times: pd.DatetimeIndex, scheme: Scheme) -> list[Recommendation]:
    out = []
    for warning in in_force:
        try:
            region = scheme.region(warning.region).name
        except KeyError as exc:
            raise InputError(Problem("unknown region in the warning in force", column="region",
                                     value=warning.region, expected=" / ".join(r.name for r in scheme.regions))) from exc
        out.append(_advise(warning, region, region_level[region], region_warned[region], times,
                           scheme.downgrade_min_hours))
    return out


def _fmt(t) -> str:
    return pd.Timestamp(t).tz_convert(BEIJING).strftime("%Y-%m-%d %H:%M")


def _advise(w: WarningInForce, region: str, level: np.ndarray, warned: np.ndarray, times: pd.DatetimeIndex,
            min_hours: int) -> Recommendation:
    current = LEVEL_RANK[w.level]
    start = pd.Timestamp(w.start)
    inside = np.asarray(times >= start)
    lv = np.where(inside, level, -1)

    def advice(action: str, new_rank: int, at, reason: str, reason_en: str) -> Recommendation:
        return Recommendation(region, w.level, w.start, action, LEVELS[new_rank],
                              None if at is None else pd.Timestamp(at).to_pydatetime(), reason, reason_en)

    higher = np.flatnonzero(lv > current)
    if higher.size:
        first = higher[0]
        peak = LEVELS[int(lv.max())]
        at = _fmt(times[first])
        return advice("upgrade", LEVEL_RANK[peak], times[first],
                      f"预测{at}起区域达到{_ZH[peak]}（高于现行{_ZH[w.level]}），建议升级",
                      f"Forecast: the region reaches {peak} from {at} (above the {w.level} in force); "
                      f"upgrade recommended")

    lower = inside & (level < current)
    run = _first_long_run(lower, times, min_hours)
    if run is not None:
        a, b = run
        new = int(level[a:b].max())
        hours = int((times[b - 1] - times[a]) / pd.Timedelta(hours=1)) + 1
        at = _fmt(times[a])
        if new == 0:
            return advice("lift", 0, times[a],
                          f"预测{at}起无区域预警条件，持续{hours}小时（≥{min_hours}小时），建议解除",
                          f"Forecast: no regional warning conditions from {at} for {hours} hours "
                          f"(≥ {min_hours} hours); lifting recommended")
        return advice("downgrade", new, times[a],
                      f"预测{at}起区域降至{_ZH[LEVELS[new]]}，持续{hours}小时（≥{min_hours}小时），建议降级",
                      f"Forecast: the region falls to {LEVELS[new]} from {at} for {hours} hours "
                      f"(≥ {min_hours} hours); downgrade recommended")

    if w.end is not None:
        after = np.flatnonzero(np.asarray(times > pd.Timestamp(w.end)))
        if after.size and warned[after[0]] > 0:  # the regional episode still runs past the expected end
            k = last = int(after[0])
            while last + 1 < len(warned) and warned[last + 1] > 0:
                last += 1
            until, expected = _fmt(times[last]), _fmt(w.end)
            return advice("extend", current, times[k],
                          f"预测区域过程持续至{until}，晚于预计结束时间{expected}，建议延长",
                          f"Forecast: the regional episode lasts until {until}, after the expected end "
                          f"{expected}; extension recommended")
    return advice("keep", current, None,
                  f"预测未出现更高等级，亦无持续{min_hours}小时以上的改善，建议维持{_ZH[w.level]}预警",
                  f"Forecast: no higher level and no improvement lasting {min_hours} hours or more; "
                  f"keeping the {w.level} warning recommended")


def _first_long_run(mask: np.ndarray, times: pd.DatetimeIndex, min_hours: int) -> tuple[int, int] | None:
    """The first run of consecutive True hours lasting ≥ min_hours, as (start, stop) indices."""
    padded = np.concatenate([[0], mask.astype(np.int8), [0]])
    edges = np.diff(padded)
    for a, b in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)):
        hours = (times[b - 1] - times[a]) / pd.Timedelta(hours=1) + 1
        if hours >= min_hours:
            return int(a), int(b)
    return None


def load_in_force(path: str | Path, scheme: Scheme | None = None) -> list[WarningInForce]:
    """Warnings in force from a JSON file: one object or a list of {region, level, start[, end]}."""
    from app.domain.scheme import load_scheme

    scheme = scheme or load_scheme()
    path = str(path)
    raw = untrusted.read_bounded(path, "in-force", expected="a JSON file of warnings in force")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise InputError(Problem(f"not valid UTF-8 JSON: {reason}", file=path)) from exc
    items = data if isinstance(data, list) else [data]
    out = []
    for i, item in enumerate(items):
        key = f"[{i}]" if isinstance(data, list) else ""

        def fail(name: str, message: str, value=None, expected=None, key=key) -> InputError:
            return InputError(Problem(message, file=path, column=f"{key}.{name}" if key else name,
                                      value=None if value is None else str(value), expected=expected))

        if not isinstance(item, dict):
            raise InputError(Problem("wrong type", file=path, column=key or None, value=str(item)[:60],
                                     expected='an object like {"region": "成都平原地区", "level": "orange", '
                                              '"start": "2026-01-07T00:00"}'))
        for name in ("region", "level", "start"):
            if name not in item:
                raise fail(name, "missing key", expected={"region": "a region name or id",
                                                          "level": "yellow, orange or red",
                                                          "start": "ISO 8601 time"}[name])
        try:
            region = scheme.region(str(item["region"])).name
        except KeyError as exc:
            raise fail("region", "unknown region", item["region"],
                       " / ".join(f"{r.name} ({r.id})" for r in scheme.regions)) from exc
        level = item["level"]
        if level not in LEVELS[1:]:
            raise fail("level", "unknown level", level, "yellow, orange or red")
        times = [_time(item.get(n), lambda m, v, n=n: fail(n, m, v, "ISO 8601, e.g. 2026-01-07T00:00:00+08:00"))
                 for n in ("start", "end")]
        if times[0] is None:
            raise fail("start", "missing value", None, "ISO 8601 time")
        if times[1] is not None and times[1] < times[0]:
            raise fail("end", "the end is before the start", item["end"], "a time after start")
        out.append(WarningInForce(region, level, times[0], times[1]))
    return out


def _time(value, fail) -> datetime | None:
    if value is None:
        return None
    try:
        t = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise fail("not a date-time", value) from exc
    return t if t.tzinfo else t.replace(tzinfo=BEIJING)
