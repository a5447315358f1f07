"""A winter replayed (spec §7, "Successive forecasts"): forecasts in issue order, each read against the warnings
the previous days' letters left in force.

    replay(forecasts, scheme, neighbours, *, observed=None, in_force=(), mode=None, edition="auto") -> Replay

For each forecast: the warnings in force (:func:`app.domain.recommend.apply_advice` of the previous day's
evaluation), the advice and the new warnings, and the letters the rules call for — one follow-up for each advice
other than keep and ended, one start letter for each new warning. At the end each region's warning timeline: the
level in force per day as issued (the hours from one forecast's first hour to the next are governed by the
letters sent on the earlier one; the last forecast's letters govern to its end).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from app.domain.engine import Prepared, evaluate
from app.domain.forecast import TZ, Forecast
from app.domain.recommend import WarningInForce, apply_advice
from app.domain.results import Evaluation
from app.domain.scheme import LEVEL_RANK, LEVELS, Scheme

HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class Letter:
    """A letter the rules call for: start (a new warning) or a follow-up (the advice's action)."""

    kind: str  # start | upgrade | downgrade | lift | extend | revise | cancel
    region: str
    level: str  # the level it states ("none" for lift/cancel)
    start: datetime | None  # start letters: the warning's start; follow-ups: the effective time
    end: datetime | None  # the one expected end (hour-start of the last hour)
    end_at_least: bool = False


@dataclass
class Day:
    forecast: Forecast
    evaluation: Evaluation
    in_force: list[WarningInForce]  # before this forecast's letters
    letters: list[Letter]


@dataclass
class Replay:
    days: list[Day] = field(default_factory=list)
    in_force: list[WarningInForce] = field(default_factory=list)  # after the last day's letters
    timeline: dict[str, dict[str, str]] = field(default_factory=dict)  # region -> ISO date -> level


def letters_for(evaluation: Evaluation) -> list[Letter]:
    """§7's default set: one follow-up for each advice other than keep and ended, one start letter per new warning."""
    out = []
    for rec in evaluation.recommendations:
        if rec.action in ("keep", "ended"):
            continue
        start = rec.new_start if rec.action == "revise" else rec.from_time
        out.append(Letter(rec.action, rec.region, rec.new_level, start, rec.until, rec.until_at_least))
    out += [Letter("start", n.region, n.level, n.start, n.end, n.end_at_least) for n in evaluation.new_warnings]
    return out


def in_issue_order(forecasts: Sequence[Forecast]) -> list[Forecast]:
    """By issue time (a forecast without one by its first hour), then by first hour; ties keep their order."""
    def key(f: Forecast):
        first = f.times[0].tz_convert(TZ).to_pydatetime()
        return (f.meta.issued_at or first, first)

    return sorted(forecasts, key=key)


def replay(forecasts: Sequence[Forecast], scheme: Scheme, neighbours: Mapping[str, set[str]], *,
           observed: Forecast | None = None, in_force: Sequence[WarningInForce] = (), mode: str | None = None,
           edition: str = "auto") -> Replay:
    out = Replay()
    current = list(in_force)
    spans: list[tuple[datetime, datetime, list[WarningInForce]]] = []
    ordered = in_issue_order(forecasts)
    prepared = Prepared(scheme, neighbours)  # the linkage graph and the adjacency findings, made once
    for k, forecast in enumerate(ordered):
        evaluation = evaluate(forecast, scheme, neighbours, mode=mode, edition=edition, in_force=current,
                              observed=observed, prepared=prepared)
        out.days.append(Day(forecast, evaluation, list(current), letters_for(evaluation)))
        after = apply_advice(current, evaluation)
        f = evaluation.forecast_start
        last = evaluation.times[-1].to_pydatetime()
        if k + 1 < len(ordered):
            last = min(last, ordered[k + 1].times[0].tz_convert(TZ).to_pydatetime() - HOUR)
        spans.append((f, last, after))
        current = after
    out.in_force = current
    out.timeline = _timeline(spans, [r.name for r in scheme.regions])
    return out


def _timeline(spans, regions: list[str]) -> dict[str, dict[str, str]]:
    """Per region and day, the highest level in force at any hour of the day as the letters left it."""
    if not spans:
        return {name: {} for name in regions}
    origin = pd.Timestamp(spans[0][0]).tz_convert(TZ).normalize().to_pydatetime()
    end = max(s[1] for s in spans)
    n = int((end - origin) / HOUR) + 1
    level = {name: np.zeros(n, dtype=np.int8) for name in regions}

    def index(t: datetime) -> int:
        return int((t - origin) // HOUR)

    for f, last, warnings in spans:
        for w in warnings:
            a, b = max(w.start, f), last if w.end is None else min(w.end, last)
            if a > b:
                continue
            pieces = [(a, b, w.level)]
            if w.change_at is not None and w.previous_level is not None and a < w.change_at:
                pieces = [(a, min(b, w.change_at - HOUR), w.previous_level)] + (
                    [(w.change_at, b, w.level)] if w.change_at <= b else [])
            for p0, p1, name in pieces:
                cells = level[w.region][max(index(p0), 0):index(p1) + 1]
                np.maximum(cells, LEVEL_RANK[name], out=cells)
    out = {}
    for name in regions:
        days = level[name][:n - n % 24].reshape(-1, 24).max(axis=1).tolist() + (
            [int(level[name][n - n % 24:].max())] if n % 24 else [])
        out[name] = {(origin + timedelta(days=d)).date().isoformat(): LEVELS[v] for d, v in enumerate(days)}
    return out
