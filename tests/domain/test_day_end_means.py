"""``day_end_means`` is ``trailing_mean`` at each day's last hour, bit for bit (the review's daily means were
taken from the rolling windows of every hour; issue 26)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from app.domain.daily import day_end_means, trailing_mean

VALUES = st.one_of(st.floats(0, 1e3), st.floats(0, 1e15), st.just(np.nan), st.sampled_from([0.1, 0.2, 0.3, 1e-9]))


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4), st.integers(1, 5), st.integers(0, 24), st.data())
def test_the_same_bits_as_the_trailing_mean_at_each_day_end(rows, days, min_valid, data):
    grid = data.draw(arrays(np.float64, (rows, days * 24), elements=VALUES))
    ends = np.arange(days) * 24 + 23
    expected = trailing_mean(grid, 24, min_valid)[0][:, ends]
    got = day_end_means(grid, min_valid)
    assert got.shape == expected.shape
    assert np.array_equal(got.view(np.int64), expected.view(np.int64))  # NaN and the last bit alike
