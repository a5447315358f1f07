"""Small numpy helpers the engine and the importers share."""

from __future__ import annotations

import numpy as np


def unique_sorted(values) -> np.ndarray:
    """The distinct values of a 1-d array, ascending: ``np.unique(values)`` by sorting.

    numpy 2.4's ``np.unique`` of integers goes through a hash table that is slower than sorting by two orders
    of magnitude here (0.4 s against 5 ms for 150 000 int64), on the engine's and the importers' paths.
    """
    ordered = np.asarray(values).ravel()
    if ordered.size == 0:
        return np.sort(ordered)
    if not (ordered[1:] >= ordered[:-1]).all():  # already in order (a long table's times): no sort, no copy
        ordered = np.sort(ordered)
    keep = np.empty(ordered.size, dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]
