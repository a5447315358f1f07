"""The 59 map units (21 Sichuan prefecture-level units, 38 Chongqing districts/counties) and name matching.

The table ``data/boundaries/units.csv`` is the single source of unit attributes; the boundary GeoPackage is
built from it. Names match on the GB/T 2260 adcode first, then full name, short name and former names
(spec §1: 梁平县→梁平区, 开县→开州区, …).
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.errors import InputError, Problem
from app.paths import UNITS_TABLE


@dataclass(frozen=True)
class Unit:
    adcode: str
    name: str  # full Chinese name, the key used everywhere (成都市)
    short_name: str  # 成都
    name_en: str
    province: str  # 四川省 | 重庆市
    former_names: tuple[str, ...] = ()


class UnitTable:
    """All known units, with a name index (adcode, full, short, former, English, case-insensitive)."""

    def __init__(self, units: list[Unit]):
        self.units: list[Unit] = list(units)
        self.by_name: dict[str, Unit] = {u.name: u for u in self.units}
        self.by_adcode: dict[str, Unit] = {u.adcode: u for u in self.units}
        self._index: dict[str, Unit] = {}
        for unit in self.units:
            keys = [unit.adcode, unit.name, unit.short_name, unit.name_en, *unit.former_names]
            for key in keys:
                self._index.setdefault(_normalise(key), unit)

    def __len__(self) -> int:
        return len(self.units)

    def __iter__(self):
        return iter(self.units)

    def names(self) -> list[str]:
        return [u.name for u in self.units]

    def resolve(self, text: object) -> Unit | None:
        """The unit a name or code refers to, or None. Accepts 510100, '510100.0', 成都市, 成都, 开县, Chengdu."""
        key = _normalise(text)
        if not key:
            return None
        unit = self._index.get(key)
        if unit is None and key.endswith(".0") and key[:-2].isdigit():
            unit = self._index.get(key[:-2])
        if unit is None and key.isdigit() and len(key) == 12:  # 12-digit statistical codes
            unit = self._index.get(key[:6])
        return unit

    def suggest(self, text: object, n: int = 3) -> list[str]:
        """Closest known full names for an unknown name (for error messages)."""
        key = _normalise(text)
        candidates = list(self._index)
        close = difflib.get_close_matches(key, candidates, n=n * 3, cutoff=0.34)
        out: list[str] = []
        for c in close:
            name = self._index[c].name
            if name not in out:
                out.append(name)
        return out[:n]

    def require(self, text: object, *, file: str | None = None, row: int | None = None,
                column: str | None = None) -> Unit:
        unit = self.resolve(text)
        if unit is None:
            hint = self.suggest(text)
            expected = "a unit's adcode, full, short or former name"
            if hint:
                expected += "; did you mean " + " / ".join(hint) + "?"
            raise InputError(Problem("unknown unit name", file=file, row=row, column=column,
                                     value=str(text), expected=expected))
        return unit


def _normalise(text: object) -> str:
    if text is None:
        return ""
    s = str(text).strip().replace("\u3000", "").replace(" ", "")
    return s.casefold()


@lru_cache(maxsize=4)
def load_units(path: str | Path = UNITS_TABLE) -> UnitTable:
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise InputError(Problem(f"cannot read the unit table: {exc.strerror}", file=str(path))) from exc
    units = []
    for i, row in enumerate(rows, start=2):
        try:
            former = tuple(x for x in (row.get("former_names") or "").split(";") if x)
            units.append(Unit(row["adcode"], row["name"], row["short_name"], row["name_en"], row["province"], former))
        except KeyError as exc:
            raise InputError(Problem("missing column", file=str(path), row=i, column=str(exc))) from exc
    return UnitTable(units)
