"""The case library's SQLite schema and its migrations.

The schema version is SQLite's ``PRAGMA user_version``. :data:`MIGRATIONS` lists the scripts that bring a
database from version *i* to *i + 1*; opening a database runs the missing ones, each in its own transaction, so a
database is always at one version or the next, never half-way. A database newer than this program is refused (an
older HazeDesk must not write into a newer office's library).

Every row has a text ``id`` (a random UUID given where the row is created), so a case exported from one office
and imported in another keeps its identity and importing it again changes nothing.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[str, ...] = (
    # 0 → 1: the first library
    """
    CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE forecasts (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        path TEXT NOT NULL DEFAULT '',
        sha256 TEXT NOT NULL,
        issued_at TEXT,
        added_at TEXT NOT NULL,
        content BLOB,
        UNIQUE (case_id, sha256)
    );
    CREATE TABLE evaluations (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        forecast_sha256 TEXT NOT NULL,
        scheme_id TEXT NOT NULL,
        scheme_version TEXT NOT NULL,
        mode TEXT NOT NULL,
        edition TEXT NOT NULL,
        summary TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE consultations (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        decided_at TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE letters (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        number TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('first', 'upgrade', 'downgrade', 'lift')),
        issued_at TEXT NOT NULL,
        changes TEXT NOT NULL,
        files TEXT NOT NULL DEFAULT '[]',
        forecast_sha256 TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE warnings (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        region TEXT NOT NULL,
        level TEXT NOT NULL,
        start TEXT NOT NULL,
        expected_end TEXT,
        ended_at TEXT,
        letter_id TEXT NOT NULL REFERENCES letters(id),
        ended_by TEXT REFERENCES letters(id)
    );
    CREATE INDEX warnings_open ON warnings (case_id, ended_at);
    CREATE TABLE city_notices (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        city TEXT NOT NULL,
        time TEXT NOT NULL,
        level TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        UNIQUE (case_id, city, time)
    );
    CREATE TABLE observations (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        kind TEXT NOT NULL,
        start TEXT,
        end TEXT,
        added_at TEXT NOT NULL,
        content BLOB,
        UNIQUE (case_id, sha256)
    );
    CREATE TABLE reviews (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        observed_sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL,
        result TEXT NOT NULL
    );
    CREATE TABLE report_sections (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        section TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (case_id, section)
    );
    """,
    # 1 → 2: warnings in force entered by hand in the window while a case is open (no letter behind them), one
    # row per region that differs from what the letters put in force; level 'none' = removed by hand
    """
    CREATE TABLE hand_warnings (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        region TEXT NOT NULL,
        level TEXT NOT NULL,
        start TEXT,
        expected_end TEXT,
        entered_at TEXT NOT NULL,
        UNIQUE (case_id, region)
    );
    """,
    # 2 → 3: a letter knows who wrote it to whom (signer, 主送), its title, and its record's digest — the same
    # letter read from any file (a combined file's part, its own file, the briefing pack) has the same digest,
    # so it is recorded once. The files it lives in (with its part of the file and pages) stay in ``files``.
    """
    ALTER TABLE letters ADD COLUMN digest TEXT NOT NULL DEFAULT '';
    ALTER TABLE letters ADD COLUMN title TEXT NOT NULL DEFAULT '';
    ALTER TABLE letters ADD COLUMN sender TEXT NOT NULL DEFAULT '';
    ALTER TABLE letters ADD COLUMN recipients TEXT NOT NULL DEFAULT '';
    CREATE UNIQUE INDEX letters_digest ON letters (case_id, digest) WHERE digest != '';
    """,
    # 3 → 4: the response half of the cycle (issue 23). Each warned city's daily report (重污染天气应对情况) as
    # imported from its form — every import kept (a corrected form is a new row; the latest per city and day
    # is the report, the others its history); the problem leads (问题线索) and each step of their closed loop as
    # its own record with the side that wrote it (a step back is a new record with its reason); the 调度日报
    # written for a day.
    """
    CREATE TABLE city_reports (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        city TEXT NOT NULL,
        day TEXT NOT NULL,
        form_version TEXT NOT NULL,
        fields TEXT NOT NULL,
        reporter TEXT NOT NULL DEFAULT '',
        file_name TEXT NOT NULL DEFAULT '',
        sha256 TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        UNIQUE (case_id, city, day, sha256)
    );
    CREATE INDEX city_reports_day ON city_reports (case_id, day, city);
    CREATE TABLE leads (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        number TEXT NOT NULL,
        source TEXT NOT NULL,
        origin TEXT NOT NULL,
        unit TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        lon REAL,
        lat REAL,
        description TEXT NOT NULL,
        found_by TEXT NOT NULL,
        pushed_to TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE lead_steps (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        lead_id TEXT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        step TEXT NOT NULL CHECK (step IN ('found', 'handed_over', 'handling', 'rectified', 'closed')),
        at TEXT NOT NULL,
        by_name TEXT NOT NULL,
        side TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL
    );
    CREATE INDEX lead_steps_lead ON lead_steps (lead_id, at);
    CREATE TABLE dispatches (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        written_at TEXT NOT NULL,
        files TEXT NOT NULL DEFAULT '[]'
    );
    """,
    # 4 → 5: spec §7's follow-up letters — extend (延长), revise (调整, an amended start letter) and cancel (取消, a
    # pending warning's lift) — are letters of a case like the others. SQLite cannot widen a CHECK: the letters
    # table is rebuilt with the same columns and rows (migrate() turns foreign keys off around it, so the
    # warnings that point at letters keep pointing at them).
    """
    CREATE TABLE letters_v5 (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        number TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('first', 'upgrade', 'downgrade', 'lift', 'extend', 'revise', 'cancel')),
        issued_at TEXT NOT NULL,
        changes TEXT NOT NULL,
        files TEXT NOT NULL DEFAULT '[]',
        forecast_sha256 TEXT NOT NULL DEFAULT '',
        digest TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        sender TEXT NOT NULL DEFAULT '',
        recipients TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO letters_v5 (id, case_id, number, date, kind, issued_at, changes, files, forecast_sha256, digest,
                            title, sender, recipients)
        SELECT id, case_id, number, date, kind, issued_at, changes, files, forecast_sha256, digest, title, sender,
               recipients FROM letters;
    DROP TABLE letters;
    ALTER TABLE letters_v5 RENAME TO letters;
    CREATE UNIQUE INDEX letters_digest ON letters (case_id, digest) WHERE digest != '';
    """,
    # 5 → 6: the letters a replay of the winter's forecasts calls for (hazedesk replay --case), kept as drafts:
    # what the rules would have sent, day by day — never letters sent, never warnings in force
    """
    CREATE TABLE draft_letters (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        forecast_sha256 TEXT NOT NULL DEFAULT '',
        issued_at TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('start', 'upgrade', 'downgrade', 'lift', 'extend', 'revise', 'cancel')),
        region TEXT NOT NULL,
        level TEXT NOT NULL,
        start TEXT,
        expected_end TEXT,
        end_at_least INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        UNIQUE (case_id, forecast_sha256, kind, region, start)
    );
    """,
)

VERSION = len(MIGRATIONS)
TABLES = ("cases", "forecasts", "evaluations", "consultations", "letters", "warnings", "city_notices",
          "observations", "reviews", "report_sections", "hand_warnings", "city_reports", "leads", "lead_steps",
          "dispatches", "draft_letters")


def version_of(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to :data:`VERSION`; returns the version it had. Raises ``RuntimeError`` when the
    database is newer than this program."""
    found = version_of(conn)
    if found > VERSION:
        raise RuntimeError(f"case library version {found} is newer than this HazeDesk ({VERSION})")
    if found == VERSION:
        return found
    # a migration may rebuild a table others point at (4 → 5): foreign keys off around the migrations (a PRAGMA
    # that cannot change inside a transaction), checked before each commit, restored after
    keys_on = bool(conn.execute("PRAGMA foreign_keys").fetchone()[0])
    conn.execute("PRAGMA foreign_keys=OFF")
    try:
        for target in range(found, VERSION):
            # executescript commits first; the script runs inside an explicit transaction with the version bump
            conn.executescript("BEGIN IMMEDIATE;\n" + MIGRATIONS[target] +
                               f"\nPRAGMA user_version = {target + 1};\n")
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                conn.execute("ROLLBACK")
                raise RuntimeError(f"case library migration {target} → {target + 1} left {len(broken)} broken "
                                   "references; the library is unchanged")
            conn.execute("COMMIT")
    finally:
        if keys_on:
            conn.execute("PRAGMA foreign_keys=ON")
    return found
