"""Excel workbooks (.xlsx) read straight from their XML, streaming, into a :class:`RawTable`.

Why not openpyxl: its read-only mode builds a Python object per cell and is several times slower than
streaming the sheet XML with lxml; we need only values, dates and two structural facts (formulas, merged
cells), all visible in the XML. Before anything is decompressed the archive's declared sizes are checked, so
a zip bomb is refused without being expanded (and an archive that understates its sizes cannot get past them:
zipfile stops each part at its declared size and fails its CRC). The XML parser resolves no entities.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timedelta
from posixpath import join, normpath

from lxml import etree

from app.errors import InputError, Problem
from app.importing.rawtable import RawTable, add_meta, meta_entry
from app.importing.timeaxis import serial_seconds

MB = 1024 * 1024
MAX_UNCOMPRESSED = 256 * MB  # all parts together; a 59-unit × 1-year sheet is about 60 MB of XML
MAX_RATIO = 200  # sheet XML compresses ~10–30×; far more than this is a crafted archive
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_DATE_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
_CLOCK_IDS = {18, 19, 20, 21, 22, 45, 46, 47}
_REF = re.compile(r"^([A-Z]+)(\d+)$")


def read_xlsx_table(data: bytes, file: str, *, sheet: str | int | None = None) -> RawTable:
    try:
        return _read(data, file, sheet)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, NotImplementedError, OSError,
            zipfile.BadZipFile, etree.LxmlError) as exc:
        # a part that is well-formed zip/XML but not what a spreadsheet application writes
        raise InputError(Problem(f"the workbook is damaged ({type(exc).__name__}: {str(exc)[:80]})", file=file,
                                 expected="an .xlsx workbook saved by Excel/WPS/LibreOffice")) from exc


def sheet_names(data: bytes, file: str) -> list[str]:
    try:
        with _open_archive(data, file) as archive:
            return [name for name, _ in _sheets(archive, file)]
    except (ValueError, KeyError, zipfile.BadZipFile, etree.LxmlError) as exc:
        raise InputError(Problem("the workbook is damaged", file=file,
                                 expected="an .xlsx workbook saved by Excel/WPS/LibreOffice")) from exc


def forecast_sheets(data: bytes, file: str) -> list[str]:
    """The sheets that could hold a forecast: a table whose header has a time or date column. A workbook with
    one sheet gives it whatever it holds (its own errors then say what is wrong)."""
    from app.importing.columns import classify

    names = sheet_names(data, file)
    if len(names) <= 1:
        return names
    out = []
    for name in names:
        try:
            table = read_xlsx_table(data, file, sheet=name)
        except InputError:
            continue  # empty, a chart, notes: not a forecast
        if any(classify(i, h).name in ("time", "date") for i, h in enumerate(table.header)):
            out.append(name)
    return out


def _read(data: bytes, file: str, sheet: str | int | None) -> RawTable:
    archive = _open_archive(data, file)
    with archive:
        names = set(archive.namelist())
        sheets = _sheets(archive, file)
        sheet_name, sheet_path = _pick_sheet(sheets, sheet, file)
        if sheet_path not in names:
            raise InputError(Problem("the workbook is damaged: a sheet part is missing", file=file,
                                     value=sheet_path, expected="a workbook saved by Excel/WPS/LibreOffice"))
        strings = _shared_strings(archive, file) if "xl/sharedStrings.xml" in names else []
        date_styles = _date_styles(archive, file) if "xl/styles.xml" in names else {}
        epoch = _epoch(archive, file)
        with archive.open(sheet_path) as handle:
            grid, merged, formulas = _read_sheet(handle, file, strings, date_styles, epoch)
    table = _to_table(grid, file, sheet_name)
    _check_structure(table, merged, formulas, file, sheet_name)
    return table


def _open_archive(data: bytes, file: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise InputError(Problem("the workbook is damaged or not an .xlsx file", file=file,
                                 expected="an .xlsx workbook saved by Excel/WPS/LibreOffice")) from exc
    total = sum(i.file_size for i in infos)
    worst = max(infos, key=lambda i: i.file_size / max(i.compress_size, 1), default=None)
    if total > MAX_UNCOMPRESSED or (worst is not None and worst.file_size > MB
                                    and worst.file_size / max(worst.compress_size, 1) > MAX_RATIO):
        raise InputError(Problem(f"the workbook would expand to {total / MB:,.0f} MB "
                                 f"(part {worst.filename if worst else '?'} compressed "
                                 f"{worst.file_size / max(worst.compress_size, 1):,.0f}×): refused as a possible "
                                 "zip bomb", file=file,
                                 expected=f"a workbook under {MAX_UNCOMPRESSED // MB} MB uncompressed"))
    if "xl/workbook.xml" not in archive.namelist():
        raise InputError(Problem("the zip archive is not an Excel workbook (no xl/workbook.xml)", file=file,
                                 expected="an .xlsx workbook"))
    return archive


def _parse(archive: zipfile.ZipFile, name: str, file: str) -> etree._Element:
    try:
        with archive.open(name) as handle:
            return etree.parse(handle, etree.XMLParser(resolve_entities=False, huge_tree=False)).getroot()
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError) as exc:
        raise InputError(Problem(f"the workbook is damaged: {name} cannot be read", file=file)) from exc


def _sheets(archive: zipfile.ZipFile, file: str) -> list[tuple[str, str]]:
    book = _parse(archive, "xl/workbook.xml", file)
    rels = {}
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        for rel in _parse(archive, "xl/_rels/workbook.xml.rels", file):
            target = rel.get("Target", "")
            rels[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
    out = []
    for i, node in enumerate(book.iter(f"{NS}sheet")):
        path = rels.get(node.get(f"{REL_NS}id"), f"xl/worksheets/sheet{i + 1}.xml")
        out.append((node.get("name", f"Sheet{i + 1}"), path))
    if not out:
        raise InputError(Problem("the workbook has no sheets", file=file))
    return out


def _pick_sheet(sheets: list[tuple[str, str]], sheet: str | int | None, file: str) -> tuple[str, str]:
    if sheet is None:
        return sheets[0]
    if isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit() and
                                  sheet not in [n for n, _ in sheets]):
        index = int(sheet)
        if 0 <= index < len(sheets):
            return sheets[index]
    for name, path in sheets:
        if name == sheet:
            return name, path
    raise InputError(Problem("no such sheet in the workbook", file=file, value=str(sheet),
                             expected="one of " + ", ".join(n for n, _ in sheets) + " (or its 0-based index)"))


def _shared_strings(archive: zipfile.ZipFile, file: str) -> list[str]:
    root = _parse(archive, "xl/sharedStrings.xml", file)
    return ["".join(t.text or "" for t in si.iter(f"{NS}t")) for si in root.iter(f"{NS}si")]


def _date_styles(archive: zipfile.ZipFile, file: str) -> dict[int, bool]:
    """Style index → True for date-time formats, False for date-only formats (absent: not a date)."""
    root = _parse(archive, "xl/styles.xml", file)
    custom = {}
    for fmt in root.iter(f"{NS}numFmt"):
        code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", fmt.get("formatCode", "")).casefold()
        if any(token in code for token in "ydh"):
            custom[int(fmt.get("numFmtId", "-1"))] = "h" in code or "s" in code
    styles: dict[int, bool] = {}
    xfs = root.find(f"{NS}cellXfs")
    for i, xf in enumerate(xfs if xfs is not None else []):
        fmt_id = int(xf.get("numFmtId", "0"))
        if fmt_id in custom:
            styles[i] = custom[fmt_id]
        elif fmt_id in _DATE_IDS:
            styles[i] = fmt_id in _CLOCK_IDS
    return styles


def _epoch(archive: zipfile.ZipFile, file: str) -> datetime:
    book = _parse(archive, "xl/workbook.xml", file)
    pr = book.find(f"{NS}workbookPr")
    if pr is not None and pr.get("date1904") in ("1", "true"):
        return datetime(1904, 1, 1)
    return datetime(1899, 12, 30)


def _is_column(letters: str) -> bool:
    return 0 < len(letters) <= 3 and letters.isascii() and letters.isalpha() and letters.isupper()


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _read_sheet(handle, file, strings, date_styles, epoch):
    """Rows as {row number: {column index: text}}, merged ranges, and formula cells (ref, has cached value)."""
    grid: dict[int, dict[int, str]] = {}
    merged: list[str] = []
    formulas: list[tuple[str, bool]] = []
    row_tag, merge_tag = f"{NS}row", f"{NS}mergeCell"
    c_tag, v_tag, f_tag, is_tag, t_tag = f"{NS}c", f"{NS}v", f"{NS}f", f"{NS}is", f"{NS}t"
    columns: dict[str, int] = {}  # column letters → index, once per distinct letters
    dates: dict[tuple[str, str], str] = {}
    try:
        context = etree.iterparse(handle, events=("end",), tag=(row_tag, merge_tag), resolve_entities=False)
        next_row = 1
        for _, elem in context:
            if elem.tag == merge_tag:
                merged.append(elem.get("ref", ""))
                continue
            number = int(elem.get("r") or next_row)
            next_row = number + 1
            cells: dict[int, str] = {}
            col = 0
            for c in elem.iterchildren(c_tag):
                ref = c.get("r")
                if ref:
                    letters = ref.rstrip("0123456789")
                    if letters not in columns and _is_column(letters):
                        columns[letters] = _column_index(letters)
                    col = columns.get(letters, col)  # a malformed reference: keep counting cells
                kind = c.get("t", "n")
                text, has_formula, inline = "", False, None
                for child in c:
                    tag = child.tag
                    if tag == v_tag:
                        text = child.text or ""
                    elif tag == f_tag:
                        has_formula = True
                    elif tag == is_tag:
                        inline = child
                if has_formula:
                    formulas.append((ref or f"R{number}C{col + 1}", bool(text)))
                if kind == "s" and text:
                    text = strings[int(text)] if int(text) < len(strings) else ""
                elif kind == "inlineStr":
                    text = "".join(t.text or "" for t in inline.iter(t_tag)) if inline is not None else ""
                elif kind == "b":
                    text = "TRUE" if text == "1" else "FALSE"
                elif kind == "n" and text:
                    style = c.get("s")
                    if style is not None and int(style) in date_styles:
                        key = (text, style)
                        if key not in dates:
                            dates[key] = _excel_date(text, epoch, date_styles[int(style)])
                        text = dates[key]
                if text != "":
                    cells[col] = text
                col += 1
            if cells:
                grid[number] = cells
            elem.clear()
            while elem.getprevious() is not None:
                del elem.getparent()[0]
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(Problem("the workbook is damaged: its sheet cannot be read", file=file,
                                 expected="a workbook saved by Excel/WPS/LibreOffice")) from exc
    return grid, merged, formulas


def _excel_date(serial: str, epoch: datetime, with_clock: bool) -> str:
    value = float(serial)
    stamp = epoch + timedelta(seconds=serial_seconds(value, serial))
    if 0 <= value < 1 and with_clock:
        return stamp.strftime("%H:%M:%S")  # a time-of-day cell (h:mm): the date is in another column
    if not with_clock and stamp.hour == stamp.minute == stamp.second == 0:
        return stamp.strftime("%Y-%m-%d")
    return stamp.strftime("%Y-%m-%d %H:%M:%S")


def _to_table(grid: dict[int, dict[int, str]], file: str, sheet: str) -> RawTable:
    meta: dict[str, tuple[str, int]] = {}
    header_number = None
    for number in sorted(grid):
        cells = [grid[number][c].strip() for c in sorted(grid[number]) if grid[number][c].strip()]
        if not cells:
            continue
        entry = meta_entry(cells[0]) if len(cells) == 1 else meta_entry(f"{cells[0]}: {cells[1]}") if len(
            cells) == 2 else None
        if entry is not None:
            add_meta(meta, entry, number, file)
            continue
        if len(cells) == 1 or cells[0].startswith("#"):
            continue  # a title or a note above the table
        header_number = number
        break
    if header_number is None:
        raise InputError(Problem(f"sheet {sheet!r} holds no table", file=file,
                                 expected="a header row such as 时间 | 城市 | PM2.5 followed by data rows"))
    header_cells = grid[header_number]
    width = max(header_cells) + 1
    numbers = sorted(n for n in grid if n > header_number)
    # the used range, not the declared one: the columns that hold a header or a value (a stray header cell in
    # column XFD must not make every row 16 384 cells wide)
    used = set(header_cells)
    for number in numbers:
        used.update(c for c in grid[number] if c < width)
    columns = sorted(used)
    header = [header_cells.get(c, "").strip() for c in columns]
    rows = [[grid[number].get(c, "") for c in columns] for number in numbers]
    table = RawTable.from_rows(file, header, header_number, rows, numbers, meta, "xlsx", "xlsx (utf-8 xml)")
    stray = [(n, c) for n in numbers for c in grid[n] if c >= width]
    if stray:
        n, c = stray[0]
        table.warnings.append(Problem(f"{len(stray)} cells right of the table (no header) were ignored",
                                      severity="warning", file=file, row=n, column=_letters(c),
                                      value=grid[n][c], action="excluded"))
    return table


def _letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _check_structure(table: RawTable, merged: list[str], formulas, file: str, sheet: str) -> None:
    for ref in merged:
        rows = [int(m.group(2)) for m in (_REF.match(p) for p in ref.split(":")) if m]
        if rows and max(rows) >= table.header_row:
            raise InputError(Problem(f"merged cells {ref} inside the table (sheet {sheet!r})", file=file,
                                     row=min(rows), value=ref,
                                     expected="one value in every cell: unmerge the cells and fill each row"))
    without_value = [ref for ref, cached in formulas if not cached]
    if without_value:
        m = _REF.match(without_value[0])
        raise InputError(Problem(f"{len(without_value)} formula cells have no saved value (first {without_value[0]})",
                                 file=file, row=int(m.group(2)) if m else None,
                                 column=m.group(1) if m else None,
                                 expected="values: open and save the workbook in Excel/WPS, or paste as values"))
    if formulas:
        table.warnings.append(Problem(f"{len(formulas)} cells hold formulas; their values as last saved were read",
                                      severity="note", file=file, action="kept"))
