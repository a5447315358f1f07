"""The numpy split of a regular body (app/importing/regular.py) must give what pandas' tokenizer gives for it
(``wellformed.NUMPY_SPLIT = False``): the same cells, floats bit for bit, numeric columns, None (the csv reader)
and UnicodeDecodeError — on random bodies of awkward cells (hypothesis), and through the whole import on the
bench's year-long forecast."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.importing import load_forecast, regular, wellformed
from app.importing.textcolumn import NumberColumn

# cells the numpy split takes, and cells that must send the body to pandas or to the csv reader
CELLS = ["", "5", "05", "-0", "-12", "3.25", "77.8", "007.50", "123456789012345", "1234567890123456", "0.1",
         "+5", "1e3", " 5", "5 ", "5.", ".5", "-", "inf", "nan", "NA", "１２", "٣", "成都", "成都市", " 成都", "渝中区",
         "阿坝藏族羌族自治州", "x" * 70, "#c", "True", "false", "TRUE", "a b", "2026-01-01 00:00", "\u3000",
         "\xa0", "é", "\t"]
NUMBERS = ["", "5", "-0", "3.25", "77.8", "1234567890.12345", "0.000001", "99999"]


def _read(data: bytes, header: str, fields_recode=()):
    try:
        table = wellformed.read_body(data, len(header) + 1, header, ",", 0, {}, "f.csv", "utf-8", fields_recode)
    except UnicodeDecodeError:
        return "UnicodeDecodeError"
    if table is None:
        return None
    columns = []
    for i in range(len(table.header)):
        col = table.column(i)
        numbers = col.numbers.tobytes() if isinstance(col, NumberColumn) else None
        columns.append((type(col).__name__, numbers, col.tolist()))
    return table.header, list(table.row_numbers), table.encoding, columns


def _both(data: bytes, header: str, recode=()):
    with pytest.MonkeyPatch.context() as m:
        m.setattr(wellformed, "CSV_ROWS_PER_FIELD", 0)
        m.setattr(wellformed, "CSV_CELLS", 0)
        m.setattr(wellformed, "SAMPLE_LINES", 6)  # numbers told from few lines: random bodies reach them
        m.setattr(wellformed, "MANY_DISTINCT", 7)  # more than the sample: numbers by the header alone
        fast = _read(data, header, recode)
        m.setattr(wellformed, "NUMPY_SPLIT", False)
        slow = _read(data, header, recode)
    return fast, slow


@st.composite
def bodies(draw):
    fields = draw(st.integers(2, 4))
    n = draw(st.integers(1, 14))
    pools = [draw(st.sampled_from([CELLS, NUMBERS, NUMBERS[:3] + ["1e3"], ["2026-01-01 00:00", "2026-01-01 01:00"]]))
             for _ in range(fields)]
    rows = [[draw(st.sampled_from(pools[j])) for j in range(fields)] for _ in range(n)]
    end = draw(st.sampled_from(["\n", "\r\n"]))
    text = end.join(",".join(r) for r in rows) + (end if draw(st.booleans()) else "")
    data = text.encode("utf-8")
    if draw(st.booleans()):  # a byte that is not UTF-8 somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\xb3\xc9" + data[at:]
    names = draw(st.sampled_from([["time", "city", "pm25", "pm10"], ["a", "b", "c", "d"], ["time", "pm25"]]))
    return data, ",".join(names[:fields])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies(), st.booleans())
def test_the_numpy_split_reads_what_pandas_reads(body, gbk):
    data, header = body
    full = header.encode() + b"\n" + data
    fast, slow = _both(full, header, ("gbk", "gb18030") if gbk else ())
    assert fast == slow


def test_a_run_of_equal_cells_and_long_cells_are_factorised_exactly():
    cells = [b"2026-01-01 00:00"] * 3 + [b"2026-01-01 01:00"] * 3 + [b"x" * 40 + b"a", b"x" * 40 + b"b"] * 2
    data = b"\n".join(c + b",1" for c in cells) + b"\n"
    body = regular.split(data, 0, b",", 2)
    column = regular.factorize(body, 0)
    assert [column.distinct[c] for c in column.codes] == cells
    assert column.distinct == [b"2026-01-01 00:00", b"2026-01-01 01:00", b"x" * 40 + b"a", b"x" * 40 + b"b"]


def test_the_year_long_forecast_loads_the_same_both_ways(tmp_path, monkeypatch):
    from app.bench.review import write_review_case

    _, paths = write_review_case(tmp_path, days=40)
    fast = load_forecast(paths[0])
    monkeypatch.setattr(wellformed, "NUMPY_SPLIT", False)
    slow = load_forecast(paths[0])
    assert list(fast.times) == list(slow.times) and fast.units == slow.units and fast.warnings == slow.warnings
    assert fast.meta == slow.meta and fast.missing_units == slow.missing_units
    assert {k: v.tobytes() for k, v in fast.values.items()} == {k: v.tobytes() for k, v in slow.values.items()}
    assert np.isfinite(fast.values["pm25"]).all()


@pytest.mark.parametrize("last", [b"c", b"a", b"b", b"d"])
def test_a_column_repeating_itself_is_factorised_exactly(last):
    """The city column of a long table repeats its cities in one order: one period is factorised and repeated,
    unless a cell breaks the pattern (the last cell here: the period's or another)."""
    cells = [b"a", b"b", b"c"] * 6 + [b"a", b"b", last]
    data = b"\n".join(b"1," + c for c in cells)
    column = regular.factorize(regular.split(data, 0, b",", 2), 1)
    assert [column.distinct[c] for c in column.codes] == cells
    assert column.distinct == list(dict.fromkeys(cells))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["", "a", "77.8", "成都", " x"]), min_size=1, max_size=4), min_size=1,
                max_size=8), st.sampled_from(["\n", "\r\n"]), st.booleans(), st.integers(2, 4),
       st.sampled_from([",", "\t"]))
def test_the_split_finds_every_lines_cells_or_refuses_an_irregular_body(rows, end, last_end, fields, sep):
    """Each line's first byte, delimiters and last cell's end, as splitting the lines one by one finds them; None
    when a line has another number of delimiters (lines of 1–4 cells against 2–4 fields)."""
    if not last_end and rows[-1] == [""]:
        rows, last_end = rows[:-1], True  # the same bytes: a last line left empty is the previous line's end
        if not rows:
            return
    head = f"time{sep}city\n".encode()
    text = end.join(sep.join(r) for r in rows) + (end if last_end else "")
    data = head + text.encode("utf-8")
    got = regular.split(data, len(head), sep.encode(), fields)
    if any(len(r) != fields for r in rows):
        assert got is None
        return
    firsts, seps, lasts, at = [], [], [], len(head)
    for r in rows:
        firsts.append(at)
        line = [at]
        for cell in r[:-1]:
            at += len(cell.encode("utf-8"))
            line.append(at)
            at += 1
        at += len(r[-1].encode("utf-8"))
        lasts.append(at)
        seps.append(line[1:])
        at += len(end)
    assert got is not None and got.firsts.tolist() == firsts and got.seps.tolist() == seps
    assert got.lasts.tolist() == lasts and got.line_ends == len(rows) - (not last_end)
