"""A text table's body whose every line has the same number of delimiters, split by numpy on its bytes.

:mod:`app.importing.wellformed` decides that a body is plain (no quote, no lone CR, …); this module finds its
lines and cells in a few passes of numpy over the bytes (where every delimiter and line end is) and gives each
column as codes into its distinct texts, or as floats — the cells and numbers pandas' tokenizer gives for such a
body (``read_body`` reads with it whatever this module does not take), at a fraction of its cost: a year of
hourly rows for 40 cities (350 000 lines, 11.5 MB) in ~40 ms against ~190 ms (issue 26: ``hazedesk review``
reads five of them).

A cell is held as the bytes it spans, read eight at a time as integers (zeroed past its end; a text table holds
no NUL, :func:`app.importing.text._plain_utf8` sends one elsewhere), so that equal cells are equal integers:
each column is factorised by pandas' hash table on them, runs of equal cells first (a long table's time column
repeats each time once per city). Only the distinct texts are decoded, and strictly, as pandas decodes each
cell. A column of numbers is parsed from its distinct texts by Python's ``float`` — the same double pandas
reads for a plain decimal of at most 15 digits (both exact there: the digits as an integer, one correctly
rounded division by a power of ten) — and anything else in it (an exponent, a sign ``+``, a space, more digits)
leaves the whole body to pandas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

_PLAIN_LINES = re.compile(rb"(?:-?[0-9]+(?:\.[0-9]+)?)?(?:\n(?:-?[0-9]+(?:\.[0-9]+)?)?)*")  # each line one or empty
MAX_DIGITS = 15  # a plain decimal of at most this many digits is exactly an integer over a power of ten
MAX_WORDS = 8  # cells up to 64 bytes; a column with a longer one is left to pandas
MAX_DISTINCT_NUMBERS = 1 << 16  # more distinct texts in a number column than this: pandas parses them faster
_MASKS = np.array([(1 << 8 * i) - 1 for i in range(9)], dtype=np.uint64)  # the low i bytes of a word


@dataclass
class Body:
    """Where the cells of a regular body are: each line's first byte, its delimiters (lines × fields - 1) and
    the end of its last cell, as byte offsets into ``data``."""

    data: bytes
    firsts: np.ndarray
    seps: np.ndarray
    lasts: np.ndarray
    line_ends: int  # the line feeds in the body (one fewer than the lines when the last has none)

    @property
    def n(self) -> int:
        return len(self.firsts)

    def bounds(self, j: int, rows: slice = slice(None)) -> tuple[np.ndarray, np.ndarray]:
        """Where the cells of column ``j`` (of ``rows``) start and end."""
        s = self.firsts[rows] if j == 0 else self.seps[rows, j - 1] + 1
        e = self.lasts[rows] if j == self.seps.shape[1] else self.seps[rows, j]
        return s, e


def split(data: bytes, start: int, sep: bytes, fields: int) -> Body | None:
    """The cells of ``data[start:]`` when every line holds exactly ``fields - 1`` delimiters (the last line may
    lack its ``\\n``), else None. A line's last cell ends before its ``\\r\\n`` or ``\\n``."""
    whole = np.frombuffer(data, dtype=np.uint8)
    body = whole[start:]
    feeds = np.flatnonzero(body == 10)
    seps = np.flatnonzero(body == sep[0])
    line_ends = len(feeds)
    if not data.endswith(b"\n"):
        feeds = np.append(feeds, len(body))
    n = len(feeds)
    if n == 0 or fields < 2 or len(seps) != n * (fields - 1):
        return None
    feeds += start
    seps += start
    firsts = np.empty(n, dtype=np.int64)
    firsts[0] = start
    firsts[1:] = feeds[:-1] + 1
    seps = seps.reshape(n, fields - 1)
    if not ((seps[:, 0] >= firsts).all() and (seps[:, -1] < feeds).all()):
        return None  # as many delimiters as the lines need, but not fields - 1 on each
    if data.find(b"\r", start) >= 0:  # CRLF (read_body sends a lone CR elsewhere): the CR is in no cell
        after = np.flatnonzero(feeds > start)
        feeds[after] -= (whole[feeds[after] - 1] == 13).astype(np.int64)
    return Body(data, firsts, seps, feeds, line_ends)


@dataclass
class Column:
    """One column's cells: ``codes`` into ``distinct`` (bytes, in the order first met)."""

    codes: np.ndarray
    distinct: list[bytes]


def factorize(body: Body, j: int, rows: slice = slice(None)) -> Column | None:
    """The cells of column ``j`` (of ``rows``) as codes and distinct bytes; None when a cell is longer than
    :data:`MAX_WORDS` × 8 bytes (or the whole data shorter than one word)."""
    s, e = body.bounds(j, rows)
    width = e - s
    most = int(width.max()) if len(width) else 0
    if most > 8 * MAX_WORDS or len(body.data) < 8:
        return None
    words = [_word(body.data, s, width, k) for k in range(0, max(most, 1), 8)]
    if len(s) > 1:  # runs of equal cells are factorised once
        change = words[0][1:] != words[0][:-1]
        for w in words[1:]:
            change |= w[1:] != w[:-1]
        heads = np.concatenate(([0], np.flatnonzero(change) + 1))
    else:
        heads = np.arange(len(s))
    period = _period(words) if len(heads) * 2 >= len(s) else None
    if len(heads) * 2 < len(s):
        codes, first = _factorize_words([w[heads] for w in words])
        codes = np.repeat(codes, np.diff(np.append(heads, len(s))))
        first = heads[first]
    elif period is not None:  # every cell repeats the one ``period`` rows above: the first period holds them all
        codes, first = _factorize_words([w[:period] for w in words])
        codes = np.tile(codes, -(-len(s) // period))[:len(s)]
    else:
        codes, first = _factorize_words(words)
    data = body.data
    firsts = s[first].tolist()
    return Column(codes, [data[a:b] for a, b in zip(firsts, (s[first] + width[first]).tolist())])


def _period(words: list[np.ndarray]) -> int | None:
    """The rows after which the column repeats itself (a long table's city column: the cities in one order, hour
    after hour), when that is at most half the rows; else None."""
    n = len(words[0])
    again = np.flatnonzero(words[0][1:n // 2 + 1] == words[0][0]) + 1
    for p in again[:4].tolist():  # the first row equal to the first cell, or one of the next few
        head = min(n - p, 4 * p + 64)  # the rows just after: most columns that do not repeat differ there
        if all((w[p:p + head] == w[:head]).all() for w in words) and all((w[p:] == w[:-p]).all() for w in words):
            return p
    return None


def _word(data: bytes, s: np.ndarray, width: np.ndarray, k: int) -> np.ndarray:
    """Bytes ``k`` … ``k + 7`` of each cell as a little-endian integer, zero past the cell's end."""
    every = np.ndarray(shape=(len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))  # a word at each byte
    at = s + k if k else s
    limit = len(data) - 8
    if len(at) and int(at.max()) > limit:  # the last cells: read from 8 bytes before the end, shifted
        word = every[np.minimum(at, limit)]
        late = np.flatnonzero(at > limit)
        word[late] >>= (at[late] - limit).astype(np.uint64) * np.uint64(8)
    else:
        word = every[at]
    if not len(width):
        return word
    least, most = int(width.min()), int(width.max())
    if least >= k + 8:
        return word  # every cell fills the word
    if least >= k and most <= k + 8:  # every cell ends in this word: no clip needed (a copy of the widths less)
        return word & _MASKS[width - k if k else width]
    return word & _MASKS[np.clip(width - k, 0, 8)]


def _factorize_words(words: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Codes of the rows of ``words`` (equal rows equal codes, first met first) and each code's first row."""
    if len(words) == 1:
        key = words[0]
    else:  # one hash of the words; equality checked below, the exact way if two texts share a hash
        key = words[0].copy()
        for w in words[1:]:
            key *= np.uint64(0x9E37_79B9_7F4A_7C15)
            key ^= w
    codes, uniques = pd.factorize(key)
    first = _first_rows(codes, len(uniques))
    if len(words) > 1 and not all((w[first][codes] == w).all() for w in words):
        codes = np.zeros(len(key), dtype=np.int64)
        for w in words:
            part, seen = pd.factorize(w)
            codes, _ = pd.factorize(codes * len(seen) + part)
        first = _first_rows(codes, int(codes.max()) + 1 if len(codes) else 0)
    return codes, first


def _first_rows(codes: np.ndarray, k: int) -> np.ndarray:
    """The first row of each code, for codes numbered as first met (code ``c`` appears before ``c + 1``)."""
    if not len(codes):
        return np.zeros(0, dtype=np.int64)
    new = np.empty(len(codes), dtype=bool)
    new[0] = True
    np.greater(codes[1:], np.maximum.accumulate(codes)[:-1], out=new[1:])
    return np.flatnonzero(new)


def numbers(column: Column) -> np.ndarray | None:
    """The cells as floats (empty: NaN) when every distinct text is a plain ASCII decimal of at most
    :data:`MAX_DIGITS` digits (``-12``, ``3.25``) or empty, else None (pandas parses the body then)."""
    distinct = column.distinct
    if len(distinct) > MAX_DISTINCT_NUMBERS:
        return None
    # one match over the texts joined by line feeds (no cell holds one), each empty or a plain decimal; the digit
    # count exactly only when a text is long enough to pass it
    if not _PLAIN_LINES.fullmatch(b"\n".join(distinct)):
        return None
    if max(map(len, distinct), default=0) > MAX_DIGITS and \
            any(len(raw) - raw.count(b"-") - raw.count(b".") > MAX_DIGITS for raw in distinct):
        return None
    values = [float(raw) if raw else np.nan for raw in distinct]
    return np.array(values, dtype=np.float64)[column.codes]
