"""GBK and GB18030 tables read cell by cell (app.importing.text._plain_gbk): pandas splits the bytes as they are and
only each column's distinct texts are decoded, never the whole file (issue 26). It must read what decoding the
whole file gives — rare characters, GB18030's four-byte characters (whose 2nd and 4th bytes are digits), tab and
semicolon tables — load the same forecast as a UTF-8 copy, and take the same decisions and give the same messages
as the cascade of app.importing.text.decode on any mixture of bytes."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import InputError
from app.importing import load_forecast, text, wellformed

CITIES = ["成都市", "德阳市", "绵阳市", "渝中区", "自贡市"]
GBK_RARE = "丂亐亖乛〇　ā╬㈠﹏兀Ⅻ鍮瑨·—…"  # the GBK extension (lead bytes 0x81–0xA0), symbols, ideographic space
GB18030_ONLY = "𠀀𪚥𰻞€ḿé"  # four-byte sequences (byte 2 and 4 are digits 0x30–0x39), and € (two bytes, not in GBK)


def _rows(hours: int, notes: list[str]) -> list[list[str]]:
    rng = np.random.default_rng(7)
    start = np.datetime64("2026-01-10T00:00")
    rows = []
    for k, city in enumerate(CITIES):
        for h in range(hours):
            when = str(start + np.timedelta64(h, "h")).replace("T", " ")
            rows.append([when, city, f"{rng.gamma(4, 20):.0f}", f"{rng.uniform(0.3, 4):.1f}",
                         notes[(k * hours + h) % len(notes)]])
    return rows


def _table(rows, sep=",", header=("时间", "城市", "PM2.5", "风速", "备注")) -> str:
    return "\n".join(sep.join(r) for r in [list(header), *rows]) + "\n"


def _cells(data: bytes):
    try:
        table = text.read_text_table(data, "f.csv")
    except InputError as exc:
        return "error", exc.problems
    return "ok", (table.header, table.header_row, list(table.row_numbers), table.meta, table.encoding,
                  [table.column(i).tolist() for i in range(len(table.header))])


def _not_decoded_whole(monkeypatch):
    def whole(*_):
        raise AssertionError("the file was decoded whole")

    monkeypatch.setattr(text, "decode", whole)


@pytest.mark.parametrize("sep", [",", "\t", ";"])
@pytest.mark.parametrize("encoding, rare", [("gbk", GBK_RARE), ("gb18030", GBK_RARE + GB18030_ONLY)])
def test_rare_characters_read_back_cell_by_cell(encoding, rare, sep, monkeypatch):
    """Every delimiter the reader knows is below 0x30, so no byte of a character is one; the four-byte
    characters sit next to digits and delimiters, alone and inside longer texts."""
    notes = [rare, *rare, f"9{rare[-1]}1", f"{rare[0]}2", " " + rare[3:9], ""]
    if encoding == "gb18030":
        notes += ["1𠀀2", "𠀀0.5", "0𪚥"]
    body = _table(_rows(500, notes), sep)  # 2 500 rows × 5 fields: the fast reader's
    utf8 = _cells(body.encode("utf-8"))
    _not_decoded_whole(monkeypatch)
    cells = _cells(body.encode(encoding))
    assert cells[0] == "ok" and cells[1][4] == encoding
    assert cells[1][:4] == utf8[1][:4] and cells[1][5] == utf8[1][5]
    assert set(cells[1][5][4]) == {n.lstrip(" ") for n in notes}


def test_gb18030_characters_past_the_first_mebibyte(monkeypatch):
    """The head (the first MiB) reads in GBK, a cell further down only in GB18030: the whole file is GB18030."""
    rows = _rows(7000, list(GBK_RARE))  # 35 000 rows, 1.2 MB
    rows[-5][4] = "𠀀9"
    body = _table(rows)
    assert len(body[:body.index("𠀀")].encode("gb18030")) > text.HEADER_SEARCH
    utf8 = _cells(body.encode("utf-8"))
    _not_decoded_whole(monkeypatch)
    cells = _cells(body.encode("gb18030"))
    assert cells[0] == "ok" and cells[1][4] == "gb18030" and cells[1][5] == utf8[1][5]


def test_a_gb18030_title_above_a_gbk_body(monkeypatch):
    """The head needs GB18030, the body would read in GBK: the whole file is GB18030, as decode() says."""
    body = "# label: 预报中心𠀀\n" + _table(_rows(500, list(GBK_RARE)))
    _not_decoded_whole(monkeypatch)
    cells = _cells(body.encode("gb18030"))
    assert cells[0] == "ok" and cells[1][4] == "gb18030" and cells[1][3]["label"][0] == "预报中心𠀀"


def _with_a_bad_byte(hours: int, encoding: str, note: str = "说明") -> tuple[bytes, int]:
    """A table in ``encoding`` whose 3rd last row has a byte that no GBK/GB18030 character starts with before its
    city, and that row's number."""
    rows = _rows(hours, ["𠀀" if encoding == "gb18030" else note])
    at = len(rows) - 3
    rows[at][1] = "\x00绵阳市"  # the placeholder byte, replaced below
    return _table(rows).encode(encoding).replace(b"\x00", b"\xff"), at + 2


@pytest.mark.parametrize("hours", [4, 500], ids=["csv reader", "cell by cell"])
@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_a_bad_byte_is_named_by_row_column_and_cell(hours, encoding):
    """A year-long table goes to the cell-by-cell reader, which sends it back to decode() (the bad cell is
    neither GBK nor GB18030); a short one goes there at once. Clearly GBK with one broken byte: the message says
    so and where, in English and Chinese — charset-normalizer read such a table as Cyrillic (ISO 8859-5)."""
    data, row = _with_a_bad_byte(hours, encoding)
    with pytest.raises(InputError) as raised:
        text.read_text_table(data, "f.csv")
    problem = raised.value.problems[0]
    at = data.index(b"\xff")
    assert problem.message == f"the file is GBK but 1 byte sequence(s) are not valid GBK/GB18030 (first at byte {at})"
    assert (problem.file, problem.row, problem.column, problem.value) == ("f.csv", row, "城市", "\ufffd绵阳市")
    assert f"文件 f.csv，第 {row} 行，列 城市：文件为 GBK 编码，但有 1 处字节序列不是有效的 GBK/GB18030（第一处在第 {at} 字节）" \
        in problem.render("zh")


def test_neither_utf8_nor_gbk_names_the_place_too():
    """Not clearly GBK (as many broken bytes as characters) and no other encoding found: where GBK fails."""
    data, row = _with_a_bad_byte(4, "gbk", "x")
    data = data.replace(b",x\n", b",\xff\xfe\xff\n")
    nothing = mock.Mock(best=lambda: None)
    with mock.patch("charset_normalizer.from_bytes", lambda *_: nothing), pytest.raises(InputError) as raised:
        text.read_text_table(data, "f.csv")
    problem = raised.value.problems[0]
    assert problem.message == "cannot read the text: it is neither UTF-8 nor GBK/GB18030"
    assert (problem.row, problem.column, problem.value) == (2, "备注", "\ufffd\ufffd\ufffd")


def test_a_bad_byte_in_the_header_names_the_row():
    data = "时间,城市,PM2.5\n".encode("gbk").replace("城".encode("gbk"), b"\xff\xff") + \
        "".join(f"2026-01-10 {h % 24:02d}:00,成都,1\n" for h in range(3000)).encode("gbk")
    with pytest.raises(InputError) as raised:
        text.read_text_table(data, "f.csv")
    problem = raised.value.problems[0]
    assert "2 byte sequence(s) are not valid GBK/GB18030 (first at byte 5)" in problem.message
    assert (problem.row, problem.column, problem.value) == (1, None, "时间,\ufffd\ufffd市,PM2.5")


def _forecast_fields(path: Path) -> dict:
    fc = load_forecast(path)
    out = {}
    for f in dataclasses.fields(fc):
        value = getattr(fc, f.name)
        if f.name in ("values", "met"):
            value = {k: (a.dtype, a.shape, a.tobytes()) for k, a in value.items()}
        elif f.name == "times":
            value = list(value)
        elif f.name == "meta":
            value = dataclasses.replace(value, source_path="", sha256="", encoding="")
        elif f.name == "warnings":
            value = [dataclasses.replace(p, file=Path(p.file).name if p.file else None) for p in value]
        out[f.name] = value
    return out


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_a_gbk_and_a_utf8_copy_load_the_same_forecast(encoding, tmp_path, monkeypatch):
    """The bench's year-long table cut to a month (43 000 rows, 17 columns, Chinese headers, wind directions and
    dashes), with a column of notes the loader reports as not recognised: every field of the Forecast alike."""
    from app.bench import importing

    monkeypatch.setattr(importing, "LARGE_CSV", (730, 17))
    frame = importing._large_table()
    rare = GBK_RARE + (GB18030_ONLY if encoding == "gb18030" else "")
    frame["备注"] = [rare[i % len(rare)] * (1 + i % 3) for i in range(len(frame))]
    utf8, other = tmp_path / "utf8" / "f.csv", tmp_path / encoding / "f.csv"
    for path, codec in ((utf8, "utf-8"), (other, encoding)):
        path.parent.mkdir()
        frame.to_csv(path, index=False, encoding=codec)
    expected = _forecast_fields(utf8)
    _not_decoded_whole(monkeypatch)
    got = _forecast_fields(other)
    assert got == expected
    assert load_forecast(other).meta.encoding == encoding
    assert any(p.column == "备注" for p in got["warnings"])


# Pieces of cells: ASCII (never a delimiter, quote or line break), GBK and GB18030 characters, UTF-8 characters, and
# bytes that start or continue nothing in one or the other.
_PIECES = st.sampled_from([
    b"1", b"0.5", b" ", b"a", b"#", *(c.encode("gbk") for c in "成都市风" + GBK_RARE),
    *(c.encode("gb18030") for c in GB18030_ONLY), *(c.encode("utf-8") for c in "成都€é"),
    b"\x80", b"\xff", b"\x81", b"\x81\x30", b"\xa1", b"\xe4\xb8",
])
_CELL = st.lists(_PIECES, max_size=4).map(b"".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(_CELL, min_size=1, max_size=6), header=st.sampled_from(["gbk", "utf-8", "gb18030"]),
       sep=st.sampled_from([b",", b"\t", b";"]), crlf=st.booleans())
def test_any_mixture_is_read_as_the_whole_file_decoded_says(cells, header, sep, crlf):
    """Whatever the bytes in a column of notes (and a header in either encoding): the same table, encoding and
    messages as decoding the file whole (damaged UTF-8, mixed encodings, neither GBK nor GB18030 …). The head
    that finds the header is cut to 100 bytes, so that most cells are decided cell by cell (in a real file, those
    past the first MiB)."""
    names = "时间,城市,PM2.5,备注".replace(",", sep.decode()).encode(header)
    lines = [names] + [sep.join([f"2026-01-10 {h % 24:02d}:00".encode(), city.encode(header), b"%d" % (h * 7 % 300),
                                 cells[(k + h) % len(cells)]])
                       for k, city in enumerate(CITIES) for h in range(12)]
    data = (b"\r\n" if crlf else b"\n").join(lines) + b"\n"
    with mock.patch.object(wellformed, "CSV_ROWS_PER_FIELD", 0), mock.patch.object(wellformed, "CSV_CELLS", 0), \
            mock.patch.object(text, "HEADER_SEARCH", 100):
        fast = _cells(data)
        with mock.patch.object(text, "_plain_gbk", lambda *_: (None, False)):
            whole = _cells(data)
    assert fast == whole


def test_the_mixture_test_can_fail(monkeypatch):
    """Deciding the encoding by the head alone (GBK) reads a GB18030 body wrongly: the comparison sees it."""
    data = _table(_rows(20, ["𠀀"])).encode("gb18030")
    monkeypatch.setattr(wellformed, "CSV_ROWS_PER_FIELD", 0)
    monkeypatch.setattr(wellformed, "CSV_CELLS", 0)
    monkeypatch.setattr(text, "HEADER_SEARCH", 100)
    whole = _cells(data)
    monkeypatch.setattr(wellformed, "_recoded", lambda columns, recode: (
        [[t.encode("utf-8", "surrogateescape").decode("gbk", errors="replace") for t in c] for c in columns], "gbk"))
    assert _cells(data) != whole


@pytest.mark.parametrize("odd", ["-3.5", "—", "𠀀7"])
def test_number_columns_of_a_gb18030_table_quote_their_cells_as_the_utf8_copy(odd, tmp_path):
    """PM2.5 read as floats by the tokenizer; a cell further down that is not a plain number (a negative value
    quoted from the column's texts read again, a dash, a four-byte character with a digit) gives the UTF-8 copy's
    forecast or message, row and cell alike."""
    rows = _rows(700, ["说明"])  # 3 500 rows: past the 2 000 the reader samples
    rows[2600][2] = odd
    body = _table(rows)
    results = []
    for codec in ("utf-8", "gb18030"):
        path = tmp_path / codec / "f.csv"
        path.parent.mkdir()
        path.write_bytes(body.encode(codec))
        try:
            results.append(_forecast_fields(path))
        except InputError as exc:
            results.append([dataclasses.replace(p, file=Path(p.file).name) for p in exc.problems])
    assert results[0] == results[1]
    if odd != "—":
        assert isinstance(results[1], list) and results[1][0].row == 2602 and results[1][0].value == odd
