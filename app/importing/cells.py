"""Number cells: concentrations, AQI and meteorological values, with the bad ones reported precisely.

Each distinct text of a column is read once (``to_numeric`` over the distinct texts, a loop over them for wind
directions and inversions) and the result spread back to the cells; then only the cells that failed are looked
at again to say which row and what text was found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from app.errors import InputError, Problem
from app.importing.textcolumn import NumberColumn, TextColumn, factorize

MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", "-", "--", "—", "——", "/", "无", "缺测", "缺失",
                     "#n/a", "nodata", "无数据", "暂无数据", "无资料", "n.a."})
MAX_LISTED = 10

# 16-point compass in English and Chinese → degrees (the direction the wind blows from)
_COMPASS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
_COMPASS_ZH = ("北", "北东北", "东北", "东东北", "东", "东东南", "东南", "南东南", "南", "南西南", "西南", "西西南", "西",
               "西西北", "西北", "北西北")
WIND_DIRECTIONS = {name: i * 22.5 for i, name in enumerate(_COMPASS)}
WIND_DIRECTIONS.update({name: i * 22.5 for i, name in enumerate(_COMPASS_ZH)})
WIND_DIRECTIONS.update({n + "风": d for n, d in list(WIND_DIRECTIONS.items()) if not n.isascii()})
WIND_DIRECTIONS.update({"偏北": 0.0, "偏东": 90.0, "偏南": 180.0, "偏西": 270.0, "偏北风": 0.0, "偏东风": 90.0,
                        "偏南风": 180.0, "偏西风": 270.0})
CALM = frozenset({"c", "calm", "静风", "静稳", "微风"})
YES_NO = {"yes": 1.0, "y": 1.0, "true": 1.0, "有": 1.0, "是": 1.0, "强": 1.0, "no": 0.0, "n": 0.0, "false": 0.0,
          "无": 0.0, "否": 0.0}


def parse_numbers(texts: Sequence[str], *, file: str, rows: np.ndarray, column: str, expected: str,
                  allow_negative: bool = False, allow_inf: bool = False) -> np.ndarray:
    """Floats with NaN for empty/NA cells; text or (unless allowed) negative numbers raise InputError; ±inf is
    an error too unless ``allow_inf`` (value columns: the caller reports it and treats it as missing)."""
    if isinstance(texts, NumberColumn) and (allow_negative or not np.any(texts.numbers < 0)) and (
            allow_inf or not np.any(np.isinf(texts.numbers))):
        return texts.numbers.copy()  # plain numbers, read as such: nothing to report (else the texts, below)
    # each distinct text converted once (a year of hourly values repeats a few thousand texts), then spread back
    codes, distinct = factorize(texts)
    converted = pd.to_numeric(pd.Series(distinct, dtype=object), errors="coerce").to_numpy(dtype=float)
    numbers = converted[codes]
    problems: list[Problem] = []
    failed = np.isnan(converted)
    if failed.any():
        shown = {k: str(distinct[k]).strip() for k in np.flatnonzero(failed).tolist()}
        wrong = np.zeros(len(distinct), dtype=bool)  # failed and not a way of writing "no value"
        wrong[[k for k, t in shown.items() if t.casefold() not in MISSING]] = True
        for i in np.flatnonzero(wrong[codes])[:MAX_LISTED]:
            text = shown[int(codes[i])]
            what = ("an Excel error value" if text.startswith("#") else "text in a number cell")
            problems.append(Problem(what, file=file, row=int(rows[i]), column=column, value=text,
                                    expected=expected))
    if not allow_negative:
        for i in np.flatnonzero((numbers < 0) & ~(allow_inf & np.isinf(numbers)))[: MAX_LISTED - len(problems)]:
            problems.append(Problem("a negative value", file=file, row=int(rows[i]), column=column,
                                    value=distinct[codes[i]], expected=expected))
    for i in np.flatnonzero(np.isinf(numbers) & (not allow_inf))[: max(MAX_LISTED - len(problems), 0)]:
        problems.append(Problem("not a finite number", file=file, row=int(rows[i]), column=column,
                                value=str(distinct[codes[i]]).strip(), expected=expected))
    if problems:
        raise InputError(problems[0], problems[1:])
    return numbers


_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:-|~|～|—|–|至|到)\s*(\d+(?:\.\d+)?)\s*$")


def split_ranges(texts: Sequence[str]) -> tuple[TextColumn, TextColumn] | None:
    """Low and high texts when cells hold ranges such as ``150-200`` / ``150～200``; None when none does."""
    if isinstance(texts, NumberColumn):
        return None  # plain numbers: no cell holds a range
    codes, distinct = factorize(texts)
    matches = [_RANGE.match(str(t)) for t in distinct.tolist()]
    if not any(matches):
        return None
    low = [m.group(1) if m else t for m, t in zip(matches, distinct.tolist())]
    high = [m.group(2) if m else t for m, t in zip(matches, distinct.tolist())]
    return TextColumn.coded(codes, low), TextColumn.coded(codes, high)


def parse_wind_direction(texts: Sequence[str], *, file: str, rows: np.ndarray, column: str,
                         warnings: list[Problem]) -> np.ndarray:
    """Degrees (0–360) from numbers or compass names (NE, 东北, 偏北风); calm → NaN; unknown text → warning."""
    codes, distinct = factorize(texts)
    degrees = np.full(len(distinct), np.nan)
    unknown = np.zeros(len(distinct), dtype=bool)
    for k, raw in enumerate(distinct.tolist()):
        text = str(raw).strip()
        key = text.upper() if text.isascii() else text
        if key.casefold() in MISSING or key.casefold() in CALM:
            continue
        if key in WIND_DIRECTIONS:
            degrees[k] = WIND_DIRECTIONS[key]
            continue
        try:
            value = float(text)
        except ValueError:
            unknown[k] = True
            continue
        if 0 <= value <= 360:
            degrees[k] = value
        else:
            unknown[k] = True
    if unknown.any():
        at = np.flatnonzero(unknown[codes])
        i = int(at[0])
        named = {str(t).strip() for t in distinct[unknown].tolist()}  # counted as written, spaces aside
        warnings.append(Problem(f"{len(named)} wind directions could not be read and are left empty",
                                severity="warning", file=file, row=int(rows[i]), column=column,
                                value=str(distinct[codes[i]]).strip(),
                                expected="degrees 0–360 or a compass name (NE, 东北, 偏北风)", action="excluded"))
    return degrees[codes]


def parse_inversion(texts: Sequence[str], *, file: str, rows: np.ndarray, column: str,
                    warnings: list[Problem]) -> np.ndarray:
    """Inversion as 1/0 (有/无, yes/no) or a strength in °C; unreadable cells → NaN and a warning."""
    codes, distinct = factorize(texts)
    strength = np.full(len(distinct), np.nan)
    bad = np.zeros(len(distinct), dtype=bool)
    for k, raw in enumerate(distinct.tolist()):
        text = str(raw).strip().casefold()
        if text in YES_NO:  # before MISSING: here 无 means "no inversion", not "no data"
            strength[k] = YES_NO[text]
            continue
        if text in MISSING:
            continue
        try:
            strength[k] = float(text)
        except ValueError:
            bad[k] = True
    if bad.any():
        at = np.flatnonzero(bad[codes])
        i = int(at[0])
        warnings.append(Problem(f"{len(at)} inversion cells could not be read and are left empty",
                                severity="warning", file=file, row=int(rows[i]), column=column,
                                value=str(distinct[codes[i]]),
                                expected="有/无, yes/no, 1/0 or an inversion strength in °C", action="excluded"))
    return strength[codes]
