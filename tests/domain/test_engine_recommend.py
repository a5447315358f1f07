"""Warnings in force (spec §6, 四(五)3): keep, upgrade, downgrade, lift, extend, and the 36-hour rule."""

from __future__ import annotations

import json
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from app.domain.engine import evaluate
from app.domain.recommend import WarningInForce, load_in_force, recommend
from app.domain.scheme import BEIJING, load_scheme
from app.errors import InputError
from tests.domain.engine_helpers import daily_forecast, path_graph

SCHEME = load_scheme()
REGION = "成都平原地区"
TIMES = pd.date_range("2026-01-05", periods=120, freq="h", tz="Asia/Shanghai")
START = datetime(2026, 1, 5, tzinfo=BEIJING)


def advise(levels: list[tuple[int, int]], in_force: str = "orange", end=None, start=START, warned=None):
    """Region level per hour from (level, hours) pieces; one warning in force."""
    level = np.concatenate([np.full(h, lv, dtype=np.int8) for lv, h in levels])
    assert len(level) == len(TIMES)
    region_level = {r.name: np.zeros(len(TIMES), np.int8) for r in SCHEME.regions} | {REGION: level}
    region_warned = dict(region_level) if warned is None else region_level | {REGION: warned}
    (rec,) = recommend([WarningInForce(REGION, in_force, start, end)], region_level, region_warned, TIMES, SCHEME)
    return rec


def test_upgrade_as_soon_as_a_higher_level_appears():
    rec = advise([(2, 30), (3, 1), (2, 89)])
    assert (rec.action, rec.new_level) == ("upgrade", "red")
    assert rec.from_time == datetime(2026, 1, 6, 6, tzinfo=BEIJING)
    assert rec.reason == "预测2026-01-06 06:00起区域达到红色（高于现行橙色），建议升级"
    assert rec.reason_en == ("Forecast: the region reaches red from 2026-01-06 06:00 (above the orange in force); "
                             "upgrade recommended")


def test_downgrade_needs_36_hours():
    assert advise([(2, 40), (1, 35), (2, 45)]).action == "keep"
    rec = advise([(2, 40), (1, 36), (2, 44)])
    assert (rec.action, rec.new_level) == ("downgrade", "yellow")
    assert rec.from_time == TIMES[40].to_pydatetime()


def test_lift_needs_36_hours_of_none():
    assert advise([(2, 40), (0, 35), (2, 45)]).action == "keep"
    rec = advise([(2, 40), (0, 80)])
    assert (rec.action, rec.new_level) == ("lift", "none")


def test_lower_run_mixing_yellow_and_none_downgrades_to_yellow():
    rec = advise([(2, 10), (1, 20), (0, 20), (2, 70)])
    assert (rec.action, rec.new_level) == ("downgrade", "yellow")


def test_hours_before_the_warning_starts_do_not_count():
    rec = advise([(0, 48), (2, 72)], start=datetime(2026, 1, 7, tzinfo=BEIJING))
    assert rec.action == "keep"


def test_extend_when_the_episode_runs_past_the_expected_end():
    rec = advise([(2, 96), (0, 24)], end=datetime(2026, 1, 7, 23, tzinfo=BEIJING))
    assert (rec.action, rec.new_level) == ("extend", "orange")
    assert rec.from_time == datetime(2026, 1, 8, tzinfo=BEIJING)
    assert advise([(2, 96), (0, 24)], end=datetime(2026, 1, 8, 23, tzinfo=BEIJING)).action == "keep"


def test_recommendations_through_evaluate():
    cities = ["成都市", "德阳市", "绵阳市", "眉山市"]
    forecast = daily_forecast({c: [250, 250, 250, 60, 60] for c in cities})
    in_force = [WarningInForce(REGION, "yellow", START), WarningInForce("south", "orange", START)]
    ev = evaluate(forecast, SCHEME, path_graph(cities), in_force=in_force)
    assert [(r.region, r.action, r.new_level) for r in ev.recommendations] == [
        (REGION, "upgrade", "orange"), ("盆地南部地区", "lift", "none")]


def test_load_in_force_accepts_an_object_or_a_list_and_region_ids(tmp_path):
    path = tmp_path / "in-force.json"
    path.write_text(json.dumps({"region": "chengdu-plain", "level": "orange", "start": "2026-01-05T00:00"}))
    assert load_in_force(path, SCHEME) == [WarningInForce(REGION, "orange", START)]
    path.write_text(json.dumps([{"region": REGION, "level": "red", "start": "2026-01-05T00:00:00+08:00",
                                 "end": "2026-01-08T23:00:00+08:00"}]), encoding="utf-8")
    (w,) = load_in_force(path, SCHEME)
    assert w.level == "red" and w.end == datetime(2026, 1, 8, 23, tzinfo=BEIJING)


@pytest.mark.parametrize("content, key", [
    ('[{"region": "火星", "level": "red", "start": "2026-01-05"}]', "[0].region"),
    ('{"region": "成都平原地区", "level": "purple", "start": "2026-01-05"}', "level"),
    ('[{"region": "成都平原地区", "level": "red"}]', "[0].start"),
    ('[{"region": "成都平原地区", "level": "red", "start": "tomorrow"}]', "[0].start"),
    ('[{"region": "成都平原地区", "level": "red", "start": "2026-01-05", "end": "2026-01-01"}]', "[0].end"),
])
def test_load_in_force_errors_name_the_key(tmp_path, content, key):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_in_force(path, SCHEME)
    assert info.value.problem.column == key and str(path) in str(info.value)


def test_load_in_force_rejects_bad_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{region:", encoding="utf-8")
    with pytest.raises(InputError, match="JSON"):
        load_in_force(path, SCHEME)


@pytest.mark.parametrize("levels, end, zh, en", [
    ([(2, 40), (1, 36), (2, 44)], None, "区域降至黄色，持续36小时", "the region falls to yellow from 2026-01-06 16:00 "
                                                                  "for 36 hours (≥ 36 hours); downgrade"),
    ([(2, 40), (0, 80)], None, "无区域预警条件，持续80小时", "no regional warning conditions from 2026-01-06 16:00 "
                                                            "for 80 hours (≥ 36 hours); lifting"),
    ([(2, 96), (0, 24)], datetime(2026, 1, 7, 23, tzinfo=BEIJING), "预测区域过程持续至2026-01-08 23:00",
     "lasts until 2026-01-08 23:00, after the expected end 2026-01-07 23:00; extension"),
    ([(2, 120)], None, "建议维持橙色预警", "no higher level and no improvement lasting 36 hours or more; "
                                      "keeping the orange warning"),
])
def test_every_reason_in_chinese_and_english(levels, end, zh, en):
    rec = advise(levels, end=end)
    assert zh in rec.reason and en in rec.reason_en
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in rec.reason_en)
