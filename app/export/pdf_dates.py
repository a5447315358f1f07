"""The date a PDF carries in its properties. ReportLab's invariant mode (same input, same bytes) stamps every
file 2000-01-01 00:00 UTC; a document that is dated — the minutes of a consultation — should show its own date
in the reader's Properties. The stamp is replaced by one of the same length, so the file's offsets stay valid
and the output stays reproducible.
"""

from __future__ import annotations

from datetime import datetime

from app.domain.scheme import BEIJING

INVARIANT_STAMP = b"D:20000101000000+00'00'"  # reportlab.lib.utils.TimeStamp with invariant=True


def pdf_date(when: datetime) -> bytes:
    """``D:YYYYMMDDHHMMSS+08'00'``: Beijing time, as PDF dates are written (a naive time is Beijing time)."""
    local = when.replace(tzinfo=BEIJING) if when.tzinfo is None else when.astimezone(BEIJING)
    return f"D:{local:%Y%m%d%H%M%S}+08'00'".encode("ascii")


def dated(data: bytes, when: datetime | None) -> bytes:
    """The PDF ``data`` with its creation and modification dates set to ``when`` (unchanged when None)."""
    if when is None:
        return data
    stamp = pdf_date(when)
    assert len(stamp) == len(INVARIANT_STAMP)
    return data.replace(INVARIANT_STAMP, stamp)
