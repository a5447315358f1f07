"""What the desk's own exports (small multiples, the city × day workbook) say about their forecast, and their
entry in the audit log — the same log every other export writes (app/export/audit.py)."""

from __future__ import annotations

from pathlib import Path

from app.domain.letter_wording import fmt_hour, letter_source
from app.domain.proposal import DEFAULT_SOURCE, edit_texts
from app.domain.scheme import BEIJING


def forecast_source(state) -> str:
    """The producer as exported maps and letters name it (an institution, never a file name)."""
    forecast = state.original_forecast or state.forecast
    return letter_source(None, forecast.meta.label if forecast is not None else "", DEFAULT_SOURCE)


def issued_text(state, english: bool) -> str:
    issued = state.evaluation.issued_at if state.evaluation is not None else None
    if issued is None:
        return "unknown" if english else "未知"
    return issued.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M") if english else fmt_hour(issued)


def audit_export(state, kind: str, out: str | Path, details: dict | None = None) -> dict:
    """Record one written export with the forecast it came from and the what-if edits in force."""
    from app.export.audit import record_export

    forecast, scheme = state.original_forecast, state.scheme
    return record_export(kind, [out], scheme_id=scheme.id, scheme_version=scheme.version,
                         forecast_sha256=forecast.meta.sha256 if forecast is not None else "",
                         forecast_path=forecast.meta.source_path if forecast is not None else "",
                         edits=edit_texts(state.edits), details=details)
