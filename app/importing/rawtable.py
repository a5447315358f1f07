"""The format-neutral table every reader (CSV, XLSX) produces: header, rows of strings, their row numbers.

Keeping cells as text until one place (:mod:`app.importing.tables`) interprets them means CSV and Excel input
get the same checks and the same messages, with the row numbers the user sees in their editor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter

from app.errors import Problem
from app.importing.columns import lone_pollutant

# Lines before the header that carry metadata: "# issued_at: 2026-01-10 08:00" or "发布时间：2026-01-10 08时"
META_KEYS = {
    "issuedat": "issued_at", "issuetime": "issued_at", "issued": "issued_at", "发布时间": "issued_at",
    "预报发布时间": "issued_at", "起报时间": "issued_at",
    "pollutant": "pollutant", "污染物": "pollutant", "species": "pollutant",
    "producer": "label", "source": "label", "label": "label", "发布单位": "label", "预报单位": "label",
    "来源": "label",
}


@dataclass
class RawTable:
    file: str
    header: list[str]
    header_row: int  # 1-based row number of the header in the file/sheet
    rows: list[list[str]]  # data rows, each padded/trimmed by the reader to len(header) where possible
    row_numbers: list[int]  # 1-based number of each data row in the file/sheet
    meta: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (value, row)
    source_format: str = "csv"  # "csv" | "xlsx"
    encoding: str = ""
    warnings: list[Problem] = field(default_factory=list)
    _columns: dict[int, list[str]] = field(default_factory=dict, init=False, repr=False)
    _width: int | None = field(default=None, init=False, repr=False)

    def column(self, index: int) -> list[str]:
        """The cells of one column (rows are as wide as the header: the readers see to it); past the narrowest
        row, empty cells. Only the columns asked for are copied (a year of hourly rows has 17 × 516k cells and
        a table's ignored columns are never read), each once."""
        if self._width is None:
            self._width = min(map(len, self.rows)) if self.rows else 0
        if index >= self._width:
            return [""] * len(self.rows)
        if index not in self._columns:
            self._columns[index] = list(map(itemgetter(index), self.rows))
        return self._columns[index]


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
