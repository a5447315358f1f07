"""Timelines of the warned cities for the briefing pack: daily AQI per city of a region over the forecast, with
the level thresholds and the regional episode shaded (matplotlib, bundled fonts, no pyplot)."""

from __future__ import annotations

import io

import numpy as np
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import DayLocator
from matplotlib.figure import Figure

from app.domain.aqi import CATEGORIES
from app.domain.levels import LEVEL_COLOURS
from app.domain.proposal import LEVEL_ZH
from app.domain.results import Evaluation
from app.export import fonts

THRESHOLDS = (150, 200, 300)


def day_label(with_month: bool = False):
    """Axis labels as documents write days: 12月20日 (or 20日), never 12-20; built here rather than with
    strftime's "%-d", which Windows' C library does not know."""
    from matplotlib.dates import num2date
    from matplotlib.ticker import FuncFormatter

    def label(value, _position) -> str:
        day = num2date(value)
        return f"{day.month}月{day.day}日" if with_month else f"{day.day}日"

    return FuncFormatter(label)


def warned_by_region(evaluation: Evaluation) -> dict[str, list[str]]:
    """Region → the cities warned in any of its episodes, in the evaluation's unit order."""
    out: dict[str, list[str]] = {}
    for episode in evaluation.episodes:
        names = out.setdefault(episode.region, [])
        names += [c for c in episode.warned_cities if c not in names]
    return out


def region_timeline_png(evaluation: Evaluation, region: str, cities: list[str], *, dpi: int = 200,
                        size_mm: tuple[float, float] = (250.0, 150.0)) -> bytes:
    rc = fonts.register_matplotlib()
    with rc_context(rc):
        figure = Figure(figsize=(size_mm[0] / 25.4, size_mm[1] / 25.4))
        FigureCanvasAgg(figure)
        ax = figure.add_subplot(1, 1, 1)
        times = evaluation.times.tz_localize(None)
        for episode in (e for e in evaluation.episodes if e.region == region):
            colour = np.array(LEVEL_COLOURS[episode.level]) / 255
            ax.axvspan(episode.start.replace(tzinfo=None), episode.end.replace(tzinfo=None), color=colour, alpha=0.18,
                       lw=0, label=f"区域{LEVEL_ZH[episode.level]}预警时段")
        for category in CATEGORIES[2:5]:
            ax.axhline(category.aqi_max, color=np.array(CATEGORIES[category.index].rgb) / 255, lw=0.8, ls="--")
        # ten colours, then the same colours dashed and dotted: up to 30 cities stay distinguishable
        styles = ("-", "--", ":")
        for i, city in enumerate(c for c in cities if c in evaluation.units):
            row = evaluation.units.index(city)
            ax.plot(times, evaluation.daily_aqi[row], lw=1.1, color=f"C{i % 10}", ls=styles[(i // 10) % 3],
                    label=city)
        ax.set_title(f"{region}：预警城市日AQI预报", fontsize=12)
        ax.set_ylabel("日AQI")
        ax.set_ylim(0, max(320.0, float(np.nanmax(evaluation.daily_aqi, initial=0)) * 1.08))
        ax.xaxis.set_major_locator(DayLocator())
        ax.xaxis.set_major_formatter(day_label(with_month=True))
        ax.grid(True, axis="x", lw=0.3, color="#bbbbbb")
        for value in THRESHOLDS:
            ax.text(times[0], value + 3, f"AQI {value}", fontsize=7, color="#555555", va="bottom")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False, ncol=1 + len(cities) // 20)
        figure.subplots_adjust(left=0.07, right=0.80, top=0.92, bottom=0.1)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


PANEL_LINES = 6  # at most this many cities in one panel: each line stays findable in print


def region_panels_png(evaluation: Evaluation, region: str, cities: list[str], *, dpi: int = 200,
                      width_mm: float = 267.0, max_height_mm: float = 180.0) -> tuple[bytes, tuple[float, float]]:
    """The region's warned cities as small multiples: panels of at most six cities each, on one y scale, with
    the region's episodes shaded and the AQI thresholds, sized for a landscape page. Returns the PNG and its
    size in mm (width, height)."""
    import math

    rc = fonts.register_matplotlib()
    known = [c for c in cities if c in evaluation.units]
    count = max(1, math.ceil(len(known) / PANEL_LINES))  # as few panels as needed, filled evenly (5+4+4, not 6+6+1)
    groups = [known[round(i * len(known) / count):round((i + 1) * len(known) / count)] for i in range(count)]
    cols = 1 if len(groups) == 1 else (2 if len(groups) <= 4 else 3)
    rows = math.ceil(len(groups) / cols)
    height_mm = min(max_height_mm, 20 + rows * 62)
    times = evaluation.times.tz_localize(None)
    top = max(320.0, float(np.nanmax(evaluation.daily_aqi, initial=0)) * 1.3)  # room for the legend on top
    with rc_context(rc):
        figure = Figure(figsize=(width_mm / 25.4, height_mm / 25.4))
        FigureCanvasAgg(figure)
        figure.suptitle(f"{region}：预警城市日AQI预报（每图不超过{PANEL_LINES}个城市）", fontsize=12)
        for k, group in enumerate(groups):
            ax = figure.add_subplot(rows, cols, k + 1)
            for episode in (e for e in evaluation.episodes if e.region == region):
                colour = np.array(LEVEL_COLOURS[episode.level]) / 255
                ax.axvspan(episode.start.replace(tzinfo=None), episode.end.replace(tzinfo=None), color=colour,
                           alpha=0.18, lw=0)
            for value in THRESHOLDS:
                ax.axhline(value, color="#777777", lw=0.6, ls="--")
                ax.text(times[0], value + 3, str(value), fontsize=7, color="#555555", va="bottom")
            for i, city in enumerate(group):
                row = evaluation.units.index(city)
                ax.plot(times, evaluation.daily_aqi[row], lw=1.3, color=f"C{i}", label=city)
            ax.set_ylim(0, top)
            ax.set_title(f"{len(groups) > 1 and f'第{k + 1}组' or '预警城市'}", fontsize=9, loc="left")
            ax.xaxis.set_major_locator(DayLocator())
            ax.xaxis.set_major_formatter(day_label())
            ax.tick_params(labelsize=8)
            ax.grid(True, axis="x", lw=0.3, color="#bbbbbb")
            if k % cols == 0:
                ax.set_ylabel("日AQI", fontsize=8)
            if group:
                ax.legend(loc="upper left", fontsize=7.5, ncol=3, frameon=True, framealpha=0.85, borderaxespad=0.3)
        shading = [f"{LEVEL_ZH[e.level]}预警时段" for e in evaluation.episodes if e.region == region]
        if shading:
            figure.text(0.99, 0.005, "底色：区域" + "、".join(dict.fromkeys(shading)) + "；虚线：日AQI 150/200/300",
                        ha="right", va="bottom", fontsize=7.5, color="#444444")
        figure.tight_layout(rect=(0, 0.03, 1, 0.95))
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue(), (width_mm, height_mm)
