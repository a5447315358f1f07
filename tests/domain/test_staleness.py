"""Issue 12, defect 6: a forecast whose period has ended, or older than the limit, is stale."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest

from app.domain.scheme import BEIJING
from app.domain.staleness import DEFAULT_STALE_HOURS, freshness

TIMES = pd.date_range("2026-01-10 00:00", periods=168, freq="h", tz=BEIJING)
ISSUED = datetime(2026, 1, 9, 20, tzinfo=BEIJING)


def test_fresh_forecast():
    f = freshness(TIMES, ISSUED, datetime(2026, 1, 10, 8, tzinfo=BEIJING))
    assert f.age_hours == 12 and not f.period_ended and not f.too_old and not f.stale
    assert DEFAULT_STALE_HOURS == 36


def test_older_than_the_limit_is_stale_and_the_limit_is_settable():
    now = ISSUED + timedelta(hours=36, minutes=1)
    assert freshness(TIMES, ISSUED, now).too_old
    assert not freshness(TIMES, ISSUED, ISSUED + timedelta(hours=36)).too_old  # at the limit: still current
    assert not freshness(TIMES, ISSUED, now, limit_hours=48).stale


def test_a_period_that_has_ended_is_stale_even_without_an_issue_time():
    after = TIMES[-1].to_pydatetime() + timedelta(minutes=1)
    f = freshness(TIMES, None, after)
    assert f.period_ended and f.stale and f.age_hours is None and not f.too_old
    assert not freshness(TIMES, None, TIMES[-1].to_pydatetime()).period_ended


def test_the_clock_must_say_its_zone():
    with pytest.raises(ValueError):
        freshness(TIMES, ISSUED, datetime(2026, 1, 10, 8))
