"""A warning over its life (spec §7): each warning in force matched to its 过程, one advice each, new warnings.

    advise(in_force, timeline, processes, scheme, episodes) -> (recommendations, new_warnings)

- :class:`Timeline`: the step axis the rules read (calendar days, or hours in rolling mode) over the observed and
  forecast hours, with the forecast's first hour f and the step holding it;
- :func:`processes`: the regional episodes in steps (merged across gaps under 36 h), each *closed* when 36 h or
  more without a triggered step follow it inside the series (hours up to the series' last hour: a calendar day
  cut short by the series' end counts only its hours), else *open*;
- a warning's 过程 P: an episode overlapping [S, X] or closer to it than 36 h (X absent: [S, S]; a warning in
  effect at f whose X is absent or "at least" spans [S, max(X, f − 1 h)], docs/rules-readings.md E4); warnings taken in
  order of S, an episode already taken is left out; of several, for a warning in effect the one holding f, then
  one overlapping [S, X], then the one nearest S (the earlier on a tie); a warning whose candidates all went to
  earlier warnings is *joined*;
- the advice, exactly as §7 lists it, with one expected end (P's last triggered step, "at least" when P is open);
- the new warnings: episodes ending at or after f that are no warning's 过程.
Times are hour starts (an end is the hour-start of the last hour). Effective times are never before f.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from app.domain.levels import max_gap_steps
from app.domain.recommend import WarningInForce, level_at, resolve_region
from app.domain.results import NewWarning, Recommendation
from app.domain.runs import find_runs, merge_close
from app.domain.scheme import LEVEL_RANK, LEVELS, Scheme

HOUR = timedelta(hours=1)
_ZH = {"none": "无", "yellow": "黄色", "orange": "橙色", "red": "红色"}


@dataclass
class Timeline:
    """Steps of the series the rules read: each step's first and last hour, f and the step holding it."""

    starts: list[datetime]
    ends: list[datetime]
    step_hours: int
    f: datetime
    kf: int  # the step holding f (a step that mixes observed and forecast hours is a forecast step)
    mode: str = "calendar"
    last_hour: datetime | None = None  # the series' last hour (default: the last step's last hour)

    @property
    def series_end(self) -> datetime:
        return self.last_hour if self.last_hour is not None else self.ends[-1]

    def at(self, step: int) -> datetime:
        """A step's effective time: its first hour, or f when that is earlier."""
        return max(self.starts[step], self.f)


@dataclass
class Process:
    """A regional episode on the step axis: first and last triggered step (inclusive)."""

    region: str
    first: int
    last: int
    closed: bool
    index: int  # into the evaluation's episodes
    level: int  # the highest level inside

    def start(self, tl: Timeline) -> datetime:
        return tl.starts[self.first]

    def end(self, tl: Timeline) -> datetime:
        return tl.ends[self.last]


def processes(region_level: Mapping[str, np.ndarray], tl: Timeline, scheme: Scheme,
              episode_index: Mapping[tuple[str, datetime], int] | None = None) -> dict[str, list[Process]]:
    """Per region, its regional episodes on the step axis (the same runs as ``regional_episodes``); ``index``
    into the evaluation's episodes by (region, start), or numbered in step order when not given."""
    names = [r.name for r in scheme.regions]
    level = np.array([region_level[n] for n in names])
    gap = max_gap_steps(scheme.merge_gap_hours, tl.step_hours)
    merged, _ = merge_close(find_runs(level > 0), gap)
    out: dict[str, list[Process]] = {name: [] for name in names}
    for k, (r, s0, s1) in enumerate(zip(merged.row.tolist(), merged.start.tolist(), merged.stop.tolist())):
        name = names[r]
        index = k if episode_index is None else episode_index[(name, tl.starts[s0])]
        after = (tl.series_end - tl.ends[s1 - 1]) / HOUR  # hours of the series after its last hour
        out[name].append(Process(name, s0, s1 - 1, after >= scheme.merge_gap_hours, index,
                                 int(level[r, s0:s1].max())))
    return out


def _gap_hours(a_end: datetime, b_start: datetime) -> float:
    """Hours strictly between a period ending at hour ``a_end`` (inclusive) and one starting at ``b_start``."""
    return (b_start - a_end) / HOUR - 1


def _span_end(w: WarningInForce, tl: Timeline) -> datetime:
    """The end of the span [S, X] a warning's 过程 is matched against. X absent: S (§7 "[S, S]"). The project's
    reading of a hole in §7 (docs/rules-readings.md, E4): a warning in effect at f is in force at least up to
    f − 1 h by definition, so when its X is absent or "at least" the span runs to max(X, f − 1 h) — else a
    return within 36 h of f would be a lift plus a start letter today and the reverse tomorrow. A pending
    warning, and an exact X (before f: it has ended), keep their span."""
    x = w.end if w.end is not None else w.start
    if w.start < tl.f and (w.end is None or w.end_at_least):
        return max(x, tl.f - HOUR)
    return x


def _near(p: Process, w: WarningInForce, tl: Timeline, gap_hours: int) -> bool:
    x = _span_end(w, tl)
    s, e = p.start(tl), p.end(tl)
    if e < w.start:
        return _gap_hours(e, w.start) < gap_hours
    if s > x:
        return _gap_hours(x, s) < gap_hours
    return True


def _overlaps(p: Process, w: WarningInForce, tl: Timeline) -> bool:
    return p.start(tl) <= _span_end(w, tl) and p.end(tl) >= w.start


def _distance(p: Process, t: datetime, tl: Timeline) -> float:
    s, e = p.start(tl), p.end(tl)
    return 0.0 if s <= t <= e else min(abs((t - e) / HOUR), abs((s - t) / HOUR))


def _choose(free: list[Process], w: WarningInForce, tl: Timeline, in_effect: bool) -> Process:
    if in_effect:
        holding = [p for p in free if p.start(tl) <= tl.f <= p.end(tl)]
        if holding:
            return holding[0]
    overlapping = [p for p in free if _overlaps(p, w, tl)]
    if overlapping:
        return overlapping[0]
    return min(free, key=lambda p: (_distance(p, w.start, tl), p.first))


def advise(in_force: Sequence[WarningInForce], region_level: Mapping[str, np.ndarray], tl: Timeline,
           scheme: Scheme, *, issued_at: datetime | None = None,
           episode_index: Mapping[tuple[str, datetime], int] | None = None,
           ) -> tuple[list[Recommendation], list[NewWarning]]:
    """One advice per warning in force (in input order) and the new warnings, from the regions' levels per step
    (``region_level``: region name -> (steps,) ranks)."""
    procs = processes(region_level, tl, scheme, episode_index)
    regions = [resolve_region(w.region, scheme) for w in in_force]
    taken: set[int] = set()
    out: list[Recommendation | None] = [None] * len(in_force)
    for i in sorted(range(len(in_force)), key=lambda k: in_force[k].start):
        w, region = in_force[i], regions[i]
        in_effect = w.start < tl.f
        if w.end is not None and w.end < w.start and not w.end_at_least:  # cancelled: takes no episode
            out[i] = _Advice(w, region, None, tl, region_level[region], scheme).cancelled_before()
            continue
        candidates = [p for p in procs[region] if _near(p, w, tl, scheme.merge_gap_hours)]
        free = [p for p in candidates if p.index not in taken]
        p = _choose(free, w, tl, in_effect) if free else None
        if p is not None:
            taken.add(p.index)
        advice = _Advice(w, region, p, tl, region_level[region], scheme)
        if candidates and p is None:
            out[i] = advice.joined(in_effect)
        else:
            out[i] = advice.in_effect() if in_effect else advice.pending()
    fresh = []
    for region, plist in procs.items():
        for p in plist:
            if p.index in taken or p.end(tl) < tl.f:
                continue
            fresh.append(_new_warning(p, region_level[region], tl, issued_at, scheme.lead_time_hours))
    fresh.sort(key=lambda n: (n.start, [r.name for r in scheme.regions].index(n.region)))
    return [r for r in out if r is not None], fresh


def _new_warning(p: Process, lv: np.ndarray, tl: Timeline, issued_at: datetime | None,
                 lead_hours: int) -> NewWarning:
    k = max(p.first, tl.kf)
    steps = np.flatnonzero(lv[k:p.last + 1] > 0) + k
    start = tl.at(int(steps[0]))
    lead = None if p.start(tl) < tl.f or issued_at is None else (start - issued_at) / HOUR  # running: no lead
    return NewWarning(p.region, LEVELS[p.level], start, p.end(tl), not p.closed, lead,
                      lead is not None and lead < lead_hours, p.index)


def _fmt(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M")


class _Advice:
    """The advice for one warning and its 过程 P (spec §7, "Advice")."""

    def __init__(self, w: WarningInForce, region: str, p: Process | None, tl: Timeline, lv: np.ndarray,
                 scheme: Scheme):
        self.w, self.region, self.p, self.tl, self.lv, self.scheme = w, region, p, tl, lv, scheme

    def make(self, action: str, new_level: str, at: datetime | None, reason: str, reason_en: str, *,
             due: datetime | None = None, new_start: datetime | None = None, joined: bool = False) -> Recommendation:
        p, tl = self.p, self.tl
        return Recommendation(
            self.region, self.w.level, self.w.start, action, new_level, at, reason, reason_en,
            until=None if p is None else p.end(tl), until_at_least=p is not None and not p.closed,
            new_start=new_start, process_start=None if p is None else p.start(tl),
            process_end=None if p is None else p.end(tl), joined=joined,
            due_since=due if due is not None and due < tl.f else None, pending=self.w.start >= tl.f,
            episode_index=None if p is None else p.index)

    def _end_text(self) -> tuple[str, str]:
        p = self.p
        if p is None:
            return "", ""
        least = not p.closed
        return (f"，过程预计持续至{_fmt(p.end(self.tl))}" + ("（至少）" if least else ""),
                f"; the episode is expected to last until {'at least ' if least else ''}{_fmt(p.end(self.tl))}")

    # -- joined, and a warning already cancelled ----------------------------------------------------------------

    def joined(self, in_effect: bool) -> Recommendation:
        """Left without a 过程 (P none) because its episode went to an earlier warning: lifted at f when in
        effect — or ended when its exact X is already past (it was lifted before: never a second lift letter) —
        cancelled when pending."""
        f, w = self.tl.f, self.w
        if in_effect and w.end is not None and not w.end_at_least and w.end < f:
            return self.make("ended", w.level, None, f"该预警已并入同区域较早的预警并已于{_fmt(w.end)}结束，无需发函",
                             f"The warning was joined to an earlier warning of the region and ended at "
                             f"{_fmt(w.end)}; nothing to send", joined=True)
        if in_effect:
            return self.make("lift", "none", f, f"该预警的污染过程已并入同区域较早的预警，建议{_fmt(f)}起解除",
                             f"The warning's episode belongs to an earlier warning of the region (joined to it); "
                             f"lifting from {_fmt(f)} recommended", joined=True)
        return self.make("cancel", "none", f, "该预警的污染过程已并入同区域较早的预警，建议取消",
                         "The warning's episode belongs to an earlier warning of the region (joined to it); "
                         "cancelling recommended", joined=True)

    def cancelled_before(self) -> Recommendation:
        """A warning whose expected end is before its start was cancelled (or lifted before it began) by an
        earlier letter: it has run its course."""
        return self.make("ended", self.w.level, None, "该预警已取消，无需再发函",
                         "The warning was cancelled; nothing to send")

    # -- in effect ----------------------------------------------------------------------------------------------

    def in_effect(self) -> Recommendation:
        w, p, tl = self.w, self.p, self.tl
        if p is None or p.end(tl) < tl.f:
            if w.end is not None and not w.end_at_least and w.end < tl.f and (p is None or p.end(tl) <= w.end):
                return self.make("ended", w.level, None, f"预警已于{_fmt(w.end)}按预计结束，无需发函",
                                 f"The warning ran its course (expected end {_fmt(w.end)}); nothing to send")
            if p is not None and not p.closed:
                return self.make("keep", w.level, None, f"过程于{_fmt(p.end(tl))}后暂无预警条件，但序列尚不能判定"
                                 f"过程结束，建议维持{_ZH[w.level]}预警",
                                 f"No warning conditions after {_fmt(p.end(tl))}, but the series cannot yet tell "
                                 f"that the episode is over; keeping the {w.level} warning recommended")
            due = tl.f if p is None else p.end(tl) + HOUR
            at = max(due, tl.f)
            zh, en = (f"预测期内无该预警的污染过程，建议{_fmt(at)}起解除",
                      f"No episode of this warning in the series from the forecast on; lifting from {_fmt(at)} "
                      f"recommended") if p is None else (
                f"过程已于{_fmt(p.end(tl))}结束，此后持续36小时以上无预警条件，建议{_fmt(at)}起解除",
                f"The episode ended at {_fmt(p.end(tl))} and 36 hours or more without warning conditions "
                f"follow; lifting from {_fmt(at)} recommended")
            return self.make("lift", "none", at, zh, en, due=due)
        return self._upgrade() or self._downgrade() or self._extend_lift_keep()

    def _forecast_steps(self) -> range:
        return range(max(self.p.first, self.tl.kf), self.p.last + 1)

    def _upgrade(self) -> Recommendation | None:
        w, p, tl, lv = self.w, self.p, self.tl, self.lv
        above = [s for s in self._forecast_steps() if lv[s] > LEVEL_RANK[level_at(w, tl.at(s))]]
        if not above:
            return None
        first = above[0]
        peak = LEVELS[int(lv[max(p.first, tl.kf):p.last + 1].max())]
        past = [s for s in range(p.first, min(tl.kf, p.last + 1))
                if lv[s] > LEVEL_RANK[level_at(w, tl.starts[s])]]
        at = tl.at(first)
        zh, en = self._end_text()
        return self.make("upgrade", peak, at,
                         f"预测{_fmt(at)}起区域达到{_ZH[peak]}（高于现行{_ZH[level_at(w, at)]}），建议升级{zh}",
                         f"Forecast: the region reaches {peak} from {_fmt(at)} (above the "
                         f"{level_at(w, at)} in force); upgrade recommended{en}",
                         due=tl.starts[past[0]] if past else None)

    def _below(self) -> np.ndarray:
        """Per step of P: below the warning's level before any downgrade already scheduled (a downgrade is
        scheduled when previous_level is higher and change_at is not before f; then the reference is
        previous_level), else below L(t) at the step's time."""
        w, p, tl, lv = self.w, self.p, self.tl, self.lv
        scheduled = (w.previous_level is not None and w.change_at is not None and w.change_at >= tl.f
                     and LEVEL_RANK[w.previous_level] > LEVEL_RANK[w.level])
        ref = [LEVEL_RANK[w.previous_level] if scheduled else LEVEL_RANK[level_at(w, tl.at(s))]
               for s in range(p.first, p.last + 1)]
        return lv[p.first:p.last + 1] < np.array(ref)

    def _downgrade(self) -> Recommendation | None:
        w, tl, lv = self.w, self.tl, self.lv
        need = self.scheme.downgrade_min_hours
        below = self._below()
        tail = self._tail(below, need) if not self.scheme.downgrade_on_dip else self._dip(below, need)
        if tail is None:
            return None
        a, b, a0 = tail
        new = LEVELS[int(lv[a:b + 1].max())]
        at = tl.at(a)
        if w.change_at is not None and w.previous_level is not None and new == w.level and at == w.change_at:
            zh, en = self._end_text()
            return self.make("keep", w.level, None, f"已按计划于{_fmt(at)}起降为{_ZH[new]}，建议维持{zh}",
                             f"The warning already falls to {new} from {_fmt(at)}; keeping it recommended{en}")
        hours = int((tl.ends[b] - tl.starts[a]) / HOUR) + 1
        zh, en = self._end_text()
        return self.make("downgrade", new, at,
                         f"预测{_fmt(at)}起区域降至{_ZH[new]}，持续{hours}小时（≥{need}小时），建议降级{zh}",
                         f"Forecast: the region falls to {new} from {_fmt(at)} for {hours} hours "
                         f"(≥ {need} hours); downgrade recommended{en}", due=tl.starts[a0])

    def _lasts(self, a: int, b: int, need: int) -> bool:
        """Steps a…b last ``need`` hours or more (whole steps: the past decides durations)."""
        return (self.tl.ends[b] - self.tl.starts[a]) / HOUR + 1 >= need

    def _tail(self, below: np.ndarray, need: int) -> tuple[int, int, int] | None:
        """P's tail below the level from a step a ≥ f to P's last triggered step, lasting ≥ need hours."""
        p, tl = self.p, self.tl
        above = np.flatnonzero(~below)
        a0 = p.first + (int(above[-1]) + 1 if above.size else 0)
        a = max(a0, tl.kf)
        if a > p.last or not self._lasts(a, p.last, need):
            return None
        return a, p.last, a0

    def _dip(self, below: np.ndarray, need: int) -> tuple[int, int, int] | None:
        """Setting downgrade_on_dip: the first run below the level inside P from f on lasting ≥ need hours."""
        p, tl = self.p, self.tl
        s = p.first
        while s <= p.last:
            if not below[s - p.first]:
                s += 1
                continue
            e = s
            while e + 1 <= p.last and below[e + 1 - p.first]:
                e += 1
            a = max(s, tl.kf)
            if a <= e and self._lasts(a, e, need):
                return a, e, s
            s = e + 1
        return None

    def _extend_lift_keep(self) -> Recommendation:
        w, p, tl = self.w, self.p, self.tl
        end = p.end(tl)
        zh, en = self._end_text()
        if w.end is not None and end > w.end and (not w.end_at_least or p.closed):
            due = w.end + HOUR
            at = max(due, tl.f)
            return self.make("extend", w.level, at,
                             f"预测区域过程持续至{_fmt(end)}，晚于预计结束时间{_fmt(w.end)}，建议延长",
                             f"Forecast: the regional episode lasts until {_fmt(end)}, after the expected end "
                             f"{_fmt(w.end)}; extension recommended", due=due)
        if p.closed and (w.end is None or w.end > end or w.end_at_least):
            at = end + HOUR
            return self.make("lift", "none", at,
                             f"预测过程于{_fmt(end)}结束，此后持续36小时以上无预警条件，建议{_fmt(at)}起解除",
                             f"Forecast: the episode ends at {_fmt(end)} and 36 hours or more without warning "
                             f"conditions follow; lifting from {_fmt(at)} recommended")
        return self.make("keep", w.level, None,
                         f"预测未出现更高等级，亦无持续{self.scheme.downgrade_min_hours}小时以上的改善，"
                         f"建议维持{_ZH[w.level]}预警{zh}",
                         f"Forecast: no higher level and no improvement lasting "
                         f"{self.scheme.downgrade_min_hours} hours or more; keeping the {w.level} warning "
                         f"recommended{en}")

    # -- pending ------------------------------------------------------------------------------------------------

    def pending(self) -> Recommendation:
        w, p, tl = self.w, self.p, self.tl
        if p is None:
            return self.make("cancel", "none", tl.f, "预测该预警时段前后已无污染过程，建议取消尚未开始的预警",
                             "Forecast: no episode near the warning's period any more; cancelling the warning "
                             "that has not started recommended")
        level = LEVELS[p.level]
        start = max(p.start(tl), tl.f)
        same_start = start.date() == w.start.date() if tl.mode == "rolling" else start == w.start
        end = p.end(tl)
        zh, en = self._end_text()
        if level == w.level and same_start:
            if w.end is not None and end > w.end and (not w.end_at_least or p.closed):
                due = w.end + HOUR
                at = max(due, tl.f)
                return self.make("extend", w.level, at,
                                 f"预测区域过程持续至{_fmt(end)}，晚于预计结束时间{_fmt(w.end)}，建议延长",
                                 f"Forecast: the regional episode lasts until {_fmt(end)}, after the expected end "
                                 f"{_fmt(w.end)}; extension recommended", due=due)
            return self.make("keep", w.level, None, f"预测与已发预警一致（{_ZH[level]}，{_fmt(start)}起），建议维持{zh}",
                             f"Forecast agrees with the warning issued ({level} from {_fmt(start)}); keeping it "
                             f"recommended{en}")
        return self.make("revise", level, start,
                         f"预测过程为{_ZH[level]}，{_fmt(start)}起{zh}，与已发预警（{_ZH[w.level]}，"
                         f"{_fmt(w.start)}起）不同，建议调整",
                         f"Forecast: the episode is {level} from {_fmt(start)}{en}, unlike the warning issued "
                         f"({w.level} from {_fmt(w.start)}); revising it recommended", new_start=start)
