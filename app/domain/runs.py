"""Runs of consecutive True steps in (rows × steps) masks, vectorised: the building block of every
"daily AQI > X for N hours" condition, of episodes and of the 36-hour merge.

A run is (row, start, stop) with ``stop`` exclusive, in step indices. Runs never cross rows.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Runs:
    row: np.ndarray  # int64
    start: np.ndarray  # int64, first step
    stop: np.ndarray  # int64, one past the last step
    _by_row: dict[int, tuple[list[int], list[int]]] | None = field(default=None, repr=False, compare=False)

    @property
    def length(self) -> np.ndarray:
        return self.stop - self.start

    def __len__(self) -> int:
        return len(self.row)

    def select(self, keep: np.ndarray) -> Runs:
        return Runs(self.row[keep], self.start[keep], self.stop[keep])

    def in_row(self, row: int, s0: int, s1: int) -> list[tuple[int, int]]:
        """(start, stop) of the runs of ``row`` lying inside [s0, s1)."""
        if self._by_row is None:  # built once: per-episode lookups on numpy arrays cost more than the lists
            self._by_row = {}
            for r, a, b in zip(self.row.tolist(), self.start.tolist(), self.stop.tolist()):
                self._by_row.setdefault(r, ([], []))
                self._by_row[r][0].append(a)
                self._by_row[r][1].append(b)
        starts, stops = self._by_row.get(row, ((), ()))
        out = []
        for k in range(bisect_left(starts, s0), len(starts)):  # a row's runs are ordered and do not overlap
            if starts[k] >= s1:
                break
            if stops[k] <= s1:
                out.append((starts[k], stops[k]))
        return out


ROWS_PER_PART = 256  # rows searched together: the True cells' indices of a part stay small


def find_runs(mask: np.ndarray) -> Runs:
    """Maximal runs of True along the last axis of a 2-D mask, ordered by row then start.

    From the True cells' flat indices, a few rows at a time: a run starts where the cell before is not True (or
    a row starts). Work in the True cells, not in the whole mask (issue 26: the mask padded and differenced
    whole was a tenth of a county-scale year, where most cells are False)."""
    rows, steps = mask.shape
    parts = []
    for r0 in range(0, rows, ROWS_PER_PART):
        flat = np.flatnonzero(mask[r0:r0 + ROWS_PER_PART])
        if not flat.size:
            continue
        row, col = np.divmod(flat, steps)
        first = np.empty(flat.size, dtype=bool)
        first[0] = True
        np.not_equal(flat[1:], flat[:-1] + 1, out=first[1:])
        first[1:] |= col[1:] == 0
        starts = np.flatnonzero(first)
        lasts = np.concatenate([starts[1:], [flat.size]]) - 1
        parts.append((row[starts] + r0, col[starts], col[lasts] + 1))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return Runs(empty, empty.copy(), empty.copy())
    if len(parts) == 1:  # one part (up to 256 rows, an engine's usual mask): its arrays, not a copy of them
        return Runs(*(a.astype(np.int64, copy=False) for a in parts[0]))
    return Runs(*(np.concatenate([p[k] for p in parts]).astype(np.int64) for k in range(3)))


def spread(runs: Runs, values: np.ndarray, shape: tuple[int, int], fill=0, dtype=None) -> np.ndarray:
    """An array of ``shape`` holding each run's value on its steps (runs must not overlap)."""
    out = np.full(shape, fill, dtype=dtype or np.asarray(values).dtype)
    if len(runs):
        out.reshape(-1)[run_cells(runs, shape[1])] = np.repeat(values, runs.length)
    return out


def run_cells(runs: Runs, steps: int) -> np.ndarray:
    """The flat indices (row × ``steps`` + step) of every run's steps, run after run."""
    lengths = runs.length
    offsets = np.repeat(runs.row * steps + runs.start - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return np.arange(int(lengths.sum())) + offsets


def run_max(runs: Runs, array: np.ndarray, maximum: np.ufunc = np.maximum) -> np.ndarray:
    """The maximum of ``array`` over each run's steps (runs must not be empty); ``maximum=np.fmax`` leaves
    NaN out (NaN only where a run has nothing else)."""
    if not len(runs):
        return np.zeros(0, dtype=array.dtype)
    flat = array.reshape(-1)
    lengths = runs.length
    cells = np.arange(int(lengths.sum())) + np.repeat(
        runs.row * array.shape[1] + runs.start - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    bounds = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    return maximum.reduceat(flat[cells], bounds)


def merge_close(runs: Runs, max_gap_steps: int) -> tuple[Runs, np.ndarray]:
    """Merge runs of the same row whose gap (steps strictly between them) is ≤ ``max_gap_steps``.

    Returns the merged runs and, for each input run, the index of the merged run holding it.
    """
    if not len(runs):
        return runs, np.zeros(0, dtype=np.int64)
    gap = runs.start[1:] - runs.stop[:-1]
    new = np.concatenate([[True], (runs.row[1:] != runs.row[:-1]) | (gap > max_gap_steps)])
    group = np.cumsum(new) - 1
    first = np.nonzero(new)[0]
    last = np.concatenate([first[1:], [len(runs)]]) - 1
    return Runs(runs.row[first], runs.start[first], runs.stop[last]), group
