"""highest_level_per_day compares every span with every day in numpy (issue 26: the loop grew with days ×
episodes); here against the rule written straight from its words — a span touches a Beijing day when it starts
before the next day begins and ends (inclusive last hour) at or after the day's start; the day takes the highest
level of the spans touching it, ``none`` when none does — on random spans, naive and aware."""

from __future__ import annotations

from collections import namedtuple
from datetime import UTC, datetime, timedelta, timezone

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.scheme import LEVEL_RANK
from app.review.level_days import NONE, highest_level_per_day

Span = namedtuple("Span", "level start end")
BEIJING = timezone(timedelta(hours=8))
FIRST = datetime(2026, 1, 1)


def _by_the_words(spans, days):
    out = []
    for day in days:
        begins = day.to_pydatetime().replace(tzinfo=BEIJING)
        touching = [s for s in spans if _beijing(s.start) < begins + timedelta(days=1) and _beijing(s.end) >= begins]
        best = max((LEVEL_RANK[s.level] for s in touching), default=None)
        out.append(NONE if best is None else next(s.level for s in touching if LEVEL_RANK[s.level] == best))
    return out


def _beijing(t):
    return t.replace(tzinfo=BEIJING) if t.tzinfo is None else t.astimezone(BEIJING)


@st.composite
def _span(draw):
    start = FIRST + timedelta(hours=draw(st.integers(-48, 24 * 40)))
    end = start + timedelta(hours=draw(st.integers(0, 24 * 9)))
    if draw(st.booleans()):  # the same instants given in UTC
        start, end = (t.replace(tzinfo=BEIJING).astimezone(UTC) for t in (start, end))
    return Span(draw(st.sampled_from(sorted(LEVEL_RANK))), start, end)


@settings(max_examples=200, deadline=None)
@given(st.lists(_span(), max_size=25), st.integers(1, 40), st.booleans())
def test_each_day_takes_the_highest_level_of_the_spans_touching_it(spans, ndays, aware_days):
    days = list(pd.date_range("2026-01-01", periods=ndays, freq="D", tz="Asia/Shanghai" if aware_days else None))
    assert highest_level_per_day(spans, days) == _by_the_words(spans, days)


def test_a_span_ending_on_a_days_first_hour_touches_that_day():
    days = list(pd.date_range("2026-01-01", periods=3, freq="D"))
    spans = [Span("orange", datetime(2025, 12, 30, 5), datetime(2026, 1, 2, 0)),
             Span("red", datetime(2026, 1, 1, 23), datetime(2026, 1, 1, 23))]
    assert highest_level_per_day(spans, days) == ["red", "orange", NONE]
    assert highest_level_per_day([], days) == [NONE] * 3
