"""Record an issued HazeDesk letter (.docx/.pdf with its machine record) in the case library: the letter, its
files' sha256 and the warnings in force that follow from it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.cases.library import CaseLibrary, now
from app.domain.scheme import Scheme
from app.export.proposal_readback import read_issued_letter


def record_letter(library: CaseLibrary, case_id: str, files: list[str | Path], *, scheme: Scheme | None = None,
                  issued_at: datetime | None = None) -> str:
    """Read the letter's record from its first file and record it with every file given (docx and pdf of one
    letter); ``issued_at`` defaults to now (the moment the officer records the issue)."""
    letter = read_issued_letter(files[0], scheme)
    return library.issue_letter(case_id, kind=letter.kind, issued_at=issued_at or now(), changes=letter.changes,
                                number=letter.doc_number, files=files, forecast_sha256=letter.forecast_sha256)


def export_case_file(library: CaseLibrary, case_id: str, path: str | Path) -> Path:
    """Write one case as a .hzcase file (atomically, or in place for a device or pipe) and audit it like every
    other export."""
    from app.cases.exchange import export_case
    from app.export.audit import record_export

    out = export_case(library, case_id, path)
    record_export("case-export", [out], details={"case": case_id, "library": str(library.path)})
    return out
