"""Take the warnings in force from an issued proposal letter (.docx or .pdf exported by HazeDesk).

Issue 6: the in-force panel lists warnings "entered by the officer once approved, or taken from an issued
proposal". A letter exported by HazeDesk carries a record of what it proposes (``proposal_record``); this module
reads it back and works out what it does to the current list of warnings in force:

- a start letter puts each of its regions' warnings in force (region, level, start, expected end); a region
  that already has a warning gets the letter's instead. Two episodes of one region in one letter: the earlier
  one is in force (the list holds one warning per region, as the dock does).
- an upgrade / downgrade letter changes the region's level from the letter's time on (start = that time, or the
  old start when the letter says "immediately"); the expected end is kept. A region not in the list gets the
  warning the letter describes.
- a lift letter removes the region's warning.

:func:`read_issued_letter` gives the letter with its changes (:func:`read_issued_letters`: every letter of a
file holding several, in order; :func:`apply_letters` applies them in that order), :func:`plan_in_force` what each change does to a
list (for the dock to show before applying), :func:`apply_letter` the new list. :func:`read_issued_proposal` is the
short form: the warnings the letter itself puts in force (a lift letter: none).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from app.domain.recommend import WarningInForce
from app.domain.scheme import Scheme, load_scheme
from app.errors import InputError, Problem
from app.export.proposal_record import EXPECTED, IssuedLetter, LetterChange, parse_record, parse_records
from app.export.record_files import docx_record_text, pdf_record_text

READERS = {".docx": docx_record_text, ".pdf": pdf_record_text}


@dataclass(frozen=True)
class PlannedChange:
    """What one change of a letter does to the list: add | replace | level | remove | absent (a lift of a region
    that has no warning in the list: nothing to do)."""

    what: str
    change: LetterChange
    before: WarningInForce | None
    after: WarningInForce | None


def _record_text(path: str) -> str:
    reader = READERS.get(Path(path).suffix.lower())
    if reader is None:
        raise InputError(Problem("not a proposal letter file", file=path, value=Path(path).suffix or "(no suffix)",
                                 expected=EXPECTED))
    return reader(path)


def read_issued_letter(path: str | Path, scheme: Scheme | None = None) -> IssuedLetter:
    """The one letter of a file (InputError for a file holding several)."""
    path = str(path)
    return parse_record(_record_text(path), path, scheme or load_scheme())


def read_issued_letters(path: str | Path, scheme: Scheme | None = None) -> list[IssuedLetter]:
    """Every letter of a file, in the order they stand in it (one for a single letter)."""
    path = str(path)
    return parse_records(_record_text(path), path, scheme or load_scheme())


def plan_in_force(current: list[WarningInForce], letter: IssuedLetter) -> list[PlannedChange]:
    plan: list[PlannedChange] = []
    warnings = {w.region: w for w in current}
    for change in _one_per_region(letter.changes):
        before = warnings.get(change.region)
        if change.action == "lift":
            after = None
            what = "remove" if before is not None else "absent"
        elif change.action == "start":
            after = WarningInForce(change.region, change.level, change.start, change.end)
            what = "replace" if before is not None else "add"
        else:
            start = change.start or (before.start if before is not None else change.previous_start)
            if start is None:
                raise InputError(Problem("the letter says neither when the new level applies nor when the warning "
                                         "started", file=letter.file, column="start", expected="a start time"))
            after = (replace(before, level=change.level, start=start) if before is not None
                     else WarningInForce(change.region, change.level, start, None))
            what = "level" if before is not None else "add"
        if before is not None and after is not None and _same(before, after):
            continue  # already in the list as the letter has it
        plan.append(PlannedChange(what, change, before, after))
        if after is None:
            warnings.pop(change.region, None)
        else:
            warnings[change.region] = after
    return plan


def apply_letter(current: list[WarningInForce], letter: IssuedLetter) -> list[WarningInForce]:
    """The list after the letter: order kept, changed warnings in place, new ones at the end."""
    result = list(current)
    for step in plan_in_force(current, letter):
        index = next((i for i, w in enumerate(result) if w.region == step.change.region), None)
        if step.after is None:
            if index is not None:
                del result[index]
        elif index is None:
            result.append(step.after)
        else:
            result[index] = step.after
    return result


def apply_letters(current: list[WarningInForce], letters: list[IssuedLetter]) -> list[WarningInForce]:
    """The list after each letter in turn (a follow-up acts on what the letters before it put in force)."""
    for letter in letters:
        current = apply_letter(current, letter)
    return current


def plan_letters(current: list[WarningInForce],
                 letters: list[IssuedLetter]) -> list[tuple[IssuedLetter, list[PlannedChange]]]:
    """What each letter does, in order, each planned on the list the letters before it leave."""
    plans = []
    for letter in letters:
        plans.append((letter, plan_in_force(current, letter)))
        current = apply_letter(current, letter)
    return plans


def read_issued_proposal(path: str | Path, scheme: Scheme | None = None) -> list[WarningInForce]:
    """The warnings the letter(s) at ``path`` put in force by themselves (a lift letter: [])."""
    return apply_letters([], read_issued_letters(path, scheme))


def _one_per_region(changes: tuple[LetterChange, ...]) -> list[LetterChange]:
    chosen: dict[str, LetterChange] = {}
    for change in changes:
        kept = chosen.get(change.region)
        if kept is None or (change.start is not None and kept.start is not None and change.start < kept.start):
            chosen[change.region] = change
    return list(chosen.values())


def _same(a: WarningInForce, b: WarningInForce) -> bool:
    def stamp(t):
        return None if t is None else pd.Timestamp(t)
    return (a.region, a.level, stamp(a.start), stamp(a.end)) == (b.region, b.level, stamp(b.start), stamp(b.end))
