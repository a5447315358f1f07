"""The engine's union–find labels components exactly as scipy.sparse.csgraph.connected_components does
(same count, same label per node, labels in the order of each component's lowest node)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.regional import connected_labels


def _scipy_labels(n, src, dst):
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n)).tocsr()
    return connected_components(graph, directed=False)


@st.composite
def graphs(draw):
    n = draw(st.integers(1, 60))
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n))
    src = np.array([a for a, _ in edges], dtype=np.int64)
    dst = np.array([b for _, b in edges], dtype=np.int64)
    return n, src, dst


@given(graphs())
def test_same_components_and_numbering_as_scipy(graph):
    n, src, dst = graph
    count, label = connected_labels(n, src, dst)
    expected_count, expected = _scipy_labels(n, src, dst)
    assert count == expected_count
    assert np.array_equal(label, expected)


@pytest.mark.parametrize("n", [1, 7, 5000])
def test_a_long_shuffled_chain_is_one_component(n):
    order = np.random.default_rng(3).permutation(n)
    count, label = connected_labels(n, order[:-1], order[1:])
    assert count == 1 and not label.any()


def test_no_edges_every_node_alone():
    count, label = connected_labels(4, np.zeros(0, np.int64), np.zeros(0, np.int64))
    assert count == 4 and label.tolist() == [0, 1, 2, 3]
