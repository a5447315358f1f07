"""Who started at which level and when, against each letter recorded in a case (plan 四(五)2, 四(六), 四(二)).

Each change a letter makes (a region started, upgraded, downgraded or lifted from a time) asks every city of the
region — of the sender's side when the letter came from one province's bureau — to be at that level from that
time. A city's level at a moment is what its last 启动预警情况通报 before it said (a lift says "none"). Against
each (letter, region, city):

- ``on_time``: at the asked start the city was already at the asked level;
- ``higher``: it was at a higher level of its own (allowed: the city's own level rules, 四(二));
- ``late``: it reached the asked level (or higher) only after the asked start — ``late_minutes`` says by how much;
- ``lower``: it notified, but only a lower level (a start) or not the lift (a lift) before the region's next change;
- ``not_notified``: nothing from the city between the asked start and the region's next change.

Pure: reads the library's rows, computes, writes nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from app.cases.library import parse_time
from app.domain.scheme import LEVEL_RANK

OUTCOMES = ("on_time", "higher", "late", "lower", "not_notified")
OUTCOME_ZH = {"on_time": "按时启动", "higher": "自身级别更高（允许）", "late": "滞后启动", "lower": "低于要求级别",
              "not_notified": "未通报"}
LIFT_OUTCOME_ZH = {"on_time": "按时解除", "higher": "自身级别更高（允许）", "late": "滞后解除", "lower": "未解除",
                   "not_notified": "未通报"}
SIDE_PROVINCE = {"四川": "四川省", "重庆": "重庆市"}


@dataclass(frozen=True)
class Start:
    """One city's response to one change of one letter."""

    letter_id: str
    doc_number: str
    kind: str  # first | upgrade | downgrade | lift
    region: str
    city: str
    asked_level: str  # "none" for a lift
    asked_start: datetime
    outcome: str  # one of OUTCOMES
    notified_level: str | None  # the level the city was at / notified (None: nothing notified)
    notified_at: datetime | None
    late_minutes: int | None = None

    def to_json(self) -> dict:
        out = asdict(self)
        out["asked_start"] = self.asked_start.isoformat()
        out["notified_at"] = self.notified_at.isoformat() if self.notified_at else None
        return out

    @property
    def text_zh(self) -> str:
        """The outcome in words (滞后启动3小时20分, 自身级别更高（允许）, …)."""
        words = (LIFT_OUTCOME_ZH if self.asked_level == "none" else OUTCOME_ZH)[self.outcome]
        if self.outcome == "late" and self.late_minutes is not None:
            words += duration_zh(self.late_minutes)
        return words


def duration_zh(minutes: int) -> str:
    days, rest = divmod(int(minutes), 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = ([f"{days}天"] if days else []) + ([f"{hours}小时"] if hours else []) + ([f"{mins}分"] if mins else [])
    return "".join(parts) or "不足1分钟"


def side_cities(sender: str, cities: list[str]) -> list[str]:
    """The cities a letter is for: all of them, or only its side's when one province's bureau sent it."""
    from app.domain.units import load_units

    provinces = {p for key, p in SIDE_PROVINCE.items() if key in (sender or "")}
    if len(provinces) != 1:
        return cities
    units = load_units()
    return [c for c in cities if (u := units.resolve(c)) is not None and u.province in provinces]


def starts(library, case_id: str, scheme) -> list[Start]:
    """Every (letter change, city) of the case against the cities' notices, in letter order then city order."""
    letters = library.letters(case_id)
    notices: dict[str, list[tuple[datetime, str]]] = {}
    for n in library.city_notices(case_id):
        notices.setdefault(n["city"], []).append((parse_time(n["time"]), n["level"]))
    for rows in notices.values():
        rows.sort()
    changes = []  # (letter, change, start)
    for letter in letters:
        issued = parse_time(letter["issued_at"])
        for change in letter["changes"]:
            changes.append((letter, change, parse_time(change["start"]) or issued))
    out: list[Start] = []
    for i, (letter, change, start) in enumerate(changes):
        try:
            members = list(scheme.region(change["region"]).members)
        except KeyError:
            continue  # a region the scheme does not know: no cities to ask
        later = [s for (other, c, s) in changes[i + 1:] if c["region"] == change["region"] and s > start and
                 other["sender"] == letter["sender"]]
        until = min(later) if later else None
        asked = "none" if change["action"] == "lift" else change["level"]
        for city in side_cities(letter.get("sender", ""), members):
            out.append(_judge(letter, change["region"], city, asked, start, until, notices.get(city, [])))
    return out


def _judge(letter: dict, region: str, city: str, asked: str, start: datetime, until: datetime | None,
           notices: list[tuple[datetime, str]]) -> Start:
    def made(outcome, level=None, at=None, late=None) -> Start:
        return Start(letter["id"], letter["number"], letter["kind"], region, city, asked, start, outcome, level, at,
                     late)

    before = [n for n in notices if n[0] <= start]
    at_start = before[-1] if before else None
    if at_start is not None and at_start[1] == "none" and asked != "none":
        at_start = None  # lifted before: the city was at no level, as if it had said nothing
    if at_start is not None and _meets(at_start[1], asked):
        return made("higher" if _above(at_start[1], asked) else "on_time", at_start[1], at_start[0])
    after = [n for n in notices if n[0] > start and (until is None or n[0] < until)]
    for at, level in after:
        if _meets(level, asked):
            minutes = int((at - start).total_seconds() // 60)
            return made("late", level, at, minutes)
    if after:
        at, level = after[-1]
        return made("lower", level, at)
    if at_start is not None and asked != "none":  # an earlier, lower level still in force: told, but lower
        return made("lower", at_start[1], at_start[0])
    return made("not_notified")


def _meets(level: str, asked: str) -> bool:
    if asked == "none":
        return level == "none"
    return LEVEL_RANK.get(level, 0) >= LEVEL_RANK[asked]


def _above(level: str, asked: str) -> bool:
    return asked != "none" and LEVEL_RANK.get(level, 0) > LEVEL_RANK[asked]


def summary(items: list[Start]) -> dict[str, int]:
    out = {k: 0 for k in OUTCOMES}
    for s in items:
        out[s.outcome] += 1
    return out
