"""Property: any forecast written as a long table, rows in any order, loads back to the same grid."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.domain.units import load_units
from app.importing import load_forecast

NAMES = load_units().names()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(NAMES), min_size=1, max_size=8, unique=True), st.integers(1, 60),
       st.integers(0, 2**31 - 1), st.sampled_from(["full", "short", "adcode"]), st.booleans())
def test_long_table_round_trip_in_any_row_order(tmp_path_factory, units, hours, seed, naming, aware):
    rng = np.random.default_rng(seed)
    table = load_units()
    times = pd.date_range("2026-12-30 20:00", periods=hours, freq="h")
    values = rng.gamma(3.0, 30.0, (len(units), hours)).round(1)
    values[rng.random(values.shape) < 0.1] = np.nan  # gaps: absent rows or empty cells
    rows, written = [], {}
    for u, name in enumerate(units):
        label = {"full": name, "short": table.by_name[name].short_name,
                 "adcode": table.by_name[name].adcode}[naming]
        for t, stamp in enumerate(times):
            if np.isnan(values[u, t]) and rng.random() < 0.5:
                continue  # a missing row rather than an empty cell
            when = (stamp - pd.Timedelta(hours=8)).strftime("%Y-%m-%dT%H:%MZ") if aware else \
                stamp.strftime("%Y-%m-%d %H:%M")
            rows.append(f"{when},{label},{'' if np.isnan(values[u, t]) else values[u, t]}")
            written[name, stamp] = values[u, t]
    assume(rows)
    rng.shuffle(rows)
    path = tmp_path_factory.mktemp("rt") / "f.csv"
    path.write_text("time,city,pm25\n" + "\n".join(rows) + "\n", encoding="utf-8")
    fc = load_forecast(path)
    assert fc.units == [n for n in NAMES if n in {name for name, _ in written}]
    stamps = sorted({stamp for _, stamp in written})
    assert fc.times[0].tz_localize(None) == stamps[0] and fc.times[-1].tz_localize(None) == stamps[-1]
    expected = np.array([[written.get((name, t.tz_localize(None)), np.nan) for t in fc.times] for name in fc.units])
    np.testing.assert_array_equal(fc.values["pm25"], expected)
