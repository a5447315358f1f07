"""What-if edits of a forecast: "what if Chengdu's PM2.5 were 20 % lower on D+2 and D+3?".

An :class:`Edit` changes one field of one unit over an inclusive time range (``set`` a value, ``scale`` by a
factor, ``add`` an amount). :func:`apply_edits` applies a list of edits, in order, to a copy of the forecast as
loaded; the original is never touched, so undoing an edit is simply re-applying the shorter list to the
original, and the values come back exactly. :class:`EditStack` is the undo/redo history of the edit list
(pure Python; the GUI binds Qt actions to it). :func:`describe` writes an edit the way the edit list, the
proposal and the audit log show it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd

from app.domain.aqi import POLLUTANT_LABELS
from app.domain.forecast import Forecast
from app.domain.scheme import BEIJING
from app.errors import InputError, Problem

OPS = ("set", "scale", "add")
FIELD_LABELS = {**{k: v for k, v in POLLUTANT_LABELS.items() if "_" not in k}, "aqi": "AQI"}
_UNITS = {"co": "mg/m³", "aqi": ""}  # every other field is in µg/m³


def _beijing(t, name: str) -> datetime:
    """A time as a tz-aware Beijing datetime; naive times are read as Beijing time."""
    try:
        stamp = pd.Timestamp(t)
    except (TypeError, ValueError) as exc:
        raise InputError(Problem("not a date-time", column=name, value=str(t),
                                 expected="ISO 8601, e.g. 2026-01-06T00:00")) from exc
    if stamp is pd.NaT:
        raise InputError(Problem("missing time", column=name, expected="a date-time"))
    stamp = stamp.tz_localize(BEIJING) if stamp.tzinfo is None else stamp.tz_convert(BEIJING)
    return stamp.to_pydatetime()


@dataclass(frozen=True)
class Edit:
    """One what-if change: ``op`` (set | scale | add) ``value`` on ``field`` of ``unit`` from ``start`` to
    ``end`` inclusive (Beijing time). Checks that need no forecast are made here; :func:`validate` checks the
    rest against a forecast."""

    unit: str
    start: datetime
    end: datetime
    op: str
    value: float
    field: str = "pm25"
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", _beijing(self.start, "start"))
        object.__setattr__(self, "end", _beijing(self.end, "end"))
        if self.op not in OPS:
            raise InputError(Problem("unknown what-if operation", column="op", value=str(self.op),
                                     expected="set, scale or add"))
        try:
            value = float(self.value)
        except (TypeError, ValueError) as exc:
            raise InputError(Problem("not a number", column="value", value=str(self.value),
                                     expected="a number")) from exc
        if not math.isfinite(value):
            raise InputError(Problem("not a finite number", column="value", value=str(self.value),
                                     expected="a finite number"))
        object.__setattr__(self, "value", value)
        if self.end < self.start:
            raise InputError(Problem("the end is before the start", column="end", value=_fmt(self.end),
                                     expected=f"a time at or after {_fmt(self.start)}"))
        if self.op == "set" and value < 0:
            raise InputError(Problem("a concentration cannot be negative", column="value", value=f"{value:g}",
                                     expected="a value ≥ 0"))
        if self.op == "scale" and value <= 0:
            raise InputError(Problem("a scale factor must be above 0", column="value", value=f"{value:g}",
                                     expected="a factor > 0 (0.8 is 20 % lower)"))

    def describe(self, lang: str = "zh") -> str:
        return describe(self, lang)

    def to_dict(self) -> dict:
        return {"unit": self.unit, "start": self.start.isoformat(), "end": self.end.isoformat(), "op": self.op,
                "value": self.value, "field": self.field, "note": self.note}

    @classmethod
    def from_dict(cls, data: dict) -> Edit:
        missing = [k for k in ("unit", "start", "end", "op", "value") if k not in data]
        if missing:
            raise InputError(Problem("missing key in a what-if edit", column=missing[0],
                                     expected="unit, start, end, op, value"))
        return cls(str(data["unit"]), data["start"], data["end"], str(data["op"]), data["value"],
                   str(data.get("field", "pm25")), str(data.get("note", "")))


def _fmt(t: datetime) -> str:
    return t.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def _steps(forecast: Forecast, edit: Edit) -> np.ndarray:
    """Boolean mask of the forecast steps inside the edit's range (a daily step counts by its day's hours)."""
    starts = forecast.times.tz_convert(BEIJING)
    ends = starts + pd.Timedelta(hours=forecast.step_hours - 1)
    return np.asarray((ends >= pd.Timestamp(edit.start)) & (starts <= pd.Timestamp(edit.end)))


def validate(forecast: Forecast, edit: Edit) -> None:
    """Raise :class:`InputError` when the edit cannot apply to this forecast (unknown unit or field, a range
    with no forecast step in it)."""
    if edit.unit not in forecast.units:
        expected = "a unit of this forecast"
        if edit.unit in forecast.missing_units:
            expected = "a unit with data (this forecast has none for it)"
        raise InputError(Problem("unknown unit for a what-if edit", column="unit", value=edit.unit,
                                 expected=expected))
    if edit.field not in forecast.values:
        raise InputError(Problem("the forecast has no such field", column="field", value=edit.field,
                                 expected=" / ".join(forecast.values)))
    if not _steps(forecast, edit).any():
        last = forecast.times[-1] + pd.Timedelta(hours=forecast.step_hours - 1)
        raise InputError(Problem("the time range is outside the forecast", column="start",
                                 value=f"{_fmt(edit.start)}–{_fmt(edit.end)}",
                                 expected=f"times between {_fmt(forecast.times[0])} and {_fmt(last)}"))


def apply_edits(forecast: Forecast, edits: Iterable[Edit]) -> Forecast:
    """A new forecast with the edits applied in order; the given forecast is left as it was.

    Results below 0 are clipped to 0; a missing value (NaN) stays missing unless the edit sets it.
    """
    edits = list(edits)
    for edit in edits:
        validate(forecast, edit)
    values = {name: (arr.copy() if any(e.field == name for e in edits) else arr)
              for name, arr in forecast.values.items()}
    for edit in edits:
        row = values[edit.field][forecast.row(edit.unit)]
        mask = _steps(forecast, edit)
        if edit.op == "set":
            row[mask] = edit.value
        elif edit.op == "scale":
            row[mask] *= edit.value
        else:
            row[mask] += edit.value
        np.maximum(row, 0.0, out=row, where=mask & ~np.isnan(row))
    return forecast.with_values(values)


def edited_units(edits: Iterable[Edit]) -> set[str]:
    """Units whose values some edit changes (the map and lists mark them)."""
    return {edit.unit for edit in edits}


def _number(value: float) -> str:
    return f"{value:.4g}"


def describe(edit: Edit, lang: str = "zh") -> str:
    """'成都市 2026-01-06 00:00–2026-01-07 23:00 PM2.5 ×0.8' (English: unit's English name when known)."""
    unit = edit.unit
    if lang == "en":
        from app.domain.units import load_units

        known = load_units().resolve(edit.unit)
        unit = known.name_en if known is not None and known.name_en else edit.unit
    label = FIELD_LABELS.get(edit.field, edit.field)
    suffix = _UNITS.get(edit.field, "µg/m³")
    if edit.op == "scale":
        change = f"×{_number(edit.value)}"
    elif edit.op == "set":
        change = f"= {_number(edit.value)}" + (f" {suffix}" if suffix else "")
    else:
        sign = "+" if edit.value >= 0 else "−"
        change = f"{sign}{_number(abs(edit.value))}" + (f" {suffix}" if suffix else "")
    text = f"{unit} {_fmt(edit.start)}–{_fmt(edit.end)} {label} {change}"
    if edit.note:
        text += f"（{edit.note}）" if lang != "en" else f" ({edit.note})"
    return text


# -- undo/redo history ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EditCommand:
    """One named step of the history: the edit list before and after it."""

    name: str
    before: tuple[Edit, ...]
    after: tuple[Edit, ...]


@dataclass
class EditStack:
    """Undo/redo history of the edit list. Every change notifies the listeners with the current edit list.

    ``push(edit)`` adds an edit, ``remove(index)`` takes one out, ``replace(edits, name)`` sets a whole new list
    (all undoable); ``clear(edits)`` starts a fresh history (a new forecast, a restored session).
    """

    lang: str = "zh"  # language of the command names (describe)
    _edits: tuple[Edit, ...] = field(default=(), init=False)
    _done: list[EditCommand] = field(default_factory=list, init=False)
    _undone: list[EditCommand] = field(default_factory=list, init=False)
    _listeners: list[Callable[[list[Edit]], None]] = field(default_factory=list, init=False, repr=False)

    @property
    def edits(self) -> list[Edit]:
        return list(self._edits)

    def add_listener(self, callback: Callable[[list[Edit]], None]) -> None:
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[list[Edit]], None]) -> None:
        self._listeners.remove(callback)

    def _notify(self) -> None:
        for callback in list(self._listeners):
            callback(self.edits)

    # -- changes -------------------------------------------------------------------------------------------
    def push(self, edit: Edit, name: str = "") -> EditCommand:
        return self.execute(EditCommand(name or describe(edit, self.lang), self._edits, (*self._edits, edit)))

    def remove(self, index: int, name: str = "") -> EditCommand:
        if not 0 <= index < len(self._edits):
            raise IndexError(index)
        edit = self._edits[index]
        prefix = "删除：" if self.lang != "en" else "Remove: "
        after = self._edits[:index] + self._edits[index + 1:]
        return self.execute(EditCommand(name or prefix + describe(edit, self.lang), self._edits, after))

    def replace(self, edits: Iterable[Edit], name: str) -> EditCommand:
        return self.execute(EditCommand(name, self._edits, tuple(edits)))

    def execute(self, command: EditCommand) -> EditCommand:
        """Do a command whose ``before`` is the current list; it becomes the top of the undo history."""
        if command.before != self._edits:
            raise ValueError("command does not start from the current edit list")
        self._edits = command.after
        self._done.append(command)
        self._undone.clear()
        self._notify()
        return command

    def clear(self, edits: Iterable[Edit] = ()) -> None:
        self._edits = tuple(edits)
        self._done.clear()
        self._undone.clear()
        self._notify()

    # -- history -------------------------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_name(self) -> str:
        return self._done[-1].name if self._done else ""

    @property
    def redo_name(self) -> str:
        return self._undone[-1].name if self._undone else ""

    def undo(self) -> EditCommand | None:
        if not self._done:
            return None
        command = self._done.pop()
        self._edits = command.before
        self._undone.append(command)
        self._notify()
        return command

    def redo(self) -> EditCommand | None:
        if not self._undone:
            return None
        command = self._undone.pop()
        self._edits = command.after
        self._done.append(command)
        self._notify()
        return command
