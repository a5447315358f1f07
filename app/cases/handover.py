"""The yearly handover (二、组织领导：轮值周期为1年): the whole case library in one file, merged on the other desk.

``hazedesk case export --all OUT.hzcase`` writes ``{"format": "hazedesk-library", "schema": N, "cases": [case
documents]}`` — each case as :mod:`app.cases.exchange` writes one — and ``hazedesk case import`` merges it in one
transaction (all of it or nothing) by the same rules as one case: rows are told by id, a row already here is
kept, so importing twice changes nothing. The merge report says, per case, how many rows of each kind were added
and which rows arrived with the id of a row here but a different content (kept as they are here: the conflict is
named for the officer, never silently settled).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from app import untrusted
from app.atomic import write_bytes_atomic
from app.cases.exchange import _BLOBS, SUFFIX, case_document, import_rows
from app.cases.library import CaseLibrary
from app.cases.schema import TABLES, VERSION
from app.cases.validate import check_document
from app.errors import InputError, Problem

FORMAT = "hazedesk-library"
# columns that change on their own as a case lives (a lift ends a warning, a later edit touches the case):
# a difference there is the normal course of a case, not a conflict
_MOVING = {"cases": {"updated_at", "status", "notes"}, "warnings": {"ended_at", "ended_by"}}


def library_document(library: CaseLibrary) -> dict:
    ids = [r[0] for r in library.conn.execute("SELECT id FROM cases ORDER BY created_at, id")]
    return {"format": FORMAT, "schema": VERSION, "cases": [case_document(library, i) for i in ids]}


def export_library(library: CaseLibrary, path: str | Path) -> Path:
    path = Path(path)
    data = json.dumps(library_document(library), ensure_ascii=False, separators=(",", ":"))
    write_bytes_atomic(path, data.encode("utf-8"))
    return path


def _read(path: str | Path):
    """The whole-library document, or None when the file is not one (it names its format first, as
    :func:`export_library` writes it): a single case is read, with its own size limit, by import_case."""
    name = str(path)
    if not untrusted.is_regular_file(path):
        return None  # import_case says what it is (a FIFO, a device, a folder, nothing)
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError:
        return None
    if f'"format":"{FORMAT}"'.encode() not in head.replace(b" ", b""):
        return None
    data = untrusted.read_bounded(path, "library", expected=f"a {SUFFIX} file exported by HazeDesk")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputError(Problem(f"not a HazeDesk case file: {exc}", file=name,
                                 expected=f"a {SUFFIX} file exported by HazeDesk")) from exc


def import_file(library: CaseLibrary, path: str | Path) -> dict | None:
    """Merge a whole-library file; returns the merge report. None when the file holds one case (the caller
    imports it as one case)."""
    doc = _read(path)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return None
    return import_library(library, doc, str(path))


def import_library(library: CaseLibrary, doc: dict, name: str = "<library>") -> dict:
    cases = doc.get("cases")
    if not isinstance(cases, list) or not all(isinstance(c, dict) and isinstance(c.get("case"), dict) for c in cases):
        raise InputError(Problem("the library file is damaged: no list of cases", file=name,
                                 expected=f"a {SUFFIX} file written by hazedesk case export --all"))
    schema = doc.get("schema")
    if type(schema) is not int or schema > VERSION:
        raise InputError(Problem("the case file was written by a newer HazeDesk", file=name, value=str(schema),
                                 expected=f"case schema ≤ {VERSION}"))
    for i, case_doc in enumerate(cases):  # every field of every case, before anything is merged
        try:
            check_document({"schema": schema, **case_doc}, name)
        except InputError as exc:
            raise InputError(replace(exc.problem, column=f"cases[{i}].{exc.problem.column}")) from None
    report = {"file": name, "cases": []}
    try:
        with library.transaction() as db:
            for case_doc in cases:
                report["cases"].append(_merge_case(db, case_doc))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InputError(Problem(f"the case file is damaged: {exc}", file=name,
                                 expected=f"a {SUFFIX} file written by hazedesk case export --all")) from exc
    except Exception as exc:
        import sqlite3

        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
            raise InputError(Problem(f"the case file does not fit the library: {exc}", file=name,
                                     expected=f"a {SUFFIX} file exported by HazeDesk")) from exc
        raise
    report["added"] = sum(sum(c["added"].values()) for c in report["cases"])
    report["conflicts"] = sum(len(c["conflicts"]) for c in report["cases"])
    return report


def _merge_case(db, doc: dict) -> dict:
    case = doc["case"]
    known = db.execute("SELECT 1 FROM cases WHERE id = ?", (case.get("id"),)).fetchone() is not None
    added: dict[str, int] = {}
    conflicts: list[dict] = []
    before = {t: _count(db, t, case.get("id")) for t in TABLES[1:]}
    if known:
        local = dict(db.execute("SELECT * FROM cases WHERE id = ?", (case["id"],)).fetchone())
        conflicts += _differs("cases", local, case)
    for table in TABLES[1:]:
        for row in doc.get("tables", {}).get(table, []):
            here = db.execute(f"SELECT * FROM {table} WHERE id = ?", (row.get("id"),)).fetchone()
            if here is not None:
                conflicts += _differs(table, dict(here), row)
    import_rows(db, doc)
    for table in TABLES[1:]:
        n = _count(db, table, case.get("id")) - before[table]
        if n:
            added[table] = n
    return {"id": case.get("id"), "title": case.get("title"), "new_case": not known, "added": added,
            "conflicts": conflicts}


def _count(db, table: str, case_id) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table} WHERE case_id = ?", (case_id,)).fetchone()[0]


def _differs(table: str, here: dict, incoming: dict) -> list[dict]:
    import base64

    columns = [c for c in here if c in incoming and c not in _MOVING.get(table, ())]
    blob = _BLOBS.get(table)
    different = []
    for c in columns:
        mine, theirs = here[c], incoming[c]
        if c == blob and theirs is not None:
            theirs = base64.b64decode(theirs)
        if mine != theirs:
            different.append(c)
    if not different:
        return []
    return [{"table": table, "id": here.get("id"), "columns": different, "kept": "local"}]
