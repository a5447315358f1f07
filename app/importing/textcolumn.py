"""One column of text cells, held either as a list of texts or as codes into its distinct texts.

A year of hourly rows repeats a few hundred texts per column: the well-formed reader
(:mod:`app.importing.wellformed`) gives each column as small integer codes and the distinct texts, never one
Python string per cell, and everything that interprets cells works on the distinct texts and spreads the result
back by the codes. :meth:`TextColumn.factorized` is exactly ``pd.factorize`` of the cells (distinct texts in
the order they first occur), whichever way the column is held, so both give the same numbers and messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import chain

import numpy as np
import pandas as pd


class TextColumn(Sequence[str]):
    __slots__ = ("_texts", "_codes", "_distinct", "_first")

    def __init__(self, texts: list[str]) -> None:
        self._texts: list[str] | None = texts
        self._codes: np.ndarray | None = None
        self._distinct: np.ndarray | None = None
        self._first: np.ndarray | None = None

    @classmethod
    def coded(cls, codes: np.ndarray, distinct: Sequence[str], *, unique: bool = False) -> TextColumn:
        """The column whose cell ``i`` is ``distinct[codes[i]]``; ``distinct`` may repeat texts (``unique``:
        it does not) and hold texts no cell uses."""
        column = cls.__new__(cls)
        column._texts = None
        column._codes, column._distinct, column._first = _canonical(np.asarray(codes), _objects(distinct), unique)
        return column

    @classmethod
    def repeated(cls, text: str, n: int) -> TextColumn:
        return cls.coded(np.zeros(n, dtype=np.intp), [text], unique=True)

    # -- the cells ---------------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._texts) if self._texts is not None else len(self._codes)

    def __getitem__(self, index):
        if self._texts is not None:
            return self._texts[index]
        if isinstance(index, slice):
            return self._distinct[self._codes[index]].tolist()
        return self._distinct[self._codes[index]]

    def __iter__(self) -> Iterator[str]:
        return iter(self.tolist())

    def tolist(self) -> list[str]:
        return list(self._texts) if self._texts is not None else self._distinct[self._codes].tolist()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TextColumn | list | tuple):
            return self.tolist() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"TextColumn({len(self)} cells, {len(self.factorized()[1])} distinct)"

    # -- by distinct text --------------------------------------------------------------------------------------
    def factorized(self) -> tuple[np.ndarray, np.ndarray]:
        """``(codes, distinct)``: what ``pd.factorize`` gives for the cells (``use_na_sentinel=False``): each
        cell's index into the distinct texts, which are in the order they first occur (an object array)."""
        if self._codes is None:
            # an object array and the sentinel for missing values: half the time of a Series factorized without
            # it (0.35 against 0.73 ms for a week's wide table of 10k cells; issue 26) and, as no text is missing,
            # the same codes; a cell that is not text (None, NaN) takes the former way
            cells = _objects(self._texts)
            codes, distinct = pd.factorize(cells)
            if len(codes) and codes.min() < 0:
                codes, distinct = pd.factorize(pd.Series(cells, dtype=object), use_na_sentinel=False)
            self._codes, self._distinct = codes, _objects(distinct)
        return self._codes, self._distinct

    def first_index(self) -> np.ndarray:
        """For each distinct text (in :meth:`factorized` order), the index of the first cell holding it."""
        if self._first is None:
            codes, distinct = self.factorized()
            self._first = _first_indices(codes, len(distinct))
        return self._first

    def map(self, fn: Callable[[str], str]) -> TextColumn:
        """The column of ``fn(cell)``, ``fn`` called once per distinct text."""
        codes, distinct = self.factorized()
        return TextColumn.coded(codes, [fn(t) for t in distinct])


class NumberColumn(TextColumn):
    """A column of plain numbers that the C tokenizer already read as floats (NaN for an empty cell): a year of
    six-decimal values has half a million distinct texts, and categories of them cost seconds per column. The
    texts are read again (``loader``, the column alone) only when something asks for them — a message quoting a
    cell, a generic reader — so everything answers as for a :class:`TextColumn` of the same cells."""

    __slots__ = ("numbers", "_loader")

    def __init__(self, numbers: np.ndarray, loader: Callable[[], tuple[np.ndarray, Sequence[str]]]) -> None:
        super().__init__([])
        self._texts = None
        self.numbers = numbers
        self._loader = loader

    def _load(self) -> None:
        if self._codes is None:
            codes, distinct = self._loader()
            self._codes, self._distinct, self._first = _canonical(np.asarray(codes), _objects(distinct), False)

    def __len__(self) -> int:
        return len(self.numbers)

    def __getitem__(self, index):
        self._load()
        return super().__getitem__(index)

    def tolist(self) -> list[str]:
        self._load()
        return super().tolist()

    def factorized(self) -> tuple[np.ndarray, np.ndarray]:
        self._load()
        return self._codes, self._distinct

    def __repr__(self) -> str:
        return f"NumberColumn({len(self)} cells)"


def factorize(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize`` of any sequence of cell texts, answered from the codes when it is a :class:`TextColumn`."""
    return (texts if isinstance(texts, TextColumn) else TextColumn(list(texts))).factorized()


def as_column(texts: Sequence[str]) -> TextColumn:
    return texts if isinstance(texts, TextColumn) else TextColumn(list(texts))


def concat(columns: Sequence[Sequence[str]]) -> TextColumn:
    """One column: the cells of the first, then of the second …"""
    if columns and all(isinstance(c, NumberColumn) for c in columns):  # numbers stay numbers, texts on demand
        return NumberColumn(np.concatenate([c.numbers for c in columns]),
                            lambda: concat([TextColumn.coded(*c.factorized(), unique=True) for c in columns])
                            .factorized())
    if not any(isinstance(c, TextColumn) and c._texts is None for c in columns):  # texts: one factorize, not one
        return TextColumn(list(chain.from_iterable(c._texts if isinstance(c, TextColumn) else c  # a column
                                                   for c in columns)))
    parts = [factorize(c) for c in columns]
    offsets = np.cumsum([0] + [len(d) for _, d in parts])
    codes = np.concatenate([c + o for (c, _), o in zip(parts, offsets)]) if parts else np.zeros(0, np.intp)
    return TextColumn.coded(codes, np.concatenate([d for _, d in parts]) if parts else [])


def interleave(columns: Sequence[Sequence[str]]) -> TextColumn:
    """One column, row by row: row 0 of each column in turn, then row 1 … (the columns are equally long)."""
    parts = [factorize(c) for c in columns]
    offsets = np.cumsum([0] + [len(d) for _, d in parts])
    codes = np.stack([c + o for (c, _), o in zip(parts, offsets)], axis=1).reshape(-1)
    return TextColumn.coded(codes, np.concatenate([d for _, d in parts]))


def combine(first: Sequence[str], second: Sequence[str], fn: Callable[[str, str], str]) -> TextColumn:
    """The column of ``fn(a, b)`` for the cells of two equally long columns, called once per distinct pair."""
    (ca, da), (cb, db) = factorize(first), factorize(second)
    pairs, distinct_pairs = pd.factorize(ca.astype(np.int64) * len(db) + cb, use_na_sentinel=False)
    texts = [fn(da[p // len(db)], db[p % len(db)]) for p in np.asarray(distinct_pairs).tolist()]
    return TextColumn.coded(pairs, texts)


def _objects(texts) -> np.ndarray:
    if isinstance(texts, np.ndarray) and texts.dtype == object:
        return texts
    out = np.empty(len(texts), dtype=object)
    out[:] = list(texts)
    return out


def _first_indices(codes: np.ndarray, k: int) -> np.ndarray:
    """The first cell of each code (``len(codes)``: none)."""
    first = np.full(k, len(codes), dtype=np.int64)
    if len(codes):  # codes numbered as first met (the readers' own): where their running maximum rises
        highest = np.maximum.accumulate(codes)
        rises = np.flatnonzero(highest[1:] != highest[:-1]) + 1
        if codes[0] == 0 and np.array_equal(highest[rises], np.arange(1, len(rises) + 1)) and \
                (codes.dtype.kind == "u" or codes.min() >= 0):
            first[0], first[1:len(rises) + 1] = 0, rises
            return first
    np.minimum.at(first, codes, np.arange(len(codes), dtype=np.int64))
    return first


def _canonical(codes: np.ndarray, distinct: np.ndarray, unique: bool):
    """Codes, distinct texts and first indices as ``pd.factorize`` orders them: equal texts merged, unused ones
    dropped, the rest in the order of the first cell holding each."""
    if not unique:
        merged, kept = pd.factorize(pd.Series(distinct, dtype=object), use_na_sentinel=False)
        if len(kept) < len(distinct):
            codes, distinct = merged[codes], _objects(kept)
    first = _first_indices(codes, len(distinct))
    used = np.flatnonzero(first < len(codes))
    order = used[np.argsort(first[used], kind="stable")]
    remap = np.zeros(len(distinct), dtype=np.min_scalar_type(max(len(order) - 1, 0)))  # small codes: less memory
    remap[order] = np.arange(len(order))
    return remap[codes], distinct[order], first[order]
