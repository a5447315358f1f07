"""Delimited text tables: encoding detection (UTF-8, UTF-8 with BOM, UTF-16 from Excel, GBK/GB18030) and
splitting into a :class:`RawTable` with the line numbers a text editor shows: a plain body by
:mod:`app.importing.wellformed` (pandas' tokenizer, columns as codes), anything else by the csv module here.

Decoding is a strict cascade, not a guess first: UTF-8 is self-validating (random GBK text almost never
passes), GBK is what Chinese Excel writes, GB18030 its superset, and charset-normalizer is asked only when all fail.
A large plain table is not decoded whole: a UTF-8 body goes to pandas as it is (:func:`_plain_utf8`), and so
does a GBK or GB18030 body, whose distinct cells alone are decoded (:func:`_plain_gbk`) — the same decision as
the cascade, cell by cell.
"""

from __future__ import annotations

import codecs
import csv
import io

from app.errors import InputError, Problem
from app.importing import wellformed
from app.importing.columns import classify
from app.importing.rawtable import RawTable, add_meta, meta_entry

DELIMITERS = (",", "\t", ";")
_NAMES = {",": "comma", "\t": "tab", ";": "semicolon"}


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Text and the name of its encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", file, "utf-8-sig"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", file, "utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        guessed = _utf16_without_bom(data)
        if guessed is not None:
            return guessed
        raise InputError(Problem("this is a binary file, not a text table", file=file,
                                 expected="a CSV/TSV text table, an .xlsx workbook or a NetCDF .nc file"))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        _damaged_utf8(data, exc.start, file)
    for encoding in ("gbk", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    _damaged_gbk(data, file)
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding not in ("utf_8", "gbk", "gb18030"):
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    raise InputError(_not_gbk(data, file))


def _damaged_gbk(data: bytes, file: str) -> None:
    """Raise when the text is clearly GBK/GB18030 with a few broken bytes (a byte lost in a copy, a cell pasted
    from a UTF-8 file): when the characters above U+007F that decode are at least ten times the broken sequences,
    as for UTF-8 (:func:`_damaged_utf8`). charset-normalizer would otherwise find a single-byte encoding in which
    such a table decodes — Cyrillic ISO 8859-5 for a GBK table with one bad byte — and every name would be
    unknown."""
    text = data.decode("gb18030", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode("gb18030"))  # U+FFFD written in the file is no error
    above = len(text) - len(text.encode("ascii", errors="ignore"))
    if broken and above - broken >= 10 * broken:
        at = _first_undecodable(data)
        raise InputError(Problem(f"the file is GBK but {broken} byte sequence(s) are not valid GBK/GB18030 (first "
                                 f"at byte {at})", file=file, **_place(data, at, file),
                                 expected="text saved consistently as GBK (a damaged or partly re-encoded file?)"))


def _first_undecodable(data: bytes) -> int:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def _not_gbk(data: bytes, file: str) -> Problem:
    """The text is neither UTF-8 nor GBK/GB18030, and the place of the first byte that GB18030 cannot read."""
    return Problem("cannot read the text: it is neither UTF-8 nor GBK/GB18030", file=file,
                   **_place(data, _first_undecodable(data), file),
                   expected="a text table saved as UTF-8 or GBK (另存为 CSV UTF-8 或 GBK)")


def _place(data: bytes, at: int, file: str) -> dict:
    """Where byte ``at`` of a text table is: its line (``row``), the column of the table there (when the header
    can be told and the line has no quotes) and that cell (``value``, the whole line else), read as GB18030 with
    � for what it cannot read."""
    start = data.rfind(b"\n", 0, at) + 1
    end = data.find(b"\n", at)
    line = data[start:len(data) if end < 0 else end].rstrip(b"\r")
    row = data.count(b"\n", 0, at) + 1
    try:
        head = data[:HEADER_SEARCH].decode("gb18030", errors="replace")
        _, lines, (header_at, forced, _) = _head_lines(head, file, True)
        delimiter = forced if forced in DELIMITERS else _pick_delimiter(lines[header_at], file, header_at + 1)
    except InputError:
        return {"row": row, "value": _shown(line)}
    if row <= header_at + 1 or b'"' in line:  # above the table, or cells not told by the delimiters alone
        return {"row": row, "value": _shown(line)}
    header = [h.strip() for h in next(csv.reader([lines[header_at]], delimiter=delimiter))]
    index = line.count(delimiter.encode(), 0, at - start)
    return {"row": row, "column": header[index] if index < len(header) else str(index + 1),
            "value": _shown(line.split(delimiter.encode())[index])}


def _shown(raw: bytes) -> str:
    """Bytes that are not text, as GB18030 with � for what it cannot read (cut to 80 characters)."""
    return raw.decode("gb18030", errors="replace").strip()[:80]


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte-order mark (some Windows exports): the ASCII of a table (digits, commas,
    Latin headers) puts a zero byte in every other position — odd positions little-endian, even big-endian.
    The guess is kept only if the whole file then decodes cleanly to text without NULs or control bytes."""
    head = data[:4096 - 4096 % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.3 * pairs and others <= 0.01 * pairs and len(data) % 2 == 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            if any(ch in text for ch in "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"):
                return None
            return text, encoding
    return None


_UTF8_LEADS = (0xC2, 0xF4)  # the bytes a multi-byte UTF-8 character starts with
_CHUNK = 1 << 20
_COUNT_CHUNK = 1 << 18


def _count_leads(data: bytes) -> int:
    """The bytes 0xC2–0xF4 in ``data``, counted by numpy a quarter MiB at a time into buffers that stay in the
    cache: a year-long GBK table (52 MB) in 25 ms, where bytes.translate took 170 ms and numpy on the whole 65."""
    import numpy as np

    low, high = _UTF8_LEADS
    whole = np.frombuffer(data, dtype=np.uint8)
    size = min(len(whole), _COUNT_CHUNK)
    shifted, inside = np.empty(size, dtype=np.uint8), np.empty(size, dtype=bool)
    count = 0
    for at in range(0, len(whole), _COUNT_CHUNK):
        part = whole[at:at + _COUNT_CHUNK]
        n = len(part)
        np.subtract(part, np.uint8(low), out=shifted[:n])  # a byte below 0xC2 wraps round to 0x3E–0xFF
        np.less_equal(shifted[:n], high - low, out=inside[:n])
        count += int(np.count_nonzero(inside[:n]))
    return count


def _damaged_utf8(data: bytes, first: int, file: str) -> None:
    """Raise when the text is clearly UTF-8 with a few broken bytes (rather than GBK, which would then decode
    into garbled names and a confusing message about headers): when the characters above U+007F that decode
    are at least ten times the broken sequences.

    Counted in C a MiB at a time (a character loop took 5–6 s on a year-long GBK table, issue 26), and given up
    as soon as the rest of the file cannot change the answer: each further good character needs a lead byte
    (0xC2–0xF4) still to come, so when ten times the broken sequences so far exceed the good characters so far
    plus the lead bytes left, the text is not damaged UTF-8 — GBK is then decided after a MiB or a few.
    ``first``: where the first byte that is not UTF-8 is."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    leads_left = _count_leads(data)
    broken = above = 0
    for at in range(0, len(data), _CHUNK):
        chunk = data[at:at + _CHUNK]
        text = decoder.decode(chunk, final=at + _CHUNK >= len(data))
        broken += text.count("\ufffd")
        above += len(text) - len(text.encode("ascii", errors="ignore"))  # characters above U+007F, U+FFFD too
        leads_left -= _count_leads(chunk)
        if 10 * broken > above - broken + leads_left + 1:  # + 1: a character cut at the chunk's end
            return
    fine = above - broken
    if fine >= 10 * broken:
        line = data.count(b"\n", 0, first) + 1
        raise InputError(Problem(f"the file is UTF-8 but {broken} byte sequence(s) are not valid UTF-8 (first at byte "
                                 f"{first})", file=file, row=line, value=repr(data[first:first + 4]),
                                 expected="text saved consistently as UTF-8 (a damaged or partly re-encoded "
                                          "file?)"))


def _first_not_utf8(data: bytes) -> int | None:
    """Where the first byte that is not UTF-8 is; None when the whole is UTF-8. Decoded a MiB at a time: a decode
    of the whole that fails copies all of it into the exception (0.26 s for a year-long GBK table)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for at in range(0, len(data), _CHUNK):
        pending = len(decoder.getstate()[0])  # the bytes of a character cut at the previous chunk's end
        try:
            decoder.decode(data[at:at + _CHUNK], final=at + _CHUNK >= len(data))
        except UnicodeDecodeError as exc:
            return at - pending + exc.start
    return None


def _strict(data: bytes, encoding: str, file: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(Problem(f"the file starts with a {label} byte-order mark but byte {exc.start} "
                                 "is not valid in that encoding", file=file,
                                 expected=f"text saved consistently as {label}")) from exc


MAX_LINE_BEFORE_HEADER = 128 * 1024  # characters: a title or comment line is short; longer is not a forecast table


HEADER_SEARCH = 1 << 20  # the header is looked for in the first MiB, then (not found there) in the whole text
HEADER_FIRST = 1 << 16  # a plain UTF-8 file's header is looked for in its first 64 KiB before its first MiB
_BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines breaks lines at
_UTF8_BOM = b"\xef\xbb\xbf"


def read_text_table(data: bytes, file: str) -> RawTable:
    table, tried = _plain_utf8(data, file)
    if table is None and not tried:
        table, tried = _plain_gbk(data, file)
    if table is not None:
        return table
    text, encoding = decode(data, file)
    if "\x00" in text:
        raise InputError(Problem("this is a binary file, not a text table", file=file,
                                 expected="a CSV/TSV text table"))
    complete = len(text) <= HEADER_SEARCH
    ends, lines, found = _head_lines(text[:HEADER_SEARCH], file, complete)
    if found is None:
        complete = True
        ends, lines, found = _head_lines(text, file, complete)
    header_at, forced, meta = found
    delimiter = forced if forced in DELIMITERS else _pick_delimiter(lines[header_at], file, header_at + 1)
    if not tried:
        body_at = sum(map(len, ends[:header_at + 1]))  # the first character after the header line
        body, start = (data, len(text[:body_at].encode("utf-8")) + (3 if encoding == "utf-8-sig" else 0)) \
            if encoding in ("utf-8", "utf-8-sig") else (text[body_at:].encode("utf-8"), 0)
        table = wellformed.read_body(body, start, lines[header_at], delimiter, header_at, meta, file, encoding)
        if table is not None:
            return table
    return _read_rows(lines if complete else text.splitlines(), header_at, delimiter, meta, encoding, file)


def _plain_utf8(data: bytes, file: str) -> tuple[RawTable | None, bool]:
    """A UTF-8 file with a plain body, read without decoding it whole (pandas decodes each distinct cell, as
    strictly): ``(table, True)``; so is a file decoded whole to find its header (up to 1 MiB) that is small or not
    plain, by the csv reader, without decoding and splitting it again (issue 26: replay reads 30 small
    tables). ``(None, True)``: the body is UTF-8 but not plain, the csv reader reads it;
    ``(None, False)``: undecided (another encoding, a broken byte, no header in the first MiB, a message to
    give) — the file is read as always."""
    start, encoding = (3, "utf-8-sig") if data.startswith(_UTF8_BOM) else (0, "utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return None, False
    try:
        for size in (HEADER_FIRST, HEADER_SEARCH):  # the header is near the top: 40 000 lines split for 2 is slow
            complete = len(data) - start <= size
            head = data[start:].decode("utf-8") if complete else \
                codecs.getincrementaldecoder("utf-8")().decode(data[start:start + size])
            ends, lines, found = _head_lines(head, file, complete)
            if found is not None or complete:
                break
        if found is None:
            return None, False
        header_at, forced, meta = found
        delimiter = forced if forced in DELIMITERS else _pick_delimiter(lines[header_at], file, header_at + 1)
    except (UnicodeDecodeError, InputError):
        return None, False
    body_at = start + len("".join(ends[:header_at + 1]).encode("utf-8"))  # the byte after the header line
    try:
        table = wellformed.read_body(data, body_at, lines[header_at], delimiter, header_at, meta, file, encoding)
    except UnicodeDecodeError:  # not UTF-8 after all
        return None, False
    if table is None and complete:  # the whole text is split into lines already: the csv reader reads them now,
        table = _read_rows(lines, header_at, delimiter, meta, encoding, file)  # as read_text_table would
    return table, True


_CHINESE = ("gbk", "gb18030")  # in the order decode() tries them


def _plain_gbk(data: bytes, file: str) -> tuple[RawTable | None, bool]:
    """A GBK or GB18030 file with a plain body, read without decoding it whole: the first MiB finds the header,
    pandas splits the body's bytes as they are, and each column's distinct texts alone are decoded (see
    :func:`wellformed.read_body`'s ``recode``). Decoding a year-long table whole took 0.3–0.45 s and encoding it
    again as UTF-8 for the tokenizer as much (issue 26). The answer is decode()'s: not UTF-8 (a damaged UTF-8
    file gets its message), then GBK if the head and every cell decode in it — which is the whole file decoding,
    as no byte of a multi-byte character is a delimiter or a line break — else GB18030. ``(None, False)``: the
    file is read as always (UTF-8, another encoding, no header in the first MiB, a message to give)."""
    if data.startswith((_UTF8_BOM, b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return None, False
    first = _first_not_utf8(data)
    if first is None:
        return None, False
    _damaged_utf8(data, first, file)
    complete = len(data) <= HEADER_SEARCH
    for codec in _CHINESE:
        try:
            head = data.decode(codec) if complete else \
                codecs.getincrementaldecoder(codec)().decode(data[:HEADER_SEARCH])
            break
        except UnicodeDecodeError:
            continue
    else:
        return None, False
    try:
        ends, lines, found = _head_lines(head, file, complete)
        if found is None:
            return None, False
        header_at, forced, meta = found
        delimiter = forced if forced in DELIMITERS else _pick_delimiter(lines[header_at], file, header_at + 1)
    except InputError:
        return None, False
    above = "".join(ends[:header_at + 1])  # the header line and the lines above it
    encoded = above.encode(codec, errors="replace")
    if not data.startswith(encoded):
        return None, False  # a character with two byte sequences: let the whole be decoded
    try:
        table = wellformed.read_body(data, len(encoded), lines[header_at], delimiter, header_at, meta, file, codec,
                                     _CHINESE[_CHINESE.index(codec):])
    except UnicodeDecodeError:
        return None, False  # a cell in neither: the whole is decoded, and the message says where
    if table is not None and table.encoding != codec:  # cells in GB18030 only: the head must read the same in it
        try:
            if data[:len(encoded)].decode(table.encoding) != above:
                return None, False
        except UnicodeDecodeError:
            return None, False
    return table, True


def _head_lines(text: str, file: str, complete: bool):
    """The lines of ``text`` with and without their line breaks, and where the header is (see _find_header).
    Splitting half a million lines only to find a header near the top costs time and memory: when ``text``
    is the first part of the file, its last (maybe cut) line is left out and None says to look in the whole."""
    ends = text.splitlines(keepends=True)
    lines = [line.rstrip(_BREAKS) for line in (ends if complete else ends[:-1])]
    return ends, lines, _find_header(lines, file, complete)


def _find_header(lines: list[str], file: str, complete: bool):
    """``(header_at, forced delimiter, meta)``; None when ``lines`` are only the first part of the text and hold
    no header line."""
    meta: dict[str, tuple[str, int]] = {}
    header_at, first_lone, forced = None, None, None
    for i, line in enumerate(lines):
        if len(line) > MAX_LINE_BEFORE_HEADER:
            raise InputError(Problem(f"line {i + 1} is {len(line) // 1024} KB long before any table header",
                                     file=file, row=i + 1,
                                     expected="a forecast table: a header line such as 'time,city,pm25' near the "
                                              "top, each line well under 128 KB"))
        stripped = line.strip().strip(",;\t").strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            entry = meta_entry(stripped)
            if entry is not None:
                add_meta(meta, entry, i + 1, file)
            continue  # a comment line, with or without metadata
        if stripped.casefold().startswith("sep=") and len(stripped) == 5 and header_at is None:
            forced = stripped[4]  # Excel's delimiter hint line
            continue
        cells = _cells(stripped)
        entry = meta_entry(cells[0]) if len(cells) == 1 else meta_entry(f"{cells[0]}: {cells[1]}") \
            if len(cells) == 2 else None
        if entry is not None:
            add_meta(meta, entry, i + 1, file)
            continue
        if len(cells) == 1:
            first_lone = i if first_lone is None else first_lone
            continue  # a title above the table, or a line that is not split by our delimiters (see below)
        header_at = i
        break
    if header_at is None and not complete:
        return None
    if header_at is None and first_lone is not None:
        header_at = first_lone  # no line splits into cells: report the delimiter on the first one
    if header_at is None:
        raise InputError(Problem("the file holds no table (it is empty or has only comment lines)", file=file,
                                 expected="a header line such as 'time,city,pm25' followed by data rows"))
    return header_at, forced, meta


def _read_rows(lines: list[str], header_at: int, delimiter: str, meta: dict, encoding: str,
               file: str) -> RawTable:
    """Any text table, cell by cell with the csv module: quotes, comment and blank lines, ragged rows."""
    body = "\n".join(lines[header_at:])
    reader = csv.reader(io.StringIO(body), delimiter=delimiter, skipinitialspace=True)
    try:
        header = [h.strip() for h in next(reader)]
        rows: list[list[str]] = []
        numbers: list[int] = []
        for raw in reader:
            number = header_at + reader.line_num  # line_num counts physical lines from the header
            first = raw[0].lstrip() if raw else ""
            if not first:
                if not "".join(raw).strip():
                    continue  # an empty line, or one of delimiters only
            elif first[0] == "#":
                continue  # a comment line inside the table
            rows.append(raw)
            numbers.append(number)
    except csv.Error as exc:
        raise InputError(Problem(f"the text cannot be split into cells: {exc}", file=file,
                                 row=header_at + reader.line_num,
                                 expected=f"{_NAMES[delimiter]}-separated cells with balanced quotes")) from exc
    while header and not header[-1]:
        header.pop()
    _check_widths(rows, numbers, header, file, delimiter)
    return RawTable.from_rows(file, header, header_at + 1, rows, numbers, meta, "csv", encoding)


def _cells(line: str) -> list[str]:
    """The non-empty cells of a line under the delimiter that splits it most (for lines above the header)."""
    best = [line]
    for d in DELIMITERS:
        cells = [c.strip() for c in next(csv.reader([line], delimiter=d)) if c.strip()]
        if len(cells) > len(best):
            best = cells
    return best


def _pick_delimiter(line: str, file: str, row: int) -> str:
    """The delimiter that splits the header into the most recognised column names."""
    best, best_score = None, 0
    for d in DELIMITERS:
        cells = next(csv.reader([line], delimiter=d))
        if len(cells) < 2:
            continue
        score = sum(classify(i, c).name is not None for i, c in enumerate(cells)) * 100 + len(cells)
        if score > best_score:
            best, best_score = d, score
    if best is None:
        raise InputError(Problem("the header line has a single column: the delimiter is not a comma, tab or "
                                 "semicolon", file=file, row=row, value=line[:80],
                                 expected="cells separated by ',' (or tab or ';'), e.g. 'time,city,pm25'"))
    return best


def _check_widths(rows: list[list[str]], numbers: list[int], header: list[str], file: str, delimiter: str) -> None:
    """Rows with more or fewer cells than the header (truncated lines, a different delimiter) are errors."""
    width = len(header)
    problems = []
    for row, number in zip(rows, numbers):
        while len(row) > width and not row[-1].strip():
            row.pop()  # trailing empty cells that spreadsheets like to add
        if len(row) != width:
            problems.append(Problem(f"the row has {len(row)} cells but the header has {width}", file=file,
                                    row=number, value=delimiter.join(row)[:80],
                                    expected=f"{width} {_NAMES[delimiter]}-separated cells"))
            if len(problems) >= 10:
                break
    if problems:
        raise InputError(problems[0], problems[1:])
