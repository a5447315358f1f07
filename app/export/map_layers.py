"""What a meeting map shows at one step: unit colours, legend and texts for the ``aqi``, ``daily`` and
``warning`` layers, taken from an :class:`~app.domain.results.Evaluation` (no drawing here).

- ``aqi``: the hourly AQI at an hour (HJ 633 category colours);
- ``daily``: the daily AQI of a calendar day (in rolling mode, the 24 hours ending 23:00 that day);
- ``warning``: the level each city warns at (regional or its own higher level), at an hour or the highest
  level of a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from app.domain.aqi import CATEGORIES, UNKNOWN_RGB, aqi_rgb
from app.domain.levels import LEVEL_COLOURS, LEVEL_LABELS_ZH
from app.domain.results import Evaluation
from app.domain.scheme import LEVELS
from app.errors import InputError, Problem
from maps.page import LegendEntry, RegionRow

LAYERS = ("aqi", "daily", "warning")
LINKAGE_NONE_RGB = (250, 248, 240)  # a linkage city with no warning: paper white, unmistakably "no warning"
OUTSIDE_RGB = (214, 214, 214)  # outside the linkage (hatched by the layout as well)
LAYER_TITLES = {"aqi": "逐时空气质量指数（AQI）预报", "daily": "日空气质量指数（AQI）预报",
                "warning": "重污染天气预警等级"}


@dataclass(frozen=True)
class Frame:
    layer: str
    label: str  # the step in words: 2026年1月13日 or 2026年1月13日 08时
    key: str  # for file names: 20260113 or 2026011308
    colours: dict[str, tuple[int, int, int]]
    legend: list[LegendEntry]
    legend_title: str
    title: str
    regions: tuple[RegionRow, ...] = ()  # each linkage region's level at this step (the table beside the map)


def aqi_legend() -> list[LegendEntry]:
    out = []
    for c in CATEGORIES:
        span = f"{c.aqi_min}–{c.aqi_max}" if c.aqi_max is not None else f"＞{c.aqi_min - 1}"
        out.append(LegendEntry(c.rgb, f"{c.name_zh}（{span}）"))
    return [*out, LegendEntry(UNKNOWN_RGB, "无数据或数据不足")]


def warning_legend() -> list[LegendEntry]:
    levels = [LegendEntry(LEVEL_COLOURS[name], LEVEL_LABELS_ZH[name]) for name in reversed(LEVELS) if name != "none"]
    return [*levels, LegendEntry(LINKAGE_NONE_RGB, "联动区域内未预警")]


def hour_label(t) -> str:
    """One time format on every map: 2026年1月13日08时 (as the letters write it)."""
    return f"{t.year}年{t.month}月{t.day}日{t.hour:02d}时"


def region_rows(evaluation: Evaluation, hours: np.ndarray) -> tuple[RegionRow, ...]:
    """Each region's warning level over ``hours`` (its highest), for the table beside the map."""
    rows = []
    for region, series in (evaluation.region_warned or evaluation.region_level).items():
        rank = int(np.max(np.asarray(series)[hours])) if len(hours) else 0
        name = LEVELS[rank]
        rows.append(RegionRow(region, LEVEL_LABELS_ZH[name], LEVEL_COLOURS[name] if rank else LINKAGE_NONE_RGB))
    return tuple(rows)


def _hour_index(evaluation: Evaluation, when: datetime) -> int:
    stamp = pd.Timestamp(when)
    stamp = stamp.tz_localize(evaluation.times.tz) if stamp.tzinfo is None else stamp.tz_convert(evaluation.times.tz)
    hits = np.flatnonzero(evaluation.times == stamp.floor("h"))
    if not len(hits):
        raise InputError(Problem("time outside the forecast", column="--time", value=stamp.isoformat(),
                                 expected=f"{evaluation.times[0]:%Y-%m-%d %H:%M} … {evaluation.times[-1]:%Y-%m-%d %H:%M}"))
    return int(hits[0])


def _day_hours(evaluation: Evaluation, day: date) -> np.ndarray:
    hours = np.flatnonzero(np.asarray([t.date() == day for t in evaluation.times]))
    if not len(hours):
        days = sorted({t.date() for t in evaluation.times})
        raise InputError(Problem("day outside the forecast", column="--day", value=day.isoformat(),
                                 expected=f"{days[0]} … {days[-1]}"))
    return hours


def forecast_days(evaluation: Evaluation) -> list[date]:
    return sorted({t.date() for t in evaluation.times})


def _colour_rows(evaluation: Evaluation, rgb: np.ndarray) -> dict[str, tuple[int, int, int]]:
    return {name: tuple(int(v) for v in rgb[row]) for row, name in enumerate(evaluation.units)}


def frame_at(evaluation: Evaluation, layer: str, *, time: datetime | None = None, day: date | None = None) -> Frame:
    """The frame of ``layer`` at an hour (``time``) or a day (``day``); exactly one of them for warning."""
    if layer not in LAYERS:
        raise InputError(Problem("unknown map layer", column="--layer", value=layer, expected="aqi, daily or warning"))
    if layer == "aqi":
        if time is None:
            raise InputError(Problem("the aqi layer is hourly", column="--time", expected="--time ISO8601"))
        hour = _hour_index(evaluation, time)
        t = evaluation.times[hour]
        return Frame(layer, hour_label(t), f"{t:%Y%m%d%H}",
                     _colour_rows(evaluation, aqi_rgb(evaluation.hourly_aqi[:, hour])), aqi_legend(),
                     "空气质量指数（AQI）", LAYER_TITLES[layer], region_rows(evaluation, np.array([hour])))
    if layer == "daily" or day is not None:
        if day is None:
            day = pd.Timestamp(time).date() if time is not None else None
        if day is None:
            raise InputError(Problem("the daily layer needs a day", column="--day", expected="--day YYYY-MM-DD"))
        hours = _day_hours(evaluation, day)
        label, key = f"{day.year}年{day.month}月{day.day}日", f"{day:%Y%m%d}"
        if layer == "daily":
            values = evaluation.daily_aqi[:, hours[-1]]  # calendar: the day's value; rolling: 24 h to 23:00
            return Frame(layer, label, key, _colour_rows(evaluation, aqi_rgb(values)), aqi_legend(),
                         "日空气质量指数（AQI）", LAYER_TITLES[layer], region_rows(evaluation, hours))
        ranks = evaluation.warned_level[:, hours].max(axis=1)
        return Frame(layer, label, key, _warning_colours(evaluation, ranks), warning_legend(), "预警等级",
                     LAYER_TITLES[layer], region_rows(evaluation, hours))
    hour = _hour_index(evaluation, time)
    t = evaluation.times[hour]
    return Frame(layer, hour_label(t), f"{t:%Y%m%d%H}",
                 _warning_colours(evaluation, evaluation.warned_level[:, hour]), warning_legend(), "预警等级",
                 LAYER_TITLES[layer], region_rows(evaluation, np.array([hour])))


def _warning_colours(evaluation: Evaluation, ranks: np.ndarray) -> dict[str, tuple[int, int, int]]:
    """Warned cities in their level's colour; linkage cities without a warning paper white; units outside the
    linkage grey (the layout hatches them too), so the two kinds of "no warning" never look alike — whatever
    their own level (广元 reaching orange is no regional warning, and the legend has no entry for it)."""
    out = {}
    for row, name in enumerate(evaluation.units):
        rank = int(ranks[row])
        city = evaluation.cities.get(name)
        inside = city is not None and city.region is not None
        out[name] = OUTSIDE_RGB if not inside else (LEVEL_COLOURS[LEVELS[rank]] if rank else LINKAGE_NONE_RGB)
    return out


def series_steps(evaluation: Evaluation, layer: str, series: str) -> list[dict]:
    """Keyword arguments for :func:`frame_at`, one per step of an ``hourly`` or ``daily`` series."""
    if series == "hourly":
        if layer == "daily":
            raise InputError(Problem("the daily layer has one map per day", column="--series", value=series,
                                     expected="--series daily, or --layer aqi|warning"))
        return [{"time": t.to_pydatetime()} for t in evaluation.times]
    if series == "daily":
        if layer == "aqi":
            raise InputError(Problem("the aqi layer is hourly", column="--series", value=series,
                                     expected="--series hourly, or --layer daily|warning"))
        return [{"day": d} for d in forecast_days(evaluation)]
    raise InputError(Problem("unknown series", column="--series", value=series, expected="hourly or daily"))


def default_step(evaluation: Evaluation, layer: str) -> dict:
    """Where a map goes when no time is given: the start of the first regional episode, else the first step."""
    start = evaluation.episodes[0].start if evaluation.episodes else evaluation.times[0].to_pydatetime()
    if layer == "daily":
        return {"day": pd.Timestamp(start).date()}
    return {"time": start}
