"""Reopen a recorded 会商 decision: load its sources again from the files it names and rebuild the very consensus
that was adopted (same method, k and chosen sources), so that closing and reopening the window — the autosave, a
session file — shows the consensus again instead of losing it.

Only the very same data can give the same consensus: every source's file must still be there with the sha256
recorded; otherwise nothing is rebuilt and the sources that are missing or changed are named (the decision itself
stays in the case library and in the minutes).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from app.consultation.compare import Comparison, compare_evaluations
from app.consultation.consensus import Consensus, build_consensus
from app.consultation.record import ConsultationRecord
from app.consultation.sources import Source
from app.domain.scheme import Scheme


@dataclass
class Reopened:
    record: ConsultationRecord
    comparison: Comparison | None = None
    consensus: Consensus | None = None
    missing: list[str] = field(default_factory=list)  # source names whose file is gone
    changed: list[str] = field(default_factory=list)  # source names whose file's content differs from the record

    @property
    def complete(self) -> bool:
        return self.consensus is not None


def sources_state(record: ConsultationRecord) -> tuple[list[str], list[str]]:
    """(missing, changed): the sources whose recorded file is not there, or not the same any more (sha256)."""
    from app.domain.session import consultation_files

    return consultation_files(record.to_json())


def method_of(record: ConsultationRecord) -> tuple[str, int | None, dict[str, str]]:
    """(method, k, chosen) as build_consensus takes them, from the recorded consensus."""
    consensus = record.consensus
    method = str(consensus.get("method", "median"))
    chosen = {str(r): str(s) for r, s in (consensus.get("chosen") or {}).items()}
    if method.startswith("source"):
        if not chosen and ":" in method:  # "source:NAME" without the per-region list: every region
            name = method.split(":", 1)[1]
            chosen = {region: name for region in record.regions}
        method = "source"
    k = consensus.get("k")
    return method, (int(k) if k else None), chosen


def reopen(record: ConsultationRecord | dict | str, scheme: Scheme, neighbours: Mapping[str, set[str]], *,
           mode: str | None = None, edition: str = "auto", load: Callable | None = None) -> Reopened:
    """Rebuild the adopted consensus from the record's source files (InputError when a file cannot be read)."""
    from app.domain.engine import evaluate

    if not isinstance(record, ConsultationRecord):
        record = ConsultationRecord.from_json(record)
    result = Reopened(record)
    result.missing, result.changed = sources_state(record)
    if result.missing or result.changed:
        return result
    if load is None:
        from app.importing import load_forecast as load
    sources, evaluations = [], []
    for source in record.sources:
        forecast = load(source.path)
        daily_mode = "calendar" if forecast.is_daily else (mode or record.mode)
        sources.append(Source(source.name, forecast))
        evaluations.append(evaluate(forecast, scheme, neighbours, mode=daily_mode, edition=edition))
    result.comparison = compare_evaluations(sources, evaluations, scheme, neighbours, edition)
    method, k, chosen = method_of(record)
    result.consensus = build_consensus(result.comparison, method, k=k, chosen=chosen, decided_at=record.recorded_at)
    return result
