"""Small-multiples frames: D+1 … D+7, the day's step, each region's highest level of the day, frame colours."""

from __future__ import annotations

import numpy as np

from app.desk.daytable import build_day_table
from app.desk.multiples import day_frames, frame_rgb
from app.domain.aqi import CATEGORY_RGB, category_index
from app.domain.scheme import LEVELS


def test_frames_are_the_forecast_days_with_region_levels(sample_evaluation):
    scheme, _, evaluation = sample_evaluation
    frames = day_frames(evaluation, region_of=scheme.region_of)
    assert [f.label for f in frames] == [f"D+{k}" for k in range(1, 8)]
    for frame in frames:
        start = frame.step - 23
        for region, level in frame.regions.items():
            assert level == LEVELS[int(evaluation.region_warned[region][start:frame.step + 1].max())]
    assert frames[0].regions["成都平原地区"] == "none" and frames[3].regions["成都平原地区"] == "orange"


def test_frame_colours(sample_evaluation):
    scheme, _, evaluation = sample_evaluation
    table = build_day_table(evaluation, scheme.region_of)
    frame = day_frames(evaluation, table)[3]
    level_rgb = {"none": (1, 1, 1), "yellow": (2, 2, 2), "orange": (3, 3, 3), "red": (4, 4, 4)}
    rgb = frame_rgb(table, frame, "warning", level_rgb, (9, 9, 9), (8, 8, 8))
    row = table.units.index("成都市")
    assert tuple(rgb[row]) == level_rgb[LEVELS[int(table.warned_level[row, 3])]]
    rgb = frame_rgb(table, frame, "daily", level_rgb, (9, 9, 9), (8, 8, 8))
    assert tuple(rgb[row]) == tuple(CATEGORY_RGB[int(category_index(table.aqi[row, 3]))])
    assert rgb.dtype == np.uint8 and rgb.shape == (59, 3)


def test_a_forecast_issued_within_its_first_day_starts_at_d_plus_1(sample_evaluation):
    from dataclasses import replace

    scheme, _, evaluation = sample_evaluation
    later = replace(evaluation, issued_at=evaluation.times[0].to_pydatetime())  # issued on the first day: D, D+1…
    frames = day_frames(later, region_of=scheme.region_of)
    assert frames[0].label == "D+1" and len(frames) == 6
