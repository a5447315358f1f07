"""A second, deliberately naive reading of spec §7 (a warning over its life), written straight from the words of
shared/spec/warning-rules.md §7 on top of the naive §3–§5 reading in ``tests/domain/spec_reading.py``.

It shares nothing with the engine (``app.domain``): it splices the observed hours before the forecast by hand,
reads the spliced series with ``spec_reading.read_forecast`` (daily AQI, city episodes, regional levels and
episodes per step), and then walks §7 one clause at a time with plain loops over the steps (days in calendar
mode, hours in rolling mode). Every time is a tz-aware Beijing ``datetime``; an episode's or a warning's end is
the hour-start of its LAST hour (inclusive), as everywhere in the spec.

Where §7 leaves a choice open, the reading taken here is written down in /work/coord/s7-disagreements.md
(R1, R2, … below refer to it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from tests.domain import spec_reading as spec

HOUR = timedelta(hours=1)
RANK = {name: rank for rank, name in enumerate(spec.LEVEL_NAMES)}
GAP_HOURS = 36  # "36 h or more" / "closer than 36 h" / "lasting 36 hours or more" (四(一) 注, 四(五)3)


@dataclass(frozen=True)
class InForce:
    """A warning in force, as §7 describes it: region, level L, start S, expected end X (none, a step, or "at
    least" a step), and optionally the level before an advised change and the step it takes effect."""

    region: str
    level: str
    start: datetime
    end: datetime | None = None
    end_at_least: bool = False
    previous_level: str | None = None
    change_at: datetime | None = None


@dataclass
class Episode:
    """One regional episode of the spliced series (spec_reading's dict, plus its times and closedness)."""

    index: int
    region: str
    rank: int
    first: int  # first step
    last: int  # last step
    start: datetime  # first hour of the first step
    end: datetime  # last hour of the last step
    closed: bool


@dataclass
class Life:
    """The naive reading's answer."""

    reading: spec.Reading
    f: datetime
    episodes: list[Episode]
    advice: list[dict]  # per warning, input order: action, new_level, from_time, until, until_at_least, new_start
    new_warnings: list[dict]  # region, level, start, end, end_at_least
    process: list[Episode | None]  # each warning's 过程 P
    joined: list[bool]


def splice(observed, forecast) -> tuple[list[datetime], list[str], list[list[float]]]:
    """"the observations for every hour before the forecast's first hour f and the forecast from f on (observed
    wins before f; the forecast wins from f on)". ``observed`` / ``forecast``: (times, cities, rows of PM2.5),
    NaN where missing; ``observed`` may be None. The series runs from the first observed hour (or f) to the
    forecast's last hour; an hour nobody gave is missing — never adjacent to anything (docs/rules-readings.md E5).
    Observations whose last hour ends more than 7 days before f (E5: longer than any merge interval, lead time or
    过程) are not spliced at all."""
    f_times, cities, f_rows = forecast
    f = f_times[0].astimezone(spec.BEIJING)
    values: dict[tuple[str, datetime], float] = {}
    first = f
    if observed is not None and max(t.astimezone(spec.BEIJING) for t in observed[0]) + HOUR < f - 7 * 24 * HOUR:
        observed = None  # the observations' end (their last hour + 1 h) more than 7 days before f
    if observed is not None:
        o_times, o_cities, o_rows = observed
        for city, row in zip(o_cities, o_rows):
            for t, v in zip(o_times, row):
                t = t.astimezone(spec.BEIJING)
                if t < f:  # observed wins before f only
                    values[(city, t)] = v
                    first = min(first, t)
    for city, row in zip(cities, f_rows):
        for t, v in zip(f_times, row):
            values[(city, t.astimezone(spec.BEIJING))] = v  # the forecast wins from f on
    last = f_times[-1].astimezone(spec.BEIJING)
    times = []
    t = first
    while t <= last:
        times.append(t)
        t += HOUR
    rows = [[values.get((city, t), math.nan) for t in times] for city in cities]
    return times, cities, rows


def read_life(observed, forecast, neighbours: dict[str, set[str]], mode: str, warnings: list[InForce],
              downgrade_on_dip: bool = False) -> Life:
    """§7 on one forecast: splice, read the series (§3–§5), then each warning's 过程, advice and the new
    warnings."""
    times, cities, rows = splice(observed, forecast)
    reading = spec.read_forecast(times, cities, rows, mode, neighbours)
    f = forecast[0][0].astimezone(spec.BEIJING)
    return advise(reading, f, times[-1].astimezone(spec.BEIJING), warnings, downgrade_on_dip)


# ---------------------------------------------------------------------------------------------------------------
# Steps and f


def _step_start(reading: spec.Reading, s: int) -> datetime:
    return reading.steps[s]


def _step_last_hour(reading: spec.Reading, s: int) -> datetime:
    return spec.step_end(reading, s)


def _from_f(reading: spec.Reading, s: int, f: datetime) -> bool:
    """R1: a step is "at or after f" when any of its hours is ("a day that mixes both is a forecast day")."""
    return _step_last_hour(reading, s) >= f


def _clip(t: datetime, f: datetime) -> datetime:
    """"Effective times are never before f"."""
    return max(t, f)


def _hours(a: datetime, b: datetime) -> float:
    return (b - a) / HOUR


# ---------------------------------------------------------------------------------------------------------------
# The regional episodes of the whole series, open or closed


def _episodes(reading: spec.Reading, series_last: datetime) -> list[Episode]:
    """"The regional episodes (§5, merged across gaps under 36 h; in rolling mode, 36 hourly steps) are taken on
    the whole series. An episode is *closed* when 36 h or more without a triggered step follow it inside the
    series (as in the merge rule); otherwise it is *open*." R2: the hours counted are hours inside the series
    (a calendar day cut short by the series' end counts only its hours inside it)."""
    out = []
    ordered = sorted(reading.regional_episodes, key=lambda e: (e["first"], list(spec.REGIONS).index(e["region"])))
    for i, e in enumerate(ordered):
        end = _step_last_hour(reading, e["last"])
        # hours after the episode's last hour that lie inside the series; no triggered step can be among the first
        # 36 of them, since a triggered step closer than 36 h would have merged into this episode
        after = _hours(end, series_last)
        out.append(Episode(i, e["region"], RANK[e["level"]], e["first"], e["last"],
                           _step_start(reading, e["first"]), end, closed=after >= GAP_HOURS))
    return out


def _gap(ep: Episode, lo: datetime, hi: datetime) -> float:
    """Hours strictly between an episode and the span [lo, hi] (0 when they overlap), as the merge rule counts a
    gap (R3)."""
    if ep.end < lo:
        return _hours(ep.end, lo) - 1
    if ep.start > hi:
        return _hours(hi, ep.start) - 1
    return 0


def _overlaps(ep: Episode, lo: datetime, hi: datetime) -> bool:
    return ep.start <= hi and ep.end >= lo


# ---------------------------------------------------------------------------------------------------------------
# Its 过程


def _span(w: InForce, f: datetime) -> tuple[datetime, datetime]:
    """The [S, X] a warning's 过程 is matched against. §7: "(X absent: [S, S])". R16, the project's reading of a
    hole §7 leaves there (E4, decided by the lead, docs/rules-readings.md): a warning in effect at f is in force
    at least up to the hour before f by definition, so when it has no X, or an X given "at least", its span runs
    to the later of X and f − 1 h. Reason: read as [S, S], a warning in effect whose S lies 36 h or more before
    an episode starting at f gets no 过程 — lift at f plus a start letter — and the next morning the lift's
    X = f − 1 h makes the episode its 过程 again — upgrade, and the new warning joined, lifted: two letters
    reversing the day before. A pending warning with no X keeps [S, S]; an exact X is the warning's own (one
    before f means it has ended)."""
    if w.start >= f:  # pending
        return w.start, (w.start if w.end is None else w.end)
    if w.end is not None and not w.end_at_least:  # an exact X, reached or not
        return w.start, w.end
    in_force_until = f - HOUR  # in effect: in force at least up to the hour before f
    if w.end is not None and w.end > in_force_until:
        in_force_until = w.end
    return w.start, in_force_until


def _match(episodes: list[Episode], warnings: list[InForce], f: datetime) -> tuple[list, list[bool]]:
    process: list[Episode | None] = [None] * len(warnings)
    joined = [False] * len(warnings)
    taken: set[int] = set()
    # "Warnings are matched in order of S" (R4: equal S keep their input order)
    for i in sorted(range(len(warnings)), key=lambda k: warnings[k].start):
        w = warnings[i]
        if _cancelled(w):
            continue  # R17: it takes no episode
        lo, hi = _span(w, f)
        # "A warning's 过程 P is an episode that overlaps [S, X] or comes closer to it than 36 h"
        candidates = [e for e in episodes if e.region == w.region
                      and (_overlaps(e, lo, hi) or _gap(e, lo, hi) < GAP_HOURS)]
        # "an episode already matched to an earlier warning is left out"
        free = [e for e in candidates if e.index not in taken]
        if not free:
            # "A warning left without a 过程 because its episode went to an earlier warning is *joined*"
            joined[i] = bool(candidates)
            continue
        in_effect = w.start < f
        chosen = None
        # "of several candidates, for a warning in effect the one holding f,"
        if in_effect:
            holding = [e for e in free if e.start <= f <= e.end]
            if holding:
                chosen = holding[0]
        # "then one overlapping [S, X], then the one nearest S (the earlier on a tie)" (R5: among several
        # overlapping ones, again the one nearest S, the earlier on a tie)
        if chosen is None:
            overlapping = [e for e in free if _overlaps(e, lo, hi)]
            pool = overlapping or free
            best = None
            for e in pool:  # pool is in time order, so "<" keeps the earlier on a tie
                if best is None or _gap(e, lo, lo) < _gap(best, lo, lo):
                    best = e
            chosen = best
        process[i] = chosen
        taken.add(chosen.index)
    return process, joined


# ---------------------------------------------------------------------------------------------------------------
# Advice


def _cancelled(w: InForce) -> bool:
    """R17: "lift and cancel set the expected end to the step before their effective step, and the warning stays
    in force until *ended* drops it" — after a cancel (at f, before S) X < S: the warning has run its course before
    it began; it is *ended* at once and takes no episode (a return needs its own start letter)."""
    return w.end is not None and not w.end_at_least and w.end < w.start


def _level_at(w: InForce, t: datetime) -> int:
    """"L(t), the warning's level at step t": previous_level before change_at, level from change_at on."""
    if w.change_at is not None and w.previous_level is not None and t < w.change_at:
        return RANK[w.previous_level]
    return RANK[w.level]


def _result(action: str, level: str, at, p: Episode | None, new_start=None) -> dict:
    """"Every advice carries one expected end, P's last triggered step (none when P is none), marked "at least"
    when P is open"."""
    return {"action": action, "new_level": level, "from_time": at,
            "until": None if p is None else p.end, "until_at_least": False if p is None else not p.closed,
            "new_start": new_start}


def _advise_in_effect(reading, region_level, w: InForce, p: Episode | None, f: datetime, dip: bool) -> dict:
    x = w.end
    # "In effect, and P is none or ended before f:"
    if p is None or p.end < f:
        # "**ended** when X (not "at least") is before f and P, if any, ended by X"
        if x is not None and not w.end_at_least and x < f and (p is None or p.end <= x):
            return _result("ended", w.level, None, p)
        # "**keep** when P is open (the series cannot yet say it is over)"
        if p is not None and not p.closed:
            return _result("keep", w.level, None, p)
        # "else **lift** at the step after P's end (at f if earlier)"
        return _result("lift", "none", f if p is None else _clip(p.end + HOUR, f), p)

    # "In effect, P reaches f or later:" — its steps from f on
    steps = [s for s in range(p.first, p.last + 1) if _from_f(reading, s, f)]
    lv = {s: region_level[s] for s in steps}
    when = {s: _clip(_step_start(reading, s), f) for s in steps}

    # "1. **upgrade** when lv(t) > L(t) for some t ≥ f in P: to the highest level of P from f on, effective at
    # the first such t"
    higher = [s for s in steps if lv[s] > _level_at(w, when[s])]
    if higher:
        top = max(lv[s] for s in steps)
        return _result("upgrade", spec.LEVEL_NAMES[top], when[higher[0]], p)

    # "2. else **downgrade** when P has a tail … every step below the warning's level before any downgrade already
    # scheduled" (R6: a downgrade is "already scheduled" when previous_level > level and change_at is at or after
    # f; one that took effect before f is simply the level L(t))
    scheduled = (w.previous_level is not None and w.change_at is not None
                 and RANK[w.previous_level] > RANK[w.level] and w.change_at >= f)

    def ref(s: int) -> int:
        return RANK[w.previous_level] if scheduled else _level_at(w, when[s])

    below = [lv[s] < ref(s) for s in steps]  # "(none steps inside P included)"
    run = None
    if dip:
        # "Setting downgrade_on_dip: the first run below the level lasting 36 h or more is a downgrade even if the
        # level returns"
        k = 0
        while k < len(steps) and run is None:
            if below[k]:
                j = k
                while j + 1 < len(steps) and below[j + 1]:
                    j += 1
                if (j - k + 1) * reading.step_hours >= GAP_HOURS:
                    run = (k, j)
                k = j + 1
            else:
                k += 1
    else:
        # "from a step a in P, a ≥ f, to P's last triggered step, every step below … lasting 36 hours or more …
        # effective at the earliest such a" — the earliest a is where the final run below the level begins
        k = len(steps)
        while k > 0 and below[k - 1]:
            k -= 1
        if k < len(steps) and (len(steps) - k) * reading.step_hours >= GAP_HOURS:
            run = (k, len(steps) - 1)
    if run is not None:
        # "to the highest level in that tail"
        new = max(lv[steps[k]] for k in range(run[0], run[1] + 1))
        at = when[steps[run[0]]]
        # "a downgrade the warning already holds (same level, same step) is keep" (R7: keep, final)
        if w.change_at is not None and new == RANK[w.level] and at == w.change_at:
            return _result("keep", w.level, None, p)
        return _result("downgrade", spec.LEVEL_NAMES[new], at, p)

    # "3. else **extend** when P's last triggered step is after X and, if X is "at least", P is closed (effective
    # at the step after X, at f if earlier)"
    if x is not None and p.end > x and (not w.end_at_least or p.closed):
        return _result("extend", w.level, _clip(x + HOUR, f), p)
    # "**lift** at the step after P's end when P is closed and X is absent, after P's end, or "at least""
    if p.closed and (x is None or x > p.end or w.end_at_least):
        return _result("lift", "none", _clip(p.end + HOUR, f), p)
    # "else **keep**"
    return _result("keep", w.level, None, p)


def _advise_pending(reading, w: InForce, p: Episode | None, f: datetime) -> dict:
    # "Pending: no P → **cancel** (取消, a lift before the start) at f."
    if p is None:
        return _result("cancel", "none", f, None)
    # "compare P with the letter: P's highest level and P's start (at f if P began earlier; in rolling mode
    # compared by calendar day) the same as the letter's"
    start = _clip(p.start, f)
    if reading.mode == "rolling":
        same_start = start.date() == w.start.astimezone(spec.BEIJING).date()
    else:
        same_start = start == w.start
    if p.rank == RANK[w.level] and same_start:
        # "→ **keep**, or **extend** when P's end is after X (as in 3)"
        x = w.end
        if x is not None and p.end > x and (not w.end_at_least or p.closed):
            return _result("extend", w.level, _clip(x + HOUR, f), p)
        return _result("keep", w.level, None, p)
    # "anything else → **revise** (调整): one amended start letter with P's level, start and end" (R8: its
    # effective time is the amended start)
    return _result("revise", spec.LEVEL_NAMES[p.rank], start, p, new_start=start)


def advise(reading: spec.Reading, f: datetime, series_last: datetime, warnings: list[InForce],
           downgrade_on_dip: bool = False) -> Life:
    episodes = _episodes(reading, series_last)
    process, joined = _match(episodes, warnings, f)
    advice = []
    for w, p, was_joined in zip(warnings, process, joined):
        # "It is **pending** when S ≥ f …, **in effect** when S < f."
        pending = w.start >= f
        if _cancelled(w):
            advice.append(_result("ended", w.level, None, None))
        elif was_joined:
            # "*joined*: cancelled if pending, lifted at f if in effect" — R11/E3: joined means P is none, so a
            # joined warning in effect whose exact X is before f is *ended* (the P-none clause below): the day
            # after its lift (X = f − 1 h) it is not lifted a second time ("a letter is never sent twice")
            if pending:
                advice.append(_result("cancel", "none", f, None))
            elif w.end is not None and not w.end_at_least and w.end < f:
                advice.append(_result("ended", w.level, None, None))
            else:
                advice.append(_result("lift", "none", f, None))
        elif pending:
            advice.append(_advise_pending(reading, w, p, f))
        else:
            advice.append(_advise_in_effect(reading, reading.region_level[w.region], w, p, f, downgrade_on_dip))

    # "A regional episode that ends at or after f and is no warning's 过程 is a **new warning** … its start is
    # its first triggered step at or after f. Episodes that ended in the observed past are history"
    matched = {p.index for p in process if p is not None}
    new = []
    for e in episodes:
        if e.end < f or e.index in matched:
            continue
        level = reading.region_level[e.region]
        first = next(s for s in range(e.first, e.last + 1) if level[s] >= 1 and _from_f(reading, s, f))
        new.append({"region": e.region, "level": spec.LEVEL_NAMES[e.rank],
                    "start": _clip(_step_start(reading, first), f), "end": e.end, "end_at_least": not e.closed})
    return Life(reading, f, episodes, advice, new, process, joined)
