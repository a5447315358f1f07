"""Cross-check of the HJ 633-2026 edition against the ``aqi-hub`` package (test-only dependency).

Thousands of random concentrations at the reporting precision of HJ 633-2026 §4.2.2 (µg/m³ integers, CO one
decimal, so the edition's rounding is a no-op) are computed three ways: by this project, by aqi-hub, and by
exact rational arithmetic on the standard's table 3 (the referee).

Where aqi-hub disagrees, the referee decides, and the disagreement is documented here:

1. ``SO2_24H``: aqi-hub's table is 0/150/500/650/800 µg/m³ for IAQI 0/50/100/150/200 — the *1-hour* column.
   HJ 633-2026 table 3 (like 2012 table 1) gives the 24-hour limits 0/50/150/475/800. Every SO2 24-hour
   concentration strictly between 0 and 800 gets a too-low IAQI from aqi-hub. This project follows the standard.
2. Float noise: aqi-hub computes (IAQI_hi − IAQI_lo)/(BP_hi − BP_lo) first and rounds up, so an exactly
   integral IAQI (e.g. CO 1-hour 72.9 mg/m³: 200 + 100·12.9/30 = 243) comes out one too high (244); in the
   sample this hits CO only (a few in 800). The standard's formula
   (1) is exact; this project matches the exact value everywhere.
"""

from __future__ import annotations

import math
import warnings
import zlib
from fractions import Fraction

import numpy as np
import pytest

from app.domain.aqi import load_edition

aqi_cn = pytest.importorskip("aqi_hub.aqi_cn")

# aqi-hub item -> (our table key, our indicator for the rounding, top of the random range, decimals)
ITEMS = {
    "PM25_24H": ("pm25_24h", "pm25", 600, 0), "PM25_1H": ("pm25_24h", "pm25", 600, 0),
    "PM10_24H": ("pm10_24h", "pm10", 700, 0), "PM10_1H": ("pm10_24h", "pm10", 700, 0),
    "SO2_24H": ("so2_24h", "so2", 3000, 0), "SO2_1H": ("so2_1h", "so2", 1200, 0),
    "NO2_24H": ("no2_24h", "no2", 1100, 0), "NO2_1H": ("no2_1h", "no2", 4200, 0),
    "CO_24H": ("co_24h", "co", 70, 1), "CO_1H": ("co_1h", "co", 170, 1),
    "O3_8H": ("o3_8h", "o3", 1000, 0), "O3_1H": ("o3_1h", "o3", 1400, 0),
}
N_PER_ITEM = 400  # 12 items → 4,800 concentrations


def exact_iaqi(limits: np.ndarray, levels: np.ndarray, above_top, conc: Fraction) -> int:
    """IAQI by formula (1) in exact arithmetic, rounded up; above the top per the table's rule."""
    lim = [Fraction(str(x)) for x in limits]
    levels = [Fraction(int(x)) for x in levels]
    if conc > lim[-1]:
        return 500 if above_top == "cap" else int(above_top)
    for k in range(len(lim) - 1):
        if lim[k] <= conc <= lim[k + 1]:
            value = levels[k] + (levels[k + 1] - levels[k]) * (conc - lim[k]) / (lim[k + 1] - lim[k])
            return math.ceil(value)
    raise AssertionError(conc)


def _concentrations(rng, top: int, decimals: int) -> list[Fraction]:
    scale = 10 ** decimals
    ints = rng.integers(0, top * scale + 1, N_PER_ITEM)
    return [Fraction(int(i), scale) for i in ints]


@pytest.mark.parametrize("item", sorted(ITEMS))
def test_2026_edition_matches_the_standard_and_aqi_hub(item):
    key, indicator, top, decimals = ITEMS[item]
    edition = load_edition("2026")
    table = edition.tables[key]
    rng = np.random.default_rng(zlib.crc32(item.encode()))  # stable across runs
    concs = _concentrations(rng, top, decimals)
    # every breakpoint as well, so the boundaries are always in the sample
    concs += [Fraction(str(x)) for x in table.limits]
    ours = edition.iaqi(key, np.array([float(c) for c in concs]), indicator=indicator)[0]
    disagreements = []
    for conc, mine in zip(concs, ours):
        exact = exact_iaqi(table.limits, table.iaqi, table.above_top, conc)
        assert mine == exact, (item, conc)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = aqi_cn.cal_iaqi_cn(item, float(conc))
        if theirs != exact:
            disagreements.append((conc, theirs, exact))
    for conc, theirs, exact in disagreements:
        if item == "SO2_24H" and 0 < conc < 800:
            continue  # 1. aqi-hub uses the 1-hour column for SO2 24-hour (see the module docstring)
        assert theirs == exact + 1, (item, conc, theirs, exact)  # 2. float noise, one too high at an exact integer
        raw = exact_iaqi(table.limits, table.iaqi, table.above_top, conc)
        assert raw == exact
    if item == "SO2_24H":
        assert disagreements, "aqi-hub's SO2 24-hour table was fixed: revisit the note above"


def test_aqi_hub_so2_24h_disagreement_is_the_documented_one():
    edition = load_edition("2026")
    ours = edition.iaqi("so2_24h", np.array([150.0, 475.0, 800.0]))[0].tolist()
    assert ours == [100, 150, 200]  # HJ 633-2026 table 3
    assert [aqi_cn.cal_iaqi_cn("SO2_24H", c) for c in (150.0, 475.0, 800.0)] == [50, 97, 200]


def test_aqi_hub_float_noise_disagreement_is_the_documented_one():
    edition = load_edition("2026")
    assert edition.iaqi("co_1h", np.array([72.9]), indicator="co")[0][0] == 243  # 200 + 100·12.9/30 exactly
    assert aqi_cn.cal_iaqi_cn("CO_1H", 72.9) == 244
