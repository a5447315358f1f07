"""RawTable.column copies only the columns asked for: it must give exactly what the former transpose of every
row (``zip(*rows)``) gave — the narrowest row bounds the columns, past it the cells are empty."""

from app.importing.rawtable import RawTable


def _transposed(rows: list[list[str]], index: int) -> list[str]:
    columns = [list(c) for c in zip(*rows)] if rows else []
    return columns[index] if index < len(columns) else [""] * len(rows)


def _table(rows: list[list[str]]) -> RawTable:
    return RawTable.from_rows("f.csv", ["time", "city", "pm25", "x"], 1, rows, list(range(2, len(rows) + 2)))


def test_columns_match_the_full_transpose_on_even_and_ragged_rows():
    cases = [
        [],
        [["2026-01-01 00:00", "成都", "35", ""], ["2026-01-01 01:00", "成都", " 无数据 ", "a,b"]],
        [["t1", "c1", "1", "9"], ["t2", "c2"], ["t3", "c3", "3"]],  # ragged: narrowest row is two wide
        [["only"]],
    ]
    for rows in cases:
        table = _table([list(r) for r in rows])
        for index in (0, 1, 2, 3, 7):
            assert table.column(index) == _transposed(rows, index), (rows, index)


def test_a_column_is_copied_once_and_later_calls_return_it():
    table = _table([["t1", "c1", "1", "9"], ["t2", "c2", "2", "8"]])
    first = table.column(2)
    assert first == ["1", "2"] and table.column(2) is first
