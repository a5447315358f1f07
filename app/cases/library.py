"""The case library (案例库, plan 四(七)): a local SQLite database of episodes and everything used and issued in them.

    lib = open_library()                       # cases.sqlite in the state folder (or a path)
    case = lib.create_case("2026-01 川渝盆地区域橙色过程")
    lib.add_forecast(case, forecast.meta, name="区域中心", content=file_bytes)
    lib.issue_letter(case, kind="start", number="川渝预警〔2026〕1号", issued_at=t, changes=[…], files=[docx, pdf])
    lib.warnings_in_force()                    # what the in-force dock shows
    lib.issued_warnings(case)                  # what the review compares with the observations

Issuing a letter records it and the warnings that follow from it in one transaction: a first letter opens a
warning per region, an upgrade/downgrade closes the region's warning and opens one at the new level, a lift
closes it. ``issue_letters`` records every letter of a run (a combined file's letters, each its own entry with
the file it lives in, its part of the file and pages) in one transaction, in order; a letter already in the case
(the same record digest) is not recorded again, and another letter under a 发文字号 the case already has is
refused. Every write is one transaction (WAL journal, ``synchronous=FULL``): a process killed at any moment
leaves the database as it was before or after the write, never in between (tests kill a writer).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from app import untrusted
from app.cases.schema import TABLES, migrate, version_of
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING, LEVEL_RANK
from app.errors import InputError, Problem, WriteError

DB_NAME = "cases.sqlite"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LETTER_KINDS = {"start": "first", "first": "first", "upgrade": "upgrade", "downgrade": "downgrade",
                "lift": "lift", "extend": "extend", "revise": "revise", "cancel": "cancel"}  # spec §7's letters
REPORT_SECTIONS = ("response", "measures", "problems")  # the three the officer writes (plan 四(七) 4–6)
MAX_STORED_BYTES = 32 * 1024 * 1024  # files above this are referenced (path + sha256), not copied in


@dataclass(frozen=True)
class LetterChange:
    """One region's warning as a letter sets it (the same fields as ``app.export.proposal_record``'s)."""

    action: str  # start | upgrade | downgrade | lift
    region: str
    level: str  # "none" for a lift
    start: datetime | None = None  # when it applies (None: from the letter's issue time)
    end: datetime | None = None  # expected end (first letters)


@dataclass(frozen=True)
class LetterFile:
    """A file a letter lives in: the whole file, or letter ``part`` of ``parts`` (a combined file), on
    ``pages`` (first, last; PDF) when known."""

    path: str
    sha256: str
    part: int = 1
    parts: int = 1
    pages: tuple[int, int] | None = None

    def row(self) -> dict:
        out = {"path": self.path, "sha256": self.sha256}
        if self.parts > 1:
            out.update(part=self.part, parts=self.parts)
        if self.pages is not None:
            out["pages"] = list(self.pages)
        return out


@dataclass(frozen=True)
class LetterEntry:
    """One issued letter to record (``changes``: objects with action, region, level, start, end).
    ``digest``: its record's checksum ("" when it was not read from a HazeDesk letter file)."""

    kind: str
    changes: Sequence
    number: str = ""
    date: str | None = None  # 成文日期 YYYY-MM-DD (None: the issue day)
    files: tuple[LetterFile, ...] = ()
    forecast_sha256: str = ""
    digest: str = ""
    title: str = ""
    sender: str = ""
    recipients: str = ""


@dataclass(frozen=True)
class Recorded:
    """What became of one letter: "recorded", or "already" (the case has it: not recorded again; files it was
    not yet known to live in are added to it)."""

    letter_id: str
    entry: LetterEntry
    status: str
    added_files: tuple[LetterFile, ...] = ()


@dataclass(frozen=True)
class CaseSummary:
    id: str
    title: str
    status: str
    created_at: datetime
    regions: tuple[str, ...]
    top_level: str  # highest warning level issued ("none" when no letter)
    first_day: datetime | None
    last_day: datetime | None
    letters: int
    forecasts: int
    in_force: int


def now() -> datetime:
    return datetime.now(BEIJING).replace(microsecond=0)


def iso(t: datetime | None) -> str | None:
    if t is None:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=BEIJING)
    return t.astimezone(BEIJING).isoformat()


def parse_time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).astimezone(BEIJING)


def new_id() -> str:
    return uuid.uuid4().hex


def default_path() -> Path:
    from app.paths import user_state_dir

    return user_state_dir() / DB_NAME


def library_fault(exc: sqlite3.Error) -> str:
    """Why SQLite could not write, in the words :func:`app.atomic.reason_of` uses (the catalogue has them)."""
    text = str(exc).lower()
    if "full" in text:
        return "no space left on the disk"
    if "readonly" in text or "read-only" in text or "permission" in text:
        return "the library or its folder is read-only"
    if "locked" in text or "busy" in text:
        return "another program is writing the library"
    if "disk i/o" in text:
        return "the disk reported an input/output error"
    return str(exc)


def open_library(path: str | Path | None = None) -> CaseLibrary:
    return CaseLibrary(Path(path) if path else default_path())


class CaseLibrary:
    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=10.0)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            have = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            # a version stamp without the first version's tables: no migration can make a library of it
            if version_of(self.conn) > 0 and not {"cases", "letters", "warnings"} <= have:
                self.conn.close()
                raise InputError(Problem("not a HazeDesk case library: tables are missing", file=str(self.path),
                                         value=", ".join(t for t in ("cases", "letters", "warnings") if t not in have),
                                         expected="a HazeDesk case library (SQLite)"))
            migrate(self.conn)
            have = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except (sqlite3.DatabaseError, OSError, RuntimeError) as exc:
            raise InputError(Problem(f"cannot open the case library: {exc}", file=str(self.path),
                                     expected="a HazeDesk case library (SQLite) in a writable folder")) from exc
        missing = [t for t in TABLES if t not in have]
        if missing:  # a version stamp without the tables behind it: not a library this program wrote
            self.conn.close()
            raise InputError(Problem("not a HazeDesk case library: tables are missing", file=str(self.path),
                                     value=", ".join(missing), expected="a HazeDesk case library (SQLite)"))
        self.conn.row_factory = sqlite3.Row
        self.damaged: list[Problem] = []  # rows list_cases left out (damaged), each named

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write: all of it or nothing (BEGIN IMMEDIATE takes the write lock up front). A full disk, a
        read-only library or another writer holding the lock past the timeout raises a :class:`WriteError`
        naming the library; the database is left as it was before the write."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._write_error(exc) from exc
        try:
            yield self.conn
        except BaseException as exc:
            with suppress(sqlite3.Error):  # a failed COMMIT/statement may already have rolled back
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise self._write_error(exc) from exc
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            with suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise self._write_error(exc) from exc

    def _write_error(self, exc: sqlite3.Error) -> WriteError:
        return WriteError(Problem(f"cannot write the case library (nothing was changed): {library_fault(exc)}",
                                  file=str(self.path)), path=str(self.path))

    # -- cases ------------------------------------------------------------------------------------------------

    def create_case(self, title: str, *, notes: str = "", created_at: datetime | None = None) -> str:
        case_id = new_id()
        stamp = iso(created_at or now())
        with self.transaction() as db:
            db.execute("INSERT INTO cases (id, title, created_at, updated_at, notes) VALUES (?, ?, ?, ?, ?)",
                       (case_id, title.strip() or "未命名案例", stamp, stamp, notes))
        return case_id

    def set_status(self, case_id: str, status: str) -> None:
        with self.transaction() as db:
            self._require(case_id)
            db.execute("UPDATE cases SET status = ?, updated_at = ? WHERE id = ?", (status, iso(now()), case_id))

    def _require(self, case_id: str) -> sqlite3.Row:
        row = self.conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise InputError(Problem("no such case in the case library", file=str(self.path), value=case_id,
                                     expected="the id of a case listed by the 案例 dock or the library"))
        return row

    def _touch(self, db: sqlite3.Connection, case_id: str) -> None:
        db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (iso(now()), case_id))

    def list_cases(self) -> list[CaseSummary]:
        """Every case, newest first. A case whose own row, letters or warnings are damaged (a row an older
        HazeDesk imported unchecked) is left out, and its bad rows are named in :attr:`damaged`; the others are
        listed as usual."""
        self.damaged = []
        out = []
        for row in self.conn.execute("SELECT * FROM cases ORDER BY created_at DESC, id").fetchall():
            bad = self.damaged_rows(row["id"], row)
            if bad:
                self.damaged.extend(bad)
                continue
            letters = self.conn.execute("SELECT changes FROM letters WHERE case_id = ?", (row["id"],)).fetchall()
            regions: list[str] = []
            top = "none"
            for letter in letters:
                for change in json.loads(letter["changes"]):
                    if change["region"] not in regions:
                        regions.append(change["region"])
                    if LEVEL_RANK.get(change["level"], 0) > LEVEL_RANK.get(top, 0):
                        top = change["level"]
            span = self.conn.execute("SELECT MIN(start), MAX(COALESCE(ended_at, expected_end, start)) FROM warnings "
                                     "WHERE case_id = ?", (row["id"],)).fetchone()
            counts = [self.conn.execute(f"SELECT COUNT(*) FROM {t} WHERE case_id = ?", (row["id"],)).fetchone()[0]
                      for t in ("letters", "forecasts")] + [len(self.in_force_with_origin(row["id"]))]
            out.append(CaseSummary(row["id"], row["title"], row["status"], parse_time(row["created_at"]),
                                   tuple(regions), top, parse_time(span[0]), parse_time(span[1]), *counts))
        return out

    def damaged_rows(self, case_id: str, case_row: sqlite3.Row | None = None) -> list[Problem]:
        """What is wrong with the case's own row and the rows the window and the review read back (letters,
        warnings, hand entries, city notices, 会商 decisions), each problem naming its table, row id and column;
        [] for a sound case. (A forecast row with a bad checksum is left out by :meth:`forecast_files`, named.)"""
        from app.cases.validate import row_problems

        if case_row is None:
            case_row = self._require(case_id)
        where = str(self.path)
        found = row_problems("cases", dict(case_row), file=where)
        for table in ("letters", "warnings", "hand_warnings", "city_notices", "consultations"):
            for r in self.conn.execute(f"SELECT * FROM {table} WHERE case_id = ? ORDER BY rowid", (case_id,)):
                found.extend(row_problems(table, dict(r), file=where))
        return found

    def _check_row(self, table: str, row: dict) -> None:
        """A row about to be written passes the checks an imported one does (a letter read back from a crafted
        file must not leave a row that hides its case from the list)."""
        from app.cases.validate import row_problems

        bad = row_problems(table, row)
        if bad:
            raise InputError(replace(bad[0], severity="error", action=None))

    def _require_sound(self, case_id: str) -> None:
        """For what cannot leave a row out (the review's warnings issued): a damaged case is refused, naming
        every bad row."""
        bad = self.damaged_rows(case_id)
        if bad:
            raise InputError(replace(bad[0], severity="error", action=None),
                             [replace(p, severity="error", action=None) for p in bad[1:]])

    def case(self, case_id: str) -> dict:
        """Everything of one case as plain rows (for the window and the exchange file)."""
        row = self._require(case_id)
        out = {"case": dict(row)}
        for table in ("forecasts", "evaluations", "consultations", "letters", "warnings", "city_notices",
                      "observations", "reviews", "report_sections", "hand_warnings"):
            cols = "*" if table not in ("forecasts", "observations") else \
                "id, case_id, name, source, path, sha256, issued_at, added_at" if table == "forecasts" else \
                "id, case_id, path, sha256, kind, start, end, added_at"
            order = {"letters": "issued_at, rowid", "warnings": "start", "city_notices": "time", "hand_warnings": "region"}.get(table, "rowid")
            out[table] = [dict(r) for r in self.conn.execute(
                f"SELECT {cols} FROM {table} WHERE case_id = ? ORDER BY {order}", (case_id,))]
        return out

    # -- what was used --------------------------------------------------------------------------------------

    def add_forecast(self, case_id: str, meta, *, name: str = "", content: bytes | None = None) -> str:
        """Record a forecast used in the case (``meta``: a ForecastMeta); its file copied in when ``content``
        is given and not too large, else referenced by path and sha256. The same file twice is recorded once."""
        sha = meta.sha256 or (hashlib.sha256(content).hexdigest() if content is not None else "")
        if not sha:
            raise ValueError("a forecast needs its sha256 or its content")
        untrusted.sha256(sha, field="sha256", file=meta.source_path or None)  # it names the copy written back
        untrusted.recorded_path(meta.source_path or "", field="path")
        stored = content if content is not None and len(content) <= MAX_STORED_BYTES else None
        row_id = new_id()
        with self.transaction() as db:
            self._require(case_id)
            db.execute("INSERT OR IGNORE INTO forecasts (id, case_id, name, source, path, sha256, issued_at, "
                       "added_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (row_id, case_id, name or Path(meta.source_path).stem, meta.label or meta.source_format,
                        meta.source_path, sha, iso(meta.issued_at), iso(now()), stored))
            self._touch(db, case_id)
        return sha

    def forecast_content(self, case_id: str, sha256: str) -> bytes | None:
        row = self.conn.execute("SELECT content FROM forecasts WHERE case_id = ? AND sha256 = ?",
                                (case_id, sha256)).fetchone()
        return None if row is None else row["content"]

    def forecast_files(self, case_id: str, folder: Path, problems: list | None = None) -> list[tuple[str, Path]]:
        """The case's forecasts as files to open, oldest issue first: (name, path) — the original file when it
        is still there unchanged, else the copy kept in the library written to ``folder`` (atomically, named by
        its sha256, never outside ``folder``); forecasts that are neither are left out. A row whose sha256 or
        path is not sound (a library written before case files were checked) is left out too, and named in
        ``problems``."""
        out = []
        rows = self.conn.execute("SELECT id, case_id, name, path, sha256, content FROM forecasts WHERE case_id = ? "
                                 "ORDER BY COALESCE(issued_at, added_at), rowid", (case_id,)).fetchall()
        for row in rows:
            path = forecast_file(dict(row), folder, str(self.path), problems)
            if path is not None:
                out.append((row["name"], path))
        return out

    def forecast_row(self, case_id: str, sha256: str) -> dict | None:
        """One forecast of the case with its kept copy (``content``, or None), for :func:`forecast_file` — which
        touches only files, so it can run away from this connection's thread."""
        row = self.conn.execute("SELECT id, case_id, name, path, sha256, content FROM forecasts "
                                "WHERE case_id = ? AND sha256 = ?", (case_id, sha256)).fetchone()
        return None if row is None else dict(row)

    def add_evaluation(self, case_id: str, *, forecast_sha256: str, scheme_id: str, scheme_version: str,
                       mode: str, edition: str, summary: dict) -> str:
        row_id = new_id()
        with self.transaction() as db:
            self._require(case_id)
            db.execute("INSERT INTO evaluations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (row_id, case_id, forecast_sha256, scheme_id, scheme_version, mode, edition,
                        json.dumps(summary, ensure_ascii=False), iso(now())))
            self._touch(db, case_id)
        return row_id

    def add_consultation(self, case_id: str, decision, *, decided_at: datetime | None = None) -> str:
        """Store a consultation's decision: a dict, or an object with ``to_json()`` (dict or JSON text)."""
        data = decision.to_json() if hasattr(decision, "to_json") else decision
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, default=str)
        json.loads(text)  # must be JSON
        row_id = new_id()
        with self.transaction() as db:
            self._require(case_id)
            same = db.execute("SELECT id FROM consultations WHERE case_id = ? AND data = ?", (case_id, text)).fetchone()
            if same is not None:  # the same decision recorded again (a second letter from it): kept once
                return same[0]
            db.execute("INSERT INTO consultations VALUES (?, ?, ?, ?)",
                       (row_id, case_id, iso(decided_at or getattr(decision, "recorded_at", None) or now()), text))
            self._touch(db, case_id)
        return row_id

    def add_observations(self, case_id: str, observations, *, content: bytes | None = None) -> None:
        """Attach observed data (``app.domain.observations.Observations``), copied in when not too large."""
        stored = content if content is not None and len(content) <= MAX_STORED_BYTES else None
        days = observations.days
        with self.transaction() as db:
            self._require(case_id)
            db.execute("INSERT OR IGNORE INTO observations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (new_id(), case_id, observations.path, observations.sha256, observations.source_kind,
                        f"{days[0]:%Y-%m-%d}" if len(days) else None, f"{days[-1]:%Y-%m-%d}" if len(days) else None,
                        iso(now()), stored))
            self._touch(db, case_id)

    def record_review(self, case_id: str, observations, result: dict) -> str:
        row_id = new_id()
        with self.transaction() as db:
            self._require(case_id)
            days = observations.days
            db.execute("INSERT OR IGNORE INTO observations (id, case_id, path, sha256, kind, start, end, added_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (new_id(), case_id, observations.path, observations.sha256, observations.source_kind,
                        f"{days[0]:%Y-%m-%d}", f"{days[-1]:%Y-%m-%d}", iso(now())))
            db.execute("INSERT INTO reviews VALUES (?, ?, ?, ?, ?)",
                       (row_id, case_id, observations.sha256, iso(now()), json.dumps(result, ensure_ascii=False)))
            self._touch(db, case_id)
        return row_id

    def latest_review(self, case_id: str) -> dict | None:
        row = self.conn.execute("SELECT result FROM reviews WHERE case_id = ? ORDER BY created_at DESC, rowid DESC "
                                "LIMIT 1", (case_id,)).fetchone()
        return None if row is None else json.loads(row["result"])

    # -- letters and the warnings in force ------------------------------------------------------------------

    def issue_letter(self, case_id: str, *, kind: str, issued_at: datetime, changes: Sequence,
                     number: str = "", date: str | None = None, files: Iterable[str | Path] = (),
                     forecast_sha256: str = "") -> str:
        """Record an issued letter (``kind`` start/first | upgrade | downgrade | lift; ``changes``: objects with
        action, region, level, start, end — e.g. :class:`LetterChange` or the letter record's) and apply it to
        the case's warnings in force, in one transaction."""
        located = tuple(LetterFile(str(Path(f).resolve()), file_sha256(Path(f))) for f in files)
        entry = LetterEntry(kind=kind, changes=changes, number=number, date=date, files=located,
                            forecast_sha256=forecast_sha256)
        return self.issue_letters(case_id, [entry], issued_at=issued_at)[0].letter_id

    def issue_letters(self, case_id: str, entries: Sequence[LetterEntry], *, issued_at: datetime) -> list[Recorded]:
        """Record letters issued together (in order: a follow-up acts on what the letters before it put in
        force), each as its own entry, all in one transaction: any failure records none of them. A letter the
        case already has (same digest) is kept as it is (files it was not known to live in are added); another
        letter under a 发文字号 the case already has from the same sender is refused (InputError)."""
        for entry in entries:
            if entry.kind not in LETTER_KINDS:
                raise InputError(Problem("unknown letter type", column="kind", value=entry.kind,
                                         expected="first (start), upgrade, downgrade or lift"))
        issued_at = issued_at if issued_at.tzinfo else issued_at.replace(tzinfo=BEIJING)
        out: list[Recorded] = []
        with self.transaction() as db:
            self._require(case_id)
            for entry in entries:
                same = self._same_letter(db, case_id, entry)
                if same is not None:
                    out.append(self._add_files(db, same, entry))
                    continue
                self._check_number(db, case_id, entry)
                out.append(Recorded(self._insert_letter(db, case_id, entry, issued_at), entry, "recorded"))
            if any(r.status == "recorded" or r.added_files for r in out):
                self._touch(db, case_id)
        return out

    def _insert_letter(self, db: sqlite3.Connection, case_id: str, entry: LetterEntry, issued_at: datetime) -> str:
        change_rows = [{"action": c.action, "region": c.region, "level": c.level, "start": iso(c.start),
                        "end": iso(getattr(c, "end", None))} for c in entry.changes]
        date = entry.date if entry.date and _DATE.fullmatch(entry.date) else f"{issued_at:%Y-%m-%d}"
        letter_id = new_id()
        self._check_row("letters", {
            "id": letter_id, "case_id": case_id, "number": entry.number, "date": date,
            "kind": LETTER_KINDS[entry.kind], "issued_at": iso(issued_at), "changes": json.dumps(change_rows),
            "files": json.dumps([f.row() for f in entry.files]), "forecast_sha256": entry.forecast_sha256,
            "digest": entry.digest, "title": entry.title, "sender": entry.sender, "recipients": entry.recipients})
        db.execute("INSERT INTO letters (id, case_id, number, date, kind, issued_at, changes, files, forecast_sha256, "
                   "digest, title, sender, recipients) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (letter_id, case_id, entry.number, date, LETTER_KINDS[entry.kind], iso(issued_at),
                    json.dumps(change_rows, ensure_ascii=False),
                    json.dumps([f.row() for f in entry.files], ensure_ascii=False), entry.forecast_sha256,
                    entry.digest, entry.title, entry.sender, entry.recipients))
        for change in entry.changes:
            self._apply_change(db, case_id, letter_id, change, issued_at)
            # the letter now says what is in force in this region: a hand entry before it is superseded
            db.execute("DELETE FROM hand_warnings WHERE case_id = ? AND region = ?", (case_id, change.region))
        return letter_id

    def _same_letter(self, db: sqlite3.Connection, case_id: str, entry: LetterEntry) -> sqlite3.Row | None:
        """The case's recording of this letter: the row with its digest, or one recorded before letters kept
        their digest with the same type, number and changes (that row learns the digest and who wrote it)."""
        if not entry.digest:
            return None  # not read from a letter file: nothing tells two such letters apart
        row = db.execute("SELECT * FROM letters WHERE case_id = ? AND digest = ?", (case_id, entry.digest)).fetchone()
        if row is not None:
            return row
        changes = [{"action": c.action, "region": c.region, "level": c.level, "start": iso(c.start),
                    "end": iso(getattr(c, "end", None))} for c in entry.changes]
        for old in db.execute("SELECT * FROM letters WHERE case_id = ? AND digest = '' AND kind = ? AND number = ?",
                              (case_id, LETTER_KINDS[entry.kind], entry.number)):
            if json.loads(old["changes"]) == changes:
                db.execute("UPDATE letters SET digest = ?, title = ?, sender = ?, recipients = ? WHERE id = ?",
                           (entry.digest, entry.title, entry.sender, entry.recipients, old["id"]))
                return db.execute("SELECT * FROM letters WHERE id = ?", (old["id"],)).fetchone()
        return None

    def _add_files(self, db: sqlite3.Connection, row: sqlite3.Row, entry: LetterEntry) -> Recorded:
        files = json.loads(row["files"])
        known = {(f.get("path"), f.get("sha256")) for f in files}
        added = tuple(f for f in entry.files if (f.path, f.sha256) not in known)
        if added:
            db.execute("UPDATE letters SET files = ? WHERE id = ?",
                       (json.dumps(files + [f.row() for f in added], ensure_ascii=False), row["id"]))
        return Recorded(row["id"], entry, "already", added)

    def _check_number(self, db: sqlite3.Connection, case_id: str, entry: LetterEntry) -> None:
        """Each document has its own 发文字号 (GB/T 9704; its 代字 names the office): a second, different letter
        under a number the case has is a mistake (an edited letter exported again under the issued one's
        number), never recorded — as ``app.domain.doc_numbers`` refuses one number twice in a run."""
        if not entry.number.strip():
            return
        row = db.execute("SELECT issued_at FROM letters WHERE case_id = ? AND number = ? ORDER BY rowid LIMIT 1",
                         (case_id, entry.number)).fetchone()
        if row is not None:
            when = row["issued_at"][:16].replace("T", " ")
            raise InputError(Problem(f"the case already has a different letter with this document number "
                                     f"(recorded {when})", column="doc_number", value=entry.number,
                                     expected="each letter its own document number: give the new letter its own, "
                                              "or record the letter exactly as it was issued"))

    def _apply_change(self, db: sqlite3.Connection, case_id: str, letter_id: str, change, issued_at: datetime):
        when = change.start or issued_at
        open_row = db.execute("SELECT * FROM warnings WHERE case_id = ? AND region = ? AND ended_at IS NULL",
                              (case_id, change.region)).fetchone()
        if change.action == "extend" and open_row is not None:  # the same warning, a later expected end
            db.execute("UPDATE warnings SET expected_end = ? WHERE id = ?", (iso(change.end), open_row["id"]))
            return
        if change.action == "extend":
            when = getattr(change, "previous_start", None) or when
        if open_row is not None:
            db.execute("UPDATE warnings SET ended_at = ?, ended_by = ? WHERE id = ?",
                       (iso(max(when, parse_time(open_row["start"]))), letter_id, open_row["id"]))
        if change.action in ("lift", "cancel"):
            return
        expected_end = getattr(change, "end", None)
        if expected_end is None and open_row is not None:
            expected_end = parse_time(open_row["expected_end"])
        db.execute("INSERT INTO warnings (id, case_id, region, level, start, expected_end, letter_id) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (new_id(), case_id, change.region, change.level, iso(when), iso(expected_end), letter_id))

    def record_drafts(self, case_id: str, forecast_sha256: str, issued_at: datetime | None, letters) -> int:
        """Keep the letters a replay's forecast calls for as drafts of the case (kind, region, level, start, end):
        never recorded as sent, never warnings in force. One transaction; a draft the case already has (same
        forecast, kind, region and start) is not added again. Returns how many were added."""
        added = 0
        with self.transaction() as db:
            self._require(case_id)
            for x in letters:
                cursor = db.execute(
                    "INSERT OR IGNORE INTO draft_letters (id, case_id, forecast_sha256, issued_at, kind, region, level, "
                    "start, expected_end, end_at_least, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (new_id(), case_id, forecast_sha256, iso(issued_at), x.kind, x.region, x.level, iso(x.start),
                     iso(x.end), int(bool(x.end_at_least)), iso(now())))
                added += cursor.rowcount
            if added:
                self._touch(db, case_id)
        return added

    def drafts(self, case_id: str) -> list[dict]:
        """The case's draft letters (a replay's), by the forecast's issue time and in the order they were written."""
        return [dict(r) for r in self.conn.execute(
            "SELECT * FROM draft_letters WHERE case_id = ? ORDER BY issued_at, rowid", (case_id,))]

    def warnings_in_force(self, case_id: str | None = None) -> list[WarningInForce]:
        """The warnings in force (of one case, or of every open case), in start order: those the letters put in
        force and did not lift, with the case's hand entries in their place where the officer changed them."""
        return [w for w, _origin in self.in_force_with_origin(case_id)]

    def in_force_with_origin(self, case_id: str | None = None) -> list[tuple[WarningInForce, str]]:
        """(warning, origin) in start order; origin is "letter" (an issued letter put it in force) or "hand"
        (typed or edited in the window's in-force dock while the case was open)."""
        where = "case_id = ?" if case_id else "case_id IN (SELECT id FROM cases WHERE status = 'open')"
        args = (case_id,) if case_id else ()
        found: dict[tuple[str, str], tuple[WarningInForce, str]] = {}
        for r in self.conn.execute(f"SELECT * FROM warnings WHERE ended_at IS NULL AND {where} ORDER BY start, "
                                   "rowid", args):
            found[(r["case_id"], r["region"])] = (WarningInForce(r["region"], r["level"], parse_time(r["start"]),
                                                                 parse_time(r["expected_end"])), "letter")
        for r in self.conn.execute(f"SELECT * FROM hand_warnings WHERE {where}", args):
            key = (r["case_id"], r["region"])
            if r["level"] == "none":
                found.pop(key, None)
            else:
                found[key] = (WarningInForce(r["region"], r["level"], parse_time(r["start"]),
                                             parse_time(r["expected_end"])), "hand")
        return sorted(found.values(), key=lambda item: (item[0].start, item[0].region))

    def letter_warnings_in_force(self, case_id: str) -> list[WarningInForce]:
        """What the case's letters alone put in force (no hand entries)."""
        rows = self.conn.execute("SELECT * FROM warnings WHERE ended_at IS NULL AND case_id = ? ORDER BY start, "
                                 "region", (case_id,)).fetchall()
        return [WarningInForce(r["region"], r["level"], parse_time(r["start"]), parse_time(r["expected_end"]))
                for r in rows]

    def set_hand_warnings(self, case_id: str, in_force: Sequence[WarningInForce]) -> int:
        """Keep the window's warnings in force in the case: each region where the list differs from what the
        letters put in force is stored as a hand entry (a region the letters have but the list lacks as
        "removed by hand"); regions that agree with the letters keep no entry. One transaction; returns how
        many regions are entered by hand."""
        letters = {w.region: w for w in self.letter_warnings_in_force(case_id)}
        wanted = {w.region: w for w in in_force}
        entries = []
        for region in sorted(set(letters) | set(wanted)):
            mine, theirs = wanted.get(region), letters.get(region)
            if mine is None:
                entries.append((region, "none", None, None))
            elif theirs is None or (mine.level, _same(mine.start), _same(mine.end)) != \
                    (theirs.level, _same(theirs.start), _same(theirs.end)):
                entries.append((region, mine.level, iso(mine.start), iso(mine.end)))
        with self.transaction() as db:
            self._require(case_id)
            before = {(r["region"], r["level"], r["start"], r["expected_end"]) for r in db.execute(
                "SELECT region, level, start, expected_end FROM hand_warnings WHERE case_id = ?", (case_id,))}
            if before == set(entries):
                return len(entries)  # nothing changed: no write, the case's time stamp stays
            db.execute("DELETE FROM hand_warnings WHERE case_id = ?", (case_id,))
            stamp = iso(now())
            for region, level, start, end in entries:
                db.execute("INSERT INTO hand_warnings VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (new_id(), case_id, region, level, start, end, stamp))
            self._touch(db, case_id)
        return len(entries)

    def hand_warnings(self, case_id: str) -> list[dict]:
        """The case's hand entries: region, level ("none": removed by hand), start, expected_end, entered_at."""
        return [dict(r) for r in self.conn.execute("SELECT region, level, start, expected_end, entered_at FROM "
                                                   "hand_warnings WHERE case_id = ? ORDER BY region", (case_id,))]

    def letters(self, case_id: str) -> list[dict]:
        rows = self.conn.execute("SELECT * FROM letters WHERE case_id = ? ORDER BY issued_at, rowid", (case_id,))
        return [{**dict(r), "changes": json.loads(r["changes"]), "files": json.loads(r["files"])} for r in rows]

    def issued_warnings(self, case_id: str) -> tuple[list[WarningInForce], dict[int, datetime]]:
        """Each region's warning from its first letter to its lift, at the highest level it reached (one span
        per continuous warning), and the issue time of the letter that started each span — for the review."""
        self._require_sound(case_id)
        rows = self.conn.execute("SELECT w.*, l.issued_at AS letter_time, l.date AS letter_date FROM warnings w "
                                 "JOIN letters l ON "
                                 "l.id = w.letter_id WHERE w.case_id = ? ORDER BY w.region, w.start, w.rowid",
                                 (case_id,)).fetchall()
        spans: list[list] = []  # [region, level, start, end (exclusive) or None, letter time]
        for r in rows:
            start, end = parse_time(r["start"]), parse_time(r["ended_at"])
            last = spans[-1] if spans and spans[-1][0] == r["region"] else None
            if last is not None and last[3] is not None and start <= last[3]:
                if LEVEL_RANK.get(r["level"], 0) > LEVEL_RANK.get(last[1], 0):
                    last[1] = r["level"]
                last[3] = end
                last[5] = parse_time(r["expected_end"])
                continue
            spans.append([r["region"], r["level"], start, end, letter_time(r["letter_time"], r["letter_date"]),
                          parse_time(r["expected_end"])])
        spans = [s for s in spans if s[3] is None or s[3] > s[2]]  # lifted before it began: never in effect
        spans.sort(key=lambda s: (s[2], s[0]))
        warnings = [WarningInForce(s[0], s[1], s[2], (s[3] - timedelta(hours=1)) if s[3] is not None else s[5])
                    for s in spans]
        return warnings, {i: s[4] for i, s in enumerate(spans)}

    def warning_periods(self, case_id: str) -> list[WarningInForce]:
        """Every period at one level, as the letters set them (an upgrade ends one and starts the next); the end
        is the last hour in force, None while still in force."""
        self._require_sound(case_id)
        rows = self.conn.execute("SELECT * FROM warnings WHERE case_id = ? ORDER BY start, region, rowid",
                                 (case_id,)).fetchall()
        out = []
        for r in rows:
            start, ended = parse_time(r["start"]), parse_time(r["ended_at"])
            if ended is not None and ended <= start:
                continue  # replaced or lifted before it began
            out.append(WarningInForce(r["region"], r["level"], start,
                                      None if ended is None else ended - timedelta(hours=1)))
        return out

    # -- city notices (启动预警情况通报) ------------------------------------------------------------------------

    def add_city_notice(self, case_id: str, city: str, time: datetime, level: str, note: str = "") -> None:
        with self.transaction() as db:
            self._require(case_id)
            db.execute("INSERT INTO city_notices VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, city, time) "
                       "DO UPDATE SET level = excluded.level, note = excluded.note",
                       (new_id(), case_id, city, iso(time), level, note))
            self._touch(db, case_id)

    def city_notices(self, case_id: str) -> list[dict]:
        return [dict(r) for r in self.conn.execute("SELECT id, city, time, level, note FROM city_notices WHERE "
                                                   "case_id = ? ORDER BY time, city", (case_id,))]

    def update_city_notice(self, case_id: str, notice_id: str, city: str, time: datetime, level: str,
                           note: str = "") -> None:
        """Correct one notice; another notice of the same city at the same time is refused (named)."""
        with self.transaction() as db:
            self._require(case_id)
            clash = db.execute("SELECT id FROM city_notices WHERE case_id = ? AND city = ? AND time = ? AND id != ?",
                               (case_id, city, iso(time), notice_id)).fetchone()
            if clash is not None:
                raise InputError(Problem("the case already has a notice of this city at this time",
                                         value=f"{city} {iso(time)}", expected="another time, or edit that notice"))
            changed = db.execute("UPDATE city_notices SET city = ?, time = ?, level = ?, note = ? WHERE id = ? AND "
                                 "case_id = ?", (city, iso(time), level, note, notice_id, case_id)).rowcount
            if not changed:
                raise InputError(Problem("no such city notice in the case", value=notice_id))
            self._touch(db, case_id)

    def delete_city_notice(self, case_id: str, notice_id: str) -> None:
        with self.transaction() as db:
            self._require(case_id)
            db.execute("DELETE FROM city_notices WHERE id = ? AND case_id = ?", (notice_id, case_id))
            self._touch(db, case_id)

    # -- the officer's sections of the review report -------------------------------------------------------

    def set_report_text(self, case_id: str, section: str, text: str) -> None:
        if section not in REPORT_SECTIONS:
            raise ValueError(f"unknown report section {section!r}")
        with self.transaction() as db:
            self._require(case_id)
            db.execute("INSERT INTO report_sections VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, section) DO "
                       "UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                       (new_id(), case_id, section, text, iso(now())))

    def report_texts(self, case_id: str) -> dict[str, str]:
        return {r["section"]: r["text"] for r in self.conn.execute(
            "SELECT section, text FROM report_sections WHERE case_id = ?", (case_id,))}


def _same(t: datetime | None) -> str | None:
    """A time as compared between the window's list and the letters (Beijing, to the minute)."""
    return None if t is None else iso(t)[:16]


def forecast_file(row: dict, folder: Path, library_file: str = "", problems: list | None = None) -> Path | None:
    """The file of one forecast row (id, case_id, name, path, sha256, content): the original when it is still there
    unchanged, else the kept copy written to ``folder`` (atomically, named by its sha256, never outside
    ``folder``), else None. A row whose sha256 or path is not sound is None too, and named in ``problems``.
    Files only, no database: safe in a worker thread."""
    from app.atomic import write_bytes_atomic
    from app.cases.validate import row_problems

    bad = row_problems("forecasts", {k: row[k] for k in ("id", "case_id", "path", "sha256")}, file=library_file)
    if bad:
        if problems is not None:
            problems.extend(bad)
        return None
    original = Path(row["path"]) if row["path"] else None
    if original is not None and untrusted.is_regular_file(original):
        try:
            if file_sha256(original) == row["sha256"]:
                return original
        except InputError:
            pass
    if row["content"] is None:
        return None
    suffix = untrusted.suffix_of(row["path"]) or ".csv"
    try:
        target = untrusted.inside(folder, f"{row['sha256'][:16]}{suffix}", field="forecasts.sha256", file=library_file)
    except InputError as exc:  # a link planted in the folder: not followed, not replaced
        if problems is not None:
            problems.append(exc.problem)
        return None
    if not untrusted.is_regular_file(target) or file_sha256(target) != row["sha256"]:
        Path(folder).mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(target, row["content"])
    return target


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise InputError(Problem(f"cannot read the letter file: {exc.strerror or exc}", file=str(path),
                                 expected="the exported letter (.docx/.pdf)")) from exc
    return digest.hexdigest()


def letter_time(recorded: str | None, dated: str | None) -> datetime | None:
    """When a letter went out, for its lead time: the time it was recorded as issued when that falls on its
    成文日期, else its 成文日期's start (recorded before the letter's date) or end (recorded later: the letter may
    have gone out at any hour of its day, and a lead time is never overstated). A letter recorded two weeks before
    its date had its lead time measured from the recording (345 h)."""
    issued = parse_time(recorded)
    if not dated or not _DATE.fullmatch(dated):
        return issued
    day = datetime.fromisoformat(dated).replace(tzinfo=BEIJING)
    if issued is None:
        return day
    issued_local = issued.astimezone(BEIJING)
    if issued_local < day:
        return day
    if issued_local >= day + timedelta(days=1):
        return day + timedelta(days=1)
    return issued
