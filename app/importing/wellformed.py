"""The fast reader for a text table's body that is provably well formed.

The csv-module reader (:func:`app.importing.text._read_rows`) makes a list per row and a string per cell: a
year of hourly rows for 59 units is 9 million strings, seconds and a gigabyte. When the body is plain — no
quote, no line break but ``\\n`` or ``\\r\\n``, every line with as many delimiters as the first, no blank or
comment line, no cells beyond the header's names that hold text — pandas' C tokenizer gives the same cells, and
each column is kept as codes into its distinct texts (:class:`TextColumn`). Anything else returns None and the
csv reader reads the file, with its messages (the two are compared in tests/importing/test_wellformed.py).
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from app.importing.rawtable import RawTable
from app.importing.textcolumn import TextColumn

_CHUNK = 1 << 22  # bytes checked at a time: the masks stay small
# line breaks of str.splitlines that the csv reader does not see as such: a cell holding one takes the csv reader
_OTHER_BREAKS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def read_body(data: bytes, text: str, encoding: str, body_at: int, header_line: str, delimiter: str,
              header_at: int, meta: dict, file: str) -> RawTable | None:
    """The table whose header is ``header_line`` (line ``header_at`` + 1, 1-based) and whose body starts at
    character ``body_at`` of ``text`` (decoded from ``data``), or None when the body is not provably plain."""
    if '"' in header_line:
        return None
    raw_header = next(csv.reader([header_line], delimiter=delimiter, skipinitialspace=True))
    header = [h.strip() for h in raw_header]
    while header and not header[-1]:
        header.pop()
    body = _utf8(data, text, encoding, body_at)
    if not header or not body or b'"' in body or body.startswith(b"\xef\xbb\xbf"):
        return None  # no names, no rows, quotes, a second byte-order mark (pandas would drop it)
    if b"\r" in body and body.count(b"\r") != body.count(b"\r\n"):
        return None  # a CR that does not end a line (Windows' CRLF does)
    sep = delimiter.encode()
    fields = body[:body.find(b"\n")].count(sep) + 1 if b"\n" in body else body.count(sep) + 1
    if fields < max(len(header), 2):
        return None  # a first row narrower than the header: the csv reader reports it
    n = _lines_if_regular(body, sep, fields)
    if n is None:
        return None
    try:
        # each column as categories (its distinct texts) and codes; a thousands separator keeps pandas from
        # turning the categories into numbers ("5" and "05" would become one); anything but text: csv reader
        frame = pd.read_csv(io.BytesIO(body), sep=delimiter, header=None, names=list(range(fields)),
                            index_col=False, dtype="category", na_filter=False, keep_default_na=False,
                            quoting=csv.QUOTE_NONE, skip_blank_lines=False, thousands="\x01", engine="c",
                            encoding="utf-8")
    except (ValueError, pd.errors.ParserError):  # not expected after the checks: the csv reader decides
        return None
    if len(frame) != n:
        return None
    columns, blank = [], None
    for j in range(fields):
        cells = frame[j].array
        if not all(isinstance(t, str) for t in cells.categories):
            return None  # read as True/False, not as the text written
        distinct = [t.lstrip(" ") for t in cells.categories]  # the csv reader skips spaces after a delimiter
        if not _plain(distinct):
            return None
        empty = np.array([not t.strip() for t in distinct], dtype=bool)
        if j == 0:
            if any(t.lstrip().startswith("#") for t in distinct):
                return None  # a comment line, which the csv reader skips
            blank = empty[cells.codes] if empty.any() else None  # rows whose first cell is blank
        elif blank is not None:
            blank &= empty[cells.codes]
        if j >= len(header):
            if not empty.all():
                return None  # text right of the header: the csv reader reports the row's width
            continue  # empty cells after the last named column, dropped as the csv reader drops them
        columns.append(TextColumn.coded(cells.codes, distinct))
    if blank is not None and blank.any():
        return None  # a line of delimiters only, which the csv reader skips
    return RawTable.from_columns(file, header, header_at + 1, columns, range(header_at + 2, header_at + 2 + n),
                                 meta, "csv", encoding)


def _utf8(data: bytes, text: str, encoding: str, body_at: int) -> bytes:
    """The body as UTF-8 bytes: a slice of the file when it is UTF-8, else the decoded text encoded again."""
    if encoding in ("utf-8", "utf-8-sig"):
        start = len(text[:body_at].encode("utf-8")) + (3 if encoding == "utf-8-sig" else 0)
        return data[start:]
    return text[body_at:].encode("utf-8")


def _lines_if_regular(body: bytes, sep: bytes, fields: int) -> int | None:
    """The number of lines when every one holds exactly ``fields - 1`` delimiters (the last may lack its
    ``\\n``), else None: the delimiters and line ends, in order, must repeat that pattern."""
    pattern = np.array([sep[0]] * (fields - 1) + [10], dtype=np.uint8)
    whole = np.frombuffer(body, dtype=np.uint8)
    parts = []
    for start in range(0, len(whole), _CHUNK):
        chunk = whole[start:start + _CHUNK]
        mask = chunk == sep[0]
        mask |= chunk == 10
        parts.append(chunk[mask])
    marks = np.concatenate(parts + ([] if body.endswith(b"\n") else [np.array([10], dtype=np.uint8)]))
    if marks.size % fields or not np.array_equal(marks.reshape(-1, fields), np.broadcast_to(pattern, (
            marks.size // fields, fields))):
        return None
    return marks.size // fields


def _plain(distinct: list[str]) -> bool:
    """No cell that the csv reader would split or refuse: one holding another line break, one longer than its
    field size limit."""
    joined = "\x00".join(distinct)  # the text holds no NUL (checked before)
    return not any(b in joined for b in _OTHER_BREAKS) and max(map(len, distinct), default=0) <= \
        csv.field_size_limit()
