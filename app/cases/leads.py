"""Problem leads (问题线索, plan 四(六)3) pushed across the border and closed through 发现—移交—处置—整改—销号.

A lead: its source category (工业源、扬尘源、移动源、面源) and origin (检查发现, or 督察交办、监督帮扶、媒体曝光、
群众投诉), the unit and place (optional coordinates), what was found, the side that found it and the side it is
pushed to. Its status is a chain of steps, each its own record — the step, when, who, which side wrote it — and
moves forward one step at a time: a step that skips one is refused; going back is a new record naming the
earlier step with the reason (never an edit). The exchange file carries every record, so two sides' steps merge
without duplicates (records are told by id) and the status is read again from all of them in time order.

A lead is overdue when its next step has not been recorded within the hours the scheme's ``[response]`` table
allows after the step before (``lead_step_hours``); a closed lead never is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.cases.library import iso, new_id, now, parse_time
from app.domain.scheme import BEIJING, DEFAULT_LEAD_STEP_HOURS
from app.errors import InputError, Problem

STEPS = ("found", "handed_over", "handling", "rectified", "closed")
STEP_ZH = {"found": "发现", "handed_over": "移交", "handling": "处置", "rectified": "整改", "closed": "销号"}
STEP_OF = {**{k: k for k in STEPS}, **{v: k for k, v in STEP_ZH.items()}}
SOURCES = ("工业源", "扬尘源", "移动源", "面源")
ORIGINS = ("检查发现", "督察交办", "监督帮扶", "媒体曝光", "群众投诉")
SIDES = ("四川", "重庆")
SIDE_SHORT = {"四川": "川", "重庆": "渝"}  # a lead's number starts with its finder's 简称
LIMITS = {"description": 500, "place": 100, "by_name": 40, "note": 300, "reason": 300}


@dataclass(frozen=True)
class LeadStatus:
    """A lead as the register shows it: its row, its steps in time order, where it stands, and whether (and
    since when) its next step is overdue."""

    lead: dict
    steps: tuple[dict, ...]
    step: str  # the current step
    due: datetime | None  # when the next step is due (None: closed)
    overdue: bool

    def to_json(self) -> dict:
        return {**{k: v for k, v in self.lead.items() if k != "case_id"}, "status": self.step,
                "status_zh": STEP_ZH[self.step], "due": iso(self.due), "overdue": self.overdue,
                "steps": [{k: v for k, v in s.items() if k not in ("case_id", "lead_id")} for s in self.steps]}


def step_hours(scheme) -> dict[str, int]:
    """The hours allowed per step: the scheme's ``[response] lead_step_hours`` over the defaults."""
    return {**DEFAULT_LEAD_STEP_HOURS, **dict(getattr(scheme, "lead_step_hours", {}) or {})}


def _text(value: str, key: str, *, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise InputError(Problem("a required field is empty", column=key, expected="some text"))
    if len(text) > LIMITS[key]:
        raise InputError(Problem(f"text longer than the field allows ({len(text)} characters)", column=key,
                                 value=text[:20] + "…", expected=f"at most {LIMITS[key]} characters"))
    return text


def _choice(value: str, key: str, allowed: tuple[str, ...]) -> str:
    text = (value or "").strip()
    if text not in allowed:
        raise InputError(Problem("not one of the allowed values", column=key, value=text or "(empty)",
                                 expected=" / ".join(allowed)))
    return text


def _when(value: datetime | None) -> datetime:
    t = value or now()
    return t if t.tzinfo else t.replace(tzinfo=BEIJING)


def add_lead(library, case_id: str, *, source: str, unit: str, description: str, found_by: str,
             origin: str = "检查发现", pushed_to: str | None = None, place: str = "", lon: float | None = None,
             lat: float | None = None, at: datetime | None = None, by_name: str = "") -> str:
    """Register a lead at its 发现 step; returns its id. Every field is checked first (nothing written on a
    refusal)."""
    from app.domain.units import load_units

    source = _choice(source, "source", SOURCES)
    origin = _choice(origin, "origin", ORIGINS)
    found_by = _choice(found_by, "found_by", SIDES)
    pushed_to = _choice(pushed_to or next(s for s in SIDES if s != found_by), "pushed_to", SIDES)
    resolved = load_units().resolve(unit.strip()) if unit and unit.strip() else None
    if resolved is None:
        raise InputError(Problem("the place is not a unit", column="unit", value=unit or "(empty)",
                                 expected="one of the 59 units (e.g. 自贡市, 万州区)"))
    if (lon is None) != (lat is None) or (lon is not None and not (97 <= lon <= 111 and 26 <= lat <= 34)):
        raise InputError(Problem("coordinates outside Sichuan and Chongqing", column="lon/lat", value=f"{lon}, {lat}",
                                 expected="longitude 97–111 and latitude 26–34 (WGS-84), or neither"))
    description = _text(description, "description", required=True)
    place = _text(place, "place")
    by_name = _text(by_name, "by_name")
    at = _when(at)
    lead_id = new_id()
    with library.transaction() as db:
        library._require(case_id)
        count = db.execute("SELECT COUNT(*) FROM leads WHERE case_id = ? AND found_by = ? AND substr(created_at, 1, 10) "
                           "= ?", (case_id, found_by, iso(at)[:10])).fetchone()[0]
        number = f"{SIDE_SHORT[found_by]}{at:%Y%m%d}-{count + 1:02d}"
        db.execute("INSERT INTO leads (id, case_id, number, source, origin, unit, place, lon, lat, description, "
                   "found_by, pushed_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (lead_id, case_id, number, source, origin, resolved.name, place, lon, lat, description, found_by,
                    pushed_to, iso(at)))
        db.execute("INSERT INTO lead_steps (id, case_id, lead_id, step, at, by_name, side, recorded_at) VALUES "
                   "(?, ?, ?, 'found', ?, ?, ?, ?)", (new_id(), case_id, lead_id, iso(at), by_name, found_by,
                                                      _stamp()))
        library._touch(db, case_id)
    return lead_id


def add_step(library, case_id: str, lead: str, step: str, *, side: str, by_name: str, at: datetime | None = None,
             note: str = "", reason: str = "") -> str:
    """Record the lead's next step (by id or number). Only the step after the current one moves it forward;
    a skipped step is refused; an earlier step is a step back and needs ``reason``. Returns the record's id."""
    key = STEP_OF.get((step or "").strip())
    if key is None:
        raise InputError(Problem("unknown step", column="step", value=step or "(empty)",
                                 expected="发现 / 移交 / 处置 / 整改 / 销号"))
    side = _choice(side, "side", SIDES)
    by_name = _text(by_name, "by_name", required=True)
    note, reason = _text(note, "note"), _text(reason, "reason")
    at = _when(at)
    step_id = new_id()
    with library.transaction() as db:
        library._require(case_id)
        row = _lead_row(db, case_id, lead)
        steps = db.execute("SELECT * FROM lead_steps WHERE lead_id = ? ORDER BY at, recorded_at, rowid",
                           (row["id"],)).fetchall()
        current = _replay([dict(s) for s in steps])
        have, want = STEPS.index(current), STEPS.index(key)
        if want > have + 1:
            raise InputError(Problem("the step skips one", column="step", value=STEP_ZH[key],
                                     expected=f"the next step after {STEP_ZH[current]}: {STEP_ZH[STEPS[have + 1]]}"))
        if want == have:
            raise InputError(Problem("the lead is already at this step", column="step", value=STEP_ZH[key],
                                     expected=f"the next step: {STEP_ZH[STEPS[have + 1]]}" if have + 1 < len(STEPS)
                                     else "nothing: the lead is closed (a step back needs a reason)"))
        if want < have and not reason:
            raise InputError(Problem("a step back needs its reason", column="reason", value=STEP_ZH[key],
                                     expected="why the lead goes back (e.g. 整改不到位，重新处置)"))
        last = parse_time(steps[-1]["at"])
        if at < last:
            raise InputError(Problem("the step is dated before the lead's last step", column="at", value=iso(at),
                                     expected=f"{iso(last)} or later"))
        db.execute("INSERT INTO lead_steps (id, case_id, lead_id, step, at, by_name, side, note, reason, recorded_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (step_id, case_id, row["id"], key, iso(at), by_name, side, note, reason, _stamp()))
        library._touch(db, case_id)
    return step_id


def _stamp() -> str:
    """When a step is recorded, to the microsecond: two steps given the same minute keep their order."""
    return datetime.now(BEIJING).isoformat()


def _lead_row(db, case_id: str, lead: str):
    row = db.execute("SELECT * FROM leads WHERE case_id = ? AND (id = ? OR number = ?)", (case_id, lead, lead)).fetchone()
    if row is None:
        raise InputError(Problem("no such lead in the case", column="lead", value=lead,
                                 expected="a lead's number (e.g. 川20260113-01) or id"))
    return row


def _replay(steps: list[dict]) -> str:
    """Where the lead stands after its step records in time order: each record moves it to its step (a later
    record of the same step — the other side writing it too — changes nothing)."""
    current = "found"
    for s in steps:
        current = s["step"]
    return current


def leads(library, case_id: str, scheme=None, *, at: datetime | None = None) -> list[LeadStatus]:
    """The register: every lead with its steps and status, overdue ones flagged (against ``at``, default now)."""
    at = at or now()
    hours = step_hours(scheme)
    out = []
    rows = library.conn.execute("SELECT * FROM leads WHERE case_id = ? ORDER BY created_at, number, rowid",
                                (case_id,)).fetchall()
    for row in rows:
        steps = tuple(dict(s) for s in library.conn.execute(
            "SELECT * FROM lead_steps WHERE lead_id = ? ORDER BY at, recorded_at, rowid", (row["id"],)))
        current = _replay(list(steps)) if steps else "found"
        due = None
        if current != "closed":
            since = parse_time(steps[-1]["at"]) if steps else parse_time(row["created_at"])
            due = since + timedelta(hours=hours[STEPS[STEPS.index(current) + 1]])
        out.append(LeadStatus(dict(row), steps, current, due, due is not None and at > due))
    return out


def lead_counts(items: list[LeadStatus]) -> dict[str, int]:
    out = {s: 0 for s in STEPS}
    for item in items:
        out[item.step] += 1
    out["overdue"] = sum(1 for item in items if item.overdue)
    out["total"] = len(items)
    return out


def map_points(items: list[LeadStatus]) -> list[tuple[str, float, float, str]]:
    """The leads with coordinates as the map draws them: (number, x, y in the basin projection's metres,
    "overdue" | "open" | "closed")."""
    from maps.projection import lonlat_to_basin

    out = []
    for x in items:
        lon, lat = x.lead.get("lon"), x.lead.get("lat")
        if lon is None or lat is None:
            continue
        px, py = lonlat_to_basin(float(lon), float(lat))
        out.append((x.lead["number"], float(px), float(py),
                    "closed" if x.step == "closed" else "overdue" if x.overdue else "open"))
    return out


def parse_point(text: str) -> tuple[float | None, float | None]:
    """"104.06, 30.67" (longitude, latitude; commas of either width or spaces between) → floats; "" → no point."""
    import re

    parts = [p for p in re.split(r"[,，\s]+", (text or "").strip()) if p]
    if not parts:
        return None, None
    try:
        if len(parts) != 2:
            raise ValueError
        return float(parts[0]), float(parts[1])
    except ValueError as exc:
        raise InputError(Problem("not a point", column="lon/lat", value=text,
                                 expected="longitude, latitude in degrees, e.g. 104.06, 30.67")) from exc
