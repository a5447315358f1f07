"""Write a proposal letter as .docx and/or .pdf and record it in the audit log."""

from __future__ import annotations

from pathlib import Path

from app.domain.forecast import ForecastMeta
from app.domain.proposal import Proposal
from app.domain.scheme import Scheme
from app.errors import InputError, Problem
from app.export.audit import record_export
from app.export.proposal_docx import write_docx
from app.export.proposal_pdf import write_pdf


def export_proposal(proposal: Proposal, *, docx: str | Path | None = None, pdf: str | Path | None = None,
                    scheme: Scheme, meta: ForecastMeta, word_fonts: str = "auto") -> list[Path]:
    """Write the letter to the given paths (each atomically) and append one audit entry for them."""
    if docx is None and pdf is None:
        raise InputError(Problem("no output given", column="--docx/--pdf", expected="a .docx and/or a .pdf path"))
    for path, suffix, option in ((docx, ".docx", "--docx"), (pdf, ".pdf", "--pdf")):
        if path is not None and Path(path).suffix.lower() != suffix:
            raise InputError(Problem("wrong file type", file=str(path), column=option, expected=f"a {suffix} file"))
    written = []
    if docx is not None:
        written.append(write_docx(proposal, docx, word_fonts=word_fonts))
    if pdf is not None:
        written.append(write_pdf(proposal, pdf))
    record_export(f"proposal-{proposal.kind}", written, scheme_id=scheme.id, scheme_version=scheme.version,
                  forecast_sha256=meta.sha256, forecast_path=meta.source_path, edits=proposal.edits,
                  details={"title": proposal.title, "level": proposal.level,
                           "episodes": [e.number for e in proposal.episodes], "doc_number": proposal.doc_number})
    return written
