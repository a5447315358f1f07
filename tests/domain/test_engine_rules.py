"""One test per clause of the rules (shared/spec/warning-rules.md §3–§6), on hand-made graphs and daily AQI."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from app.domain.engine import evaluate
from app.domain.scheme import BEIJING
from app.errors import InputError
from tests.domain.engine_helpers import (
    daily_forecast,
    graph,
    hourly_forecast,
    path_graph,
    pm25_days,
    toy_scheme,
)

A = ["成都市", "德阳市", "绵阳市", "眉山市", "乐山市", "雅安市"]
B = ["遂宁市", "南充市", "广安市", "达州市", "资阳市"]
OUTSIDE = ["攀枝花市", "广元市", "甘孜藏族自治州", "凉山彝族自治州", "阿坝藏族羌族自治州"]
SCHEME = toy_scheme({"甲区": A, "乙区": B})
CLEAN = [60] * 7
YELLOW = [60, 250, 60, 60, 60, 60, 60]  # one day > 200
ORANGE = [60, 250, 250, 60, 60, 60, 60]  # two days > 200
RED = [60, 250, 350, 250, 60, 60, 60]  # three days > 200 with one > 300


def run(levels: dict[str, list[float]], neighbours, scheme=SCHEME, **kw):
    return evaluate(daily_forecast(levels), scheme, neighbours, **kw)


def own(ev, city: str) -> str:
    return ev.cities[city].level


def only_episode(ev, region: str):
    found = [e for e in ev.episodes if e.region == region]
    assert len(found) == 1, found
    return found[0]


# -- §4 a city's own level ------------------------------------------------------------------------------------

@pytest.mark.parametrize("days, level", [
    ([250], "yellow"),  # daily AQI > 200 for 24 h
    ([175, 175], "yellow"),  # daily AQI > 150 for 48 h
    ([175], "none"),  # > 150 for 24 h only
    ([250, 250], "orange"),  # > 200 for 48 h
    ([175, 175, 175], "orange"),  # > 150 for 72 h
    ([250, 250, 250], "orange"),  # > 200 for 72 h but no day > 300
    ([250, 350, 250], "red"),  # > 200 for 72 h with a day > 300 inside
    ([350, 350], "orange"),  # > 300 but only 48 h > 200
    ([200, 200, 200], "orange"),  # exactly 200 is not > 200 (but > 150 for 72 h)
    ([150, 150, 150, 150], "none"),  # exactly 150 is not > 150
])
def test_city_level_conditions(days, level):
    ev = run({"成都市": [60, *days, 60]}, {})
    assert own(ev, "成都市") == level


def test_red_needs_the_over_300_day_inside_the_over_200_run():
    ev = run({"成都市": [350, 175, 250, 250, 250, 60]}, {})  # the > 300 day is outside the 72 h > 200 run
    assert own(ev, "成都市") == "orange"


def test_episode_is_the_run_above_150_at_its_highest_level():
    ev = run({"成都市": [60, 175, 250, 250, 175, 60, 60]}, {})
    (episode,) = ev.cities["成都市"].episodes
    assert episode.level == "orange"
    assert episode.start == datetime(2026, 1, 6, tzinfo=BEIJING)
    assert episode.end == datetime(2026, 1, 9, 23, tzinfo=BEIJING)  # inclusive last hour
    assert episode.peak_daily_aqi == 250
    assert {(r.aqi_above, r.hours) for r in episode.runs} >= {(200, 48)}


def test_24h_gap_merges():
    ev = run({"成都市": [60, 250, 250, 100, 250, 60, 60]}, {})
    (episode,) = ev.cities["成都市"].episodes
    assert episode.level == "orange"
    assert (episode.start.day, episode.end.day) == (6, 9)
    assert ev.city_level[0, 3 * 24 + 12] == 2  # the clean day inside takes the merged level


def test_48h_gap_does_not_merge():
    ev = run({"成都市": [250, 250, 100, 100, 250, 60, 60]}, {})
    assert [e.level for e in ev.cities["成都市"].episodes] == ["orange", "yellow"]
    assert ev.city_level[0, 2 * 24] == 0


def test_merge_takes_the_higher_level_and_spans_the_gap():
    ev = run({"成都市": [60, 250, 100, 250, 250, 60, 60]}, {})
    (episode,) = ev.cities["成都市"].episodes
    assert episode.level == "orange" and (episode.start.day, episode.end.day) == (6, 9)


def test_a_lone_day_above_150_is_not_an_episode_and_merges_with_none():
    ev = run({"成都市": [60, 175, 100, 250, 250, 60, 60]}, {})
    (episode,) = ev.cities["成都市"].episodes
    assert episode.level == "orange" and (episode.start.day, episode.end.day) == (8, 9)
    assert ev.city_level[0, 24:2 * 24].max() == 0


# -- §5 regional triggers -----------------------------------------------------------------------------------

def test_four_adjacent_cities_in_a_region_warn_the_whole_region():
    ev = run({c: ORANGE for c in A[:4]} | {c: CLEAN for c in A[4:]}, path_graph(A))
    episode = only_episode(ev, "甲区")
    assert episode.level == "orange" and episode.rule == "within-region"
    assert sorted(episode.trigger_cities) == sorted(A[:4])
    assert episode.warned_cities == {c: "orange" for c in A}  # every linkage city of the region
    assert (episode.start.day, episode.end.day) == (6, 7)
    assert set(episode.qualifying_runs) == set(A[:4])
    assert all(episode.qualifying_runs[c] for c in A[:4])


def test_three_adjacent_cities_trigger_nothing():
    ev = run({c: ORANGE for c in A[:3]} | {c: CLEAN for c in A[3:]}, path_graph(A))
    assert ev.episodes == []
    assert own(ev, A[0]) == "orange"


def test_four_cities_not_connected_trigger_nothing():
    neighbours = graph((A[0], A[1]), (A[2], A[3]), (A[1], A[4]), (A[4], A[2]))
    ev = run({c: ORANGE for c in A[:4]} | {A[4]: CLEAN}, neighbours)
    assert ev.episodes == []


def test_induced_graph_cities_joined_only_through_a_non_member_are_not_connected():
    # A0-A1 … OUTSIDE[0] … A2-A3: the only link runs through a unit outside the linkage
    neighbours = graph((A[0], A[1]), (A[1], OUTSIDE[0]), (OUTSIDE[0], A[2]), (A[2], A[3]))
    ev = run({c: ORANGE for c in [*A[:4], OUTSIDE[0]]}, neighbours)
    assert ev.episodes == []


def test_induced_graph_cities_joined_only_through_a_city_below_the_level_are_not_connected():
    neighbours = path_graph([A[0], A[1], A[4], A[2], A[3]])
    ev = run({A[0]: ORANGE, A[1]: ORANGE, A[4]: CLEAN, A[2]: ORANGE, A[3]: ORANGE}, neighbours)
    assert ev.episodes == []
    ev = run({A[0]: ORANGE, A[1]: ORANGE, A[4]: YELLOW, A[2]: ORANGE, A[3]: ORANGE}, neighbours)
    assert only_episode(ev, "甲区").level == "yellow"  # at yellow the five are connected


def test_six_adjacent_cities_across_two_regions_warn_both():
    chain = [A[0], A[1], A[2], B[0], B[1], B[2]]  # three in each: the within-region rule cannot fire
    ev = run({c: ORANGE for c in chain}, path_graph(chain))
    for region in ("甲区", "乙区"):
        episode = only_episode(ev, region)
        assert episode.level == "orange" and episode.rule == "across-regions"
        assert sorted(episode.trigger_cities) == sorted(chain)
    assert only_episode(ev, "乙区").warned_cities == {c: "orange" for c in B}


def test_five_adjacent_cities_across_two_regions_trigger_nothing():
    chain = [A[0], A[1], A[2], B[0], B[1]]
    ev = run({c: ORANGE for c in chain}, path_graph(chain))
    assert ev.episodes == []


def test_six_across_regions_warns_every_region_the_cluster_touches_even_with_one_city():
    chain = [A[0], A[1], A[2], A[3], A[4], B[0]]
    ev = run({c: ORANGE for c in chain}, path_graph(chain))
    assert only_episode(ev, "甲区").rule == "within-region"
    assert only_episode(ev, "乙区").rule == "across-regions"


def test_region_level_is_the_highest_level_triggered():
    ev = run({A[0]: RED, A[1]: RED, A[2]: ORANGE, A[3]: ORANGE}, path_graph(A[:4]))
    assert only_episode(ev, "甲区").level == "orange"  # only two cities are red
    ev = run({c: RED for c in A[:4]}, path_graph(A[:4]))
    episode = only_episode(ev, "甲区")
    assert episode.level == "red"
    assert (ev.region_level["甲区"][24:96] == 3).all()  # a city's level holds over its whole episode


def test_own_red_over_a_regional_orange():
    ev = run({A[0]: RED, A[1]: ORANGE, A[2]: ORANGE, A[3]: ORANGE, A[4]: CLEAN}, path_graph(A[:5]))
    episode = only_episode(ev, "甲区")
    assert episode.level == "orange"
    assert episode.warned_cities[A[0]] == "red" and episode.own_higher == [A[0]]
    assert episode.warned_cities[A[4]] == "orange"
    # the reason shows the runs that met the region's level (orange), not the red city's > 300 day
    assert {(r.aqi_above, r.hours) for r in episode.qualifying_runs[A[0]]} == {(200, 72), (150, 72)}
    row = ev.units.index(A[0])
    assert ev.warned_level[row].max() == 3


def test_units_outside_the_linkage_never_trigger():
    ev = run({c: RED for c in OUTSIDE}, path_graph(OUTSIDE))
    assert ev.episodes == []
    assert all(own(ev, c) == "red" for c in OUTSIDE)  # they keep their own level
    assert all(ev.cities[c].region is None for c in OUTSIDE)
    assert not any(v.any() for v in ev.region_level.values())


def test_regional_episodes_merge_across_a_24h_gap_but_not_48h():
    # the cluster moves: A0–A3 on one day, A2–A5 on a later day; A2, A3 alone in between do not trigger
    def levels(first: int, second: int) -> dict[str, list[float]]:
        days = {c: [60] * 7 for c in A}
        for c in A[:4]:
            days[c][first] = 250
        for c in A[2:]:
            days[c][second] = 250
        return days

    merged = run(levels(1, 3), path_graph(A))
    episode = only_episode(merged, "甲区")
    assert (episode.start.day, episode.end.day) == (6, 8)
    assert episode.triggered_days == ["2026-01-06", "2026-01-08"]
    assert (merged.region_warned["甲区"][24:72] == 1).all() and merged.region_level["甲区"][48] == 0
    split = run(levels(1, 4), path_graph(A))
    assert [(e.start.day, e.end.day) for e in split.episodes] == [(6, 6), (9, 9)]


def test_reason_keeps_the_component_of_every_triggered_step():
    four = A[:4]
    ev = run({c: ORANGE for c in four}, path_graph(four))
    episode = only_episode(ev, "甲区")
    assert [c["level"] for c in episode.components] == ["orange", "orange"]
    assert all(sorted(c["cities"]) == sorted(four) for c in episode.components)


# -- §3 daily AQI: insufficient data, editions, input kinds ------------------------------------------------------

def test_insufficient_data_is_never_an_exceedance_and_never_silently_dropped():
    full = pm25_days(30, 200, 200, 30)
    assert evaluate(hourly_forecast({"成都市": full}), SCHEME, {}).cities["成都市"].level == "orange"
    sparse = list(full)
    for h in range(24, 24 + 5):  # day 2 keeps 19 valid hours: < 20
        sparse[h] = float("nan")
    ev = evaluate(hourly_forecast({"成都市": sparse}), SCHEME, {})
    assert ev.daily_insufficient[0, 24:48].all() and not ev.daily_insufficient[0, 48:72].any()
    assert np.isnan(ev.daily_aqi[0, 30])
    assert ev.cities["成都市"].level == "yellow"  # only one day > 200 is known
    assert any("成都市" in w and "数据不足" in w for w in ev.warnings)


def test_twenty_valid_hours_are_enough():
    pm = pm25_days(30, 200, 200, 30)
    for h in range(24, 28):
        pm[h] = float("nan")
    ev = evaluate(hourly_forecast({"成都市": pm}), SCHEME, {})
    assert not ev.daily_insufficient[0, 24:48].any() and ev.cities["成都市"].level == "orange"


def test_edition_switch_at_2026_03_01():
    ev = evaluate(hourly_forecast({"成都市": pm25_days(70, 70)}, start="2026-02-28"), SCHEME, {})
    assert ev.daily_aqi[0, 12] == 94  # 2012: 50 + 50·35/40 = 93.75
    assert ev.daily_aqi[0, 36] == 110  # 2026: 100 + 50·10/55 = 109.1
    assert ev.aqi_edition == "HJ 633-2012 / HJ 633-2026"
    forced = evaluate(hourly_forecast({"成都市": pm25_days(70, 70)}, start="2026-02-28"), SCHEME, {},
                      edition="2026")
    assert forced.daily_aqi[0, 12] == 110 and forced.aqi_edition == "HJ 633-2026"


def test_hourly_aqi_only_goes_back_to_pm25_through_the_breakpoints():
    forecast = hourly_forecast({"成都市": [0.0] * 72})
    forecast.values = {"aqi": np.full((1, 72), 250.0)}
    ev = evaluate(forecast, SCHEME, {})
    assert ev.daily_aqi[0, 0] == 250 and ev.hourly_aqi[0, 0] == 250
    assert ev.cities["成都市"].level == "orange"  # > 200 for 72 h, nothing > 300


def test_daily_table_is_used_as_is_and_rejected_in_rolling_mode():
    ev = run({"成都市": [60, 201, 60]}, {})
    assert ev.daily_aqi[0, 30] == 201 and ev.times.freqstr == "h" and len(ev.times) == 72
    with pytest.raises(InputError, match="rolling"):
        run({"成都市": [60, 201, 60]}, {}, mode="rolling")


def test_hourly_aqi_and_over_500_flag():
    ev = evaluate(hourly_forecast({"成都市": [600.0] * 24 + [30.0] * 24}), SCHEME, {})
    assert ev.hourly_aqi[0, 0] == 500 and ev.hourly_over_500[0, 0] and not ev.hourly_over_500[0, 30]
    assert ev.primary_pollutant[0, 0] == "PM2.5" and ev.primary_pollutant[0, 30] == ""
    assert ev.daily_over_500[0, 0]


# -- §6 lead time and approval ---------------------------------------------------------------------------------

def test_lead_time_under_72h_is_flagged():
    four = A[:4]
    levels = {c: [60, 60, 250, 250, 60, 60, 60] for c in four}  # starts 2026-01-07 00:00
    short = run(levels, path_graph(four), issued_at=datetime(2026, 1, 5, 12, tzinfo=BEIJING))
    assert only_episode(short, "甲区").lead_time_hours == 36 and only_episode(short, "甲区").lead_time_short
    early = run(levels, path_graph(four), issued_at=datetime(2026, 1, 3, 12, tzinfo=BEIJING))
    assert only_episode(early, "甲区").lead_time_hours == 84 and not only_episode(early, "甲区").lead_time_short
    unknown = run(levels, path_graph(four))
    assert only_episode(unknown, "甲区").lead_time_hours is None


def test_approval_route_by_level():
    four = A[:4]
    orange = only_episode(run({c: ORANGE for c in four}, path_graph(four)), "甲区")
    red = only_episode(run({c: RED for c in four}, path_graph(four)), "甲区")
    assert orange.approval == SCHEME.approval["orange"] and "组长" in orange.approval
    assert red.approval == SCHEME.approval["red"] and "分管副省长" in red.approval
    # the English route comes from the scheme's [approval_en], beside the Chinese one
    assert orange.approval_en == SCHEME.approval_en["orange"] and "working-group leader" in orange.approval_en
    assert "vice governor" in red.approval_en and "vice mayor of Chongqing" in red.approval_en


def test_bad_mode_and_edition_are_input_errors():
    with pytest.raises(InputError, match="mode"):
        run({"成都市": CLEAN}, {}, mode="weekly")
    with pytest.raises(InputError, match="edition"):
        run({"成都市": CLEAN}, {}, edition="2019")


def test_daily_aqi_uses_the_o3_maximum_8_hour_mean_and_the_other_pollutants():
    hours = 48
    o3 = [300.0] * hours
    forecast = hourly_forecast({"成都市": [20.0] * hours}, o3={"成都市": o3}, co={"成都市": [1.0] * hours})
    ev = evaluate(forecast, SCHEME, {})
    assert ev.daily_aqi[0, 30] == 207  # 2012 O3 8-hour 300: 200 + 100·35/535 = 206.5 → 207 (1-hour: 150)
    assert ev.daily_primary[0, 30] == "O3"
    assert ev.hourly_aqi[0, 30] == 150 and ev.primary_pollutant[0, 30] == "O3"  # 1-hour O3 300 → 150


def test_red_episode_keeps_the_over_200_run_and_the_over_300_day_inside_it():
    ev = run({"成都市": [60, 250, 350, 250, 60, 60, 60]}, {})
    (episode,) = ev.cities["成都市"].episodes
    assert episode.level == "red"
    assert [(r.aqi_above, r.hours, r.start.day) for r in episode.runs] == [(200, 72, 6), (300, 24, 7)]


def test_2012_hourly_so2_above_800_reports_the_24_hour_mean_and_2026_gives_200():
    so2 = {"成都市": [900.0] * 48}
    old = evaluate(hourly_forecast({"成都市": [10.0] * 48}, so2=so2), SCHEME, {})
    assert old.hourly_aqi[0, 30] == 213  # SO2 24-hour mean 900: 200 + 100·100/800 = 212.5 → 213
    assert old.hourly_aqi[0, 5] == 15  # no valid 24-hour mean yet: SO2 not computed, PM2.5 10 → 15
    new = evaluate(hourly_forecast({"成都市": [10.0] * 48}, start="2026-03-02", so2=so2), SCHEME, {})
    assert new.hourly_aqi[0, 5] == 200 and new.primary_pollutant[0, 5] == "SO2"


def test_hours_the_forecast_does_not_cover_are_insufficient_for_every_city_and_said_once():
    pm = pm25_days(200, 200, 200)[13:]  # starts at 13:00: the first day has 11 hours
    ev = evaluate(hourly_forecast({"成都市": pm, "德阳市": pm}, start="2026-01-05 13:00"), SCHEME, {})
    assert ev.daily_insufficient[:, :11].all() and not ev.daily_insufficient[:, 11:].any()
    assert ev.cities["成都市"].level == "orange"  # two full days > 200
    (note,) = [w for w in ev.warnings if "未覆盖" in w]
    assert "01-05" in note and "1 天" in note
    rolling = evaluate(hourly_forecast({"成都市": pm}, start="2026-01-05 13:00"), SCHEME, {}, mode="rolling")
    assert rolling.daily_insufficient[0, :19].all() and not rolling.daily_insufficient[0, 19:].any()
    assert any("19 小时" in w for w in rolling.warnings)
