"""Record issued HazeDesk letters (.docx/.pdf with their machine record) in the case library: each letter, the
files it lives in with their sha256, and the warnings in force that follow from it.

A file may hold several letters (``hazedesk proposal`` without ``--split``, or the briefing pack): each is its
own entry in the case, with its part of the file (and its pages, in a PDF). The files given may be the Word and
PDF copies of the same letters, or the files of one split run: a letter is told by its record's digest, so the
same letter in several files is one entry listing all of them, and letters are recorded in the order they are
first met.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.cases.library import CaseLibrary, LetterEntry, LetterFile, Recorded, file_sha256, now
from app.domain.scheme import Scheme, load_scheme
from app.export.proposal_readback import read_issued_letters


def letter_entries(files: list[str | Path], scheme: Scheme | None = None) -> list[LetterEntry]:
    """Every letter the files hold, once each, in the order first met, with where it lives (InputError for a
    file that is not a HazeDesk letter: nothing is recorded then)."""
    scheme = scheme or load_scheme()
    found: dict[str, tuple] = {}  # digest → (the letter, where it lives)
    for name in files:
        path = Path(name)
        sha = file_sha256(path)
        for letter in read_issued_letters(path, scheme):
            place = LetterFile(str(path.resolve()), sha, letter.part, letter.parts, letter.pages)
            _letter, places = found.setdefault(letter.digest, (letter, []))
            if place not in places:  # the same file given twice
                places.append(place)
    return [LetterEntry(kind=letter.kind, changes=letter.changes, number=letter.doc_number,
                        date=letter.date or None, files=tuple(places), forecast_sha256=letter.forecast_sha256,
                        digest=letter.digest, title=letter.title, sender=letter.sender, recipients=letter.recipients)
            for letter, places in found.values()]


def record_letters(library: CaseLibrary, case_id: str, files: list[str | Path], *, scheme: Scheme | None = None,
                   issued_at: datetime | None = None) -> list[Recorded]:
    """Record every letter of the files (one transaction: all of them or none); ``issued_at`` defaults to now
    (the moment the officer records the issue). A letter the case already has is not recorded again."""
    entries = letter_entries(files, scheme)
    return library.issue_letters(case_id, entries, issued_at=issued_at or now())


def export_case_file(library: CaseLibrary, case_id: str, path: str | Path) -> Path:
    """Write one case as a .hzcase file (atomically, or in place for a device or pipe) and audit it like every
    other export."""
    from app.cases.exchange import export_case
    from app.export.audit import record_export

    out = export_case(library, case_id, path)
    record_export("case-export", [out], details={"case": case_id, "library": str(library.path)})
    return out


def export_library_file(library: CaseLibrary, path: str | Path) -> Path:
    """Write the whole library (every case) as one .hzcase file for the yearly handover, audited."""
    from app.cases.handover import export_library
    from app.export.audit import record_export

    out = export_library(library, path)
    record_export("library-export", [out], details={"library": str(library.path),
                                                    "cases": library.conn.execute("SELECT COUNT(*) FROM cases")
                                                    .fetchone()[0]})
    return out
