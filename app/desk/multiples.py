"""Small multiples: one small map per forecast day D+1 … D+7, by daily AQI or by warning level.

A day's frame shows the day's AQI (the daily AQI at its last step, as the city × day table) or each unit's
highest warning level of the day, and says which regions warn that day and at which level (each region's
highest episode level of the day). The drawing is the GUI's; this module only says what each frame holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from app.desk.daytable import DayTable, build_day_table
from app.domain.aqi import CATEGORY_RGB
from app.domain.scheme import LEVELS

MAX_DAYS = 7
SHOWS = ("daily", "warning")


@dataclass(frozen=True)
class DayFrame:
    day: date
    label: str  # "D+1"
    step: int  # the step the frame's daily AQI stands for (the day's last: a rolling day ends at 23:00)
    column: int  # column of the day in the city × day table
    regions: dict[str, str]  # region -> its highest warning level that day ("none" … "red")
    first_step: int = 0  # the day's first step
    peak_step: int = 0  # the first step of the day at the day's highest warning level (the first step if none)

    def jump_step(self, show: str, mode: str) -> int:
        """Where clicking the frame goes: the warning map at the hour the day's highest level begins; the daily
        AQI at the day's first hour (a calendar day's value holds all day) or, rolling, at 23:00 (the 24 hours
        the frame's value covers)."""
        if show == "warning":
            return self.peak_step
        return self.first_step if mode == "calendar" else self.step


def day_frames(evaluation, table: DayTable | None = None, region_of: dict | None = None) -> list[DayFrame]:
    """The frames D+1 … D+7 (days before D+1, e.g. the issue day itself, are left out; fewer when the
    forecast is shorter)."""
    table = table or build_day_table(evaluation, region_of or {})
    frames = []
    levels = evaluation.region_warned or evaluation.region_level
    warned = np.maximum(evaluation.warned_level, evaluation.city_level).max(axis=0)  # the highest, each hour
    for column, (day, label, step) in enumerate(zip(table.days, table.day_labels, table.last_step)):
        if not label.startswith("D+"):
            continue
        first = table.last_step[column - 1] + 1 if column else 0
        regions = {name: LEVELS[int(np.max(series[first:step + 1]))] for name, series in levels.items()}
        peak = first + int(np.argmax(warned[first:step + 1]))
        frames.append(DayFrame(day, label, step, column, regions, first, peak))
        if len(frames) == MAX_DAYS:
            break
    return frames


def frame_rgb(table: DayTable, frame: DayFrame, show: str, level_rgb: dict[str, tuple[int, int, int]],
              no_data: tuple[int, int, int], insufficient: tuple[int, int, int]) -> np.ndarray:
    """(units in table order, 3) uint8 colours of one frame: AQI categories, or the level colours."""
    column = frame.column
    if show == "warning":
        rgb = np.array([level_rgb[LEVELS[int(v)]] for v in table.warned_level[:, column]], dtype=np.uint8)
        unknown = np.isnan(table.aqi[:, column]) & ~table.insufficient[:, column]
        rgb[unknown] = no_data
        return rgb
    rgb = CATEGORY_RGB[table.category[:, column]].copy()
    rgb[np.isnan(table.aqi[:, column])] = no_data
    rgb[table.insufficient[:, column]] = insufficient
    return rgb
