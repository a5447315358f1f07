"""Is the forecast on the desk still current? Its issue time, its age by the clock, and whether its period has
ended — so that an officer never proposes a warning from yesterday's run without being told.

Pure: the clock is passed in (the window passes ``now``; tests pass fixed times).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

DEFAULT_STALE_HOURS = 36.0  # a forecast older than this (by its issue time) is flagged


@dataclass(frozen=True)
class Freshness:
    issued_at: datetime | None  # None: the file did not say when it was issued
    age_hours: float | None  # now − issued_at; None when the issue time is unknown
    period_end: datetime  # the forecast's last hour
    period_ended: bool  # now is after the last hour
    too_old: bool  # age above the limit
    limit_hours: float

    @property
    def stale(self) -> bool:
        return self.period_ended or self.too_old


def freshness(times: pd.DatetimeIndex, issued_at: datetime | None, now: datetime,
              limit_hours: float = DEFAULT_STALE_HOURS) -> Freshness:
    """How current a forecast over ``times`` (tz-aware hours) issued at ``issued_at`` is at ``now`` (tz-aware)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    end = pd.Timestamp(times[-1]).to_pydatetime()
    age = None if issued_at is None else (now - issued_at).total_seconds() / 3600
    return Freshness(issued_at=issued_at, age_hours=age, period_end=end, period_ended=now > end,
                     too_old=age is not None and age > limit_hours, limit_hours=float(limit_hours))
