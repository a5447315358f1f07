"""One case as one file (``.hzcase``), for the two provinces' offices to exchange.

The file is UTF-8 JSON: ``{"format": "hazedesk-case", "schema": N, "case": {…}, "tables": {table: [rows]}}``,
stored files (forecasts, observations) base64-encoded, written atomically. Importing inserts each row by its id
in one transaction: rows already there are kept, so importing the same case twice changes nothing; a warning
lifted in the incoming copy but still in force here takes the lift. A letter both offices recorded from its file
(the same record digest under two ids) is kept once, as recorded here: the incoming copy's recording of it and
the warnings it opened are left out, and what it ended here is ended by the local recording.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from app import untrusted
from app.atomic import write_bytes_atomic
from app.cases.library import CaseLibrary
from app.cases.schema import TABLES, VERSION
from app.cases.validate import check_document
from app.errors import InputError, Problem

FORMAT = "hazedesk-case"
SUFFIX = ".hzcase"
_BLOBS = {"forecasts": "content", "observations": "content"}


def case_document(library: CaseLibrary, case_id: str) -> dict:
    library._require(case_id)
    tables = {}
    for table in TABLES[1:]:
        rows = []
        for row in library.conn.execute(f"SELECT * FROM {table} WHERE case_id = ? ORDER BY rowid", (case_id,)):
            item = dict(row)
            blob = _BLOBS.get(table)
            if blob and item.get(blob) is not None:
                item[blob] = base64.b64encode(item[blob]).decode("ascii")
            rows.append(item)
        tables[table] = rows
    case = dict(library.conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone())
    return {"format": FORMAT, "schema": VERSION, "case": case, "tables": tables}


def export_case(library: CaseLibrary, case_id: str, path: str | Path) -> Path:
    path = Path(path)
    data = json.dumps(case_document(library, case_id), ensure_ascii=False, separators=(",", ":"))
    write_bytes_atomic(path, data.encode("utf-8"))
    return path


def import_case(library: CaseLibrary, path: str | Path) -> str:
    """Import a case file; returns the case id. Bad files raise :class:`InputError`; nothing is half-imported."""
    name = str(path)
    data = untrusted.read_bounded(path, "case", expected="a .hzcase file exported by HazeDesk")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise InputError(Problem(f"not a HazeDesk case file: {reason}", file=name,
                                 expected="a .hzcase file exported by HazeDesk")) from exc
    del data
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("case"), dict):
        raise InputError(Problem("not a HazeDesk case file", file=name, expected="a .hzcase file exported by "
                                                                                 "HazeDesk"))
    if type(doc.get("schema")) is int and doc["schema"] > VERSION:
        raise InputError(Problem("the case file was written by a newer HazeDesk", file=name,
                                 value=str(doc.get("schema")), expected=f"case schema ≤ {VERSION}"))
    check_document(doc, name)  # every field, every value that becomes a path: refused whole, the field named
    case_id = doc["case"].get("id")
    try:
        with library.transaction() as db:
            import_rows(db, doc)
    except (ValueError, TypeError, KeyError) as exc:
        raise InputError(Problem(f"the case file is damaged: {exc}", file=name,
                                 expected="a .hzcase file exported by HazeDesk")) from exc
    except Exception as exc:
        import sqlite3

        if isinstance(exc, sqlite3.DatabaseError):
            raise InputError(Problem(f"the case file does not fit the library: {exc}", file=name,
                                     expected="a .hzcase file exported by HazeDesk")) from exc
        raise
    return case_id


def import_rows(db, doc: dict) -> None:
    """Insert one case document's rows into the open transaction ``db`` (see the module's rules)."""
    case = doc["case"]
    case_id = case.get("id")
    _insert(db, "cases", case)
    recorded_here: dict[str, str] = {}  # incoming letter id → the local recording of the same letter
    for table in TABLES[1:]:
        for row in doc.get("tables", {}).get(table, []):
            if row.get("case_id") != case_id:
                raise ValueError(f"a {table} row of another case")
            blob = _BLOBS.get(table)
            if blob and row.get(blob) is not None:
                row = {**row, blob: base64.b64decode(row[blob])}
            if table == "letters" and _recorded_here(db, row, recorded_here):
                continue
            if table == "warnings":
                if row.get("letter_id") in recorded_here:
                    continue  # the local recording opened this warning already
                if row.get("ended_by") in recorded_here:
                    row = {**row, "ended_by": recorded_here[row["ended_by"]]}
            _insert(db, table, row)
            if table == "warnings" and row.get("ended_at"):
                db.execute("UPDATE warnings SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL",
                           (row["ended_at"], row.get("ended_by"), row["id"]))


def _recorded_here(db, row: dict, recorded_here: dict[str, str]) -> bool:
    """True when this library recorded the same letter (same digest) under another id; remembers the pair."""
    if not row.get("digest"):
        return False
    local = db.execute("SELECT id FROM letters WHERE case_id = ? AND digest = ? AND id != ?",
                       (row.get("case_id"), row["digest"], row.get("id"))).fetchone()
    if local is None:
        return False
    recorded_here[row.get("id")] = local[0]
    return True


def _insert(db, table: str, row: dict) -> None:
    columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    keys = [k for k in row if k in columns]
    if "id" not in keys:
        raise ValueError(f"a {table} row without id")
    db.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(keys)}) VALUES ({', '.join('?' for _ in keys)})",
               [row[k] for k in keys])
