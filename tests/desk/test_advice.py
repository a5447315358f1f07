"""The advice line's words (issue 28, the desk; spec §7): per region, what is in force and what the forecast
advises, and the letter each region leads to — on the orange sample with 盆地中部 red and 盆地南部 orange in force
from 01-08 (the issue's case: two lifts at 10日0时, three orange start letters)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.desk.advice import region_advice, short_region
from app.domain.engine import evaluate
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING, load_scheme
from app.importing import load_forecast
from app.paths import DEFAULT_SAMPLE
from maps.derived import scheme_neighbours


@pytest.fixture(scope="module")
def orange():
    scheme = load_scheme()
    forecast = load_forecast(DEFAULT_SAMPLE)
    return scheme, scheme_neighbours(scheme), forecast


def _evaluate(orange, in_force):
    scheme, neighbours, forecast = orange
    return evaluate(forecast, scheme, neighbours, issued_at=forecast.meta.issued_at, in_force=in_force)


IN_FORCE = [WarningInForce("盆地中部地区", "red", datetime(2026, 1, 8, tzinfo=BEIJING)),
            WarningInForce("盆地南部地区", "orange", datetime(2026, 1, 8, tzinfo=BEIJING))]


def test_lift_and_return_read_as_the_issue_says(orange):
    items = region_advice(_evaluate(orange, IN_FORCE))
    assert [i.region for i in items] == ["盆地中部地区", "盆地南部地区", "成都平原地区"]
    assert items[1].text == "盆地南部 橙色（1月8日起）→ 建议解除 10日0时；12日起再次达到橙色，需另发启动函"
    assert items[0].text.startswith("盆地中部 红色（1月8日起）→ 建议解除 10日0时；12日起再次达到橙色")
    assert items[2].text == "成都平原 13日起达到橙色，需发启动函"
    assert items[0].letter == "rec:0" and items[1].letter == "rec:1"
    evaluation = _evaluate(orange, IN_FORCE)
    assert evaluation.episodes[int(items[2].letter.removeprefix("new:"))].region == "成都平原地区"


def test_new_warning_letters_point_at_their_episodes(orange):
    evaluation = _evaluate(orange, [])
    items = region_advice(evaluation)
    assert len(items) == len(evaluation.new_warnings) == 3
    for item in items:
        episode = evaluation.episodes[int(item.letter[4:])]
        assert episode.region == item.region
        assert "需发启动函" in item.text


def test_keep_leads_to_no_letter_and_english(orange):
    keep = [WarningInForce("盆地中部地区", "orange", datetime(2026, 1, 12, tzinfo=BEIJING),
                           datetime(2026, 1, 15, 23, tzinfo=BEIJING))]
    evaluation = _evaluate(orange, keep)
    rec = evaluation.recommendations[0]
    item = next(i for i in region_advice(evaluation) if i.region == "盆地中部地区")
    assert ("rec:0" if rec.action not in ("keep", "ended") else "") == item.letter
    english = region_advice(_evaluate(orange, IN_FORCE), "en", {"盆地南部地区": "South Basin"})
    assert english[1].text == ("South Basin orange (from Jan 8) → lift from 10th 00:00; "
                               "orange again from 12th 00:00: a new start letter needed")


def test_short_region():
    assert short_region("盆地南部地区") == "盆地南部" and short_region("地区") == "地区"


# -- the observed hours before the forecast (spec §7; `gui FORECAST --observed OBS`) -----------------------------
# A toy region over the first four cities, hourly PM2.5 per day from 01-05; observed days, then the forecast.

def _toy(observed_days, forecast_days, in_force, issued=True):
    from app.domain.scheme import BEIJING as TZ
    from tests.domain.engine_helpers import hourly_forecast, path_graph, pm25_days, toy_scheme

    cities = ["成都市", "德阳市", "绵阳市", "眉山市"]
    scheme = toy_scheme({"甲区": cities})
    observed = hourly_forecast({c: pm25_days(*observed_days) for c in cities})
    start = datetime(2026, 1, 5 + len(observed_days), tzinfo=TZ)
    issued_at = start - timedelta(hours=14) if issued else None  # 10:00 the day before the forecast
    forecast = hourly_forecast({c: pm25_days(*forecast_days) for c in cities}, start=f"{start:%Y-%m-%d}",
                               issued_at=issued_at)
    return evaluate(forecast, scheme, path_graph(cities), in_force=in_force, observed=observed, issued_at=issued_at)


def _day(n, hour=0):
    return datetime(2026, 1, n, hour, tzinfo=BEIJING)


def _one(evaluation, lang="zh"):
    (item,) = region_advice(evaluation, lang)
    return item


def test_a_lift_whose_process_ended_in_the_observed_hours_reads_as_past_and_overdue():
    from tests.domain.engine_helpers import AQI_175, CLEAN

    ev = _toy([AQI_175] * 3 + [CLEAN] * 2, [CLEAN] * 4, [WarningInForce("甲区", "orange", _day(5))])
    (rec,) = ev.recommendations
    assert (rec.action, rec.due_since, rec.from_time) == ("lift", _day(8), _day(10))  # the engine's reading
    item = _one(ev)
    assert item.text == "甲区 橙色（1月5日起）→ 过程已于7日24时结束（实况），应补发解除函（10日0时起解除）"
    assert item.letter == "rec:0" and item.observed
    assert _one(ev, "en").text == ("甲区 orange (from Jan 5) → episode over since 7th 24:00 (observed): "
                                   "lift letter overdue, lift from 10th 00:00")


def test_an_ended_warning_reads_as_over_with_nothing_to_send():
    from tests.domain.engine_helpers import AQI_175, CLEAN

    ev = _toy([AQI_175] * 3 + [CLEAN] * 2, [CLEAN] * 4, [WarningInForce("甲区", "orange", _day(5), _day(7, 23))])
    assert ev.recommendations[0].action == "ended"
    item = _one(ev)
    assert item.text == "甲区 橙色（1月5日起）→ 过程已于7日24时结束，无需发函"
    assert item.letter == "" and item.observed
    assert _one(ev, "en").text == "甲区 orange (from Jan 5) → episode over since 7th 24:00: nothing to send"


def test_a_new_warning_already_running_says_since_when_it_is_observed():
    from tests.domain.engine_helpers import AQI_175, CLEAN

    ev = _toy([CLEAN, AQI_175, AQI_175], [AQI_175] + [CLEAN] * 3, [])
    (new,) = ev.new_warnings
    assert new.start == _day(8) and ev.episodes[new.episode_index].start == _day(6)
    item = _one(ev)  # since the episode's observed start, not the forecast's first day
    assert item.text == "甲区 6日起已出现重污染（实况），达到橙色，需发启动函"
    assert item.letter == f"new:{new.episode_index}" and item.observed
    assert _one(ev, "en").text == "甲区: orange running since 6th 00:00 (observed): start letter needed"


def test_a_future_new_warning_without_issue_time_is_not_read_as_running():
    """No issue time means no lead time — not an episode already running."""
    from tests.domain.engine_helpers import AQI_175, CLEAN

    ev = _toy([CLEAN, CLEAN], [CLEAN] + [AQI_175] * 3 + [CLEAN] * 3, [], issued=False)
    assert ev.new_warnings[0].lead_time_hours is None
    item = _one(ev)
    assert item.text == "甲区 8日起达到橙色，需发启动函" and not item.observed
    assert _one(ev, "en").text == "甲区: orange from 8th 00:00: start letter needed"


def test_a_lift_overdue_then_a_return_and_an_ended_warning_then_a_return_already_running():
    from tests.domain.engine_helpers import AQI_175, CLEAN

    lifted = _toy([AQI_175] * 3 + [CLEAN] * 2, [CLEAN, CLEAN] + [AQI_175] * 3 + [CLEAN] * 2,
                  [WarningInForce("甲区", "orange", _day(5))])
    assert _one(lifted).text == ("甲区 橙色（1月5日起）→ 过程已于7日24时结束（实况），应补发解除函（10日0时起解除）；"
                                 "12日起再次达到橙色，需另发启动函")
    ended = _toy([AQI_175] * 3 + [CLEAN, CLEAN, AQI_175], [AQI_175] * 2 + [CLEAN] * 3,
                 [WarningInForce("甲区", "orange", _day(5), _day(7, 23))])
    item = _one(ended)
    assert item.text == "甲区 橙色（1月5日起）→ 过程已于7日24时结束，无需发函；10日起再次出现重污染（实况），达到橙色，需另发启动函"
    assert item.letter == f"new:{ended.new_warnings[0].episode_index}"
    assert _one(ended, "en").text == ("甲区 orange (from Jan 5) → episode over since 7th 24:00: nothing to send; "
                                      "orange again, running since 10th 00:00 (observed): a new start letter needed")


@pytest.mark.parametrize("case, zh, en", ids=["upgrade", "downgrade", "extend", "revise"], argvalues=[
    ("upgrade", "建议升级为橙色 10日0时起，至11日24时（实况5日0时起已达升级条件）",
     "upgrade to orange from 10th 00:00, until 11th 24:00 (observed: due since 5th 00:00)"),
    ("downgrade", "建议降级为橙色 10日0时起，至11日24时（实况5日0时起已达降级条件）",
     "downgrade to orange from 10th 00:00, until 11th 24:00 (observed: due since 5th 00:00)"),
    ("extend", "建议延长，至11日24时（原定7日24时结束，实况过程仍在持续）",
     "extend, until 11th 24:00 (expected end 7th 24:00 passed; observed: still running)"),
    ("revise", "建议调整为橙色 8日0时起，至9日24时（实况6日起已出现）",
     "revise: orange from 8th 00:00, until 9th 24:00 (observed since 6th 00:00)"),
])
def test_an_advice_already_due_in_the_observed_hours_says_since_when(case, zh, en):
    from tests.domain.engine_helpers import AQI_175, AQI_250, CLEAN

    observed, forecast, warning = {
        "upgrade": ([AQI_175] * 2 + [AQI_250] * 3, [AQI_250] * 2 + [CLEAN] * 3, ("yellow", _day(5), None)),
        "downgrade": ([AQI_250] * 3 + [AQI_175] * 2, [AQI_175] * 2 + [CLEAN] * 3, ("red", _day(5), None)),
        "extend": ([AQI_175] * 5, [AQI_175] * 2 + [CLEAN] * 3, ("orange", _day(5), _day(7, 23))),
        "revise": ([CLEAN, AQI_175, AQI_175], [AQI_175] * 2 + [CLEAN] * 3, ("orange", _day(9), None)),
    }[case]
    ev = _toy(observed, forecast, [WarningInForce("甲区", *warning)])
    assert ev.recommendations[0].action == case
    item = _one(ev)
    assert item.text.split("→ ")[1] == zh and item.observed and item.letter == "rec:0"
    assert _one(ev, "en").text.split("→ ")[1] == en


def test_nothing_observed_reads_as_before(orange):
    """The forecast alone: no mark, the words as they were."""
    items = region_advice(_evaluate(orange, IN_FORCE))
    assert not any(i.observed for i in items) and not any("实况" in i.text for i in items)


def test_a_level_change_already_advised_is_said_beside_the_level(orange):
    """The season walk: 盆地中部 red from 12-13, downgraded by letter to orange from 15日0时, read "橙色（12月13日起）"
    on the line — orange since the 13th. With the warnings in force given, the line says when the level changed."""
    downgraded = [WarningInForce("盆地中部地区", "orange", datetime(2026, 1, 8, tzinfo=BEIJING),
                                 previous_level="red", change_at=datetime(2026, 1, 9, 12, tzinfo=BEIJING))]
    evaluation = _evaluate(orange, downgraded)
    zh = next(i for i in region_advice(evaluation, in_force=downgraded) if i.region == "盆地中部地区")
    assert zh.text.startswith("盆地中部 橙色（1月8日起，9日12时降级）→ ")
    en = next(i for i in region_advice(evaluation, "en", in_force=downgraded) if i.region == "盆地中部地区")
    assert "orange (from Jan 8, downgraded 9th 12:00) → " in en.text
    plain = next(i for i in region_advice(evaluation) if i.region == "盆地中部地区")  # no list: as before
    assert plain.text.startswith("盆地中部 橙色（1月8日起）→ ")
