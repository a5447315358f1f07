"""The advice line's words (issue 28, the desk; spec §7): per region, what is in force and what the forecast
advises, and the letter each region leads to — on the orange sample with 盆地中部 red and 盆地南部 orange in force
from 01-08 (the issue's case: two lifts at 10日0时, three orange start letters)."""

from __future__ import annotations

from datetime import datetime

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
