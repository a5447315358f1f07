"""Figures of the review report: forecast | observed maps side by side for the key days, and per region a
timeline of the regional level day by day — observed, each forecast, the warning issued (matplotlib, bundled
fonts, no pyplot)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from app.domain.aqi import CATEGORIES, aqi_rgb
from app.domain.levels import LEVEL_COLOURS
from app.domain.observations import DailyValues, beijing_day
from app.domain.proposal import LEVEL_ZH
from app.domain.results import Evaluation
from app.domain.scheme import LEVEL_RANK, LEVELS
from app.export import fonts
from app.review.review import Review
from maps.layout import REGION_EDGE, REGION_STYLE, outline_paths, unit_path

NO_DATA = np.array([0.86, 0.86, 0.86])


def key_days(review: Review, count: int = 2) -> list[pd.Timestamp]:
    """The days with the highest observed daily AQI over the linkage cities (the episode's peak days), by date."""
    obs = review.observed_window
    if not len(obs.days):
        return []
    with np.errstate(all="ignore"):
        peak = np.nanmax(np.where(np.isnan(obs.aqi), -1, obs.aqi), axis=0)
    order = [i for i in np.argsort(-peak, kind="stable") if peak[i] >= 0][:count]
    return sorted(obs.days[i] for i in order)


def forecast_for_day(review: Review, day: pd.Timestamp) -> str | None:
    """The latest-issued forecast that gives that day (what the office had last before it)."""
    best, best_time = None, None
    for name in review.names:
        daily = review.forecast_daily[name]
        col = daily.day_index(day)
        if col is None or np.all(np.isnan(daily.aqi[:, col])):
            continue
        issued = review.issued_at.get(name)
        key = issued or daily.days[0].to_pydatetime()
        if best_time is None or key >= best_time:
            best, best_time = name, key
    return best


def _values(daily: DailyValues, day) -> dict[str, float]:
    col = daily.day_index(day)
    if col is None:
        return {}
    return {u: float(daily.aqi[r, col]) for r, u in enumerate(daily.units)}


def split_map_png(boundaries, left: dict[str, float], right: dict[str, float], left_title: str, right_title: str,
                  title: str, *, dpi: int = 200, size_mm: tuple[float, float] = (200.0, 105.0)) -> bytes:
    """Two maps of the units coloured by daily AQI category: ``left`` (forecast) | ``right`` (observed)."""
    rc = fonts.register_matplotlib()
    geoms = boundaries.lod("medium")
    names = list(geoms.index)
    paths = [unit_path(g) for g in geoms.values]
    regions = outline_paths(boundaries.region_outlines("medium").values)
    x0, y0, x1, y1 = geoms.total_bounds
    with rc_context(rc):
        figure = Figure(figsize=(size_mm[0] / 25.4, size_mm[1] / 25.4))
        FigureCanvasAgg(figure)
        for k, (values, caption) in enumerate(((left, left_title), (right, right_title))):
            two_lines = "\n" in left_title or "\n" in right_title  # the maps lower, under a two-line title
            ax = figure.add_axes((0.01 + 0.495 * k, 0.13, 0.48, 0.72 if two_lines else 0.76))
            aqi = np.array([values.get(n, np.nan) for n in names], dtype=float)
            colours = aqi_rgb(aqi) / 255.0
            colours[np.isnan(aqi)] = NO_DATA
            ax.add_collection(PathCollection(paths, facecolors=colours, edgecolors="#5a5a5a", linewidths=0.25))
            ax.add_collection(PathCollection(regions, facecolors="none", edgecolors=REGION_EDGE, linewidths=1.2,
                                             linestyles=REGION_STYLE))
            ax.set_xlim(x0, x1)
            ax.set_ylim(y0, y1)
            ax.set_aspect("equal")
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_title(caption, fontsize=10 if "\n" in caption else 11)
        handles = [Patch(facecolor=np.array(c.rgb) / 255, edgecolor="#5a5a5a", label=f"{c.name_zh}") for c in CATEGORIES]
        handles.append(Patch(facecolor=NO_DATA, edgecolor="#5a5a5a", label="无数据"))
        figure.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=8, frameon=False,
                      title="日AQI类别", title_fontsize=8)
        figure.suptitle(title, fontsize=12, y=0.985)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def region_days(evaluation: Evaluation, region: str, days: pd.DatetimeIndex) -> np.ndarray:
    """The region's warned level (rank) on each day (highest hour); −1 where the evaluation has no hour."""
    warned = evaluation.region_warned.get(region)
    out = np.full(len(days), -1, dtype=int)
    if warned is None:
        return out
    day_of_hour = evaluation.times.tz_convert(days.tz).normalize()
    for i, day in enumerate(days):
        hours = np.flatnonzero(day_of_hour == day)
        if hours.size:
            out[i] = int(warned[hours].max())
    return out


def issued_days(review: Review, region: str, days: pd.DatetimeIndex) -> np.ndarray:
    out = np.zeros(len(days), dtype=int)
    for span in review.regions[region].issued_periods:
        first, last = beijing_day(span.start), beijing_day(span.end)
        inside = (days >= first) & (days <= last)
        out[inside] = np.maximum(out[inside], LEVEL_RANK.get(span.level, 0))
    return out


def region_timeline_png(review: Review, region: str, *, dpi: int = 200,
                        size_mm: tuple[float, float] = (170.0, 0.0)) -> bytes:
    """Rows: 实测 (the rules applied to the observations), each forecast, 已发预警; a cell per day coloured by the
    region's level; grey where a row says nothing about the day."""
    days = review.observed_window.days
    rows = [("实测", region_days(review.observed_evaluation, region, days))]
    rows += [(name, region_days(review.evaluations[name], region, days)) for name in review.names]
    if review.with_issued:  # without a case nothing issued is known: no row saying "none issued"
        rows.append(("已发预警", issued_days(review, region, days)))
    height = size_mm[1] or 26.0 + 8.0 * len(rows)
    # room for the longest row name at 8 pt (a producer's name is 14 characters: it was cut at the left edge)
    label_mm = max(sum(1.0 if ord(ch) > 0x2E80 else 0.6 for ch in name) for name, _ in rows) * 8 * 25.4 / 72 + 4
    left = max(0.17, label_mm / size_mm[0])
    rc = fonts.register_matplotlib()
    with rc_context(rc):
        figure = Figure(figsize=(size_mm[0] / 25.4, height / 25.4))
        FigureCanvasAgg(figure)
        bottom = 15.0 / height
        ax = figure.add_axes((left, bottom, 0.98 - left, 1 - bottom - 8.0 / height))
        for r, (_, ranks) in enumerate(rows):
            for c, rank in enumerate(ranks):
                ax.add_patch(_cell(c, r, rank))
        ax.set_xlim(0, len(days))
        ax.set_ylim(len(rows), 0)
        ax.set_yticks(np.arange(len(rows)) + 0.5, [name for name, _ in rows], fontsize=8)
        step = max(1, len(days) // 16)
        ax.set_xticks(np.arange(0, len(days), step) + 0.5, [f"{d.month}月{d.day}日" for d in days[::step]], fontsize=8)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        partial = "（实测不完整）" if review.regions[region].partial else ""
        ax.set_title(f"{region}：区域预警级别逐日对比{partial}", fontsize=10)
        handles = [Patch(facecolor=_level_colour(lv), edgecolor="#888888",
                         label=LEVEL_ZH[lv] if lv != "none" else "未达预警") for lv in LEVELS]
        handles.append(Patch(facecolor=NO_DATA, edgecolor="#888888", hatch="////", label="无数据/未覆盖"))
        figure.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=7, frameon=False)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _level_colour(level: str):
    return np.array([1.0, 1.0, 1.0]) if level == "none" else np.array(LEVEL_COLOURS[level]) / 255


def _cell(c: int, r: int, rank: int):
    from matplotlib.patches import Rectangle

    if rank < 0:
        return Rectangle((c + 0.04, r + 0.08), 0.92, 0.84, facecolor=NO_DATA, edgecolor="#aaaaaa", hatch="////",
                         linewidth=0.5)
    return Rectangle((c + 0.04, r + 0.08), 0.92, 0.84, facecolor=_level_colour(LEVELS[rank]), edgecolor="#999999",
                     linewidth=0.5)


def day_maps(review: Review, boundaries, count: int = 2) -> list[tuple[pd.Timestamp, str, bytes]]:
    """For each key day: (day, forecast name, the forecast | observed PNG)."""
    out = []
    for day in key_days(review, count):
        name = forecast_for_day(review, day)
        if name is None:
            continue
        issued = review.issued_at.get(name)
        # the source's name over the issue time: one line of it was wider than the half figure and was cut
        when = f"{issued.month}月{issued.day}日{issued.hour:02d}时发布" if issued else ""
        left = f"预报：{name}" + (f"\n（{when}）" if when else "")
        png = split_map_png(boundaries, _values(review.forecast_daily[name], day), _values(review.observed_window, day),
                            left, "实测", f"{day.year}年{day.month}月{day.day}日 日AQI：预报与实测")
        out.append((day, name, png))
    return out
