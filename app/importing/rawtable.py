"""The format-neutral table every reader (CSV, XLSX) produces: header, the cells as text, their row numbers.

Keeping cells as text until one place (:mod:`app.importing.tables`) interprets them means CSV and Excel input
get the same checks and the same messages, with the row numbers the user sees in their editor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np

from app.errors import Problem
from app.importing.columns import lone_pollutant
from app.importing.textcolumn import TextColumn

# Lines before the header that carry metadata: "# issued_at: 2026-01-10 08:00" or "发布时间：2026-01-10 08时"
META_KEYS = {
    "issuedat": "issued_at", "issuetime": "issued_at", "issued": "issued_at", "发布时间": "issued_at",
    "预报发布时间": "issued_at", "起报时间": "issued_at",
    "pollutant": "pollutant", "污染物": "pollutant", "species": "pollutant",
    "producer": "label", "source": "label", "label": "label", "发布单位": "label", "预报单位": "label",
    "来源": "label",
}
# A table of rows up to this many cells is turned into columns whole at the first column asked for: one zip of
# its rows (0.1 ms for a week's wide table of 168 × 60 cells), not a copy per column (0.5 ms; issue 26: replay
# reads 30 of them). A larger one copies only the columns asked for.
TRANSPOSE_CELLS = 250_000


@dataclass
class RawTable:
    """Build it with :meth:`from_rows` (the row readers) or :meth:`from_columns` (the well-formed CSV reader)."""

    file: str
    header: list[str]
    header_row: int  # 1-based row number of the header in the file/sheet
    row_numbers: Sequence[int]  # 1-based number of each data row in the file/sheet (a list, or a range)
    meta: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (value, row)
    source_format: str = "csv"  # "csv" | "xlsx"
    encoding: str = ""
    warnings: list[Problem] = field(default_factory=list)
    _rows: list[list[str]] | None = field(default=None, repr=False)
    _columns: dict[int, TextColumn] = field(default_factory=dict, repr=False)
    _width: int | None = field(default=None, repr=False)
    _row_array: np.ndarray | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_rows(cls, file: str, header: list[str], header_row: int, rows: list[list[str]],
                  row_numbers: Sequence[int], meta: dict | None = None, source_format: str = "csv",
                  encoding: str = "", warnings: list[Problem] | None = None) -> RawTable:
        """Rows of cells, each as wide as the header where possible (the readers see to it)."""
        return cls(file, header, header_row, row_numbers, meta or {}, source_format, encoding, warnings or [],
                   _rows=rows)

    @classmethod
    def from_columns(cls, file: str, header: list[str], header_row: int, columns: Sequence[TextColumn],
                     row_numbers: Sequence[int], meta: dict | None = None, source_format: str = "csv",
                     encoding: str = "", warnings: list[Problem] | None = None) -> RawTable:
        """One :class:`TextColumn` per column, all as long as ``row_numbers``."""
        return cls(file, header, header_row, row_numbers, meta or {}, source_format, encoding, warnings or [],
                   _columns=dict(enumerate(columns)), _width=len(columns))

    @property
    def n_rows(self) -> int:
        return len(self.row_numbers)

    @property
    def row_array(self) -> np.ndarray:
        """The row numbers as an int64 array."""
        if self._row_array is None:
            numbers = self.row_numbers
            self._row_array = (np.arange(numbers.start, numbers.stop, numbers.step, dtype=np.int64)
                               if isinstance(numbers, range) else np.asarray(numbers, dtype=np.int64))
        return self._row_array

    def column(self, index: int) -> TextColumn:
        """The cells of one column; past the narrowest row, empty cells. Of a table built from rows, only the
        columns asked for are copied (a year of hourly rows has 17 × 516k cells and a table's ignored columns
        are never read), each once."""
        if self._width is None:
            self._width = min(map(len, self._rows)) if self._rows else 0
        if index >= self._width:
            return TextColumn.repeated("", self.n_rows)
        if index not in self._columns:
            if self.n_rows * self._width <= TRANSPOSE_CELLS:  # zip stops at the narrowest row, as _width does
                self._columns.update((j, TextColumn(list(cells))) for j, cells in enumerate(zip(*self._rows))
                                     if j not in self._columns)
            else:
                self._columns[index] = TextColumn(list(map(itemgetter(index), self._rows)))
        return self._columns[index]

    def cell(self, row_index: int, column_index: int) -> str:
        """The text of one cell: data row ``row_index`` (0-based, not the file's row number)."""
        if self._rows is not None:
            return self._rows[row_index][column_index]
        return self.column(column_index)[row_index]


def add_meta(meta: dict[str, tuple[str, int]], entry: tuple[str, str], row: int, file: str) -> None:
    """Keep a metadata line's value (the first, for a key given twice); two issue times that differ are refused
    rather than one chosen silently."""
    key, value = entry
    if key not in meta:
        meta[key] = (value, row)
        return
    if key == "issued_at" and value.strip() != meta[key][0].strip():
        from app.errors import InputError
        from app.importing.times import parse_time_text

        first, second = parse_time_text(meta[key][0]), parse_time_text(value)
        if first is None or second is None or first.beijing != second.beijing:
            raise InputError(Problem("two different issue times above the table", file=file, row=row,
                                     column="issued_at", value=f"{meta[key][0]} (row {meta[key][1]}) and {value}",
                                     expected="one issue time for the whole forecast"))


def meta_entry(text: str) -> tuple[str, str] | None:
    """``(key, value)`` when a pre-header line is ``key: value`` with a known key, or names a pollutant alone
    (a wide table's title such as ``PM2.5(μg/m³)``); else None."""
    body = text.strip().lstrip("#").strip()
    named = lone_pollutant(body)
    if named is not None:
        return "pollutant", named
    positions = [i for i in (body.find(sep) for sep in (":", "：", "=")) if i > 0]
    if not positions:
        return None
    cut = min(positions)  # the first separator: values such as "2026-01-10 08:00" hold more colons
    norm = body[:cut].strip().casefold().replace(" ", "").replace("_", "").replace("-", "")
    if norm in META_KEYS:
        return META_KEYS[norm], body[cut + 1:].strip()
    return None
