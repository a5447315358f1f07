"""Take the warnings in force from an issued proposal letter (.docx or .pdf exported by HazeDesk).

Issue 6: the in-force panel lists warnings "entered by the officer once approved, or taken from an issued
proposal". A letter exported by HazeDesk carries a record of what it proposes (``proposal_record``); this module
reads it back and works out what it does to the current list of warnings in force:

- a start letter puts each of its regions' warnings in force (region, level, start, expected end); a region
  that already has a warning gets the letter's instead. Two episodes of one region in one letter: the earlier
  one is in force (the list holds one warning per region, as the dock does).
- an upgrade / downgrade letter changes the region's level from the letter's time on (start = that time, or the
  old start when the letter says "immediately") and sets the expected end. A region not in the list gets the
  warning the letter describes.
- revise replaces level, start and end; extend sets the end;
- lift and cancel set the expected end to the hour before they take effect: the warning stays listed until the
  next forecast's advice says it has ended (spec §7, "successive forecasts").

:func:`read_issued_letter` gives the letter with its changes (:func:`read_issued_letters`: every letter of a
file holding several, in order; :func:`apply_letters` applies them in that order), :func:`plan_in_force` what each change does to a
list (for the dock to show before applying), :func:`apply_letter` the new list. :func:`read_issued_proposal` is the
short form: the warnings the letter itself puts in force (a lift letter: none).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import pandas as pd

from app.domain.recommend import WarningInForce, level_at
from app.domain.scheme import Scheme, load_scheme
from app.errors import InputError, Problem
from app.export.proposal_record import EXPECTED, IssuedLetter, LetterChange, parse_record, parse_records
from app.export.record_files import docx_record_text, pdf_record_text

READERS = {".docx": docx_record_text, ".pdf": pdf_record_text}
HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class PlannedChange:
    """What one change of a letter does to the list: add | replace | level | end (a lift, cancel or extension:
    the warning's expected end) | absent (a lift of a region that has no warning in the list: nothing to do)."""

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
    """What each change of the letter does to the list, as spec §7 ("successive forecasts") applies letters: a
    start letter adds a warning (replacing the region's one unless that one has ended before it); an upgrade or
    downgrade changes the level from its effective time and sets the expected end; revise replaces level, start
    and end; extend sets the end; lift and cancel set the end to the hour before they take effect — the warning
    stays listed until the next forecast says it has ended (so a return within 36 h is an extension of it)."""
    plan: list[PlannedChange] = []
    warnings = {w.region: w for w in current}
    for change in _one_per_region(letter.changes):
        before = warnings.get(change.region)
        if change.action in ("lift", "cancel"):
            if before is None:
                plan.append(PlannedChange("absent", change, None, None))
                continue
            when = change.start or before.start
            # a cancelled pending warning ends before it starts: the next forecast's advice drops it (ended)
            after, what = replace(before, end=when - HOUR, end_at_least=False), "end"
        elif change.action == "start":
            after = WarningInForce(change.region, change.level, change.start, change.end,
                                   end_at_least=change.end_at_least)
            ended = before is not None and before.end is not None and not before.end_at_least \
                and before.end < change.start
            what = "add" if before is None or ended else "replace"
        elif change.action == "revise":
            after = WarningInForce(change.region, change.level, change.start or (before.start if before else None),
                                   change.end, end_at_least=change.end_at_least)
            if after.start is None:
                raise InputError(Problem("the letter does not say when the revised warning starts",
                                         file=letter.file, column="start", expected="a start time"))
            what = "replace" if before is not None else "add"
        elif change.action == "extend":
            base = before or WarningInForce(change.region, change.level, change.previous_start or change.start, None)
            if base.start is None:
                raise InputError(Problem("the letter says neither when the warning started nor when it is extended",
                                         file=letter.file, column="start", expected="a start time"))
            after = replace(base, end=change.end, end_at_least=change.end_at_least)
            what = "end" if before is not None else "add"
        else:  # upgrade, downgrade
            start = change.start or (before.start if before is not None else change.previous_start)
            if start is None:
                raise InputError(Problem("the letter says neither when the new level applies nor when the warning "
                                         "started", file=letter.file, column="start", expected="a start time"))
            if before is not None:
                after = replace(before, level=change.level, end=change.end or before.end,
                                end_at_least=change.end_at_least if change.end else before.end_at_least,
                                previous_level=level_at(before, start - HOUR) if start > before.start
                                else before.level, change_at=start)
                what = "level"
            else:
                after = WarningInForce(change.region, change.level, start, change.end,
                                       end_at_least=change.end_at_least)
                what = "add"
        if before is not None and _same(before, after):
            continue  # already in the list as the letter has it
        plan.append(PlannedChange(what, change, before, after))
        warnings[change.region] = after
    return plan


def apply_letter(current: list[WarningInForce], letter: IssuedLetter) -> list[WarningInForce]:
    """The list after the letter: order kept, changed warnings in place, new ones at the end (a region may hold
    a lifted warning and its return)."""
    result = list(current)
    for step in plan_in_force(current, letter):
        index = None if step.what == "add" else next(
            (i for i in range(len(result) - 1, -1, -1) if result[i].region == step.change.region), None)
        if step.after is None:
            continue
        if index is None:
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

    def key(w: WarningInForce):
        return (w.region, w.level, stamp(w.start), stamp(w.end), w.end_at_least, w.previous_level,
                stamp(w.change_at))
    return key(a) == key(b)
