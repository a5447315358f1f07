"""The cell readers work on each column's distinct texts and spread the result back: they must give what the
cell-by-cell readers gave (tests/importing/rowwise_cells.py) — values, messages, rows and counts — whether the
column is a list or held as codes (:class:`TextColumn`)."""

from __future__ import annotations

import numpy as np
import pytest

from app.errors import InputError
from app.importing import cells
from app.importing.textcolumn import TextColumn
from tests.importing import rowwise_cells

NUMBERS = ["1", " 2 ", "", "3.50", "1e3", "-0", "inf", "-inf", "NA", "缺测", "0.1", "12", "12.0", "05", "5", "-3",
           "abc", "#N/A", " x ", "1e400", "nan", "—"]
WIND = ["东北", "北", " 西北 ", "静风", "NE", "ne", "270", "361", "-5", "nan", "", "C", "偏北风", "xyz", " xyz", "东北偏东",
        "inf", "22.5", "calm"]
INVERSION = ["有", "无", "1.5", "", "0", "yes", "NO", "strong", " 有 ", "-", "2e1", "x", " x"]
AQI = ["150-200", "150～200", " 80 - 120 ", "90", "", "abc", "100至150", "1-2-3", "75"]


def _columns(pool, seed, n=300):
    rng = np.random.default_rng(seed)
    texts = [pool[i] for i in rng.integers(0, len(pool), n)]
    codes, distinct = TextColumn(texts).factorized()
    return texts, TextColumn.coded(codes, distinct)  # the same cells, held as codes


def _outcome(fn, texts, warned: bool = False, **kw):
    """What ``fn(texts, **kw)`` returns or raises, and the warnings it adds (``warned``: it takes a list)."""
    warnings = []
    try:
        return "ok", fn(texts, **kw, **({"warnings": warnings} if warned else {})), warnings
    except InputError as exc:
        return "error", exc.problems, warnings


def _same(a, b):
    assert a[0] == b[0] and a[2] == b[2]
    if a[0] == "ok":
        assert np.array_equal(a[1], b[1], equal_nan=True)
        assert np.array_equal(np.signbit(a[1]), np.signbit(b[1]))
    else:
        assert a[1] == b[1]


@pytest.mark.parametrize("seed", range(12))
def test_numbers_messages_and_values_match_the_cell_by_cell_reader(seed):
    pool = NUMBERS if seed % 3 else [t for t in NUMBERS if t not in ("abc", "#N/A", " x ", "-3", "-0")]
    texts, coded = _columns(pool, seed)
    rows = np.arange(2, len(texts) + 2)
    for negative, inf in ((False, False), (False, True), (True, True)):
        kw = dict(file="f.csv", rows=rows, column="pm25", expected="a number", allow_negative=negative,
                  allow_inf=inf)
        want = _outcome(rowwise_cells.parse_numbers, texts, **kw)
        for given in (texts, coded):
            _same(_outcome(cells.parse_numbers, given, **kw), want)


@pytest.mark.parametrize("seed", range(12))
def test_wind_directions_and_inversions_match_the_cell_by_cell_reader(seed):
    for pool, new, old in ((WIND, cells.parse_wind_direction, rowwise_cells.parse_wind_direction),
                           (INVERSION, cells.parse_inversion, rowwise_cells.parse_inversion)):
        texts, coded = _columns(pool, seed)
        kw = dict(file="f.csv", rows=np.arange(2, len(texts) + 2), column="c")
        want = _outcome(old, texts, True, **kw)
        for given in (texts, coded):
            _same(_outcome(new, given, True, **kw), want)


@pytest.mark.parametrize("seed", range(6))
def test_ranges_split_as_the_cell_by_cell_reader_splits_them(seed):
    texts, coded = _columns(AQI if seed else [t for t in AQI if not any(c in t for c in "-～至")], seed)
    want = rowwise_cells.split_ranges(texts)
    for given in (texts, coded):
        got = cells.split_ranges(given)
        assert (got is None) == (want is None)
        if want is not None:
            assert [list(got[0]), list(got[1])] == [want[0], want[1]]
