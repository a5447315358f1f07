"""Every threshold of the spec and the scheme, at the threshold and one step either side.

A test that only looks far from a threshold (36 h and 84 h for a 72 h rule) passes with ``<`` turned into
``<=``; these fail on such a slip. The level table (> 150/200/300, 24/48/72 h), 3 vs 4 and 5 vs 6 adjacent
cities, the calendar merge and 19 vs 20 valid hours are tested at their edges in test_engine_rules.py, every AQI
breakpoint of both editions (and ±1e-6 around it) in test_aqi.py, the 1 km border (0.95/1.05 km) in
tests/maps/test_adjacency_rules.py; the 36 h downgrade/lift edge of §7 in the warning-life tests.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest
from shapely.geometry import box

from app.domain.engine import evaluate
from app.domain.scheme import BEIJING
from tests.domain.engine_helpers import daily_forecast, hourly_forecast, path_graph, toy_scheme

A = ["成都市", "德阳市", "绵阳市", "眉山市", "乐山市", "雅安市"]
SCHEME = toy_scheme({"甲区": A, "乙区": ["遂宁市", "南充市", "广安市", "达州市", "资阳市"]})
START = datetime(2026, 1, 7, tzinfo=BEIJING)  # the regional episode below starts 2026-01-07 00:00


# -- §6 lead time: 原则上提前72小时 — flagged when under 72 h, not at 72 h ----------------------------------------
@pytest.mark.parametrize("hours_ahead, short", [(71, True), (72, False), (73, False)])
def test_lead_time_flag_at_72_hours(hours_ahead, short):
    four = A[:4]
    levels = {c: [60, 60, 250, 250, 60, 60, 60] for c in four}
    issued = START - timedelta(hours=hours_ahead)
    ev = evaluate(daily_forecast(levels), SCHEME, path_graph(four), issued_at=issued)
    (episode,) = ev.episodes
    assert episode.start == START
    assert episode.lead_time_hours == hours_ahead
    assert episode.lead_time_short is short


# -- §4 注 merge: gap under 36 h merges — rolling mode counts hours ------------------------------------------------
def _rolling_gap(gap_steps: int):
    """One city, two yellow runs in rolling mode, ``gap_steps`` hourly steps apart (steps with A(t) ≤ 150 between
    the last step of the first run and the first of the second)."""
    high, low = 132.5, 20.0
    # A(t), the mean of the 24 h ending at t, exceeds 115 µg/m³ (AQI > 150) when the window holds ≥ 21 hours at
    # `high`: a block of B such hours gives the steps from its 21st hour to 3 hours after its last, B − 17; B = 50 →
    # 33 steps, yellow (48 h > 150 is 25 steps in rolling mode; orange's 72 h would be 49). Between two blocks
    # `low` hours apart the steps at or below 150 are low + 17.
    series = [low] * 30 + [high] * 50 + [low] * (gap_steps - 17) + [high] * 50 + [low] * 30
    ev = evaluate(hourly_forecast({"成都市": series}, start="2026-01-05"), SCHEME, {}, mode="rolling")
    return ev.cities["成都市"].episodes


def _hours(a, b) -> int:
    return int((b - a).total_seconds() // 3600)


@pytest.mark.parametrize("gap, merged", [(35, True), (36, False), (37, False)])
def test_rolling_merge_at_36_hours(gap, merged):
    episodes = _rolling_gap(gap)
    assert all(e.level == "yellow" for e in episodes)
    if merged:
        (one,) = episodes
        assert _hours(one.start, one.end) + 1 == 33 + gap + 33
    else:
        first, second = episodes
        assert _hours(first.start, first.end) + 1 == 33
        assert _hours(first.end, second.start) - 1 == gap


# -- the scheme's plausibility ceiling, under every PM2.5 header the importer accepts -------------------------
PM25_HEADERS = ["pm25", "PM25", "PM2.5", "pm2_5", "PM2.5(μg/m3)", "PM2.5（μg/m³）", "PM2.5(ug/m3)", "pm25浓度",
                "细颗粒物", "细颗粒物PM2.5", "PM2.5 (µg/m³)"]


@pytest.mark.parametrize("header", PM25_HEADERS)
def test_plausibility_ceiling_at_the_edge_under_each_header(tmp_path, header):
    """The scheme's PM2.5 ceiling (2000 µg/m³) is looked up by the column's field, whatever its header says: at
    the ceiling a value is kept, one step above it is missing and reported with its row and column."""
    from app.domain.scheme import load_scheme
    from app.importing.api import load_forecast

    ceiling = load_scheme().plausible_max["pm25"]
    times = [datetime(2026, 1, 5) + timedelta(hours=h) for h in range(48)]
    rows = [f"{t:%Y-%m-%d %H:%M},成都市,{80 if h not in (10, 11) else (ceiling if h == 10 else ceiling + 1)}"
            for h, t in enumerate(times)]
    path = tmp_path / "f.csv"
    path.write_text("time,city," + header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    forecast = load_forecast(path)
    values = forecast.values["pm25"][forecast.row("成都市")]
    assert values[10] == ceiling
    assert np.isnan(values[11])
    reported = [w for w in forecast.warnings if w.value is not None and str(ceiling + 1) in str(w.value)]
    assert reported and reported[0].row == 13, [str(w) for w in forecast.warnings]  # line 13: header + 11 rows
    assert reported[0].column == header


# -- §2 adjacency: gaps up to 100 m are closed (the scheme's snap), measured in a metric projection -----------
@pytest.mark.parametrize("gap_m, adjacent", [(95, True), (100, True), (105, False)])
def test_snap_gap_at_100_metres(gap_m, adjacent):
    import geopandas as gpd

    from maps.adjacency import derive_adjacency
    from maps.projection import BASIN_CRS

    frame = gpd.GeoDataFrame(geometry=[box(0, 0, 5000, 5000), box(5000 + gap_m, 0, 10000, 5000)],
                             index=["a", "b"], crs=BASIN_CRS)
    adj = derive_adjacency(frame)
    assert adj.adjacent("a", "b") is adjacent
