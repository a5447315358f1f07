"""Number cells are converted once per distinct text and spread back: the same floats as converting the whole
column at once (as the reader did before), signs of zeros included."""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.importing.cells import parse_numbers


def test_distinct_texts_give_the_same_numbers_as_the_whole_column():
    rng = np.random.default_rng(3)
    pool = ["1", " 2 ", "", None, float("nan"), "3.50", "1e3", "9007199254740993", "-0", "inf", "-inf", "NA",
            "缺测", "0.1", "12", "12.0"]
    texts = [pool[i] for i in rng.integers(0, len(pool), 500)]
    got = parse_numbers(texts, file="f.csv", rows=np.arange(2, 502), column="pm10", expected="a number",
                        allow_negative=True, allow_inf=True)
    each = pd.to_numeric(pd.Series(texts, dtype=object), errors="coerce").to_numpy(dtype=float)
    assert np.array_equal(got, each, equal_nan=True)
    assert np.array_equal(np.signbit(got[~np.isnan(got)]), np.signbit(each[~np.isnan(each)]))
