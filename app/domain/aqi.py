"""Air quality index per HJ 633, both editions, vectorised over numpy arrays (spec §3).

The breakpoint tables are data (``data/aqi/hj633-2012.toml``, ``data/aqi/hj633-2026.toml``); this module
reads them and computes, for arrays of any shape (usually cities × hours or cities × days):

- :meth:`Edition.iaqi` — one indicator's IAQI: linear interpolation on the table, rounded **up**; a
  concentration above the table's top gives 500 and the "> 500" flag, or the edition's special rule
  (2026: SO2 1-hour > 800 → 200, O3 8-hour > 800 → 300; 2012: report the 24-hour / 1-hour IAQI instead);
- :func:`compute_aqi` — AQI = max IAQI, the "> 500" flag and the primary pollutant(s) (IAQI max, AQI > 50);
- :func:`pm25_from_aqi` — an AQI turned back into a PM2.5 concentration (input that gives AQI only);
- :data:`CATEGORIES` / :func:`category_index` / :func:`aqi_rgb` — the six categories with their official colours.

NaN in → NaN out (unknown, never zero). Negative concentrations are invalid (NaN).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from app.errors import InputError, Problem
from app.paths import AQI_DIR

EDITIONS = ("2012", "2026")  # edition keys, oldest first; files data/aqi/hj633-<key>.toml
POLLUTANT_LABELS = {"pm25": "PM2.5", "pm10": "PM10", "so2": "SO2", "no2": "NO2", "co": "CO",
                    "o3": "O3", "o3_8h": "O3", "o3_1h": "O3"}
_PRIMARY_ORDER = ("PM2.5", "PM10", "SO2", "NO2", "CO", "O3")
_EPS = 1e-9  # guards the round-up against float noise (100.00000000001 is 100)


@dataclass(frozen=True)
class Category:
    index: int  # 1 … 6 (级别)
    grade_zh: str  # 一级
    name_zh: str  # 优
    name_en: str
    aqi_min: int
    aqi_max: int | None  # None: open above (> 300)
    rgb: tuple[int, int, int]
    colour_zh: str

    @property
    def hex(self) -> str:
        return "#{:02X}{:02X}{:02X}".format(*self.rgb)


CATEGORIES: tuple[Category, ...] = (
    Category(1, "一级", "优", "Excellent", 0, 50, (0, 228, 0), "绿色"),
    Category(2, "二级", "良", "Good", 51, 100, (255, 255, 0), "黄色"),
    Category(3, "三级", "轻度污染", "Lightly polluted", 101, 150, (255, 126, 0), "橙色"),
    Category(4, "四级", "中度污染", "Moderately polluted", 151, 200, (255, 0, 0), "红色"),
    Category(5, "五级", "重度污染", "Heavily polluted", 201, 300, (153, 0, 76), "紫色"),
    Category(6, "六级", "严重污染", "Severely polluted", 301, None, (126, 0, 35), "褐红色"),
)
_CATEGORY_UPPER = np.array([50, 100, 150, 200, 300], dtype=float)


def category_index(aqi) -> np.ndarray:
    """Category 1–6 for each AQI value; 0 where the AQI is unknown (NaN)."""
    a = np.asarray(aqi, dtype=float)
    out = np.searchsorted(_CATEGORY_UPPER, a, side="left") + 1
    return np.where(np.isnan(a), 0, out).astype(np.int8)


UNKNOWN_RGB = (190, 190, 190)  # no AQI (insufficient data or no input)
# RGB per category index (0 = unknown, 1–6 = the categories), for colouring whole arrays at once
CATEGORY_RGB = np.array([UNKNOWN_RGB, *(c.rgb for c in CATEGORIES)], dtype=np.uint8)


def aqi_rgb(aqi) -> np.ndarray:
    """The official category colour of each AQI value, shape ``aqi.shape + (3,)`` uint8; grey where unknown."""
    return CATEGORY_RGB[category_index(aqi)]


def category_of(aqi: float) -> Category | None:
    """The category of one AQI value, None when unknown."""
    i = int(category_index(np.array([aqi]))[0])
    return CATEGORIES[i - 1] if i else None


@dataclass(frozen=True)
class BreakpointTable:
    key: str  # e.g. "pm25_24h"
    limits: np.ndarray  # concentration limits, increasing, starting at 0
    iaqi: np.ndarray  # the IAQI at each limit
    above_top: str | int  # "cap" (500, flagged "> 500"), a fixed IAQI, or the key of a table to report instead

    def interpolate(self, conc: np.ndarray, whole_numbers: bool = False) -> np.ndarray:
        """IAQI by formula (1) for concentrations within the table, rounded up; NaN outside or unknown.
        ``whole_numbers``: the concentrations are whole numbers (or NaN, ±inf), rounded to 0 decimals as the
        edition asks: each one's IAQI is then looked up in :attr:`whole_number_iaqi`."""
        c = np.asarray(conc, dtype=float)
        if whole_numbers:
            top = len(self.whole_number_iaqi) - 2  # slot k + 1 holds concentration k; either end NaN
            slot = np.nan_to_num(c, nan=-1.0, posinf=top, neginf=-1.0)
            np.clip(slot, -1.0, top, out=slot)
            index = slot.astype(np.intp)
            index += 1
            return self.whole_number_iaqi[index]
        lim, ia = self.limits, self.iaqi
        # the segment: how many inner limits lie below c — np.searchsorted(lim, c) − 1 within [0, len − 2], by a
        # few comparisons (a binary search per value was a quarter of a county-scale year, issue 26), counted in
        # bytes and widened once for the look-ups: counting in 8-byte integers was half of a replay's hourly AQI
        seg = np.zeros(c.shape, dtype=np.int8 if len(lim) < 128 else np.intp)  # ≤ len(lim) − 2 (6 in HJ 633)
        for limit in lim[1:-1]:
            seg += c > limit
        seg = seg.astype(np.intp)
        # ia[seg] + (ia[seg+1] − ia[seg]) · (c − lim[seg]) / (lim[seg+1] − lim[seg]), the same operations in the
        # same order on the same numbers, with each segment's differences taken once and the steps done in place
        raw = c - lim[:-1][seg]
        raw *= np.diff(ia)[seg]
        raw /= np.diff(lim)[seg]
        raw += ia[:-1][seg]
        raw -= _EPS
        out = np.ceil(raw, out=raw)
        out[~((c >= 0) & (c <= lim[-1]))] = np.nan
        return out

    @cached_property
    def whole_number_iaqi(self) -> np.ndarray:
        """The IAQI of every whole concentration 0 … the table's top by :meth:`interpolate` itself, at slot
        concentration + 1, with NaN before (below 0, unknown) and after (above the top): the same figures as
        the formula for rounded concentrations, in one look-up each (issue 26: the formula's ~25 passes over a
        county-scale year)."""
        whole = np.arange(int(np.floor(self.limits[-1])) + 1, dtype=float)
        return np.concatenate([[np.nan], self.interpolate(whole), [np.nan]])


@dataclass(frozen=True)
class Edition:
    key: str  # "2012" | "2026"
    name: str  # "HJ 633-2012"
    title: str
    tables: dict[str, BreakpointTable]
    hourly: dict[str, str]  # indicator -> table key (1-hour values)
    daily: dict[str, str]  # indicator -> table key (24-hour means, O3 8-hour / 1-hour daily maxima)
    decimals: dict[str, int]  # pollutant -> decimals concentrations are rounded to before the IAQI
    non_attainment_above: int | None = None  # 超标污染物 threshold (2012 only)

    def round(self, indicator: str, conc: np.ndarray) -> np.ndarray:
        """Concentrations rounded as the edition asks (GB/T 8170, round half to even), else as given."""
        d = self.decimals.get(indicator.split("_")[0])
        c = np.asarray(conc, dtype=float)
        return c if d is None else np.round(c, d)

    def iaqi(self, table_key: str, conc, fallback: Mapping[str, np.ndarray] | None = None,
             indicator: str | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(IAQI, over_500) of concentrations on one table; ``fallback`` holds concentrations for the table
        that a value above this table's top is reported on (2012 SO2 1-hour → 24-hour, O3 8-hour → 1-hour).
        """
        table = self.tables[table_key]
        c = self.round(indicator or table_key, conc)
        value = table.interpolate(c, whole_numbers=self.decimals.get((indicator or table_key).split("_")[0]) == 0)
        above = c > table.limits[-1]
        over_500 = np.zeros(c.shape, dtype=bool)
        if not above.any():
            return value, over_500
        if table.above_top == "cap":
            value = np.where(above, 500.0, value)
            over_500 = above
        elif isinstance(table.above_top, int):
            value = np.where(above, float(table.above_top), value)
        elif fallback is not None and table.above_top in fallback:
            other, other_over = self.iaqi(table.above_top, fallback[table.above_top], indicator=indicator)
            value = np.where(above, other, value)
            over_500 = above & other_over
        return value, over_500


@dataclass
class AqiResult:
    aqi: np.ndarray  # float, NaN when no indicator is known
    over_500: np.ndarray  # bool: some concentration above its table's top ("> 500")
    primary: np.ndarray  # object: "PM2.5", "PM2.5,PM10", or "" (AQI ≤ 50 or unknown); or their uint8 codes
    iaqi: dict[str, np.ndarray]


def compute_aqi(edition: Edition, concentrations: Mapping[str, np.ndarray], kind: str = "daily",
                fallback: Mapping[str, np.ndarray] | None = None, primary_as_codes: bool = False) -> AqiResult:
    """AQI = max IAQI over the indicators given (those the edition has for ``kind``: "hourly" | "daily");
    ``primary_as_codes``: the primary pollutants as :func:`primary_codes` (uint8), not as text."""
    mapping = edition.hourly if kind == "hourly" else edition.daily
    iaqis: dict[str, np.ndarray] = {}
    over = None
    for indicator, conc in concentrations.items():
        if indicator not in mapping:
            continue
        value, flag = edition.iaqi(mapping[indicator], conc, fallback, indicator=indicator)
        iaqis[indicator] = value
        over = flag if over is None else over | flag
    if not iaqis:
        raise ValueError(f"no {kind} indicator of {edition.name} among {sorted(concentrations)}")
    if len(iaqis) == 1:  # the max of one IAQI is that IAQI (NaN where unknown)
        aqi = next(iter(iaqis.values())).copy()
    else:
        stack = np.stack(list(iaqis.values()))
        known = ~np.isnan(stack)
        aqi = np.where(known.any(axis=0), np.max(np.where(known, stack, -1.0), axis=0), np.nan)
    codes = primary_codes(iaqis, aqi)
    return AqiResult(aqi, over, codes if primary_as_codes else PRIMARY_TEXT[codes], iaqis)


# 首要污染物 text by code: bit i set for _PRIMARY_ORDER[i]
PRIMARY_TEXT = np.array([",".join(p for i, p in enumerate(_PRIMARY_ORDER) if mask >> i & 1)
                         for mask in range(1 << len(_PRIMARY_ORDER))], dtype=object)


class PrimaryText:
    """首要污染物 text of an array of :func:`primary_codes`, read as an object array of text: an element is its
    text ("PM2.5", "PM2.5,PM10", "" for none), a slice or fancy index an object ndarray of texts, ``np.asarray``
    the whole text array. The texts are made on access: a county-scale year is 25 million values, and their text
    as object arrays was 200 MB and ~0.5 s each to build for values the officer reads one unit at a time (issue
    26). Read-only: ``codes`` is the uint8 array underneath."""

    __slots__ = ("codes",)
    dtype = np.dtype(object)
    __hash__ = None  # compared element-wise, like the ndarray it stands for

    def __init__(self, codes: np.ndarray):
        self.codes = codes

    @property
    def shape(self) -> tuple[int, ...]:
        return self.codes.shape

    @property
    def ndim(self) -> int:
        return self.codes.ndim

    @property
    def size(self) -> int:
        return self.codes.size

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, key):
        picked = self.codes[key]
        return PRIMARY_TEXT[picked] if isinstance(picked, np.ndarray) else PRIMARY_TEXT[int(picked)]

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def __array__(self, dtype=None, copy=None):
        text = PRIMARY_TEXT[self.codes]
        return text if dtype is None else text.astype(dtype)

    def tolist(self) -> list:
        return np.asarray(self).tolist()

    def __eq__(self, other):
        return np.asarray(self) == (np.asarray(other) if isinstance(other, PrimaryText) else other)

    def __ne__(self, other):
        return np.asarray(self) != (np.asarray(other) if isinstance(other, PrimaryText) else other)

    def __repr__(self) -> str:
        return f"PrimaryText(shape={self.shape})"


def primary_pollutants(iaqis: Mapping[str, np.ndarray], aqi: np.ndarray) -> np.ndarray:
    """首要污染物: the pollutant(s) whose IAQI is the AQI, when the AQI is above 50; ties joined by ","."""
    return PRIMARY_TEXT[primary_codes(iaqis, aqi)]


def primary_codes(iaqis: Mapping[str, np.ndarray], aqi: np.ndarray) -> np.ndarray:
    """The primary pollutants as a uint8 code per value (bit i: ``_PRIMARY_ORDER[i]``; 0 is none), the text
    being ``PRIMARY_TEXT[code]``: a byte a value while large arrays are put together, not an object pointer."""
    codes = np.zeros(np.shape(aqi), dtype=np.uint8)
    polluted = aqi > 50
    for indicator, value in iaqis.items():
        bit = np.uint8(_PRIMARY_ORDER.index(POLLUTANT_LABELS[indicator]))
        hit = value == aqi
        hit &= polluted
        codes |= hit.view(np.uint8) << bit
    return codes


def pm25_from_aqi(aqi, edition: Edition) -> tuple[np.ndarray, np.ndarray]:
    """PM2.5 concentration whose IAQI is the given AQI (inverse of formula (1) on the PM2.5 limits).

    Returns (concentration, over_500): AQI above 500 cannot be inverted; it gives the table's top and the flag.
    """
    table = edition.tables[edition.daily["pm25"]]
    a = np.asarray(aqi, dtype=float)
    over = a > table.iaqi[-1]
    clipped = np.where(over, table.iaqi[-1], a)
    conc = np.interp(clipped, table.iaqi, table.limits)
    return np.where((a >= 0) | np.isnan(a), conc, np.nan), over


# -- loading the tables -----------------------------------------------------------------------------------------

def edition_path(key: str) -> Path:
    return AQI_DIR / f"hj633-{key}.toml"


def load_edition(key: str, path: str | Path | None = None) -> Edition:
    """The breakpoint tables of one edition ("2012" | "2026"), validated."""
    return _load_cached(key, str(Path(path) if path else edition_path(key)))


@lru_cache(maxsize=8)
def _load_cached(key: str, path: str) -> Edition:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(Problem(f"cannot read the AQI table: {exc.strerror}", file=path)) from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(Problem(f"not valid UTF-8 TOML: {exc}", file=path)) from exc
    return parse_edition(key, data, path)


def parse_edition(key: str, data: dict, source: str = "<aqi table>") -> Edition:
    def fail(where: str, message: str, value=None, expected=None) -> InputError:
        return InputError(Problem(message, file=source, column=where,
                                  value=None if value is None else str(value), expected=expected))

    head = data.get("edition")
    if not isinstance(head, dict) or not isinstance(head.get("name"), str):
        raise fail("edition.name", "missing key", expected="text like 'HJ 633-2026'")
    levels = head.get("iaqi")
    if not _increasing_numbers(levels):
        raise fail("edition.iaqi", "not an increasing list of numbers", levels, "[0, 50, 100, …, 500]")
    tables = {}
    for tkey, t in (data.get("tables") or {}).items():
        where = f"tables.{tkey}"
        limits = t.get("limits") if isinstance(t, dict) else None
        if not _increasing_numbers(limits) or limits[0] != 0 or not 2 <= len(limits) <= len(levels):
            raise fail(f"{where}.limits", "not an increasing list from 0", limits,
                       f"2 to {len(levels)} increasing numbers starting at 0")
        above = t.get("above_top", "cap")
        if isinstance(above, bool) or not isinstance(above, (int, str)):
            raise fail(f"{where}.above_top", "wrong type", above, '"cap", an IAQI, or another table\'s key')
        if above == "cap" and len(limits) < len(levels):
            raise fail(f"{where}.above_top", "a short table needs a rule above its top", above,
                       "an IAQI or another table's key")
        tables[tkey] = BreakpointTable(tkey, np.array(limits, dtype=float),
                                       np.array(levels[:len(limits)], dtype=float), above)
    for tkey, t in tables.items():
        if isinstance(t.above_top, str) and t.above_top != "cap" and t.above_top not in tables:
            raise fail(f"tables.{tkey}.above_top", "unknown table", t.above_top, ", ".join(tables))
    maps = {}
    for kind in ("hourly", "daily"):
        section = data.get(kind)
        if not isinstance(section, dict) or "pm25" not in section:
            raise fail(kind, "missing table", expected="indicator = table key, with pm25 at least")
        for indicator, tkey in section.items():
            if indicator not in POLLUTANT_LABELS:
                raise fail(f"{kind}.{indicator}", "unknown indicator", indicator, ", ".join(POLLUTANT_LABELS))
            if tkey not in tables:
                raise fail(f"{kind}.{indicator}", "unknown table", tkey, ", ".join(tables))
        maps[kind] = dict(section)
    decimals = data.get("rounding") or {}
    for pollutant, d in decimals.items():
        if pollutant not in POLLUTANT_LABELS or isinstance(d, bool) or not isinstance(d, int) or d < 0:
            raise fail(f"rounding.{pollutant}", "bad rounding entry", d, "pollutant = decimals (0, 1, …)")
    return Edition(key, head["name"], head.get("title", ""), tables, maps["hourly"], maps["daily"],
                   dict(decimals), head.get("non_attainment_above"))


def _increasing_numbers(values) -> bool:
    return (isinstance(values, list) and len(values) >= 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
            and all(b > a for a, b in zip(values, values[1:])))
