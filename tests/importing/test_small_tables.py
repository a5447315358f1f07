"""Small tables (a week's wide forecast, of which replay reads 30) are read without the passes they used to take
twice or once per column (issue 26): the text is decoded and split into lines once, the rows are turned into
columns in one go, and the per-unit checks look only at the units with a gap or a near-zero value. Each gives
what the former way gave."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from app.domain.forecast import TZ, Forecast
from app.importing import rawtable, text
from app.importing.checks import NEAR_ZERO, ZERO_RUN_HOURS, _longest_run, add_warnings

WIDE = ("# issued_at: 2026-01-10 10:00\n# pollutant: pm25\ntime,成都市,自贡市,德阳市\n"
        + "".join(f"2026-01-10 {h:02d}:00,{40 + h},{50 + h},{60 + h}\n" for h in range(24)))


def test_a_small_table_is_decoded_and_split_once(monkeypatch):
    data = WIDE.encode("utf-8")
    expected = text.read_text_table(data, "w.csv")

    def refused(*_):
        raise AssertionError("decoded a second time")

    monkeypatch.setattr(text, "decode", refused)
    for body, encoding in ((data, "utf-8"), (b"\xef\xbb\xbf" + data, "utf-8-sig")):
        table = text.read_text_table(body, "w.csv")
        assert (table.header, table.header_row, list(table.row_numbers), table.meta, table.encoding) == \
            (expected.header, expected.header_row, list(expected.row_numbers), expected.meta, encoding)
        assert [table.column(j).tolist() for j in range(4)] == [expected.column(j).tolist() for j in range(4)]


def test_a_small_ragged_table_still_gets_the_csv_readers_message():
    with pytest.raises(Exception) as err:
        text.read_text_table((WIDE + "2026-01-11 00:00,1,2\n").encode("utf-8"), "w.csv")
    assert "the row has 3 cells but the header has 4" in str(err.value)


@pytest.mark.parametrize("cells", [0, rawtable.TRANSPOSE_CELLS])
def test_columns_are_the_same_whether_the_rows_are_transposed_whole_or_column_by_column(monkeypatch, cells):
    monkeypatch.setattr(rawtable, "TRANSPOSE_CELLS", cells)
    rows = [["t1", "c1", "1", "9"], ["t2", "c2"], ["t3", "c3", "3"]]
    table = rawtable.RawTable.from_rows("f.csv", ["time", "city", "pm25", "x"], 1, rows, [2, 3, 4])
    assert [table.column(j).tolist() for j in (2, 0, 1, 3)] == [["", "", ""], ["t1", "t2", "t3"],
                                                                  ["c1", "c2", "c3"], ["", "", ""]]
    assert table.column(1) is table.column(1)
    even = rawtable.RawTable.from_rows("f.csv", ["time", "city", "pm25"], 1, [["t1", "c1", "1"], ["t2", "c2", "2"]],
                                       [2, 3])
    assert even.column(2).tolist() == ["1", "2"]
    assert len(even._columns) == (1 if cells == 0 else 3)  # noqa: SLF001 - column by column: only those asked for


def _per_unit(forecast: Forecast) -> tuple[list[str], list[tuple[int, int, int]]]:
    """The gaps and near-zero runs as found one unit at a time, as before."""
    data = forecast.values["pm25"]
    gaps = []
    for u, unit in enumerate(forecast.units):
        missing = np.flatnonzero(np.isnan(data[u]))
        if missing.size:
            first = f"{forecast.times[missing[0]]:%Y-%m-%d %H:%M}"
            gaps.append(f"{unit}: " + ("every pm25 value is empty" if missing.size == data.shape[1] else
                                       f"{missing.size} hours without pm25 (first {first})"))
    runs = []
    for u in range(len(forecast.units)):
        with np.errstate(invalid="ignore"):
            first, length = _longest_run(data[u] < NEAR_ZERO)
        if length >= ZERO_RUN_HOURS:
            runs.append((u, first, length))
    return gaps, runs


def test_the_checks_find_every_gap_and_run_of_zeros_the_per_unit_pass_found():
    rng = np.random.default_rng(26)
    units = ["成都市", "自贡市", "攀枝花市", "泸州市", "德阳市", "绵阳市"]
    times = pd.date_range("2026-01-10", periods=72, freq="h", tz=TZ)
    seen_runs = seen_gaps = 0
    for _ in range(40):
        data = rng.uniform(20, 200, (len(units), len(times)))
        for u in rng.choice(len(units), rng.integers(0, 4), replace=False):
            kind = rng.integers(0, 3)
            at = rng.integers(0, 72)
            if kind == 0:
                data[u, at:at + rng.integers(1, 5)] = np.nan
            elif kind == 1:
                data[u] = np.nan
            else:
                data[u, at:at + rng.integers(1, 40)] = 0.0
        forecast = Forecast(times, list(units), {"pm25": data})
        add_warnings(forecast, file="f.csv")
        gaps, runs = _per_unit(forecast)
        said = [w.message for w in forecast.warnings]
        assert [m for m in said if "without pm25" in m or "every pm25 value" in m] == gaps
        assert len(runs) <= 3 and [m for m in said if "in a row" in m] == [
            f"{units[u]}: PM2.5 under {NEAR_ZERO:g} µg/m³ for {n} hours in a row ({times[t]:%Y-%m-%d %H:%M} to "
            f"{times[t + n - 1]:%Y-%m-%d %H:%M}): a dead station written as 0, or values in mg/m³?"
            for u, t, n in runs]
        seen_runs += len(runs)
        seen_gaps += len(gaps)
    assert seen_runs > 5 and seen_gaps > 10  # the random cases hold both


@pytest.mark.parametrize("cells", [["5", "05", "5", "", "é", "05"], ["1", None, "2", None, "1"],
                                   ["a", float("nan"), "b", float("nan")], [], [None]])
def test_a_column_of_texts_factorizes_as_a_series_does_without_the_missing_sentinel(cells):
    from app.importing.textcolumn import TextColumn

    codes, distinct = TextColumn(list(cells)).factorized()
    want_codes, want_distinct = pd.factorize(pd.Series(cells, dtype=object), use_na_sentinel=False)
    assert codes.tolist() == want_codes.tolist() and codes.dtype == want_codes.dtype
    assert [repr(t) for t in distinct.tolist()] == [repr(t) for t in list(want_distinct)]
    assert distinct.dtype == object


@pytest.mark.parametrize("trailing", [True, False])
def test_a_small_body_is_told_by_its_line_count_as_by_its_marks(monkeypatch, trailing):
    from app.importing import wellformed

    monkeypatch.setattr(wellformed, "CSV_ROWS_PER_FIELD", 4)
    header = "time,city,pm25"
    for n in (10, 11, 12, 13, 20):
        body = "\n".join(f"2026-01-10 {h % 24:02d}:00,成都市,{h}" for h in range(n)) + ("\n" if trailing else "")
        data = (header + "\n" + body).encode("utf-8")
        answers = []
        for small in (0, wellformed.SMALL_BYTES):
            monkeypatch.setattr(wellformed, "SMALL_BYTES", small)
            table = wellformed.read_body(data, len(header) + 1, header, ",", 0, {}, "f.csv", "utf-8")
            answers.append(None if table is None else table.n_rows)
        assert answers[0] == answers[1] == (None if n <= 12 else n), (n, answers)
