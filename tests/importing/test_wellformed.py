"""The well-formed reader (pandas' tokenizer, columns as codes) must give exactly what the csv reader gives: the
same cells and row numbers, and through the whole import the same forecast, findings and errors — on every CSV
sample, the real observations in tests/data and a corpus of hostile tables. Files it is not sure of must go to
the csv reader (their messages are the csv reader's)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.errors import InputError
from app.importing import load_forecast, text, wellformed
from app.importing.observed import load_observations
from app.paths import SAMPLES_DIR
from tests.importing.hostile_tables import tables

TESTS_DATA = Path(__file__).resolve().parents[1] / "data"
HOSTILE = tables()
SHIPPED = sorted(SAMPLES_DIR.glob("*.csv")) + sorted(TESTS_DATA.glob("*.csv"))

# the fast reader must take these (else the comparison proves little) …
PLAIN = {"plain", "no final newline", "excel error value", "trailing delimiter everywhere",
         "trailing delimiter on rows only", "trailing delimiters on the header only",
         "trailing blank cells with spaces", "spaces after delimiters", "spaces before delimiters", "leading spaces",
         "tab inside a cell", "tab at line start", "no-break space in a name", "ideographic space cell",
         "ideographic space first cell", "blank first cell", "text in a number cell", "negative value",
         "infinite and huge values", "above the ceiling", "missing words", "numbers written differently",
         "duplicate rows", "unknown and empty city", "province as a city", "long but allowed cell", "tab separated",
         "semicolon separated", "sep= line", "metadata above the header", "title above the header",
         "unrecognised columns", "header with units and spaces", "empty header cell inside", "same field twice",
         "time not on the hour", "unreadable time", "time with offset and without", "wind directions unreadable",
         "inversion unreadable", "aqi ranges", "aqi ranges and numbers", "issue time column",
         "several issue times", "utc times", "single data row", "wide table", "wide table going backwards",
         "transposed table", "daily table", "daily ranges", "date and hour columns", "date and a bad hour",
         "date and clock columns", "generic value column", "CRLF", "GBK with CRLF", "utf-8 with BOM", "GBK",
         "UTF-16", "GB18030 only"}
# … and leave these to the csv reader
AWKWARD = {"blank line inside", "blank lines at the end", "delimiters only line", "spaces only line",
           "comment line inside", "comment line with spaces", "comment at the end", "quoted cells", "quoted header",
           "quoted cell with a comma", "short row", "long row", "long and short rows", "short first row",
           "trailing empty header and text right of it", "vertical tab in a cell", "file separator in a cell",
           "line separator in a cell", "next line in a cell", "lone CR in a cell", "very long cell",
           "true and false cells", "CRLF and a blank line", "header only", "byte-order mark in the first data line"}


@pytest.fixture(autouse=True)
def _fast_reader_for_small_tables_too(monkeypatch):
    """The corpus is small tables, which the program leaves to the csv reader (quicker there): here the fast
    reader takes every table it can, else the comparison would compare the csv reader with itself."""
    monkeypatch.setattr(wellformed, "CSV_ROWS_PER_FIELD", 0)
    monkeypatch.setattr(wellformed, "CSV_CELLS", 0)


def test_small_tables_go_to_the_csv_reader_and_large_ones_do_not(tmp_path, monkeypatch):
    """A week of hourly forecasts for 59 units (168 rows × 60 columns) takes the csv reader: pandas' categories
    cost ~3 ms a column whatever the rows (130–200 ms a file against 1.4 ms, issue 26); a long table of many
    rows, or a table of more cells than CSV_CELLS, takes the fast reader."""
    monkeypatch.undo()
    week = SAMPLES_DIR / "season-winter" / "forecast-2025-12-01.csv"
    assert not _taken(monkeypatch, week)
    long = tmp_path / "long.csv"
    long.write_text("time,city,pm25\n" + _long_body(["成都", "德阳", "绵阳", "自贡"], 400), encoding="utf-8")
    assert _taken(monkeypatch, long)  # 1 600 rows > 400 × 3 fields
    monkeypatch.setattr(wellformed, "CSV_CELLS", 4_000)
    assert _taken(monkeypatch, week)  # 10 080 cells > 4 000
    monkeypatch.setattr(wellformed, "CSV_ROWS_PER_FIELD", 1_000)
    monkeypatch.setattr(wellformed, "CSV_CELLS", 10_000)
    assert _taken(monkeypatch, long) is False  # 1 600 rows ≤ 3 000, 4 800 cells ≤ 10 000


def test_the_corpus_is_sorted_into_plain_and_awkward():
    assert PLAIN | AWKWARD == set(HOSTILE) and not PLAIN & AWKWARD


def _path(tmp_path: Path, name: str) -> Path:
    path = tmp_path / (name.replace(" ", "_") + ".csv")
    path.write_bytes(HOSTILE[name])
    return path


def _cells(path: Path):
    try:
        table = text.read_text_table(path.read_bytes(), str(path))
    except InputError as exc:
        return "error", exc.problems
    return "ok", (table.header, table.header_row, list(table.row_numbers), table.meta, table.encoding,
                  [table.column(i).tolist() for i in range(len(table.header))])


def _loaded(path: Path, observed: bool):
    try:
        if observed:
            o = load_observations(path)
            return "ok", (list(o.days), list(o.units), o.pm25.tobytes(), o.aqi.tobytes(), o.source_kind,
                          o.warnings, o.blank_cells, o.zero_cells)
        fc = load_forecast(path)
    except InputError as exc:
        return "error", exc.problems
    return "ok", (list(fc.times), fc.units, fc.step_hours, {k: v.tobytes() for k, v in fc.values.items()},
                  {k: v.tobytes() for k, v in fc.met.items()}, fc.meta, fc.warnings, fc.missing_units)


def _both(monkeypatch, fn):
    """``fn()`` as it is, and with every text table read by the csv reader (as before the fast reader)."""
    fast = fn()
    with monkeypatch.context() as m:
        m.setattr(wellformed, "read_body", lambda *args: None)
        slow = fn()
    return fast, slow


def _taken(monkeypatch, path: Path) -> bool:
    taken = []
    real = wellformed.read_body
    with monkeypatch.context() as m:
        m.setattr(wellformed, "read_body", lambda *a: taken.append(real(*a)) or taken[-1])
        try:
            text.read_text_table(path.read_bytes(), str(path))
        except InputError:
            pass
    return bool(taken) and taken[0] is not None


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_tables_read_the_same_cells_and_load_the_same(name, tmp_path, monkeypatch):
    path = _path(tmp_path, name)
    fast, slow = _both(monkeypatch, lambda: _cells(path))
    assert fast == slow
    for observed in (False, True):
        fast, slow = _both(monkeypatch, lambda observed=observed: _loaded(path, observed))
        assert fast == slow, observed
    assert _taken(monkeypatch, path) == (name in PLAIN)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_tables_read_the_same_cells_and_load_the_same(path, monkeypatch):
    fast, slow = _both(monkeypatch, lambda: _cells(path))
    assert fast == slow
    fast, slow = _both(monkeypatch, lambda: _loaded(path, "observed" in path.name or path.parent == TESTS_DATA))
    assert fast == slow
    assert _taken(monkeypatch, path)  # all plain: exported by programs


def test_a_month_of_59_units_reads_the_same(tmp_path, monkeypatch):
    """The bench's year-long table cut to a month: long enough for pandas to read it in several chunks."""
    from app.bench import importing

    monkeypatch.setattr(importing, "LARGE_CSV", (730, 17))
    path = tmp_path / "month.csv"
    importing._large_table().to_csv(path, index=False)
    assert _taken(monkeypatch, path)
    fast, slow = _both(monkeypatch, lambda: _loaded(path, False))
    assert fast[0] == "ok" and fast == slow


@pytest.mark.parametrize("where", [0, 1, 5_000, 19_998])
def test_one_line_too_long_and_one_too_short_anywhere_go_to_the_csv_reader(where, tmp_path, monkeypatch):
    """The delimiter count of the whole body would still be right: each line is checked, wherever it is."""
    lines = [f"2026-01-10 00:00,成都,{i % 300}" for i in range(20_000)]
    lines[where] += ",7"
    lines[(where + 7) % len(lines)] = lines[(where + 7) % len(lines)].rsplit(",", 1)[0]
    path = tmp_path / "ragged.csv"
    path.write_text("time,city,pm25\n" + "\n".join(lines) + "\n", encoding="utf-8")
    assert not _taken(monkeypatch, path)
    with pytest.raises(InputError) as raised:
        text.read_text_table(path.read_bytes(), str(path))
    assert "cells but the header has 3" in str(raised.value)


def test_a_header_found_past_the_first_mebibyte(tmp_path, monkeypatch):
    """The header is looked for in the first MiB first; comment lines past it make the whole text searched."""
    comments = "".join(f"# note {i:06d} {'x' * 100}\n" for i in range(10_000))  # ~1.1 MB
    path = tmp_path / "late.csv"
    path.write_bytes((comments + "# issued_at: 2026-01-09 20:00\n").encode() + HOSTILE["plain"])
    fast, slow = _both(monkeypatch, lambda: _loaded(path, False))
    assert fast[0] == "ok" and fast == slow
    assert fast[1][5].issued_at is not None and _taken(monkeypatch, path)


@pytest.mark.parametrize("comment_lines", [0, 584, 585, 586, 5_000])
def test_a_header_past_the_first_64_kib_is_found_in_the_first_mebibyte(comment_lines, tmp_path, monkeypatch):
    """Issue 26: the header is looked for in the first 64 KiB (the lines of a whole MiB were split for 2), then
    in the first MiB: the same table and metadata wherever it is (584–586 comment lines of 112 bytes put the
    header inside the first 64 KiB, the issue time cut at its edge, then the header past it)."""
    comments = "".join(f"# 备注 {i:06d} {'x' * 95}\n" for i in range(comment_lines))
    path = tmp_path / "late.csv"
    body = "time,city,pm25\n" + _long_body(["成都", "德阳", "绵阳"], 24 * 40)
    path.write_bytes((comments + "# issued_at: 2026-01-09 20:00\n" + body).encode())
    fast, slow = _both(monkeypatch, lambda: _loaded(path, False))
    assert fast[0] == "ok" and fast == slow
    assert fast[1][5].issued_at is not None and _taken(monkeypatch, path)
    assert text._plain_utf8(path.read_bytes(), str(path))[0] is not None  # found without decoding the whole


def _long_body(cities: list[str], hours: int) -> str:
    start = np.datetime64("2026-01-01T00:00")
    return "".join(f"{str(start + np.timedelta64(h, 'h')).replace('T', ' ')},{c},{(h * 7 + k) % 300}\n"
                   for k, c in enumerate(cities) for h in range(hours))


def test_a_broken_byte_past_the_first_mebibyte_gets_the_same_message(tmp_path, monkeypatch):
    """The fast reader decodes only the head; pandas meets the broken byte and the file is read as always."""
    text = "time,city,pm25\n" + _long_body(["成都", "德阳", "绵阳", "自贡", "泸州", "乐山"], 8760)
    data = bytearray(text.encode("utf-8"))
    at = data.index("乐山".encode(), 1 << 20)
    data[at + 1] = 0xFF
    path = tmp_path / "broken.csv"
    path.write_bytes(bytes(data))
    fast, slow = _both(monkeypatch, lambda: _loaded(path, False))
    assert fast == slow and fast[0] == "error" and "not valid UTF-8" in fast[1][0].message


def test_gbk_after_an_ascii_mebibyte_is_read_as_gbk(tmp_path, monkeypatch):
    """The head decodes as UTF-8, the body does not: the whole is decoded (GBK) and its body read fast."""
    text = "time,city,pm25\n" + _long_body(["510100", "510300", "510500", "510600", "510700"], 8760) + \
        _long_body(["乐山"], 8760)
    path = tmp_path / "gbk.csv"
    path.write_bytes(text.encode("gbk"))
    fast, slow = _both(monkeypatch, lambda: _loaded(path, False))
    assert fast == slow and fast[0] == "ok" and fast[1][5].encoding == "gbk"
    assert _taken(monkeypatch, path)
