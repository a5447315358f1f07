"""``CsrWeights`` (numpy) gives what scipy's ``csr_matrix`` gives for the grid readers' operations, bit for bit:
row sums, one row's sum, a column selection and the product with a block of cell values (issue 26: reading a
forecast on a known grid no longer imports scipy)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from app.importing.weights import CsrWeights


def _random_weights(rng, n_rows: int, n_cols: int, density: float) -> sparse.csr_matrix:
    matrix = sparse.random(n_rows, n_cols, density=density, random_state=rng, format="csr")
    matrix.data = rng.lognormal(-3.0, 2.0, matrix.nnz)  # areas over many magnitudes: the order of sums shows
    empty = rng.choice(n_rows, size=n_rows // 4, replace=False)  # units the grid does not reach
    matrix = sparse.diags(np.where(np.isin(np.arange(n_rows), empty), 0.0, 1.0)) @ matrix
    matrix = matrix.tocsr()
    matrix.eliminate_zeros()
    matrix.sum_duplicates()  # canonical, as the derived weights are (coo → csr sorts and adds duplicates)
    return matrix


def _same(a: np.ndarray, b: np.ndarray) -> None:
    a, b = np.asarray(a), np.asarray(b)
    assert a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


@pytest.mark.parametrize("seed", range(12))
def test_every_operation_is_bit_identical_to_scipy(seed):
    rng = np.random.default_rng(seed)
    n_rows, n_cols = int(rng.integers(1, 80)), int(rng.integers(1, 4000))
    matrix = _random_weights(rng, n_rows, n_cols, float(rng.uniform(0.001, 0.3)))
    ours = CsrWeights(matrix.data, matrix.indices, matrix.indptr, matrix.shape)
    _same(ours.row_sums(), np.asarray(matrix.sum(axis=1)).ravel())
    for row in range(n_rows):
        assert ours.row_sum(row) == matrix[row].sum()
        _same(ours.row(row), matrix[row].toarray().ravel())
    cells = np.unique(matrix.indices)
    used, theirs = ours.columns(cells), matrix[:, cells].tocsr()
    assert np.array_equal(used.indices, theirs.indices) and np.array_equal(used.indptr, theirs.indptr)
    _same(used.row_sums(), np.asarray(theirs.sum(axis=1)).ravel())
    steps = int(rng.integers(1, 30))
    values = rng.normal(40.0, 30.0, (len(cells), steps))
    values[rng.random(values.shape) < 0.05] = 0.0
    values[rng.random(values.shape) < 0.02] *= -1e-9  # noise, some of it −0.0 after a product
    _same(used @ values, theirs @ values)
    valid = (rng.random(values.shape) > 0.1).astype(np.float64)
    _same(used @ valid, theirs @ valid)


def test_a_matrix_without_entries():
    matrix = sparse.csr_matrix((5, 7))
    ours = CsrWeights(matrix.data, matrix.indices, matrix.indptr, matrix.shape)
    _same(ours.row_sums(), np.asarray(matrix.sum(axis=1)).ravel())
    _same(ours @ np.ones((7, 3)), matrix @ np.ones((7, 3)))
