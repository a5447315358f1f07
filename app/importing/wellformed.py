"""The fast reader for a text table's body that is provably well formed.

The csv-module reader (:func:`app.importing.text._read_rows`) makes a list per row and a string per cell: a
year of hourly rows for 59 units is 9 million strings, seconds and a gigabyte. When the body is plain — no
quote, no line break but ``\\n`` or ``\\r\\n``, every line with as many delimiters as the first, no blank or
comment line, no cells beyond the header's names that hold text — pandas' C tokenizer gives the same cells, and
each column is kept as codes into its distinct texts (:class:`TextColumn`). Anything else returns None and the
csv reader reads the file, with its messages (the two are compared in tests/importing/test_wellformed.py); so
does a small table, which the csv reader reads faster (:data:`CSV_ROWS_PER_FIELD`, :data:`CSV_CELLS`).
The cells are found by numpy on the bytes (:mod:`app.importing.regular`), and pandas' tokenizer reads the body
only when a cell is one numpy does not take (compared in tests/importing/test_regular_split.py).
"""

from __future__ import annotations

import csv
import io
import re
from functools import partial

import numpy as np
import pandas as pd

from app.domain.forecast import MET_FIELDS
from app.importing import regular
from app.importing.columns import VALUE_FIELDS, classify
from app.importing.rawtable import RawTable
from app.importing.textcolumn import NumberColumn, TextColumn

SAMPLE_LINES = 2000  # lines looked at to tell a column of plain numbers
# distinct texts among them that make a numeric column of any name worth reading as floats: nearly every cell its
# own text (six decimals). A column of plain numbers whose header names a value (pm25, aqi, wind speed …) is read
# as floats whatever its texts: a year of one-decimal PM2.5 (a few thousand texts) took 40% longer as categories
# (issue 26); the table then keeps the file's bytes, for the texts if a message quotes a cell, until it is placed.
# Other columns of few texts (adcodes, a temperature nobody reads) stay categories.
MANY_DISTINCT = int(0.9 * SAMPLE_LINES)
# fields read as numbers from a column's texts (wind direction and inversion have words too)
NUMBER_FIELDS = frozenset({*VALUE_FIELDS, "value", *(set(MET_FIELDS) - {"wind_dir", "inversion"})})
# A table this small goes to the csv reader: pandas' categorical read costs ~3 ms a column whatever the rows, the
# csv reader ~6 µs a row, so a 7-day hourly wide table (168 rows × 60 columns) took 130–200 ms here and 1.4 ms
# there (issue 26: replay reads 30 of them). Rows up to CSV_ROWS_PER_FIELD × the fields, and at most CSV_CELLS
# cells (a string per cell: ~15 MB at the most).
CSV_ROWS_PER_FIELD = 400
CSV_CELLS = 250_000
SMALL_BYTES = 1 << 20  # a body this short is told small by its line count alone (a week's table: 40 KB)
NUMPY_SPLIT = True  # False: every regular body goes to pandas' tokenizer (tests compare the two)
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
# line breaks of str.splitlines that the csv reader does not see as such: a cell holding one takes the csv reader
_OTHER_BREAKS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def read_body(data: bytes, start: int, header_line: str, delimiter: str, header_at: int, meta: dict, file: str,
              encoding: str, recode: tuple[str, ...] = ()) -> RawTable | None:
    """The table whose header is ``header_line`` (line ``header_at`` + 1, 1-based) and whose body, as UTF-8, is
    ``data[start:]`` (not copied); None when the body is not provably plain. UnicodeDecodeError when a cell is
    not UTF-8.

    ``recode``: the body is not UTF-8 but in the first of these encodings (GBK, then GB18030) in which every cell
    decodes (the table's ``encoding`` then names it; UnicodeDecodeError when none does). The tokenizer splits
    the bytes as they are — in GBK and GB18030 no byte of a multi-byte character is below 0x30, so none is a
    delimiter, quote, CR or LF — and each column's distinct texts are decoded (see :func:`_recoded`)."""
    if '"' in header_line:
        return None
    raw_header = next(csv.reader([header_line], delimiter=delimiter, skipinitialspace=True))
    header = [h.strip() for h in raw_header]
    while header and not header[-1]:
        header.pop()
    if not header or start >= len(data) or data.find(b'"', start) >= 0 or data.startswith(b"\xef\xbb\xbf", start):
        return None  # no names, no rows, quotes, a second byte-order mark (pandas would drop it)
    if data.find(b"\r", start) >= 0 and data.count(b"\r", start) != data.count(b"\r\n", start):
        return None  # a CR that does not end a line (Windows' CRLF does)
    sep = delimiter.encode()
    first_end = data.find(b"\n", start)
    fields = data.count(sep, start, len(data) if first_end < 0 else first_end) + 1
    if fields < max(len(header), 2):
        return None  # a first row narrower than the header: the csv reader reports it
    if len(data) - start <= SMALL_BYTES:  # the rows, if the body is regular, told before its marks are sorted out
        lines = data.count(b"\n", start) + (not data.endswith(b"\n"))
        if lines <= CSV_ROWS_PER_FIELD * fields and lines * fields <= CSV_CELLS:
            return None  # small, which the csv reader reads faster
    body = regular.split(data, start, sep, fields)
    if body is None or (body.n <= CSV_ROWS_PER_FIELD * fields and body.n * fields <= CSV_CELLS):
        return None  # not regular; or small
    n = body.n
    read = _split_columns(body, fields, header, recode) if NUMPY_SPLIT else None
    if read is None:  # a cell numpy does not take: pandas' tokenizer reads the body
        read = _tokenized_columns(data, start, delimiter, fields, header, n, recode)
        if read is None:
            return None
    numeric, cells_of = read
    texts = [j for j in range(fields) if j not in numeric]
    categories = [cells_of[j][1] for j in texts]
    if recode:
        categories, encoding = _recoded(categories, recode)
        recode = (encoding,)  # for the texts of a number column, if asked
    categories = dict(zip(texts, categories))
    columns, blank = [], None
    for j in range(fields):
        if j in numeric:
            numbers = cells_of[j]
            if blank is not None:
                blank &= np.isnan(numbers)
            columns.append(NumberColumn(numbers, partial(_column_texts, data, start, delimiter, fields, j,
                                                         recode=recode)))
            continue
        codes = cells_of[j][0]
        distinct = [t.lstrip(" ") for t in categories[j]]  # the csv reader skips spaces after a delimiter
        joined = "\x00".join(distinct)  # the text holds no NUL (checked before)
        if not _plain(joined, distinct):
            return None
        empty = np.array([not t.strip() for t in distinct], dtype=bool)
        if j == 0:
            if "#" in joined and any(t.lstrip().startswith("#") for t in distinct):
                return None  # a comment line, which the csv reader skips
            blank = empty[codes] if empty.any() else None  # rows whose first cell is blank
        elif blank is not None:
            blank &= empty[codes]
        if j >= len(header):
            if not empty.all():
                return None  # text right of the header: the csv reader reports the row's width
            continue  # empty cells after the last named column, dropped as the csv reader drops them
        columns.append(TextColumn.coded(codes, distinct, unique=len(set(distinct)) == len(distinct)))
    if blank is not None and blank.any():
        return None  # a line of delimiters only, which the csv reader skips
    return RawTable.from_columns(file, header, header_at + 1, columns, range(header_at + 2, header_at + 2 + n),
                                 meta, "csv", encoding)


def _tokenized_columns(data: bytes, start: int, delimiter: str, fields: int, header: list[str], n: int,
                       recode: tuple[str, ...]) -> tuple[set[int], dict[int, object]] | None:
    """The body's columns as pandas' tokenizer reads them: the numeric columns (a set) and, per column, its
    floats or ``(codes, categories)`` — the categories as pandas decoded them (see :func:`_undecoded`). None:
    the csv reader decides."""
    numeric = _numeric_columns(data, start, delimiter, fields, header, recode)
    try:
        frame = _read_frame(data, start, delimiter, fields, numeric, recode=recode)
    except UnicodeDecodeError:
        raise
    except (ValueError, pd.errors.ParserError):  # a cell further down that is not a plain number: as text
        try:
            frame, numeric = _read_frame(data, start, delimiter, fields, set(), recode=recode), set()
        except UnicodeDecodeError:
            raise
        except (ValueError, pd.errors.ParserError):  # not expected after the checks: the csv reader decides
            return None
    if len(frame) != n:
        return None
    out: dict[int, object] = {}
    for j in range(fields):
        if j in numeric:
            out[j] = frame[j].to_numpy(dtype=np.float64)
        else:  # each column's categories as one list, not one boxed lookup per category
            cells = frame[j].array
            out[j] = (np.asarray(cells.codes), np.asarray(cells.categories, dtype=object).tolist())
            if not all(isinstance(t, str) for t in out[j][1]):
                return None  # read as True/False, not as the text written
    return numeric, out


def _split_columns(body: regular.Body, fields: int, header: list[str],
                   recode: tuple[str, ...]) -> tuple[set[int], dict[int, object]] | None:
    """What :func:`_tokenized_columns` gives, from the cells numpy found (:mod:`app.importing.regular`): the same
    numeric columns (:func:`_numeric_columns`' rule on the same first lines), the same floats and the same
    distinct texts, decoded as pandas decodes them (a cell not UTF-8 raises UnicodeDecodeError as there). None
    when a cell is one numpy does not take (longer than 64 bytes; a number written otherwise than plainly)."""
    numeric = set()
    if body.line_ends >= SAMPLE_LINES:
        sample = [regular.factorize(body, j, slice(0, SAMPLE_LINES)) for j in range(fields)]
        if any(c is None for c in sample):
            return None
        try:
            texts = [_decoded(c.distinct, recode) for c in sample]
        except UnicodeDecodeError:  # pandas' sample fails: no numeric columns (and the whole read fails below)
            texts = None
        if texts is not None:
            numeric = {j for j in range(1, min(fields, len(header))) if _numbers_column(texts[j], header[j], j)}
        if any(len(sample[j].distinct) >= MANY_DISTINCT for j in numeric):
            return None  # nearly a text per cell (six decimals): pandas' parser takes such numbers quicker
    out: dict[int, object] = {}
    for j in sorted(range(fields), key=lambda j: j not in numeric):  # numbers first: they may send it to pandas
        cells = regular.factorize(body, j)
        if cells is None:
            return None
        if j in numeric:
            out[j] = regular.numbers(cells)
            if out[j] is None:
                return None
        else:
            out[j] = (cells.codes, _decoded(cells.distinct, recode))
            if all(t.lower() in ("true", "false") for t in out[j][1]):
                return None  # pandas reads such a column as True/False: it says what then
    return numeric, out


def _decoded(distinct: list[bytes], recode: tuple[str, ...]) -> list[str]:
    """Texts as pandas decodes the cells with :func:`_undecoded`'s options."""
    errors = "surrogateescape" if recode else "strict"
    return [raw.decode("utf-8", errors) for raw in distinct]


def _numbers_column(texts: list[str], name: str, j: int) -> bool:
    """Whether a column whose first :data:`SAMPLE_LINES` cells have these distinct ``texts`` is read as
    numbers (see :func:`_numeric_columns`)."""
    distinct = [t.lstrip(" ") for t in texts]
    return (len(distinct) >= MANY_DISTINCT or classify(j, name).name in NUMBER_FIELDS) and any(distinct) and \
        all(isinstance(t, str) and (not t or _PLAIN_NUMBER.fullmatch(t)) for t in distinct)


def _read_frame(data: bytes, start: int, delimiter: str, fields: int, numeric: set[int],
                usecols: list[int] | None = None, recode: tuple[str, ...] = ()) -> pd.DataFrame:
    """Each column as categories (its distinct texts) and codes — a thousands separator keeps pandas from turning
    the categories into numbers ("5" and "05" would become one) — and the ``numeric`` columns as floats, an empty
    cell NaN (any other text there raises ValueError). ``recode``: see :func:`_undecoded`."""
    dtype = {j: ("float64" if j in numeric else "category") for j in range(fields)}
    return pd.read_csv(_Body(data, start), sep=delimiter, header=None, names=list(range(fields)), index_col=False,
                       dtype=dtype, na_filter=bool(numeric), keep_default_na=False,
                       na_values={j: [""] for j in numeric} if numeric else None, usecols=usecols,
                       quoting=csv.QUOTE_NONE, skip_blank_lines=False, thousands="\x01", engine="c",
                       low_memory=False, **_undecoded(recode))  # one chunk: no categories joined chunk by chunk


def _undecoded(recode: tuple[str, ...]) -> dict:
    """pandas' options for a body in UTF-8 (decoded strictly), or in another encoding (``recode``): each byte
    that is not UTF-8 is then kept as a surrogate (U+DC80–U+DCFF), so that the text encodes back to the bytes of
    the file. Read in one chunk (``low_memory=False``): pandas hashes the categories of the chunks it joins as
    strict UTF-8, which a surrogate is not."""
    return {"encoding": "utf-8", "encoding_errors": "surrogateescape"} if recode else {"encoding": "utf-8"}


def _recoded(columns: list[list[str]], recode: tuple[str, ...]) -> tuple[list[list[str]], str]:
    """The distinct texts of each column decoded from the bytes of the file (read by :func:`_undecoded`'s
    options), all in the first encoding of ``recode`` in which every one decodes, and its name. A column's texts
    are decoded joined by line feeds: no text holds one and no multi-byte character includes one, so this is
    exactly each text decoded alone."""
    error = None
    for codec in recode:
        try:
            return [("\n".join(texts).encode("utf-8", "surrogateescape").decode(codec).split("\n") if texts else [])
                    for texts in columns], codec
        except UnicodeDecodeError as exc:
            error = exc
    raise error


def _column_texts(data: bytes, start: int, delimiter: str, fields: int, j: int, *,
                  recode: tuple[str, ...] = ()) -> tuple[np.ndarray, list[str]]:
    """The texts of column ``j`` (codes and distinct texts), as the categorical read gives them."""
    cells = _read_frame(data, start, delimiter, fields, set(), usecols=[j], recode=recode)[j].array
    texts = np.asarray(cells.categories, dtype=object).tolist()
    if recode:
        texts = _recoded([texts], recode)[0][0]
    return np.asarray(cells.codes), [t.lstrip(" ") for t in texts]


def _numeric_columns(data: bytes, start: int, delimiter: str, fields: int, header: list[str],
                     recode: tuple[str, ...] = ()) -> set[int]:
    """The named columns (not the first) whose first :data:`SAMPLE_LINES` cells are plain decimal numbers, with
    many distinct texts or a header naming a value (:data:`NUMBER_FIELDS`): read as floats by the C tokenizer (a
    year of 6-decimal values: half a million distinct texts per column, which as categories cost seconds and
    hundreds of MB). Other columns of few distinct texts stay categories."""
    named = len(header)
    end = start
    for _ in range(SAMPLE_LINES):
        end = data.find(b"\n", end) + 1
        if end <= 0:
            return set()  # a short table: categories are cheap
    try:
        sample = pd.read_csv(io.BytesIO(data[start:end]), sep=delimiter, header=None, names=list(range(fields)),
                             index_col=False, dtype="category", na_filter=False, keep_default_na=False,
                             quoting=csv.QUOTE_NONE, skip_blank_lines=False, thousands="\x01", engine="c",
                             low_memory=not recode, **_undecoded(recode))  # recode: see _undecoded
    except (ValueError, pd.errors.ParserError):
        return set()
    return {j for j in range(1, min(fields, named))
            if _numbers_column(np.asarray(sample[j].array.categories, dtype=object).tolist(), header[j], j)}


class _Body(io.RawIOBase):
    """``data[start:]`` as a binary file, read without copying the whole."""

    def __init__(self, data: bytes, start: int) -> None:
        super().__init__()
        self._view, self._at = memoryview(data)[start:], 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), len(self._view) - self._at)
        buffer[:n] = self._view[self._at:self._at + n]
        self._at += n
        return n


def _plain(joined: str, distinct: list[str]) -> bool:
    """No cell that the csv reader would split or refuse: one holding another line break, one longer than its
    field size limit (``joined``: the texts joined by NUL, which none holds)."""
    return not any(b in joined for b in _OTHER_BREAKS) and max(map(len, distinct), default=0) <= \
        csv.field_size_limit()
