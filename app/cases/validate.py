"""Every field of a case, checked: a ``.hzcase`` from another office before it is imported, and the rows of a
library an older HazeDesk wrote before they are shown.

A case file is untrusted (issue 22): its sha256 values become file names when the case is opened, its times are
parsed by the window, its JSON columns are read back as lists and objects. :func:`check_document` checks the
whole document — types, times, enumerations, sizes, checksums of the files carried in it, and every value that
becomes a path (through :mod:`app.untrusted`) — and raises an :class:`~app.errors.InputError` naming the first
bad field (``letters[2].issued_at``), so the import refuses the file whole. :func:`row_problems` is the same
check for one row read from the library: the caller leaves the row out and names it.

Columns are checked by their name, so a table or column added later is covered by the same rules: ``*id``
columns are identifiers, ``*sha256`` columns checksums, ``path`` a recorded path, the time columns ISO 8601 times,
the JSON columns JSON text; the enumerations are listed per table.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import replace
from datetime import date, datetime

from app import untrusted
from app.domain.scheme import LEVELS
from app.errors import InputError, Problem

MAX_TEXT = 64 * 1024  # a title, a note, a region, a number …
MAX_JSON_TEXT = 16 * 1024 * 1024  # a stored evaluation, review or 会商 record
MAX_STORED_BYTES = 32 * 1024 * 1024  # as app.cases.library: files above it are never copied in
MAX_ROWS = 100_000  # rows of one table in one case
_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
TIMES = {"created_at", "updated_at", "added_at", "issued_at", "decided_at", "entered_at", "start", "end",
         "expected_end", "ended_at", "time", "imported_at", "at", "recorded_at", "written_at"}
DAYS = {"date", "day"}
JSON_COLUMNS = {"changes": list, "files": list, "data": dict, "summary": dict, "result": dict, "fields": dict}
_SIDES = ("四川", "重庆")  # as app.cases.leads (its values written out: this module imports nothing of the library)
ENUMS = {
    ("cases", "status"): ("open", "closed"),
    ("letters", "kind"): ("first", "upgrade", "downgrade", "lift", "extend", "revise", "cancel"),
    ("warnings", "level"): LEVELS[1:],
    ("hand_warnings", "level"): LEVELS,
    ("city_notices", "level"): LEVELS,
    ("evaluations", "mode"): ("calendar", "rolling"),
    ("observations", "kind"): ("hourly", "daily-pm25", "daily-aqi", ""),
    ("leads", "source"): ("工业源", "扬尘源", "移动源", "面源"),
    ("leads", "origin"): ("检查发现", "督察交办", "监督帮扶", "媒体曝光", "群众投诉"),
    ("leads", "found_by"): _SIDES,
    ("leads", "pushed_to"): _SIDES,
    ("lead_steps", "step"): ("found", "handed_over", "handling", "rectified", "closed"),
    ("lead_steps", "side"): _SIDES,
    ("draft_letters", "kind"): ("start", "upgrade", "downgrade", "lift", "extend", "revise", "cancel"),
    ("draft_letters", "level"): LEVELS,
    ("draft_letters", "end_at_least"): (0, 1),
}
COORDINATES = {"lon": (-180.0, 180.0), "lat": (-90.0, 90.0)}  # a lead's point on the map
REQUIRED_SHA256 = {("forecasts", "sha256"), ("observations", "sha256")}  # the rest may be "" (not known)
NULLABLE = {"issued_at", "expected_end", "ended_at", "ended_by", "start", "end", "content", "lon", "lat"}
CASE_FILE = "a .hzcase file exported by HazeDesk"


def check_document(doc, file: str) -> None:
    """Raise InputError naming the file and the first bad field of a parsed ``.hzcase`` (nothing imported)."""
    try:
        _check_document(doc)
    except InputError as exc:
        raise InputError(replace(exc.problem, file=file)) from None


def row_problems(table: str, row: dict, *, file: str | None = None) -> list[Problem]:
    """What is wrong with one row as the library holds it (blobs as bytes); [] when it is sound. The problem
    names the row (``forecasts <id>.sha256``); the caller says what it left out."""
    try:
        check_row(table, dict(row), f"{table} {row.get('id', '?')}", decoded=True)
    except InputError as exc:
        return [replace(exc.problem, file=file, severity="warning")]
    return []


def _bad(field: str, message: str, value=None, expected: str = CASE_FILE) -> InputError:
    """One bad field, named as the file names it (``letters[2].issued_at``)."""
    return InputError(Problem(message, column=field, value=None if value is None else _shown(value),
                              expected=expected))


def _shown(value) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text.encode("unicode_escape").decode("ascii")[:80] if any(c < " " for c in text) else text[:80]


def _check_document(doc) -> None:
    from app.cases.schema import TABLES

    if not isinstance(doc, dict):
        raise _bad("(file)", "not an object", type(doc).__name__, "a JSON object")
    schema = doc.get("schema", 1)
    if type(schema) is not int or schema < 1:
        raise _bad("schema", "the schema version is not a whole number", schema, "a whole number ≥ 1")
    case = doc.get("case")
    if not isinstance(case, dict):
        raise _bad("case", "the case is not an object", type(case).__name__, "an object")
    check_row("cases", case, "case", decoded=False)
    tables = doc.get("tables", {})
    if not isinstance(tables, dict):
        raise _bad("tables", "the tables are not an object", type(tables).__name__, "an object of table → rows")
    for table, rows in tables.items():
        if table not in TABLES[1:]:
            continue  # a table this HazeDesk does not know: not imported (a newer schema is refused before)
        if not isinstance(rows, list):
            raise _bad(table, "the table is not a list of rows", type(rows).__name__, "a list")
        if len(rows) > MAX_ROWS:
            raise _bad(table, "the table has too many rows", len(rows), f"at most {MAX_ROWS}")
        ids = set()
        for i, row in enumerate(rows):
            where = f"{table}[{i}]"
            if not isinstance(row, dict):
                raise _bad(where, "the row is not an object", type(row).__name__, "an object")
            if row.get("case_id") != case.get("id"):
                raise _bad(f"{where}.case_id", "a row of another case", row.get("case_id"), str(case.get("id")))
            check_row(table, row, where, decoded=False)
            if row["id"] in ids:
                raise _bad(f"{where}.id", "the same id twice", row["id"], "one row per id")
            ids.add(row["id"])


def check_row(table: str, row: dict, where: str, *, decoded: bool) -> None:
    """Check one row's every column (by name); ``decoded``: blobs as bytes (library), else base64 (file)."""
    if "id" not in row:
        raise _bad(f"{where}.id", "the row has no id", None, "an identifier")
    for column, value in row.items():
        field = f"{where}.{column}"
        if not isinstance(column, str):
            raise _bad(where, "a column name that is not text", column, "text")
        if value is None:
            if column in NULLABLE:
                continue
            raise _bad(field, "the value is missing", None, "a value")
        if column == "content":
            _check_content(table, row, field, value, decoded)
        elif column == "id" or column.endswith("_id") or column == "ended_by":
            if not isinstance(value, str) or not _ID.fullmatch(value):
                raise _bad(field, "not an identifier", value, "1–64 letters, digits, '-' or '_'")
        elif column.endswith("sha256"):
            untrusted.sha256(value, field=field, empty=(table, column) not in REQUIRED_SHA256)
        elif column == "digest":
            untrusted.sha256(value, field=field, empty=True)
        elif column == "path":
            untrusted.recorded_path(value, field=field)
        elif column in TIMES and not (table == "observations" and column in ("start", "end")):
            _check_time(field, value)
        elif column in DAYS or (table == "observations" and column in ("start", "end")):
            _check_day(field, value)
        elif column in JSON_COLUMNS and isinstance(value, str):
            _check_json(table, column, field, value)
        elif isinstance(value, str):
            if len(value) > MAX_TEXT:
                raise _bad(field, "the text is too long", f"{len(value)} characters", f"at most {MAX_TEXT}")
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _bad(field, "not text or a number", type(value).__name__, "text or a number")
        elif column in COORDINATES and not COORDINATES[column][0] <= value <= COORDINATES[column][1]:
            low, high = COORDINATES[column]
            raise _bad(field, "a coordinate out of range", value, f"{low:g} to {high:g} degrees")
        allowed = ENUMS.get((table, column))
        if allowed is not None and value not in allowed:
            raise _bad(field, "not one of the values this field takes", value, " / ".join(a or '""' for a in allowed))
        if column in JSON_COLUMNS and not isinstance(value, str):
            raise _bad(field, "not JSON text", type(value).__name__, "JSON text")


def _check_time(field: str, value) -> None:
    if not isinstance(value, str) or len(value) > 40:
        raise _bad(field, "not a time", value, "an ISO 8601 time, e.g. 2026-01-12T00:00:00+08:00")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise _bad(field, "a time that cannot be read", value, "an ISO 8601 time, e.g. 2026-01-12T00:00:00+08:00") \
            from None


def _check_day(field: str, value) -> None:
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise _bad(field, "not a date", value, "a date YYYY-MM-DD")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise _bad(field, "not a date", value, "a date YYYY-MM-DD") from None


def _check_json(table: str, column: str, field: str, value: str) -> None:
    if len(value) > MAX_JSON_TEXT:
        raise _bad(field, "the text is too long", f"{len(value)} characters", f"at most {MAX_JSON_TEXT}")
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):
        raise _bad(field, "not JSON text", value[:40], "JSON text as HazeDesk writes it") from None
    kind = JSON_COLUMNS[column]
    if not isinstance(data, kind):
        raise _bad(field, "the JSON is not of the expected kind", type(data).__name__, kind.__name__)
    if table == "letters" and column == "changes":
        for i, change in enumerate(data):
            _check_change(f"{field}[{i}]", change)
    elif table == "letters" and column == "files":
        for i, entry in enumerate(data):
            _check_letter_file(f"{field}[{i}]", entry)
    elif table == "consultations" and column == "data":
        _check_consultation(field, data)
    elif table == "city_reports" and column == "fields":
        for key, text in data.items():
            if not isinstance(text, str) or len(text) > MAX_TEXT:
                raise _bad(f"{field}.{key}", "not text", type(text).__name__, f"text of at most {MAX_TEXT} characters")


def _check_change(field: str, change) -> None:
    if not isinstance(change, dict):
        raise _bad(field, "not an object", type(change).__name__, "{action, region, level, start, end}")
    if change.get("action") not in ("start", "upgrade", "downgrade", "lift", "extend", "revise", "cancel"):
        raise _bad(f"{field}.action", "not one of the values this field takes", change.get("action"),
                  "start / upgrade / downgrade / lift / extend / revise / cancel")
    if not isinstance(change.get("region"), str) or not change["region"] or len(change["region"]) > 200:
        raise _bad(f"{field}.region", "not a region name", change.get("region"), "a region's name")
    if change.get("level") not in LEVELS:
        raise _bad(f"{field}.level", "not one of the values this field takes", change.get("level"),
                  " / ".join(LEVELS))
    for key in ("start", "end"):
        if change.get(key) is not None:
            _check_time(f"{field}.{key}", change[key])


def _check_letter_file(field: str, entry) -> None:
    if not isinstance(entry, dict):
        raise _bad(field, "not an object", type(entry).__name__, "{path, sha256}")
    untrusted.recorded_path(entry.get("path"), field=f"{field}.path")
    untrusted.sha256(entry.get("sha256"), field=f"{field}.sha256")
    for key in ("part", "parts"):
        if key in entry and (type(entry[key]) is not int or not 1 <= entry[key] <= 10_000):
            raise _bad(f"{field}.{key}", "not a whole number", entry[key], "a whole number ≥ 1")
    pages = entry.get("pages")
    if pages is not None and not (isinstance(pages, list) and len(pages) == 2
                                  and all(type(p) is int and p >= 1 for p in pages)):
        raise _bad(f"{field}.pages", "not a page range", pages, "[first, last]")


def _check_consultation(field: str, data: dict) -> None:
    """A 会商 record's sources name files (their path and sha256): the window reopens them."""
    sources = data.get("sources")
    if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
        raise _bad(f"{field}.sources", "not a list of sources", type(sources).__name__, "[{name, path, sha256}]")
    for i, source in enumerate(sources):
        untrusted.recorded_path(source.get("path", ""), field=f"{field}.sources[{i}].path")
        untrusted.sha256(source.get("sha256", ""), field=f"{field}.sources[{i}].sha256", empty=True)
        if not isinstance(source.get("name", ""), str):
            raise _bad(f"{field}.sources[{i}].name", "not text", source.get("name"), "a source's name")
    if not isinstance(data.get("consensus", {}), dict) or not isinstance(data.get("regions", {}), dict):
        raise _bad(field, "not a recorded 会商 decision", None, "the JSON `hazedesk consult --json` writes")
    from app.consultation.record import checked_observed  # its observed files: looked at, never written

    checked_observed(data.get("observed"), field=f"{field}.observed")


def _check_content(table: str, row: dict, field: str, value, decoded: bool) -> None:
    """A file carried in the case: at most 32 MB, and the very file its sha256 names."""
    if decoded:
        data = value
        if not isinstance(data, bytes):
            raise _bad(field, "not a stored file", type(value).__name__, "the file's bytes")
    else:
        if not isinstance(value, str) or len(value) > (MAX_STORED_BYTES // 3 + 1) * 4:
            raise _bad(field, "not a stored file", type(value).__name__ if not isinstance(value, str)
                      else f"{len(value)} characters", f"base64 of a file of at most {MAX_STORED_BYTES // 2**20} MB")
        try:
            data = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise _bad(field, "not base64", value[:20], "base64 of the file") from None
    if len(data) > MAX_STORED_BYTES:
        raise _bad(field, "the stored file is too large", f"{len(data)} bytes", f"at most {MAX_STORED_BYTES} bytes")
    sha = row.get("sha256")
    if isinstance(sha, str) and hashlib.sha256(data).hexdigest() != sha:
        raise _bad(field, "the stored file is not the one its sha256 names", sha, "the file with that sha256")
