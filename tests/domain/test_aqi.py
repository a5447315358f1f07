"""HJ 633 AQI, both editions (spec §3): every breakpoint of both tables, the special rules, categories, rounding."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.domain.aqi import (
    CATEGORIES,
    EDITIONS,
    PRIMARY_TEXT,
    UNKNOWN_RGB,
    PrimaryText,
    aqi_rgb,
    category_index,
    category_of,
    compute_aqi,
    load_edition,
    parse_edition,
    pm25_from_aqi,
)
from app.errors import InputError

IAQI = [0, 50, 100, 150, 200, 300, 400, 500]
# Transcribed from the standards (HJ 633-2012 table 1, HJ 633-2026 table 3), independently of data/aqi/*.toml.
STANDARD = {
    "2012": {
        "so2_24h": [0, 50, 150, 475, 800, 1600, 2100, 2620], "so2_1h": [0, 150, 500, 650, 800],
        "no2_24h": [0, 40, 80, 180, 280, 565, 750, 940], "no2_1h": [0, 100, 200, 700, 1200, 2340, 3090, 3840],
        "pm10_24h": [0, 50, 150, 250, 350, 420, 500, 600], "co_24h": [0, 2, 4, 14, 24, 36, 48, 60],
        "co_1h": [0, 5, 10, 35, 60, 90, 120, 150], "o3_1h": [0, 160, 200, 300, 400, 800, 1000, 1200],
        "o3_8h": [0, 100, 160, 215, 265, 800], "pm25_24h": [0, 35, 75, 115, 150, 250, 350, 500],
    },
    "2026": {
        "so2_24h": [0, 50, 150, 475, 800, 1600, 2100, 2620], "so2_1h": [0, 150, 500, 650, 800],
        "no2_24h": [0, 40, 80, 180, 280, 565, 750, 940], "no2_1h": [0, 100, 200, 700, 1200, 2340, 3090, 3840],
        "pm10_24h": [0, 50, 120, 250, 350, 420, 500, 600], "co_24h": [0, 2, 4, 14, 24, 36, 48, 60],
        "co_1h": [0, 5, 10, 35, 60, 90, 120, 150], "o3_1h": [0, 160, 200, 300, 400, 800, 1000, 1200],
        "o3_8h": [0, 100, 160, 215, 265, 800], "pm25_24h": [0, 35, 60, 115, 150, 250, 350, 500],
    },
}
BREAKPOINTS = [(ed, key, i) for ed, tables in STANDARD.items() for key, limits in tables.items()
               for i in range(len(limits))]


def test_both_tables_are_the_standards():
    for ed, tables in STANDARD.items():
        edition = load_edition(ed)
        assert set(edition.tables) == set(tables)
        for key, limits in tables.items():
            assert edition.tables[key].limits.tolist() == limits, (ed, key)
            assert edition.tables[key].iaqi.tolist() == IAQI[:len(limits)]


@pytest.mark.parametrize("ed, key, i", BREAKPOINTS, ids=[f"{e}-{k}-{IAQI[i]}" for e, k, i in BREAKPOINTS])
def test_every_breakpoint_gives_its_iaqi(ed, key, i):
    edition = load_edition(ed)
    limit = STANDARD[ed][key][i]
    value, over = edition.iaqi(key, np.array([limit], dtype=float))
    assert value[0] == IAQI[i] and not over[0]
    table = edition.tables[key]
    if i + 1 < len(STANDARD[ed][key]):  # just above a limit: interpolation rounded up is the next integer
        assert table.interpolate(np.array([limit + 1e-6]))[0] == IAQI[i] + 1
    if i > 0:  # just below: still the limit's IAQI (rounded up)
        assert table.interpolate(np.array([limit - 1e-6]))[0] == IAQI[i]


def test_edition_2026_moves_pm25_and_pm10_good_boundary():
    old, new = load_edition("2012"), load_edition("2026")
    assert old.iaqi("pm25_24h", np.array([75.0]))[0][0] == 100
    assert new.iaqi("pm25_24h", np.array([60.0]))[0][0] == 100
    assert new.iaqi("pm25_24h", np.array([75.0]))[0][0] == 114  # 100 + 50·15/55 = 113.6 → up
    assert old.iaqi("pm10_24h", np.array([150.0]))[0][0] == 100
    assert new.iaqi("pm10_24h", np.array([120.0]))[0][0] == 100
    for conc, iaqi in ((115.0, 150), (150.0, 200), (250.0, 300)):  # unchanged in both
        assert old.iaqi("pm25_24h", np.array([conc]))[0][0] == iaqi
        assert new.iaqi("pm25_24h", np.array([conc]))[0][0] == iaqi


def test_interpolation_rounds_up():
    ed = load_edition("2012")
    # 35 < 36 ≤ 75: 50 + 50·1/40 = 51.25 → 52
    assert ed.iaqi("pm25_24h", np.array([36.0]))[0][0] == 52
    assert ed.iaqi("pm25_24h", np.array([150.01]))[0][0] == 201


def test_2026_rounds_concentrations_before_the_iaqi():
    """HJ 633-2026 §4.2.2: µg/m³ to integers, CO to one decimal (GB/T 8170, half to even); 2012 has no such rule."""
    new, old = load_edition("2026"), load_edition("2012")
    assert new.iaqi("pm25_24h", np.array([150.4]))[0][0] == 200
    assert old.iaqi("pm25_24h", np.array([150.4]))[0][0] == 201
    assert new.iaqi("pm25_24h", np.array([150.5]))[0][0] == 200  # half to even: 150
    assert new.iaqi("pm25_24h", np.array([151.5]))[0][0] == 202  # half to even: 152
    assert new.iaqi("co_24h", np.array([4.04]), indicator="co")[0][0] == 100


def test_above_the_top_is_500_and_flagged():
    for key in EDITIONS:
        ed = load_edition(key)
        value, over = ed.iaqi("pm25_24h", np.array([500.0, 501.0, 1200.0]))
        assert value.tolist() == [500, 500, 500]
        assert over.tolist() == [False, True, True]


def test_2026_so2_1h_above_800_is_200_and_o3_8h_above_800_is_300():
    ed = load_edition("2026")
    assert ed.iaqi("so2_1h", np.array([801.0, 5000.0]))[0].tolist() == [200, 200]
    assert ed.iaqi("o3_8h", np.array([801.0, 5000.0]))[0].tolist() == [300, 300]
    assert not ed.iaqi("so2_1h", np.array([5000.0]))[1][0]


def test_2012_so2_1h_above_800_reports_the_24h_iaqi_and_o3_8h_the_1h_iaqi():
    ed = load_edition("2012")
    value, _ = ed.iaqi("so2_1h", np.array([900.0, 100.0]), fallback={"so2_24h": np.array([1600.0, 0.0])})
    assert value.tolist() == [300, 34]
    assert np.isnan(ed.iaqi("so2_1h", np.array([900.0]))[0][0])  # not computed without the 24-hour value
    value, _ = ed.iaqi("o3_8h", np.array([900.0]), fallback={"o3_1h": np.array([1000.0])})
    assert value.tolist() == [400]


def test_aqi_is_the_max_iaqi_with_primary_pollutant():
    ed = load_edition("2026")
    r = compute_aqi(ed, {"pm25": np.array([150.0, 30.0, 60.0, np.nan]),
                         "pm10": np.array([50.0, 40.0, 120.0, np.nan])}, "daily")
    assert r.aqi[:3].tolist() == [200, 43, 100] and np.isnan(r.aqi[3])
    assert r.primary.tolist() == ["PM2.5", "", "PM2.5,PM10", ""]  # ties are both primary; none at AQI ≤ 50


def test_primary_text_reads_as_the_object_array_of_its_codes():
    """The Evaluation's primary pollutants are PrimaryText (issue 26): every way a consumer reads them gives what
    the object array of texts gave — an element's str, an object ndarray for a slice or index, the whole array."""
    codes = np.random.default_rng(5).integers(0, len(PRIMARY_TEXT), (7, 30)).astype(np.uint8)
    text, lazy = PRIMARY_TEXT[codes], PrimaryText(codes)
    assert lazy.shape == text.shape == (7, 30) and lazy.ndim == 2 and lazy.size == 210 and len(lazy) == 7
    assert lazy.dtype == text.dtype
    for row, col in ((0, 0), (3, 17), (6, 29), (-1, -1)):
        assert type(lazy[row, col]) is str and lazy[row, col] == text[row, col]
    for key in (np.s_[:, [4, 1, 1]], np.s_[2], np.s_[1:5, ::3], codes > 8):
        picked = lazy[key]
        assert isinstance(picked, np.ndarray) and picked.dtype == object
        assert picked.tolist() == text[key].tolist()
    assert np.asarray(lazy).tolist() == text.tolist() == lazy.tolist()
    assert [row.tolist() for row in lazy] == text.tolist()
    assert ((lazy == "PM2.5") == (text == "PM2.5")).all() and (lazy == PrimaryText(codes.copy())).all()
    assert not (lazy != text).any()
    assert PrimaryText(np.zeros((2, 3), np.uint8))[1, 2] == ""  # code 0: no primary pollutant


def test_daily_o3_is_the_maximum_8_hour_mean_in_both_editions():
    """Spec §3 reading: the daily AQI uses the O3 maximum 8-hour mean; the 1-hour maximum only stands in for an
    8-hour value above 800 in 2012 (table 1, note 3); 2026 gives 300 there."""
    o3 = {"pm25": np.array([10.0, 10.0]), "o3_1h": np.array([400.0, 1000.0]), "o3_8h": np.array([100.0, 900.0])}
    assert compute_aqi(load_edition("2012"), o3, "daily", o3).aqi.tolist() == [50, 400]
    assert compute_aqi(load_edition("2026"), o3, "daily", o3).aqi.tolist() == [50, 300]


def test_missing_and_negative_concentrations_are_unknown():
    ed = load_edition("2026")
    value, _ = ed.iaqi("pm25_24h", np.array([np.nan, -1.0]))
    assert np.isnan(value).all()


def test_pm25_from_aqi_inverts_the_pm25_table():
    for key in EDITIONS:
        ed = load_edition(key)
        limits = ed.tables["pm25_24h"].limits
        conc, over = pm25_from_aqi(np.array(IAQI, dtype=float), ed)
        assert conc.tolist() == limits.tolist() and not over.any()
        back = ed.iaqi("pm25_24h", pm25_from_aqi(np.array([123.0, 201.0, 377.0]), ed)[0])[0]
        assert back.tolist() == [123, 201, 377]
    conc, over = pm25_from_aqi(np.array([600.0]), load_edition("2026"))
    assert conc[0] == 500 and over[0]


def test_categories_and_official_colours():
    assert [c.rgb for c in CATEGORIES] == [(0, 228, 0), (255, 255, 0), (255, 126, 0), (255, 0, 0), (153, 0, 76),
                                           (126, 0, 35)]
    assert [c.name_zh for c in CATEGORIES] == ["优", "良", "轻度污染", "中度污染", "重度污染", "严重污染"]
    assert category_index(np.array([0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500, np.nan])).tolist() == \
        [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 0]
    assert category_of(201).name_zh == "重度污染" and category_of(float("nan")) is None
    assert CATEGORIES[5].hex == "#7E0023"
    rgb = aqi_rgb(np.array([[10.0, 250.0], [np.nan, 600.0]]))
    assert rgb.shape == (2, 2, 3) and tuple(rgb[0, 1]) == (153, 0, 76) and tuple(rgb[1, 1]) == (126, 0, 35)
    assert tuple(rgb[1, 0]) == UNKNOWN_RGB


def test_a_bad_table_file_names_the_key():
    with pytest.raises(InputError) as info:
        parse_edition("x", {"edition": {"name": "X", "iaqi": [0, 50, 100]},
                            "tables": {"pm25_24h": {"limits": [0, 35, 30]}}}, "bad.toml")
    assert info.value.problem.column == "tables.pm25_24h.limits"
    with pytest.raises(InputError) as info:
        parse_edition("x", {"edition": {"name": "X", "iaqi": [0, 50, 100]},
                            "tables": {"pm25_24h": {"limits": [0, 35, 75]}},
                            "hourly": {"pm25": "pm25_1h"}, "daily": {"pm25": "pm25_24h"}}, "bad.toml")
    assert info.value.problem.column == "hourly.pm25"


def test_ceil_is_exact_where_the_interpolation_is_an_integer():
    """Float noise must not push an exact integer IAQI up by one (100 + 50·11/55 is exactly 110)."""
    ed = load_edition("2026")
    for conc in range(61, 115):
        exact = 100 + 50 * (conc - 60) / 55
        assert ed.iaqi("pm25_24h", np.array([float(conc)]))[0][0] == math.ceil(round(exact, 9))
