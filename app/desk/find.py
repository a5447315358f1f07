"""Find a unit by what an officer types: Chinese (渝中, 渝中区, 开县), pinyin (yuzhong, yu zhong, yz), English
(Yuzhong) or the adcode (500103, 5001…). Best matches first.

The pinyin comes from ``data/boundaries/unit-pinyin.csv`` (made once by ``tools/make_pinyin.py``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.domain.units import UnitTable, load_units
from app.paths import UNITS_TABLE

PINYIN_TABLE = UNITS_TABLE.parent / "unit-pinyin.csv"

# rank of a match: lower is better
EXACT, PREFIX, INITIALS, CONTAINS = 0, 1, 2, 3


@dataclass(frozen=True)
class Match:
    unit: str  # full Chinese name
    rank: int
    how: str  # "adcode" | "name" | "pinyin" | "initials" | "english"


@lru_cache(maxsize=4)
def load_pinyin(path: str | None = None) -> dict[str, tuple[list[str], list[str]]]:
    """Unit name → (syllables of the full name, syllables of the short name)."""
    out = {}
    with open(Path(path) if path else PINYIN_TABLE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out[row["name"]] = (row["pinyin"].split(), row["short_pinyin"].split())
    return out


def _plain(text: str) -> str:
    """Lower case, no spaces, apostrophes or tone marks' ü → v (what people type)."""
    text = text.strip().lower().replace("ü", "v").replace("ê", "e")
    return re.sub(r"[\s'’·\-]", "", text)


class UnitFinder:
    def __init__(self, units: UnitTable | None = None, pinyin: dict | None = None, names: list[str] | None = None):
        self.units = units or load_units()
        self.pinyin = pinyin if pinyin is not None else load_pinyin()
        allowed = set(names) if names is not None else None
        self._entries = [u for u in self.units if allowed is None or u.name in allowed]

    def find(self, query: str, limit: int = 10) -> list[Match]:
        text = query.strip()
        if not text:
            return []
        best: dict[str, Match] = {}

        def offer(unit: str, rank: int, how: str) -> None:
            if unit not in best or rank < best[unit].rank:
                best[unit] = Match(unit, rank, how)

        plain = _plain(text)
        digits = plain.isdigit()
        for unit in self._entries:
            if digits:
                if unit.adcode == plain:
                    offer(unit.name, EXACT, "adcode")
                elif len(plain) >= 2 and unit.adcode.startswith(plain):
                    offer(unit.name, PREFIX, "adcode")
                continue
            for name in (unit.name, unit.short_name, *unit.former_names):
                if text == name:
                    offer(unit.name, EXACT, "name")
                elif name.startswith(text):
                    offer(unit.name, PREFIX, "name")
                elif text in name:
                    offer(unit.name, CONTAINS, "name")
            full, short = self.pinyin.get(unit.name, ([], []))
            if full and plain.isascii():
                joined_full, joined_short = "".join(full), "".join(short)
                english = _plain(unit.name_en)
                if plain in (joined_short, joined_full):
                    offer(unit.name, EXACT, "pinyin")
                elif joined_full.startswith(plain) or joined_short.startswith(plain):
                    offer(unit.name, PREFIX, "pinyin")
                elif english.startswith(plain):
                    offer(unit.name, PREFIX, "english")
                initials = "".join(s[0] for s in full)
                if len(plain) >= 2 and initials.startswith(plain):
                    offer(unit.name, INITIALS, "initials")
                elif len(plain) >= 3 and plain in joined_full:
                    offer(unit.name, CONTAINS, "pinyin")
        order = {u.name: i for i, u in enumerate(self.units)}
        return sorted(best.values(), key=lambda m: (m.rank, order.get(m.unit, 0)))[:limit]
