"""What changed since the last forecast (issue 28): per region, the regional episodes added, removed, moved or
changed in level between a previous forecast's evaluation and the current one — the officer's first question
every morning.

    changes_between(previous, current, gap_hours=36) -> list[EpisodeChange]

Episodes that ended before the current forecast's first hour are history and are left out on both sides. A
previous episode and a current one of the same region are the same episode when they overlap or come closer than
``gap_hours`` (the merge rule's 36 h, as §7 matches a warning to its 过程); pairs are taken greedily, the largest
overlap first (then the smallest gap, then the earlier). A pair is *moved* when its start or end differs and
*level changed* when its level differs; a current episode with no pair is *added*, a previous one *removed*.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.results import Evaluation, RegionalEpisode
from app.domain.scheme import LEVEL_RANK

HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class EpisodeChange:
    region: str
    kind: str  # "added" | "removed" | "changed" | "unchanged"
    before: RegionalEpisode | None
    after: RegionalEpisode | None

    @property
    def moved(self) -> bool:
        return self.kind == "changed" and (self.before.start, self.before.end) != (self.after.start, self.after.end)

    @property
    def level_changed(self) -> bool:
        return self.kind == "changed" and self.before.level != self.after.level

    @property
    def start_shift_hours(self) -> float | None:
        return None if self.before is None or self.after is None else (self.after.start - self.before.start) / HOUR

    @property
    def end_shift_hours(self) -> float | None:
        return None if self.before is None or self.after is None else (self.after.end - self.before.end) / HOUR

    @property
    def direction(self) -> str:
        """"up" / "down" for a level change, "" otherwise."""
        if not self.level_changed:
            return ""
        return "up" if LEVEL_RANK[self.after.level] > LEVEL_RANK[self.before.level] else "down"


def _first_hour(evaluation: Evaluation) -> datetime:
    return evaluation.forecast_start or evaluation.times[0].to_pydatetime()


def _relation(a: RegionalEpisode, b: RegionalEpisode) -> tuple[float, float]:
    """(overlap hours, gap hours) of two episodes (gap: hours strictly between them, 0 when they overlap)."""
    overlap = (min(a.end, b.end) - max(a.start, b.start)) / HOUR + 1
    if overlap > 0:
        return overlap, 0.0
    return 0.0, (max(a.start, b.start) - min(a.end, b.end)) / HOUR - 1


def changes_between(previous: Evaluation, current: Evaluation, gap_hours: int = 36,
                    with_unchanged: bool = False) -> list[EpisodeChange]:
    f = _first_hour(current)
    before = [e for e in previous.episodes if e.end >= f]
    after = [e for e in current.episodes if e.end >= f]
    pairs = []
    for i, a in enumerate(before):
        for j, b in enumerate(after):
            if a.region != b.region:
                continue
            overlap, gap = _relation(a, b)
            if overlap > 0 or gap < gap_hours:
                pairs.append((-overlap, gap, min(a.start, b.start), i, j))
    pairs.sort()
    taken_i, taken_j, matched = set(), set(), []
    for _, _, _, i, j in pairs:
        if i in taken_i or j in taken_j:
            continue
        taken_i.add(i)
        taken_j.add(j)
        matched.append((before[i], after[j]))
    out = []
    for a, b in matched:
        same = (a.level, a.start, a.end) == (b.level, b.start, b.end)
        if not same or with_unchanged:
            out.append(EpisodeChange(b.region, "unchanged" if same else "changed", a, b))
    out += [EpisodeChange(b.region, "added", None, b) for j, b in enumerate(after) if j not in taken_j]
    out += [EpisodeChange(a.region, "removed", a, None) for i, a in enumerate(before) if i not in taken_i]
    order = {name: k for k, name in enumerate(current.region_level)}
    out.sort(key=lambda c: (order.get(c.region, len(order)), (c.after or c.before).start))
    return out
