"""Reopen a recorded 会商 decision: load its sources again from the files it names and rebuild the very consensus
that was adopted (same method, k and chosen sources), so that closing and reopening the window — the autosave, a
session file — shows the consensus again instead of losing it.

Only the very same data can give the same consensus: every source's file must still be there with the sha256
recorded; otherwise nothing is rebuilt and the sources that are missing or changed are named (the decision itself
stays in the case library and in the minutes). The same holds for the observed files the consultation was judged
with (spec §7, the record's ``observed``): each must be there with its recorded sha256, and they are spliced again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.consultation.compare import Comparison, compare_evaluations, evaluate_sources
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
    observed_missing: list[str] = field(default_factory=list)  # recorded observed files (paths) not there
    observed_changed: list[str] = field(default_factory=list)  # recorded observed files whose content differs
    observed: object | None = None  # the observations read again (an ObservedSeries), when the record has some

    @property
    def complete(self) -> bool:
        return self.consensus is not None

    def problem(self):
        """Why the consensus could not be rebuilt, as a Problem (file, what, expected), or None when it was."""
        from app.errors import Problem

        if self.complete:
            return None
        if self.missing or self.changed:
            return Problem("the consultation's source files are missing or changed", column="sources",
                           value="、".join([*self.missing, *self.changed]),
                           expected="the very files the consultation was made from")
        paths = [*self.observed_missing, *self.observed_changed]
        what = ("the observed file the consultation was judged with is not there" if self.observed_missing
                else "the observed file the consultation was judged with has changed since (sha256)")
        return Problem(what, file=paths[0] if paths else None, column="observed",
                       value="、".join(Path(p).name for p in paths),
                       expected="the very observed files the consultation was judged with")


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
           mode: str | None = None, edition: str = "auto", load: Callable | None = None,
           boundaries=None) -> Reopened:
    """Rebuild the adopted consensus from the record's source files and observed files (InputError when a file
    cannot be read); ``boundaries``: where station files place their stations (default: the bundled units)."""
    if not isinstance(record, ConsultationRecord):
        record = ConsultationRecord.from_json(record)
    result = Reopened(record)
    result.missing, result.changed = sources_state(record)
    if result.missing or result.changed:
        return result
    observed = None
    if record.observed_paths:
        result.observed_missing = [p for p in record.observed_paths if not Path(p).exists()]
        if result.observed_missing:
            return result
        from app.importing.observed import load_observed_series

        observed = load_observed_series(record.observed_paths, scheme=scheme, boundaries=boundaries)
        recorded = [str(f.get("sha256", "")) for f in record.observed["files"]]
        result.observed_changed = [f.path for f, sha in zip(observed.files, recorded) if f.sha256 != sha]
        if result.observed_changed:
            return result
        result.observed = observed
    if load is None:
        from app.importing import load_forecast as load
    sources = [Source(source.name, load(source.path)) for source in record.sources]
    evaluations = evaluate_sources(sources, scheme, neighbours, mode=mode or record.mode, edition=edition,
                                   observed=observed, daily_calendar=True)
    result.comparison = compare_evaluations(sources, evaluations, scheme, neighbours, edition, observed=observed)
    method, k, chosen = method_of(record)
    result.consensus = build_consensus(result.comparison, method, k=k, chosen=chosen, decided_at=record.recorded_at)
    return result
