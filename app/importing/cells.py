"""Number cells: concentrations, AQI and meteorological values, with the bad ones reported precisely.

Vectorised with pandas (one ``to_numeric`` per column), then only the cells that failed are looked at again
to say which row and what text was found.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from app.errors import InputError, Problem

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


def parse_numbers(texts: list[str], *, file: str, rows: np.ndarray, column: str, expected: str,
                  allow_negative: bool = False, allow_inf: bool = False) -> np.ndarray:
    """Floats with NaN for empty/NA cells; text or (unless allowed) negative numbers raise InputError; ±inf is
    an error too unless ``allow_inf`` (value columns: the caller reports it and treats it as missing)."""
    series = pd.Series(texts, dtype=object)
    # each distinct text converted once (a year of hourly values repeats a few thousand texts), then spread back
    codes, distinct = pd.factorize(series, use_na_sentinel=False)
    numbers = pd.to_numeric(pd.Series(distinct, dtype=object), errors="coerce").to_numpy(dtype=float)[codes]
    failed = np.flatnonzero(np.isnan(numbers))
    problems: list[Problem] = []
    if failed.size:
        failed_texts = [str(series.iloc[i]).strip() for i in failed]
        missing = np.array([t.casefold() in MISSING for t in failed_texts], dtype=bool)
        for k in np.flatnonzero(~missing)[:MAX_LISTED]:
            i, text = failed[k], failed_texts[k]
            what = ("an Excel error value" if text.startswith("#") else "text in a number cell")
            problems.append(Problem(what, file=file, row=int(rows[i]), column=column, value=text,
                                    expected=expected))
    if not allow_negative:
        for i in np.flatnonzero((numbers < 0) & ~(allow_inf & np.isinf(numbers)))[: MAX_LISTED - len(problems)]:
            problems.append(Problem("a negative value", file=file, row=int(rows[i]), column=column,
                                    value=series.iloc[i], expected=expected))
    for i in np.flatnonzero(np.isinf(numbers) & (not allow_inf))[: max(MAX_LISTED - len(problems), 0)]:
        problems.append(Problem("not a finite number", file=file, row=int(rows[i]), column=column,
                                value=str(series.iloc[i]).strip(), expected=expected))
    if problems:
        raise InputError(problems[0], problems[1:])
    return numbers


_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:-|~|～|—|–|至|到)\s*(\d+(?:\.\d+)?)\s*$")


def split_ranges(texts: list[str]) -> tuple[list[str], list[str]] | None:
    """Low and high texts when cells hold ranges such as ``150-200`` / ``150～200``; None when none does."""
    matches = [_RANGE.match(str(t)) for t in texts]
    if not any(matches):
        return None
    low = [m.group(1) if m else t for m, t in zip(matches, texts)]
    high = [m.group(2) if m else t for m, t in zip(matches, texts)]
    return low, high


def parse_wind_direction(texts: list[str], *, file: str, rows: np.ndarray, column: str,
                         warnings: list[Problem]) -> np.ndarray:
    """Degrees (0–360) from numbers or compass names (NE, 东北, 偏北风); calm → NaN; unknown text → warning."""
    out = np.full(len(texts), np.nan)
    cache: dict[str, float] = {}
    unknown: list[tuple[int, str]] = []
    for i, raw in enumerate(texts):
        text = str(raw).strip()
        if text in cache:
            out[i] = cache[text]
            continue
        key = text.upper() if text.isascii() else text
        value = np.nan
        if key.casefold() in MISSING or key.casefold() in CALM:
            value = np.nan
        elif key in WIND_DIRECTIONS:
            value = WIND_DIRECTIONS[key]
        else:
            try:
                value = float(text)
                if not 0 <= value <= 360:
                    unknown.append((i, text))
                    value = np.nan
            except ValueError:
                unknown.append((i, text))
        cache.setdefault(text, value)
        out[i] = value
    if unknown:
        i, text = unknown[0]
        warnings.append(Problem(f"{len(unknown)} wind directions could not be read and are left empty",
                                severity="warning", file=file, row=int(rows[i]), column=column, value=text,
                                expected="degrees 0–360 or a compass name (NE, 东北, 偏北风)", action="excluded"))
    return out


def parse_inversion(texts: list[str], *, file: str, rows: np.ndarray, column: str,
                    warnings: list[Problem]) -> np.ndarray:
    """Inversion as 1/0 (有/无, yes/no) or a strength in °C; unreadable cells → NaN and a warning."""
    out = np.full(len(texts), np.nan)
    bad: list[tuple[int, str]] = []
    for i, raw in enumerate(texts):
        text = str(raw).strip().casefold()
        if text in YES_NO:  # before MISSING: here 无 means "no inversion", not "no data"
            out[i] = YES_NO[text]
            continue
        if text in MISSING:
            continue
        try:
            out[i] = float(text)
        except ValueError:
            bad.append((i, str(raw)))
    if bad:
        i, text = bad[0]
        warnings.append(Problem(f"{len(bad)} inversion cells could not be read and are left empty",
                                severity="warning", file=file, row=int(rows[i]), column=column, value=text,
                                expected="有/无, yes/no, 1/0 or an inversion strength in °C", action="excluded"))
    return out
