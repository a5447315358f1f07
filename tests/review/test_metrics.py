"""Verification scores against tables computed by hand (in the comments)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.review.metrics import category, contingency, half_level, scores

NAN = math.nan
# day:          0    1    2    3    4    5    6
F_AQI = [120, 160, 210, 90, 310, 180, NAN]
O_AQI = [140, 155, 190, 160, 320, 140, 200]
F_PM = [10, 20, 30, 40, 50, 60, 70]
O_PM = [12, 18, 30, 50, 45, 60, NAN]


def test_contingency_above_150_by_hand():
    # forecast > 150: F T T F T T (day 6 unknown); observed > 150: F T T T T F
    # hits days 1, 2, 4 = 3; miss day 3; false alarm day 5; correct negative day 0
    table = contingency(F_AQI, O_AQI, 150)
    assert table == {"hits": 3, "misses": 1, "false_alarms": 1, "correct_negatives": 1,
                     "pod": 0.75, "far": 0.25, "csi": 0.6}


def test_contingency_above_200_and_300_by_hand():
    # > 200: forecast days 2, 4; observed day 4 → 1 hit, 1 false alarm, 4 correct negatives
    assert contingency(F_AQI, O_AQI, 200) == {"hits": 1, "misses": 0, "false_alarms": 1, "correct_negatives": 4,
                                              "pod": 1.0, "far": 0.5, "csi": 0.5}
    # > 300: only day 4 on both sides
    assert contingency(F_AQI, O_AQI, 300) == {"hits": 1, "misses": 0, "false_alarms": 0, "correct_negatives": 5,
                                              "pod": 1.0, "far": 0.0, "csi": 1.0}


def test_threshold_is_strictly_above_and_undefined_scores_are_none():
    table = contingency([150, 100], [151, 100], 150)  # 150 is not > 150: a miss
    assert (table["hits"], table["misses"], table["false_alarms"]) == (0, 1, 0)
    assert table["pod"] == 0.0 and table["far"] is None and table["csi"] == 0.0
    clean = contingency([50, 60], [40, 70], 150)
    assert clean["pod"] is None and clean["far"] is None and clean["csi"] is None
    assert clean["correct_negatives"] == 2


def test_half_levels_and_categories():
    assert half_level([0, 25, 26, 50, 51, 100, 101, 150, 151, 200, 201, 250, 251, 300, 301, 400, 401, 500]).tolist() \
        == [0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 9, 10, 10, 11, 11]
    assert category([0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500]).tolist() == \
        [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert half_level([NAN]).tolist() == [-1]


def test_all_scores_by_hand():
    s = scores(F_PM, O_PM, F_AQI, O_AQI)
    assert s["days"] == 6  # day 6: forecast AQI and observed PM2.5 unknown
    # PM2.5 differences −2, 2, 0, −10, 5, 0
    assert s["bias"] == pytest.approx(-5 / 6)
    assert s["rmse"] == pytest.approx(np.sqrt(133 / 6))
    # categories (0 优 … 5 严重): forecast 2 3 4 1 5 3, observed 2 3 3 3 5 2 → 3 of 6
    assert s["category_accuracy"] == pytest.approx(0.5)
    # half-levels: forecast 4 6 8 3 10 7, observed 5 6 7 6 10 5 → |Δ| 1 0 1 3 0 2 → 4 of 6 within one
    assert s["half_level_accuracy"] == pytest.approx(4 / 6)
    assert s["contingency"]["150"]["hits"] == 3


def test_no_common_day_gives_nulls():
    s = scores([NAN], [10], [NAN], [20])
    assert s["days"] == 0 and s["bias"] is None and s["half_level_accuracy"] is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(*[st.one_of(st.none(), st.floats(0, 500)) for _ in range(4)]), max_size=40))
def test_the_scores_tables_are_the_contingency_of_the_days_both_sides_have(days):
    """Issue 26: the three tables are counted on the days both sides have, taken once: the same as contingency()
    of the AQI with every other day blanked, as it was computed before."""
    from app.review.metrics import THRESHOLDS

    fp, op, fa, oa = (np.array([np.nan if d[k] is None else d[k] for d in days], dtype=float) for k in range(4))
    both = ~np.isnan(fp) & ~np.isnan(op) & ~np.isnan(fa) & ~np.isnan(oa)
    out = scores(fp, op, fa, oa)
    for t in THRESHOLDS:
        assert out["contingency"][str(t)] == contingency(np.where(both, fa, np.nan), np.where(both, oa, np.nan), t)
    assert out["days"] == int(both.sum())


def _naive_scores(fp, op, fa, oa) -> dict:
    """The scores straight from the module's definitions, each table counted cell by cell."""
    days = [k for k in range(len(fp)) if not any(math.isnan(x[k]) for x in (fp, op, fa, oa))]
    out: dict = {"days": len(days)}
    if days:
        diff = np.array([fp[k] - op[k] for k in days])
        out["bias"] = float(diff.mean())
        out["rmse"] = float(np.sqrt((diff ** 2).mean()))
        out["category_accuracy"] = float(np.mean([category([fa[k]])[0] == category([oa[k]])[0] for k in days]))
        out["half_level_accuracy"] = float(np.mean([abs(int(half_level([fa[k]])[0]) - int(half_level([oa[k]])[0]))
                                                    <= 1 for k in days]))
    else:
        out.update(bias=None, rmse=None, category_accuracy=None, half_level_accuracy=None)
    tables = {}
    for t in (150, 200, 300):
        cells = [(fa[k] > t, oa[k] > t) for k in days]
        h, m = cells.count((True, True)), cells.count((False, True))
        f, c = cells.count((True, False)), cells.count((False, False))
        tables[str(t)] = {"hits": h, "misses": m, "false_alarms": f, "correct_negatives": c,
                          "pod": None if h + m == 0 else h / (h + m), "far": None if h + f == 0 else f / (h + f),
                          "csi": None if h + m + f == 0 else h / (h + m + f)}
    out["contingency"] = tables
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(*[st.one_of(st.none(), st.floats(0, 500), st.sampled_from([0, 25, 50, 150, 200, 300,
                                                                                    500]))
                            for _ in range(4)]), max_size=60))
def test_scores_are_the_naive_scores(days):
    fp, op, fa, oa = (np.array([np.nan if d[k] is None else d[k] for d in days], dtype=float) for k in range(4))
    assert scores(fp, op, fa, oa) == _naive_scores(fp, op, fa, oa)
