"""unique_sorted is np.unique for 1-d arrays."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from app.domain.arrays import unique_sorted


@given(hnp.arrays(st.sampled_from([np.int32, np.int64, np.float64]), st.integers(0, 300),
                  elements=st.integers(-50, 50)))
def test_same_as_numpy_unique(values):
    expected = np.unique(values)
    got = unique_sorted(values)
    assert got.dtype == expected.dtype and np.array_equal(got, expected)


@given(hnp.arrays(st.sampled_from([np.int64, np.float64]), st.integers(0, 300), elements=st.integers(-50, 50)),
       st.booleans())
def test_same_as_numpy_unique_on_values_already_in_order(values, nan):
    """Values in order (a long table's times) skip the sort; a NaN among floats sorts them after all."""
    values = np.sort(values)
    if nan and values.dtype == np.float64 and len(values):
        values[len(values) // 2] = np.nan
    expected = np.unique(values)
    got = unique_sorted(values)
    assert got.dtype == expected.dtype and np.array_equal(got, expected, equal_nan=True)
    assert got is not values and not np.shares_memory(got, values)
