"""The cell readers as they were before they worked on distinct texts (cell by cell): the reference that
tests/importing/test_cells_distinct.py compares app.importing.cells with. Copied from app/importing/cells.py at
48973f3; not used by the app."""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.errors import InputError, Problem
from app.importing.cells import _RANGE, CALM, MAX_LISTED, MISSING, WIND_DIRECTIONS, YES_NO


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
