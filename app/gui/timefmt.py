"""How a forecast step is written: Beijing time and the day of the forecast (D+1 is the day after issue)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from PySide6.QtCore import QCoreApplication

from app.domain.scheme import BEIJING


def forecast_day(evaluation, hour: int) -> int:
    """Day of the forecast for a step: days after the issue date, or (issue time unknown) D+1 = first day."""
    t = evaluation.times[hour].tz_convert(BEIJING)
    if evaluation.issued_at is not None:
        base: date = pd.Timestamp(evaluation.issued_at).tz_convert(BEIJING).date()
        return (t.date() - base).days
    first = getattr(evaluation, "forecast_start", None) or evaluation.times[0]
    return (t.date() - pd.Timestamp(first).tz_convert(BEIJING).date()).days + 1


def is_observed(evaluation, hour: int) -> bool:
    """Whether a step lies before the forecast's first hour: observed, spliced before it (spec §7)."""
    return 0 <= hour < int(getattr(evaluation, "observed_hours", 0) or 0)


def day_label(evaluation, hour: int) -> str:
    day = forecast_day(evaluation, hour)
    return f"D{day:+d}" if day else "D"


def step_text(evaluation, hour: int) -> str:
    """'2026-01-12 08:00 北京时间 · D+2'; an observed step (before the forecast's first hour) '… · 实况'."""
    beijing = QCoreApplication.translate("Time", "北京时间")
    observed = is_observed(evaluation, hour)
    key = (hour, beijing, observed)
    texts = _step_texts(evaluation)
    if key not in texts:  # the map header, time bar, status bar and unit panel all write it at every step
        t = evaluation.times[hour].tz_convert(BEIJING)
        tail = QCoreApplication.translate("Time", "实况") if observed else day_label(evaluation, hour)
        texts[key] = f"{t:%Y-%m-%d %H:%M} {beijing} · {tail}"
    return texts[key]


_STEP_TEXTS: list = [None, {}]  # the evaluation last written for, and its texts by (hour, language, observed)


def _step_texts(evaluation) -> dict:
    if _STEP_TEXTS[0] is not evaluation:
        _STEP_TEXTS[0], _STEP_TEXTS[1] = evaluation, {}
    return _STEP_TEXTS[1]
