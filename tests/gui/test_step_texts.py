"""Every step's text made at once (app.gui.timefmt.step_texts, what the step labels fit themselves to) is, hour
by hour, the text made one step at a time: issued or not (D+n from the issue date, or D+1 the first day), an
issue late in the evening, D0 and negative days, observed hours (实况) spliced before the forecast, English."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from app.gui import timefmt
from app.gui.i18n import install_language


def _evaluation(start: str, hours: int, issued_at=None, observed: int = 0, forecast_start=None, gap: int = 0):
    """``gap``: the last hours before f that nobody observed (E5)."""
    times = pd.date_range(start, periods=hours, freq="h", tz="UTC")
    unobserved = None
    if gap:
        unobserved = np.zeros(hours, dtype=bool)
        unobserved[observed - gap:observed] = True
    return SimpleNamespace(times=times, issued_at=issued_at, observed_hours=observed, forecast_start=forecast_start,
                           unobserved=unobserved)


def _one_by_one(evaluation) -> list[str]:
    timefmt._STEP_TEXTS[:] = [None, {}]  # made afresh, one hour at a time
    return [timefmt.step_text(evaluation, hour) for hour in range(len(evaluation.times))]


def _at_once(evaluation) -> list[str]:
    timefmt._STEP_TEXTS[:] = [None, {}]
    return timefmt.step_texts(evaluation)


CASES = {
    "issued the day before": _evaluation("2026-01-09T16:00", 168, issued_at=pd.Timestamp("2026-01-09T10:00+08:00")),
    "issued late in the evening, Beijing": _evaluation("2026-01-09T15:00", 50,
                                                       issued_at=pd.Timestamp("2026-01-09T23:30+08:00")),
    "issued after its first hours (D0, D-1)": _evaluation("2026-01-08T00:00", 72,
                                                          issued_at=pd.Timestamp("2026-01-09T09:00+08:00")),
    "no issue time": _evaluation("2026-01-09T16:00", 100),
    "no issue time, a forecast start": _evaluation("2026-01-07T16:00", 120, observed=48,
                                                   forecast_start=pd.Timestamp("2026-01-09T16:00Z")),
    "observed hours before an issued forecast": _evaluation("2026-01-07T16:00", 120, observed=48,
                                                            issued_at=pd.Timestamp("2026-01-09T10:00+08:00")),
    "observations ending a day before f": _evaluation("2026-01-07T16:00", 120, observed=48, gap=30,
                                                      issued_at=pd.Timestamp("2026-01-09T10:00+08:00")),
}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_at_once_is_one_by_one(qapp, case, language):
    install_language(language)
    try:
        evaluation = CASES[case]
        expected = _one_by_one(evaluation)
        assert _at_once(evaluation) == expected
        assert len(set(expected)) == len(expected)
        # and the memo they share gives the same texts whichever came first
        assert [timefmt.step_text(evaluation, h) for h in range(len(evaluation.times))] == expected
    finally:
        install_language("zh")


def test_the_day_and_observed_words_are_there(qapp):
    install_language("zh")
    texts = _at_once(CASES["observed hours before an issued forecast"])
    assert texts[0].endswith("· 实况") and texts[47].endswith("· 实况") and texts[48] == "2026-01-10 00:00 北京时间 · D+1"
    assert texts[0].startswith("2026-01-08 00:00 北京时间")
    texts = _at_once(CASES["issued the day before"])
    assert texts[0] == "2026-01-10 00:00 北京时间 · D+1" and texts[-1].endswith("D+7")
    texts = _at_once(CASES["issued after its first hours (D0, D-1)"])
    assert texts[0].endswith("· D-1") and texts[16].endswith("· D") and texts[40].endswith("· D+1")


@pytest.mark.parametrize("language,observed,unobserved", [("zh", "实况", "无实况"), ("en", "observed", "no observation")])
def test_the_hours_nobody_observed_before_f_are_not_called_observed(qapp, language, observed, unobserved):
    """E5: between the last observation and f the hours are missing; their step says so, not '实况'."""
    install_language(language)
    try:
        texts = _at_once(CASES["observations ending a day before f"])
        assert texts[17].endswith(f"· {observed}") and texts[18].endswith(f"· {unobserved}")
        assert texts[47].endswith(f"· {unobserved}") and texts[48].endswith("· D+1")
    finally:
        install_language("zh")
