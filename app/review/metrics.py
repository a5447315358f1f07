"""Verification scores of daily forecasts against observations (pure numpy, one city or pooled).

Inputs are aligned 1-D arrays over days — forecast and observed daily mean PM2.5 (µg/m³) and daily AQI — with
NaN where unknown; only the days both sides have count (``days``).

- ``bias`` = mean(forecast − observed) of the daily mean PM2.5, ``rmse`` = √mean((forecast − observed)²);
- ``category_accuracy``: share of days whose forecast AQI category (优 … 严重污染, HJ 633) is the observed one;
- ``half_level_accuracy``: share of days whose forecast and observed daily AQI are at most one half-level
  apart, on 12 half-levels (优 0–25 | 26–50, 良 51–75 | 76–100, 轻度 101–125 | 126–150, 中度 151–175 | 176–200,
  重度 201–250 | 251–300, 严重 301–400 | 401–500). The 12 half-levels and the UK-style evaluation are those of
  王晓彦 et al. (基于半级别的城市空气质量预报评估方法探讨, 环境科学 2022, 43(7): 3396–3403) as its abstract states
  them; the split points and the one-half-level tolerance are our reading — the paper's methods section could
  not be consulted (docs/review.md says exactly what rests on what);
- ``contingency`` for the events "daily AQI > 150 / 200 / 300": hits, misses, false alarms, correct negatives,
  POD = hits / (hits + misses), FAR = false alarms / (hits + false alarms), CSI = hits / (hits + misses + false
  alarms); a score whose denominator is zero is ``None`` (undefined, never 0 or 1).
"""

from __future__ import annotations

import numpy as np

THRESHOLDS = (150, 200, 300)
HALF_LEVEL_UPPER = np.array([25, 50, 75, 100, 125, 150, 175, 200, 250, 300, 400], dtype=float)
CATEGORY_UPPER = np.array([50, 100, 150, 200, 300], dtype=float)


def half_level(aqi) -> np.ndarray:
    """Half-level 0 … 11 of an AQI (0–25 → 0, 26–50 → 1, …, 401–500 → 11); −1 where unknown."""
    a = np.asarray(aqi, dtype=float)
    idx = np.searchsorted(HALF_LEVEL_UPPER, a, side="left")
    return np.where(np.isnan(a), -1, idx)


def category(aqi) -> np.ndarray:
    """AQI category 0 … 5 (优 … 严重污染); −1 where unknown."""
    a = np.asarray(aqi, dtype=float)
    return np.where(np.isnan(a), -1, np.searchsorted(CATEGORY_UPPER, a, side="left"))


def _ratio(num: int, den: int) -> float | None:
    return None if den == 0 else num / den


def contingency(forecast_aqi, observed_aqi, threshold: float) -> dict:
    """2 × 2 table of the event daily AQI > threshold over the days both sides have."""
    f, o = np.asarray(forecast_aqi, float), np.asarray(observed_aqi, float)
    both = ~np.isnan(f) & ~np.isnan(o)
    return _table(f[both] > threshold, o[both] > threshold)


def _table(fe: np.ndarray, oe: np.ndarray) -> dict:
    """The 2 × 2 table of the event forecast (``fe``) against observed (``oe``), day by day: three counts, the
    rest by difference (410 tables of a year's review, issue 26)."""
    hits = int(np.count_nonzero(fe & oe))
    forecast, observed = int(np.count_nonzero(fe)), int(np.count_nonzero(oe))
    misses, false_alarms = observed - hits, forecast - hits
    correct_negatives = len(fe) - forecast - observed + hits
    return {"hits": hits, "misses": misses, "false_alarms": false_alarms, "correct_negatives": correct_negatives,
            "pod": _ratio(hits, hits + misses), "far": _ratio(false_alarms, hits + false_alarms),
            "csi": _ratio(hits, hits + misses + false_alarms)}


def scores(forecast_pm25, observed_pm25, forecast_aqi, observed_aqi) -> dict:
    """Every score over the days both sides have (PM2.5 and AQI known on both)."""
    fp, op = np.asarray(forecast_pm25, float), np.asarray(observed_pm25, float)
    fa, oa = np.asarray(forecast_aqi, float), np.asarray(observed_aqi, float)
    both = ~np.isnan(fp) & ~np.isnan(op) & ~np.isnan(fa) & ~np.isnan(oa)
    n = int(np.count_nonzero(both))
    out: dict = {"days": n}
    fa_both, oa_both = fa[both], oa[both]  # known on both sides (no NaN): the tables' days too
    if n:
        diff = fp[both] - op[both]
        out["bias"] = float(diff.mean())
        out["rmse"] = float(np.sqrt((diff ** 2).mean()))
        # category() and half_level() of AQI known on both sides: their searchsorted alone (no NaN to mark); a
        # share as count / days, the very division np.mean of the booleans makes (410 score sets a year's
        # review, issue 26: numpy's mean and searchsorted wrappers were a third of them)
        same = CATEGORY_UPPER.searchsorted(fa_both, side="left") == CATEGORY_UPPER.searchsorted(oa_both, side="left")
        out["category_accuracy"] = np.count_nonzero(same) / n
        apart = HALF_LEVEL_UPPER.searchsorted(fa_both, side="left") - HALF_LEVEL_UPPER.searchsorted(oa_both, side="left")
        out["half_level_accuracy"] = np.count_nonzero(np.abs(apart) <= 1) / n
    else:
        out.update(bias=None, rmse=None, category_accuracy=None, half_level_accuracy=None)
    out["contingency"] = {str(t): _table(fa_both > t, oa_both > t) for t in THRESHOLDS}
    return out


def rounded(score: dict) -> dict:
    """Scores as the JSON prints them: concentrations to 0.01 µg/m³, shares to 4 decimals."""
    out = {}
    for key, value in score.items():
        if isinstance(value, dict):
            out[key] = rounded(value)
        elif isinstance(value, float):
            out[key] = round(value, 2 if key in ("bias", "rmse") else 4)
        else:
            out[key] = value
    return out
