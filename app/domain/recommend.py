"""Warnings in force (spec §7): what the letters left in force, read from JSON, and applied to the next day.

A warning in force has a region, a level, a start S, an expected end X (none yet, an hour, or "at least" an hour:
the hour-start of its last hour, inclusive) and, when a change of level was advised ahead of its time, the level
before it and the hour it takes effect: :func:`level_at` gives L(t). The advice itself (one per warning, matched
to its 过程) is :mod:`app.domain.life`; :func:`apply_advice` turns a day's advice and new warnings into the next
day's warnings in force (spec §7, "Successive forecasts").
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from app import untrusted
from app.domain.scheme import BEIJING, LEVELS, Scheme
from app.errors import InputError, Problem


@dataclass(frozen=True)
class WarningInForce:
    region: str  # region name (a scheme region's name; load_in_force resolves ids)
    level: str  # yellow | orange | red: the level from change_at on (throughout when change_at is None)
    start: datetime  # S
    end: datetime | None = None  # X, the hour-start of its last hour (inclusive); None: no expected end yet
    end_at_least: bool = False  # X is "at least" (the 过程 was open when the letter was written)
    previous_level: str | None = None  # the level before an advised change that takes effect at change_at
    change_at: datetime | None = None


def level_at(w: WarningInForce, t: datetime) -> str:
    """L(t): the warning's level at hour t."""
    if w.change_at is not None and w.previous_level is not None and t < w.change_at:
        return w.previous_level
    return w.level


def resolve_region(name: str, scheme: Scheme) -> str:
    try:
        return scheme.region(name).name
    except KeyError as exc:
        raise InputError(Problem("unknown region in the warning in force", column="region", value=name,
                                 expected=" / ".join(r.name for r in scheme.regions))) from exc


def warning_to_json(w: WarningInForce) -> dict:
    """A warning in force in the ``--in-force`` JSON form (the keys :func:`load_in_force` reads)."""
    def iso(t: datetime | None) -> str | None:
        return None if t is None else t.astimezone(BEIJING).isoformat()

    return {"region": w.region, "level": w.level, "start": iso(w.start), "end": iso(w.end),
            "end_at_least": w.end_at_least, "previous_level": w.previous_level, "change_at": iso(w.change_at)}


def apply_advice(in_force: Sequence[WarningInForce], evaluation) -> list[WarningInForce]:
    """The next day's warnings in force after the letters §7 calls for: a start letter adds a warning; upgrade
    and downgrade change the level from their effective step and set the expected end; revise replaces level,
    start and expected end; extend sets the expected end; lift and cancel set the expected end to the hour before
    their effective step (the warning stays until *ended* drops it); ended drops it; keep changes nothing."""
    hour = timedelta(hours=1)
    out: list[WarningInForce] = []
    for w, rec in zip(in_force, evaluation.recommendations):
        action = rec.action
        if action == "ended":
            continue
        if action in ("upgrade", "downgrade"):
            before = level_at(w, rec.from_time - hour) if rec.from_time > w.start else w.level
            out.append(replace(w, level=rec.new_level, end=rec.until, end_at_least=rec.until_at_least,
                               previous_level=before, change_at=rec.from_time))
        elif action == "revise":
            out.append(WarningInForce(w.region, rec.new_level, rec.new_start, rec.until, rec.until_at_least))
        elif action == "extend":
            out.append(replace(w, end=rec.until, end_at_least=rec.until_at_least))
        elif action in ("lift", "cancel"):
            out.append(replace(w, end=rec.from_time - hour, end_at_least=False))
        else:
            out.append(w)
    for n in evaluation.new_warnings:
        out.append(WarningInForce(n.region, n.level, n.start, n.end, n.end_at_least))
    return out


def load_in_force(path: str | Path, scheme: Scheme | None = None) -> list[WarningInForce]:
    """Warnings in force from a JSON file: one object or a list of {region, level, start[, end, end_at_least,
    previous_level, change_at]}."""
    from app.domain.scheme import load_scheme

    scheme = scheme or load_scheme()
    path = str(path)
    raw = untrusted.read_bounded(path, "in-force", expected="a JSON file of warnings in force")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise InputError(Problem(f"not valid UTF-8 JSON: {reason}", file=path)) from exc
    items = data if isinstance(data, list) else [data]
    out = []
    for i, item in enumerate(items):
        key = f"[{i}]" if isinstance(data, list) else ""

        def fail(name: str, message: str, value=None, expected=None, key=key) -> InputError:
            return InputError(Problem(message, file=path, column=f"{key}.{name}" if key else name,
                                      value=None if value is None else str(value), expected=expected))

        if not isinstance(item, dict):
            raise InputError(Problem("wrong type", file=path, column=key or None, value=str(item)[:60],
                                     expected='an object like {"region": "成都平原地区", "level": "orange", '
                                              '"start": "2026-01-07T00:00"}'))
        for name in ("region", "level", "start"):
            if name not in item:
                raise fail(name, "missing key", expected={"region": "a region name or id",
                                                          "level": "yellow, orange or red",
                                                          "start": "ISO 8601 time"}[name])
        try:
            region = scheme.region(str(item["region"])).name
        except KeyError as exc:
            raise fail("region", "unknown region", item["region"],
                       " / ".join(f"{r.name} ({r.id})" for r in scheme.regions)) from exc
        level = item["level"]
        if level not in LEVELS[1:]:
            raise fail("level", "unknown level", level, "yellow, orange or red")
        times = [_time(item.get(n), lambda m, v, n=n: fail(n, m, v, "ISO 8601, e.g. 2026-01-07T00:00:00+08:00"))
                 for n in ("start", "end", "change_at")]
        if times[0] is None:
            raise fail("start", "missing value", None, "ISO 8601 time")
        if times[1] is not None and times[1] < times[0]:
            raise fail("end", "the end is before the start", item["end"], "a time after start")
        at_least = item.get("end_at_least", False)
        if not isinstance(at_least, bool):
            raise fail("end_at_least", "wrong type", at_least, "true or false")
        if at_least and times[1] is None:
            raise fail("end_at_least", "an end marked \"at least\" needs an end", at_least, "an end time")
        previous = item.get("previous_level")
        if previous is not None and previous not in LEVELS[1:]:
            raise fail("previous_level", "unknown level", previous, "yellow, orange or red")
        if (previous is None) != (times[2] is None):
            name = "change_at" if times[2] is None else "previous_level"
            raise fail(name, "previous_level and change_at go together", item.get(name),
                       "both previous_level and change_at, or neither")
        out.append(WarningInForce(region, level, times[0], times[1], at_least, previous, times[2]))
    _refuse_overlaps(out, path, data)
    return out


def overlap(a: WarningInForce, b: WarningInForce) -> bool:
    """Two warnings of one region whose spans [S, X] overlap (X absent: in force until lifted)."""
    if a.region != b.region:
        return False
    first, second = (a, b) if a.start <= b.start else (b, a)
    return first.end is None or second.start <= first.end


def _refuse_overlaps(warnings: list[WarningInForce], path: str, data) -> None:
    """A region has one warning at a time: letters leave a lifted warning and a new one after its end, never two
    whose spans [S, X] overlap (X absent: in force until lifted). Two that do would let §7's matching give the
    earlier one's past 过程 to the later one, lifting it and starting it again the next morning."""
    for j, later in enumerate(warnings):
        for i, earlier in enumerate(warnings[:j]):
            if overlap(earlier, later):
                key = f"[{j}].start" if isinstance(data, list) else "start"
                raise InputError(Problem(
                    "two warnings of one region overlap in time", file=path, column=key,
                    value=f"{later.region}: [{i}] {earlier.level} from {earlier.start.isoformat()} and [{j}] "
                          f"{later.level} from {later.start.isoformat()}",
                    expected="one warning of a region at a time: the later starting after the earlier's end "
                             "(a warning with no end is in force until it is lifted)"))


def _time(value, fail) -> datetime | None:
    if value is None:
        return None
    try:
        t = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise fail("not a date-time", value) from exc
    return t if t.tzinfo else t.replace(tzinfo=BEIJING)
