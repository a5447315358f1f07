"""A column held as codes must be the column of texts it stands for: the same cells, and ``factorized`` exactly
``pd.factorize`` of them (the readers rely on the order: distinct texts as first met). Also the well-formed
reader's line check against counting each line's delimiters."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from app.importing import regular, textcolumn
from app.importing.textcolumn import TextColumn

POOL = ["a", "b", "", " a", "成都", "5", "05", "5.0", "b"]  # "b" twice: distinct texts may repeat


def _random(seed: int, n: int = 200) -> tuple[list[str], TextColumn]:
    rng = np.random.default_rng(seed)
    distinct = [POOL[i] for i in rng.permutation(len(POOL))]
    codes = rng.integers(0, len(distinct) - 2, n).astype(np.int16)  # some texts unused
    return [distinct[c] for c in codes], TextColumn.coded(codes, distinct)


def _factorize(texts):
    codes, uniques = pd.factorize(pd.Series(texts, dtype=object), use_na_sentinel=False)
    return codes, list(uniques)


@pytest.mark.parametrize("seed", range(20))
def test_coded_columns_are_their_texts_and_factorize_as_pandas_does(seed):
    texts, column = _random(seed)
    assert column == texts and list(column) == texts and len(column) == len(texts)
    assert column[5] == texts[5] and column[3:9] == texts[3:9]
    codes, distinct = column.factorized()
    want_codes, want_distinct = _factorize(texts)
    assert np.array_equal(codes, want_codes) and list(distinct) == want_distinct
    first = column.first_index()
    assert [texts.index(t) for t in want_distinct] == first.tolist()
    listed = TextColumn(list(texts))
    assert np.array_equal(listed.factorized()[0], want_codes) and listed.first_index().tolist() == first.tolist()


@pytest.mark.parametrize("dtype", [np.int64, np.uint8, np.int16])
@pytest.mark.parametrize("seed", range(30))
def test_first_cells_are_found_whether_the_codes_are_numbered_as_first_met_or_not(seed, dtype):
    """The readers' codes come numbered as first met (read from the running maximum); any others, a negative
    code included (an index from the end), are looked up one by one."""
    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 8))
    codes = rng.integers(0, k, int(rng.integers(1, 40)))
    if seed % 2:
        codes = pd.factorize(codes)[0]  # first met
    if seed % 5 == 0 and dtype is not np.uint8:
        codes[int(rng.integers(1, len(codes))) if len(codes) > 1 else 0] = -1
    codes = codes.astype(dtype)
    want = np.full(k + 2, len(codes), dtype=np.int64)
    np.minimum.at(want, codes, np.arange(len(codes)))
    assert textcolumn._first_indices(codes, k + 2).tolist() == want.tolist()


@pytest.mark.parametrize("seed", range(10))
def test_mapping_and_joining_columns_give_the_cells_done_one_by_one(seed):
    (a, ca), (b, cb) = _random(seed), _random(seed + 100)
    strip = ca.map(str.strip)
    assert strip == [t.strip() for t in a] and strip.factorized()[0].tolist() == _factorize(strip.tolist())[0].tolist()
    assert textcolumn.concat([ca, b]) == a + b
    listed = textcolumn.concat([TextColumn(list(a)), b])  # columns of texts: one factorize of all the cells
    assert listed == a + b and np.array_equal(listed.factorized()[0], _factorize(a + b)[0])
    assert list(listed.factorized()[1]) == _factorize(a + b)[1]
    assert textcolumn.interleave([ca, cb, a]) == [t for row in zip(a, b, a) for t in row]
    joined = textcolumn.combine(ca, b, lambda x, y: f"{x}|{y}")
    assert joined == [f"{x}|{y}" for x, y in zip(a, b)]
    assert list(joined.factorized()[1]) == _factorize([f"{x}|{y}" for x, y in zip(a, b)])[1]
    assert TextColumn.repeated("x", 3) == ["x", "x", "x"] and TextColumn.repeated("x", 0) == []


def _naive(body: bytes, sep: bytes, fields: int) -> int | None:
    lines = body.split(b"\n")
    if body.endswith(b"\n"):
        lines.pop()
    return len(lines) if all(line.count(sep) == fields - 1 for line in lines) else None


@pytest.mark.parametrize("seed", range(40))
def test_the_line_check_counts_each_lines_delimiters(seed):
    rng = np.random.default_rng(seed)
    fields = int(rng.integers(2, 5))
    counts = np.full(int(rng.integers(1, 30)), fields - 1)
    if seed % 2:  # one line more, one fewer: the total stays right
        i, j = rng.choice(len(counts), 2) if len(counts) > 1 else (0, 0)
        counts[i] += 1
        counts[j] -= 1
    body = b"\n".join(b",".join([b"x"] * int(c + 1)) for c in counts)
    if seed % 3:
        body += b"\n"
    before = b"# a,b\n" * int(rng.integers(0, 3))  # lines above the body hold delimiters too
    split = regular.split(before + body, len(before), b",", fields)
    assert (None if split is None else split.n) == _naive(body, b",", fields)
