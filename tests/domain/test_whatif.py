"""What-if edits: validation, application on a copy, describe, and the undo/redo history."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.forecast import Forecast, ForecastMeta
from app.domain.scheme import BEIJING
from app.domain.whatif import Edit, EditStack, apply_edits, describe, edited_units
from app.errors import InputError

UNITS = ["成都市", "德阳市", "重庆市渝中区"]


def small_forecast(hours: int = 48) -> Forecast:
    times = pd.date_range("2026-01-06 00:00", periods=hours, freq="h", tz="Asia/Shanghai")
    pm25 = np.arange(len(UNITS) * hours, dtype=float).reshape(len(UNITS), hours) + 10.0
    pm25[2, 5] = np.nan
    return Forecast(times=times, units=list(UNITS), values={"pm25": pm25}, meta=ForecastMeta(sha256="x"))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BEIJING)


def edit(op="scale", value=0.5, unit="成都市", start="2026-01-06T00:00", end="2026-01-06T23:00", **kw) -> Edit:
    return Edit(unit, at(start), at(end), op, value, **kw)


def test_scale_applies_inclusive_range_on_a_copy():
    forecast = small_forecast()
    before = forecast.values["pm25"].copy()
    edited = apply_edits(forecast, [edit("scale", 0.5, end="2026-01-06T03:00")])
    np.testing.assert_array_equal(forecast.values["pm25"], before)  # original untouched
    row = edited.values["pm25"][0]
    np.testing.assert_array_equal(row[:4], before[0, :4] * 0.5)  # 00:00 … 03:00 inclusive
    np.testing.assert_array_equal(row[4:], before[0, 4:])
    np.testing.assert_array_equal(edited.values["pm25"][1:], before[1:])


def test_add_clips_at_zero_and_keeps_nan_set_fills_nan():
    forecast = small_forecast()
    minus = apply_edits(forecast, [edit("add", -1000, unit="重庆市渝中区")])
    row = minus.values["pm25"][2]
    assert np.isnan(row[5]) and (row[:5] == 0).all() and (row[6:24] == 0).all() and row[24] > 0
    scaled = apply_edits(forecast, [edit("scale", 2.0, unit="重庆市渝中区")])
    assert np.isnan(scaled.values["pm25"][2, 5])
    filled = apply_edits(forecast, [edit("set", 80, unit="重庆市渝中区")])
    assert (filled.values["pm25"][2, :24] == 80).all()


def test_edits_apply_in_order():
    forecast = small_forecast()
    a = apply_edits(forecast, [edit("set", 100), edit("scale", 0.5)]).values["pm25"][0, 0]
    b = apply_edits(forecast, [edit("scale", 0.5), edit("set", 100)]).values["pm25"][0, 0]
    assert (a, b) == (50, 100)


def test_times_are_beijing_and_naive_times_read_as_beijing():
    naive = Edit("成都市", datetime(2026, 1, 6), datetime(2026, 1, 6, 23), "add", 5)
    assert naive.start.utcoffset().total_seconds() == 8 * 3600
    utc = Edit("成都市", pd.Timestamp("2026-01-05T16:00Z"), pd.Timestamp("2026-01-06T15:00Z"), "add", 5)
    assert utc == naive


@pytest.mark.parametrize(("kwargs", "column", "words"), [
    ({"op": "double"}, "op", "unknown what-if operation"),
    ({"op": "scale", "value": 0}, "value", "scale factor"),
    ({"op": "scale", "value": -0.5}, "value", "scale factor"),
    ({"op": "set", "value": -1}, "value", "negative"),
    ({"op": "add", "value": float("nan")}, "value", "finite"),
    ({"op": "add", "value": "abc"}, "value", "not a number"),
    ({"start": "2026-01-07T00:00", "end": "2026-01-06T00:00"}, "end", "before the start"),
])
def test_bad_edits_say_what_is_wrong(kwargs, column, words):
    with pytest.raises(InputError) as err:
        edit(**kwargs)
    assert err.value.problem.column == column
    assert words in err.value.problem.message


def test_edits_checked_against_the_forecast():
    forecast = small_forecast()
    with pytest.raises(InputError, match="unknown unit"):
        apply_edits(forecast, [edit(unit="绵阳市")])
    with pytest.raises(InputError, match="no such field") as err:
        apply_edits(forecast, [edit(field="pm10")])
    assert err.value.problem.expected == "pm25"
    with pytest.raises(InputError, match="outside the forecast") as err:
        apply_edits(forecast, [edit(start="2026-02-01T00:00", end="2026-02-02T00:00")])
    assert "2026-01-06 00:00" in err.value.problem.expected


def test_daily_table_step_counts_by_its_day():
    times = pd.date_range("2026-01-06", periods=3, freq="D", tz="Asia/Shanghai")
    daily = Forecast(times=times, units=["成都市"], values={"aqi": np.array([[100.0, 120.0, 140.0]])}, step_hours=24)
    out = apply_edits(daily, [edit("add", 10, field="aqi", start="2026-01-07T12:00", end="2026-01-07T13:00")])
    np.testing.assert_array_equal(out.values["aqi"][0], [100, 130, 140])


def test_describe_zh_en_and_round_trip():
    e = edit("scale", 0.8, start="2026-01-06T00:00", end="2026-01-07T23:00")
    assert describe(e) == "成都市 2026-01-06 00:00–2026-01-07 23:00 PM2.5 ×0.8"
    assert e.describe("en") == "Chengdu 2026-01-06 00:00–2026-01-07 23:00 PM2.5 ×0.8"
    assert describe(edit("add", -20)).endswith("PM2.5 −20 µg/m³")
    assert describe(edit("set", 35, field="aqi", note="减排")).endswith("AQI = 35（减排）")
    assert Edit.from_dict(e.to_dict()) == e
    assert edited_units([e, edit(unit="德阳市"), e]) == {"成都市", "德阳市"}


def test_stack_names_undo_redo_and_listeners():
    stack, seen = EditStack(), []
    stack.add_listener(seen.append)
    first, second = edit("scale", 0.8), edit("add", 5, unit="德阳市")
    stack.push(first)
    stack.push(second)
    assert stack.edits == [first, second] and stack.undo_name == describe(second)
    assert not stack.can_redo
    stack.undo()
    assert stack.edits == [first] and stack.redo_name == describe(second) and stack.can_redo
    stack.redo()
    stack.remove(0)
    assert stack.edits == [second] and stack.undo_name.startswith("删除：成都市")
    stack.undo()
    stack.undo()
    stack.push(first)  # a new change drops the redo history
    assert not stack.can_redo and stack.edits == [first, first]
    stack.clear()
    assert stack.edits == [] and not stack.can_undo and stack.undo() is None and stack.redo() is None
    assert seen == [[first], [first, second], [first], [first, second], [second], [first, second], [first],
                    [first, first], []]


@st.composite
def edits(draw):
    op = draw(st.sampled_from(["set", "scale", "add"]))
    value = {"set": st.floats(0, 500), "scale": st.floats(0.01, 5), "add": st.floats(-300, 300)}[op]
    first = draw(st.integers(0, 47))
    last = draw(st.integers(first, 47))
    times = pd.date_range("2026-01-06 00:00", periods=48, freq="h", tz="Asia/Shanghai")
    return Edit(draw(st.sampled_from(UNITS)), times[first], times[last], op, draw(value))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["push", "undo", "redo"]), edits()), max_size=12))
def test_any_sequence_undone_restores_the_original_exactly(steps):
    forecast = small_forecast()
    original = forecast.values["pm25"].copy()
    stack = EditStack()
    for action, e in steps:
        if action == "push":
            stack.push(e)
        else:
            getattr(stack, action)()
        values = apply_edits(forecast, stack.edits).values["pm25"]
        assert (np.nan_to_num(values, nan=0) >= 0).all()
    while stack.can_undo:
        stack.undo()
    assert stack.edits == []
    np.testing.assert_array_equal(apply_edits(forecast, stack.edits).values["pm25"], original)
    np.testing.assert_array_equal(forecast.values["pm25"], original)
