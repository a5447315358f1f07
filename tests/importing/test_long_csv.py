"""Long CSV tables ``time, city, pm25, …``: the basic path the GUI and the engine rely on."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.forecast import MET_FIELDS
from app.errors import InputError
from app.importing import load_forecast
from app.paths import DEFAULT_SAMPLE

LONG = """# issued_at: 2026-01-10 08:00
time,city,pm25
2026-01-10 01:00,成都,55
2026-01-10 00:00,成都,50
2026-01-10 00:00,510600,60
2026-01-10 01:00,德阳市,70
"""


def test_long_csv_in_any_row_order_lands_on_the_units_by_times_grid(write):
    fc = load_forecast(write("f.csv", LONG))
    assert fc.units == ["成都市", "德阳市"]
    assert list(fc.times.strftime("%H:%M")) == ["00:00", "01:00"]
    assert str(fc.times.tz) == "Asia/Shanghai"
    np.testing.assert_array_equal(fc.values["pm25"], [[50, 55], [60, 70]])
    assert fc.step_hours == 1
    assert "绵阳市" in fc.missing_units and len(fc.missing_units) == 57


def test_meta_records_source_checksum_issue_time_format_and_encoding(write):
    import hashlib

    path = write("f.csv", LONG)
    fc = load_forecast(path)
    assert fc.meta.source_path == str(path.resolve())
    assert fc.meta.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert fc.meta.issued_at.isoformat() == "2026-01-10T08:00:00+08:00"
    assert fc.meta.issued_at_source == "file"
    assert fc.meta.source_format == "long-csv"
    assert fc.meta.encoding == "utf-8"


def test_user_issue_time_wins_and_the_difference_is_a_warning(write):
    fc = load_forecast(write("f.csv", LONG), issued_at=datetime(2026, 1, 9, 20))
    assert fc.meta.issued_at.isoformat() == "2026-01-09T20:00:00+08:00"
    assert fc.meta.issued_at_source == "user"
    assert any("replaces" in w.message for w in fc.warnings)


def test_without_issue_time_it_stays_none_for_the_gui_to_ask(write):
    fc = load_forecast(write("f.csv", LONG.split("\n", 1)[1]))
    assert fc.meta.issued_at is None and fc.meta.issued_at_source == ""


def test_unknown_city_names_are_listed_together_with_suggestions(write):
    text = "time,city,pm25\n2026-01-10 00:00,成都市,50\n2026-01-10 00:00,成度,50\n2026-01-10 00:00,Chengdoo,1\n"
    with pytest.raises(InputError) as info:
        load_forecast(write("f.csv", text))
    problems = info.value.problems
    assert [p.value for p in problems] == ["成度", "Chengdoo"]
    assert [p.row for p in problems] == [3, 4]
    assert all(p.column == "city" for p in problems)
    assert "成都市" in problems[0].expected


def test_default_sample_loads_complete_with_met_columns_and_no_warnings():
    fc = load_forecast(DEFAULT_SAMPLE)
    assert len(fc.units) == 59 and fc.horizon_hours == 168
    assert set(MET_FIELDS) <= set(fc.met)
    assert fc.meta.issued_at is not None and fc.meta.issued_at < fc.times[0]
    assert not np.isnan(fc.values["pm25"]).any()
    assert fc.warnings == []


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 6), st.integers(1, 30), st.data())
def test_a_city_hour_given_twice_is_found_wherever_it_is(n_units, n_t, data):
    """Issue 26: each grid cell is marked once instead of sorting a year's rows; a repeat must still be found,
    with the same messages (the rows sorted, as before), and none reported when every row has its own cell."""
    from app.importing.rawtable import RawTable
    from app.importing.tables import _no_duplicates

    n = data.draw(st.integers(1, n_units * n_t + 3))
    unit_idx = np.array(data.draw(st.lists(st.integers(0, n_units - 1), min_size=n, max_size=n)), dtype=np.int64)
    time_idx = np.array(data.draw(st.lists(st.integers(0, n_t - 1), min_size=n, max_size=n)), dtype=np.int64)
    rows = np.arange(2, 2 + n)
    names = [f"u{k}" for k in range(n_units)]
    table = RawTable.from_rows("f.csv", ["time", "city", "pm25"], 1, [], list(rows))
    pairs = list(zip(unit_idx.tolist(), time_idx.tolist()))
    repeats = [i for i, p in enumerate(pairs) if p in pairs[:i]]
    start = np.datetime64("2026-01-10T00:00", "s")
    if not repeats:
        _no_duplicates(unit_idx, time_idx, n_t, names, start, False, table, rows)
        return
    with pytest.raises(InputError) as raised:
        _no_duplicates(unit_idx, time_idx, n_t, names, start, False, table, rows)
    assert raised.value.problems[0].message == "a city-hour given twice"
    order = sorted(range(n), key=lambda i: (pairs[i], i))  # by cell, then row: the first repeat in that order
    first = next(order[j + 1] for j in range(n - 1) if pairs[order[j]] == pairs[order[j + 1]])
    assert raised.value.problems[0].row == first + 2
