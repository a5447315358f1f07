"""Hand tests of the naive §7 reading (tests/domain/spec_reading_life.py) on the spec's and issue 28's examples.

The reading is the yardstick of the differential test, so it is checked here on cases worked out by hand from
§7's words. Regions are driven by giving every member city the same daily PM2.5 (so a region's level is its
cities' level), with an adjacency that joins the cities of each region and nothing across regions.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import pytest

from tests.domain import spec_reading as spec
from tests.domain.spec_reading_life import InForce, advise, read_life

BJ = spec.BEIJING
H = timedelta(hours=1)
D = timedelta(days=1)
NEIGHBOURS = {c: set(members) - {c} for members in spec.REGIONS.values() for c in members}
CITIES = [c for members in spec.REGIONS.values() for c in members]
# daily PM2.5 means (HJ 633-2012): '.' AQI 69, 'y' AQI 172 (> 150), 'o' AQI 250 (> 200), 'r' AQI 434 (> 300)
PM25 = {".": 50.0, "y": 130.0, "o": 200.0, "r": 400.0}
SOUTH, MIDDLE, PLAIN = "盆地南部地区", "盆地中部地区", "成都平原地区"


def day(n: int, hour: int = 0) -> datetime:
    return datetime(2026, 1, n, hour, tzinfo=BJ)


A = tuple(spec.REGIONS[SOUTH][:4])  # two groups of four cities of 盆地南部: each can trigger the region alone
B = tuple(spec.REGIONS[SOUTH][4:8])


def series(days: dict, first_day: int, observed_days: int, extra_hours: int = 0):
    """Observed and forecast tables from one character per day per region (or per group of cities, a tuple key,
    the rest of the region staying clean), the series starting on ``first_day`` of January; the first
    ``observed_days`` days are observed."""
    n = len(next(iter(days.values())))
    times = [day(first_day) + k * H for k in range(24 * n)]
    rows = []
    groups = [key for key in days if isinstance(key, tuple)]
    for city in CITIES:
        if groups and spec.REGION_OF[city] == SOUTH:
            pattern = next((days[g] for g in groups if city in g), "." * n)
        else:
            pattern = days.get(spec.REGION_OF[city], "." * n)
        rows.append([PM25[pattern[k // 24]] for k in range(24 * n)])
    cut = 24 * observed_days + extra_hours
    observed = (times[:cut], CITIES, [r[:cut] for r in rows]) if cut else None
    forecast = (times[cut:], CITIES, [r[cut:] for r in rows])
    return observed, forecast


def life(days, first_day, observed_days, warnings, mode="calendar", dip=False):
    observed, forecast = series(days, first_day, observed_days)
    return read_life(observed, forecast, NEIGHBOURS, mode, warnings, dip)


def pick(result) -> tuple:
    return (result["action"], result["new_level"], result["from_time"], result["until"], result["until_at_least"])


def new(result) -> list[tuple]:
    return [(w["region"], w["level"], w["start"], w["end"], w["end_at_least"]) for w in result.new_warnings]


# --- the issue's five causes -------------------------------------------------------------------------------------


def test_a_return_after_a_clean_gap_of_four_days_is_lift_now_plus_a_new_warning():
    # 盆地南部 yellow in force from 01-06 (observed 06–07 > 150); forecast from 01-08: four clean days, then orange
    result = life({SOUTH: "yy....yyyy.."}, 6, 2, [InForce(SOUTH, "yellow", day(6))])
    assert pick(result.advice[0]) == ("lift", "none", day(8), day(7, 23), False)
    assert new(result) == [(SOUTH, "orange", day(12), day(15, 23), False)]


def test_a_downgrade_never_spans_a_gap():
    # 盆地中部 red in force from 01-08, forecast from 9日: red through 9日, 10–11日 nothing, orange 12–15日
    # → lift 10日 + a new orange warning
    result = life({MIDDLE: "rrr..oooo.."}, 7, 2, [InForce(MIDDLE, "red", day(8))])
    assert pick(result.advice[0]) == ("lift", "none", day(10), day(9, 23), False)
    assert new(result) == [(MIDDLE, "orange", day(12), day(15, 23), False)]


def test_the_issue_sample_two_lifts_and_three_orange_start_letters():
    days = {MIDDLE: "rrr..oooo...", SOUTH: "ooo..oooo...", PLAIN: "y.....oooo.."}
    result = life(days, 7, 2, [InForce(MIDDLE, "red", day(8)), InForce(SOUTH, "orange", day(8))])
    assert [pick(a)[:3] for a in result.advice] == [("lift", "none", day(10)), ("lift", "none", day(10))]
    assert sorted(new(result)) == sorted([(MIDDLE, "orange", day(12), day(15, 23), False),
                                          (SOUTH, "orange", day(12), day(15, 23), False),
                                          (PLAIN, "orange", day(13), day(16, 23), False)])


def test_a_return_within_36_hours_is_the_same_process():
    # one clean day (24 h) between two runs: one 过程 7–14日 (closed), lifted only after its end; no new warning
    result = life({SOUTH: "ooo.oooo..."}, 7, 2, [InForce(SOUTH, "orange", day(8))])
    assert pick(result.advice[0]) == ("lift", "none", day(15), day(14, 23), False)
    assert new(result) == []


def test_observed_days_count_toward_the_duration():
    # observed 2 days > 150 + forecast 1 day > 150 = 72 h > 150 = orange, running since the observed past
    result = life({SOUTH: "yyy....."}, 6, 2, [])
    assert new(result) == [(SOUTH, "orange", day(8), day(8, 23), False)]
    # the forecast alone: 24 h > 150 is no episode at all
    _, forecast = series({SOUTH: "yyy....."}, 6, 2)
    assert new(read_life(None, forecast, NEIGHBOURS, "calendar", [])) == []


def test_observed_hours_do_not_override_the_forecast():
    # observed data running past f are ignored from f on: the forecast says clean
    observed, forecast = series({SOUTH: "yyy....."}, 6, 2)
    times, cities, rows = forecast
    longer = (observed[0] + times[:24], cities, [o + [PM25["y"]] * 24 for o in observed[2]])
    clean = (times, cities, [[PM25["."]] * len(times) for _ in rows])
    result = read_life(longer, clean, NEIGHBOURS, "calendar", [])
    assert new(result) == []  # 48 h observed > 150 = yellow, but it ended before f: history


def test_a_forecast_from_08h_reads_the_day_holding_f_as_a_forecast_day():
    # f = 8日08时: 8日 is triggered, so the new warning starts at f (R1), not at 8日00时 nor 9日00时
    observed, forecast = series({SOUTH: "..oooo...."}, 6, 2, extra_hours=8)
    result = read_life(observed, forecast, NEIGHBOURS, "calendar", [])
    assert result.f == day(8, 8)
    assert new(result) == [(SOUTH, "orange", day(8, 8), day(11, 23), False)]
    pending = read_life(observed, forecast, NEIGHBOURS, "calendar", [InForce(SOUTH, "orange", day(9), day(11, 23))])
    assert pick(pending.advice[0]) == ("revise", "orange", day(8, 8), day(11, 23), False)
    upgrade = read_life(observed, forecast, NEIGHBOURS, "calendar", [InForce(SOUTH, "yellow", day(7))])
    assert pick(upgrade.advice[0]) == ("upgrade", "orange", day(8, 8), day(11, 23), False)


# --- pending warnings ----------------------------------------------------------------------------------------------


def test_pending_warning_confirmed_is_keep_and_a_longer_one_is_extend():
    days = {SOUTH: "...oooo..."}
    result = life(days, 8, 0, [InForce(SOUTH, "orange", day(11), day(14, 23))])
    assert pick(result.advice[0]) == ("keep", "orange", None, day(14, 23), False)
    result = life(days, 8, 0, [InForce(SOUTH, "orange", day(11), day(13, 23))])
    assert pick(result.advice[0]) == ("extend", "orange", day(14), day(14, 23), False)
    # the 过程 shorter than the letter's end: level and start agree, nothing to amend (R9)
    result = life(days, 8, 0, [InForce(SOUTH, "orange", day(11), day(16, 23))])
    assert pick(result.advice[0])[0] == "keep"
    assert new(result) == []


def test_pending_warning_moved_a_day_earlier_is_revise():
    result = life({SOUTH: "..oooo...."}, 8, 0, [InForce(SOUTH, "orange", day(11), day(14, 23))])
    assert pick(result.advice[0]) == ("revise", "orange", day(10), day(13, 23), False)
    assert result.advice[0]["new_start"] == day(10)
    assert new(result) == []  # never a lift plus a new start for the same 过程


def test_pending_warning_raised_is_revise_to_the_higher_level():
    result = life({SOUTH: "...rrrr..."}, 8, 0, [InForce(SOUTH, "orange", day(11), day(14, 23))])
    assert pick(result.advice[0]) == ("revise", "red", day(11), day(14, 23), False)


def test_pending_warning_dropped_is_cancel_at_f():
    result = life({SOUTH: ".........."}, 8, 0, [InForce(SOUTH, "orange", day(11), day(14, 23))])
    assert pick(result.advice[0]) == ("cancel", "none", day(8), None, False)


def test_pending_warning_whose_episode_began_before_f_is_revised_to_start_at_f():
    # observed 06–07 orange already, the letter said 09日: P began earlier → start at f (8日)
    result = life({SOUTH: "oooooo...."}, 6, 2, [InForce(SOUTH, "orange", day(9), day(11, 23))])
    assert pick(result.advice[0]) == ("revise", "orange", day(8), day(11, 23), False)
    assert result.advice[0]["new_start"] == day(8)


def test_pending_warning_far_from_any_episode_is_cancelled_and_the_episode_is_new():
    # the 过程 moved 3 days later (gap ≥ 36 h to [S, X]): cancel, and a new warning
    result = life({SOUTH: ".......oooo.."}, 8, 0, [InForce(SOUTH, "orange", day(9), day(11, 23))])
    assert pick(result.advice[0])[:3] == ("cancel", "none", day(8))
    assert new(result) == [(SOUTH, "orange", day(15), day(18, 23), False)]


# --- warnings in effect ---------------------------------------------------------------------------------------------


def test_upgrade_at_the_first_higher_step_to_the_highest_level_from_f():
    # four cities yellow 7–8日, four others red 10–12日: one 过程 7–12日 (a 24 h gap), red from 10日
    result = life({A: "yy......", B: "...rrr.."}, 7, 2, [InForce(SOUTH, "yellow", day(7))])
    assert pick(result.advice[0]) == ("upgrade", "red", day(10), day(12, 23), False)
    # a whole city episode takes its highest level (§4): uniform cities are red from the first day, upgrade at f
    uniform = life({SOUTH: "yyyoorrr..."}, 7, 2, [InForce(SOUTH, "yellow", day(7))])
    assert pick(uniform.advice[0]) == ("upgrade", "red", day(9), day(14, 23), False)


def test_downgrade_needs_a_tail_of_36_hours_calendar_mode():
    # two yellow days at the end of the 过程 (48 h): downgrade; one (24 h): not worth a letter — lift when it closes
    two = life({A: "oooo.....", B: "....yy..."}, 6, 1, [InForce(SOUTH, "orange", day(6))])
    assert pick(two.advice[0]) == ("downgrade", "yellow", day(10), day(11, 23), False)
    one = life({A: "ooooo....", B: "....yy..."}, 6, 1, [InForce(SOUTH, "orange", day(6))])
    assert pick(one.advice[0]) == ("lift", "none", day(12), day(11, 23), False)


def test_a_dip_followed_by_a_return_is_no_downgrade_unless_downgrade_on_dip():
    days = {A: "oo..oo.....", B: "..yy......."}  # orange 6–7日, yellow 8–9日, orange 10–11日
    default = life(days, 6, 1, [InForce(SOUTH, "orange", day(6))])
    assert pick(default.advice[0]) == ("lift", "none", day(12), day(11, 23), False)
    dip = life(days, 6, 1, [InForce(SOUTH, "orange", day(6))], dip=True)
    assert pick(dip.advice[0]) == ("downgrade", "yellow", day(8), day(11, 23), False)


def test_a_downgrade_already_held_is_keep_and_a_moved_one_is_a_downgrade():
    days = {A: "ooo........", B: "...yy......"}  # orange 6–8日, yellow 9–10日
    held = InForce(SOUTH, "yellow", day(5), previous_level="orange", change_at=day(9))
    result = life(days, 6, 1, [held])
    assert pick(result.advice[0]) == ("keep", "yellow", None, day(10, 23), False)
    moved = InForce(SOUTH, "yellow", day(5), previous_level="orange", change_at=day(10))
    assert pick(life(days, 6, 1, [moved]).advice[0]) == ("downgrade", "yellow", day(9), day(10, 23), False)


def test_a_scheduled_downgrade_overtaken_by_the_forecast_is_an_upgrade_back():
    # orange advised down to yellow from 9日, but the new forecast keeps orange through 10日
    w = InForce(SOUTH, "yellow", day(5), previous_level="orange", change_at=day(9))
    result = life({SOUTH: "ooooo......"}, 6, 1, [w])
    assert pick(result.advice[0]) == ("upgrade", "orange", day(9), day(10, 23), False)


def test_extend_lift_and_keep_against_the_expected_end():
    days = {SOUTH: "oooooo....."}  # P = 6–11日, closed
    start = InForce(SOUTH, "orange", day(6), day(9, 23))
    assert pick(life(days, 6, 1, [start]).advice[0]) == ("extend", "orange", day(10), day(11, 23), False)
    exact = InForce(SOUTH, "orange", day(6), day(11, 23))
    assert pick(life(days, 6, 1, [exact]).advice[0]) == ("keep", "orange", None, day(11, 23), False)
    later = InForce(SOUTH, "orange", day(6), day(13, 23))
    assert pick(life(days, 6, 1, [later]).advice[0]) == ("lift", "none", day(12), day(11, 23), False)
    # "at least" is never reached silently: lift when P is closed at or before it
    at_least = InForce(SOUTH, "orange", day(6), day(11, 23), end_at_least=True)
    assert pick(life(days, 6, 1, [at_least]).advice[0]) == ("lift", "none", day(12), day(11, 23), False)
    no_end = InForce(SOUTH, "orange", day(6))
    assert pick(life(days, 6, 1, [no_end]).advice[0]) == ("lift", "none", day(12), day(11, 23), False)


def test_an_open_process_is_kept_or_extended_with_an_end_at_least():
    days = {SOUTH: "oooooooo"}  # runs to the series' end: open
    no_end = InForce(SOUTH, "orange", day(6))
    assert pick(life(days, 6, 1, [no_end]).advice[0]) == ("keep", "orange", None, day(13, 23), True)
    exact = InForce(SOUTH, "orange", day(6), day(9, 23))
    assert pick(life(days, 6, 1, [exact]).advice[0]) == ("extend", "orange", day(10), day(13, 23), True)
    # an "at least" end is extended only once the 过程 is closed
    at_least = InForce(SOUTH, "orange", day(6), day(9, 23), end_at_least=True)
    assert pick(life(days, 6, 1, [at_least]).advice[0]) == ("keep", "orange", None, day(13, 23), True)
    assert new(life(days, 6, 1, [no_end])) == []


def test_closed_needs_36_hours_inside_the_series():
    # one clean day after the 过程 at the series' end (24 h): open; two (48 h): closed
    one = life({SOUTH: "ooooo."}, 6, 1, [InForce(SOUTH, "orange", day(6))])
    assert pick(one.advice[0]) == ("keep", "orange", None, day(10, 23), True)
    two = life({SOUTH: "ooooo.."}, 6, 1, [InForce(SOUTH, "orange", day(6))])
    assert pick(two.advice[0]) == ("lift", "none", day(11), day(10, 23), False)


def test_ended_when_the_expected_end_passed_and_the_process_ended_by_it():
    days = {SOUTH: "ooo........"}
    done = InForce(SOUTH, "orange", day(3), day(8, 23))
    assert pick(life(days, 6, 4, [done]).advice[0]) == ("ended", "orange", None, day(8, 23), False)
    # the 过程 outlived its expected end, in the past: lift (at f)
    short = InForce(SOUTH, "orange", day(3), day(7, 23))
    assert pick(life(days, 6, 4, [short]).advice[0]) == ("lift", "none", day(10), day(8, 23), False)
    # no 过程 at all and an end in the past: ended; an "at least" end is never reached silently: lift at f
    gone = InForce(SOUTH, "orange", day(1), day(2, 23))
    assert pick(life({SOUTH: "........"}, 6, 2, [gone]).advice[0]) == ("ended", "orange", None, None, False)
    gone_least = InForce(SOUTH, "orange", day(1), day(2, 23), end_at_least=True)
    assert pick(life({SOUTH: "........"}, 6, 2, [gone_least]).advice[0]) == ("lift", "none", day(8), None, False)


def test_joined_warnings_are_lifted_or_cancelled():
    # two warnings of one region whose only candidate is the same 过程: the earlier S takes it
    days = {SOUTH: "oooooo...."}
    first = InForce(SOUTH, "orange", day(6))
    second = InForce(SOUTH, "yellow", day(7))
    pending = InForce(SOUTH, "orange", day(9), day(10, 23))
    result = life(days, 6, 2, [pending, second, first])
    assert [a["action"] for a in result.advice] == ["cancel", "lift", "lift"]
    assert result.joined == [True, True, False]
    assert pick(result.advice[1]) == ("lift", "none", day(8), None, False)
    assert pick(result.advice[2]) == ("lift", "none", day(12), day(11, 23), False)
    assert new(result) == []
    # the next morning (f = 9日) the lifted one (X = 7日23时) is joined again: ended, not lifted twice (E3); one
    # whose "at least" end passed is lifted
    lifted = InForce(SOUTH, "yellow", day(7), day(7, 23))
    at_least = InForce(SOUTH, "yellow", day(7), day(7, 23), end_at_least=True)
    result = life(days, 6, 3, [first, lifted, at_least])
    assert result.joined == [False, True, True]
    assert pick(result.advice[1]) == ("ended", "yellow", None, None, False)
    assert pick(result.advice[2]) == ("lift", "none", day(9), None, False)


def test_a_warning_in_effect_takes_the_episode_holding_f_over_a_nearer_one():
    # episodes 6–7日 and 10–13日 (48 h apart); the warning [8日, 9日] touches both, the first is nearer S;
    # in effect (f = 11日), it takes the one holding f, and the first is history
    days = {SOUTH: "oo..oooo.."}
    result = life(days, 6, 5, [InForce(SOUTH, "orange", day(8), day(9, 23))])
    assert [(e.start, e.end) for e in result.episodes] == [(day(6), day(7, 23)), (day(10), day(13, 23))]
    assert result.process[0].start == day(10)
    assert pick(result.advice[0]) == ("extend", "orange", day(11), day(13, 23), False)
    assert new(result) == []
    # a one-day gap merges (24 h < 36 h): one 过程 6–11日
    merged = life({SOUTH: "oo.ooo...."}, 6, 3, [InForce(SOUTH, "orange", day(6), day(7, 23))])
    assert [(e.start, e.end) for e in merged.episodes] == [(day(6), day(11, 23))]
    assert pick(merged.advice[0]) == ("extend", "orange", day(9), day(11, 23), False)


# --- rolling mode: the 36 h edges on hourly steps ---------------------------------------------------------------------


def rolling(levels: list[tuple[int, int]], region: str = SOUTH):
    """A rolling-mode reading from 6日00时 whose ``region`` has the given (level, hours) pieces (every member city
    at it)."""
    first = day(6)
    hours = sum(h for _, h in levels)
    steps = [first + k * H for k in range(hours)]
    reading = spec.Reading("rolling", 1, steps, {})
    per_hour = [lv for lv, h in levels for _ in range(h)]
    for city in CITIES:
        reading.level[city] = per_hour if spec.REGION_OF[city] == region else [0] * hours
    spec._regional(reading, CITIES, NEIGHBOURS)
    return reading


def test_rolling_gap_of_35_hours_merges_36_does_not():
    f = day(7)
    merged = advise(rolling([(2, 30), (0, 35), (2, 50), (0, 60)]), f, day(6) + 174 * H,
                    [InForce(SOUTH, "orange", day(6))])
    assert [(e.start, e.end) for e in merged.episodes] == [(day(6), day(6) + 114 * H)]
    assert merged.new_warnings == []
    apart = advise(rolling([(2, 30), (0, 36), (2, 50), (0, 60)]), f, day(6) + 175 * H,
                   [InForce(SOUTH, "orange", day(6))])
    assert len(apart.episodes) == 2
    assert pick(apart.advice[0]) == ("lift", "none", day(6) + 30 * H, day(6) + 29 * H, False)
    assert [(w["start"], w["end"]) for w in apart.new_warnings] == [(day(6) + 66 * H, day(6) + 115 * H)]


def test_rolling_downgrade_tail_of_36_hours_and_closed_after_36_hours():
    f = day(7)
    warning = [InForce(SOUTH, "orange", day(6))]
    tail = advise(rolling([(2, 40), (1, 36), (0, 36)]), f, day(6) + 111 * H, warning)
    assert pick(tail.advice[0]) == ("downgrade", "yellow", day(6) + 40 * H, day(6) + 75 * H, False)
    short = advise(rolling([(2, 40), (1, 35), (0, 36)]), f, day(6) + 110 * H, warning)
    assert pick(short.advice[0]) == ("lift", "none", day(6) + 75 * H, day(6) + 74 * H, False)
    still_open = advise(rolling([(2, 40), (1, 35), (0, 35)]), f, day(6) + 109 * H, warning)
    assert pick(still_open.advice[0]) == ("keep", "orange", None, day(6) + 74 * H, True)


def test_rolling_pending_start_compared_by_calendar_day():
    f = day(7)
    reading = rolling([(0, 60), (2, 48), (0, 60)])  # orange from 8日 12时
    same_day = advise(reading, f, day(6) + 167 * H, [InForce(SOUTH, "orange", day(8, 6), day(10, 11))])
    assert pick(same_day.advice[0])[0] == "keep"
    earlier = advise(reading, f, day(6) + 167 * H, [InForce(SOUTH, "orange", day(9), day(10, 11))])
    assert pick(earlier.advice[0]) == ("revise", "orange", day(8, 12), day(10, 11), False)


@pytest.mark.parametrize("mode", ["calendar", "rolling"])
def test_missing_hours_stay_missing_in_the_splice(mode):
    # an observed gap of a whole day before f: that day is insufficient data, never an exceedance
    observed, forecast = series({SOUTH: "yyyyyy"}, 6, 3)
    times, cities, rows = observed
    holed = (times, cities, [[math.nan if 24 <= k < 48 else v for k, v in enumerate(r)] for r in rows])
    result = read_life(holed, forecast, NEIGHBOURS, mode, [])
    assert result.reading.steps[0] <= day(6) and result.f == day(9)
    noon = spec.step_of_hour(result.reading, day(7, 12))
    assert result.reading.daily["泸州市"][noon] is None
    assert [w["start"] for w in result.new_warnings] == [day(9)]


def test_a_process_comes_closer_than_36_hours_calendar_mode():
    # episode 6–7日 (observed); a warning [3日, 4日] is 24 h (5日) before it: its 过程; [3日, 3日] is 48 h away
    days = {SOUTH: "oo........"}
    near = life(days, 6, 4, [InForce(SOUTH, "orange", day(3), day(4, 23))])
    assert near.process[0].start == day(6)
    far = life(days, 6, 4, [InForce(SOUTH, "orange", day(3), day(3, 23))])
    assert far.process[0] is None
    # a start 9日 is 24 h after it (8日): its 过程; a start 10日 is 48 h away: none (pending → cancel)
    pending_near = life(days, 6, 2, [InForce(SOUTH, "orange", day(9), day(9, 23))])
    assert pending_near.process[0].start == day(6)
    pending_far = life(days, 6, 2, [InForce(SOUTH, "orange", day(10), day(10, 23))])
    assert pending_far.process[0] is None
    assert pick(pending_far.advice[0])[:3] == ("cancel", "none", day(8))


def test_a_process_comes_closer_than_36_hours_rolling_mode():
    reading = rolling([(0, 30), (2, 40), (0, 100)])  # orange 7日06时 – 8日21时
    f = day(6, 12)
    last = day(6) + 169 * H
    at_35 = advise(reading, f, last, [InForce(SOUTH, "orange", day(8) + 22 * H + 35 * H)])
    assert at_35.process[0] is not None and at_35.advice[0]["action"] == "revise"
    at_36 = advise(reading, f, last, [InForce(SOUTH, "orange", day(8) + 22 * H + 36 * H)])
    assert at_36.process[0] is None and at_36.advice[0]["action"] == "cancel"
    assert [(w["start"], w["end"]) for w in at_36.new_warnings] == [(day(7, 6), day(8, 21))]
    before_35 = advise(reading, f, last, [InForce(SOUTH, "orange", day(5), day(7, 6) - 36 * H)])
    assert before_35.process[0] is not None
    before_36 = advise(reading, f, last, [InForce(SOUTH, "orange", day(5), day(7, 6) - 37 * H)])
    assert before_36.process[0] is None


def test_a_cancelled_warning_is_ended_and_a_return_is_a_new_warning():
    # yesterday (f = 8日) the pending orange from 11日 was cancelled: X = 7日23时 < S. Today the episode is back
    result = life({SOUTH: "...oooo..."}, 8, 1, [InForce(SOUTH, "orange", day(11), day(7, 23))])
    assert pick(result.advice[0]) == ("ended", "orange", None, None, False)
    assert new(result) == [(SOUTH, "orange", day(11), day(14, 23), False)]


def test_a_process_that_ended_before_f_but_is_still_open_is_kept():
    # rolling: orange until 10 h before f, and the series ends 20 h after f: the series cannot say it is over
    reading = rolling([(2, 40), (0, 30)])
    f = day(6) + 50 * H
    result = advise(reading, f, day(6) + 69 * H, [InForce(SOUTH, "orange", day(6))])
    assert pick(result.advice[0]) == ("keep", "orange", None, day(6) + 39 * H, True)


def test_r16_a_warning_in_effect_is_in_force_up_to_the_hour_before_f():
    # E4 (rolling): orange in effect since 4日11时 with no X; red from 6日00时 = f, 36 h after S. The warning is
    # in force at least up to 5日23时, so the episode is its 过程: one upgrade, no start letter
    reading = rolling([(3, 72), (0, 96)])
    f, last = day(6), day(6) + 167 * H
    result = advise(reading, f, last, [InForce(SOUTH, "orange", day(4, 11))])
    assert pick(result.advice[0]) == ("upgrade", "red", f, day(8, 23), False)
    assert result.new_warnings == [] and result.joined == [False]
    # an "at least" X before f too; an exact X 36 h before the episode has ended, and the episode is new
    least = advise(reading, f, last, [InForce(SOUTH, "orange", day(3), day(4, 11), True)])
    assert pick(least.advice[0])[:2] == ("upgrade", "red") and least.new_warnings == []
    exact = advise(reading, f, last, [InForce(SOUTH, "orange", day(3), day(4, 11))])
    assert pick(exact.advice[0])[:1] == ("ended",) and [w["start"] for w in exact.new_warnings] == [f]
    # pending with no X: [S, S] — 36 h after the episode's last hour it is not its 过程 (cancel), 35 h it is
    far = advise(reading, f, last, [InForce(SOUTH, "orange", day(8, 23) + 37 * H)])
    assert pick(far.advice[0])[:1] == ("cancel",) and [w["start"] for w in far.new_warnings] == [f]
    near = advise(reading, f, last, [InForce(SOUTH, "orange", day(8, 23) + 36 * H)])
    assert pick(near.advice[0])[:3] == ("revise", "red", f) and near.new_warnings == []
