"""The warning scheme (regions, members, thresholds, durations, merge gap, adjacency settings, approval texts).

Read from a TOML file such as ``data/schemes/chuanyu-2025-26.toml`` and validated: a bad file gets an
:class:`~app.errors.InputError` that names the key (``regions[2].members[5]``) and what was expected.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

from app import untrusted
from app.domain.units import UnitTable, load_units
from app.errors import InputError, Problem
from app.paths import DEFAULT_SCHEME

LEVELS = ("none", "yellow", "orange", "red")
LEVEL_RANK = {name: i for i, name in enumerate(LEVELS)}
LEVEL_ZH = {"none": "无", "yellow": "黄色", "orange": "橙色", "red": "红色"}  # as letters and reports write them
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
# Hourly values above these cannot be real (typing, unit or fill-value errors); a scheme's [plausibility] overrides.
DEFAULT_PLAUSIBLE_MAX = {"pm25": 2000.0, "pm10": 6000.0, "so2": 5000.0, "no2": 3000.0, "o3": 2000.0, "co": 150.0,
                         "aqi": 1000.0}


@dataclass(frozen=True)
class RunCondition:
    """'daily AQI > aqi_above for `hours` hours', optionally with a nested run inside it."""

    aqi_above: float
    hours: int
    inner: RunCondition | None = None


@dataclass(frozen=True)
class LevelRule:
    name: str  # yellow | orange | red
    label: str  # 黄色
    conditions: tuple[RunCondition, ...]  # any one suffices

    @property
    def rank(self) -> int:
        return LEVEL_RANK[self.name]


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    name_en: str
    members: tuple[str, ...]  # full Chinese unit names


@dataclass(frozen=True)
class AdjacencyOverride:
    a: str
    b: str
    action: str  # "add" | "remove"
    name: str
    reason: str = ""


@dataclass(frozen=True)
class AdjacencySettings:
    min_shared_km: float = 1.0
    snap_gap_m: float = 100.0
    overrides: tuple[AdjacencyOverride, ...] = ()


@dataclass(frozen=True)
class Scheme:
    id: str
    version: str
    title: str
    title_en: str
    source_path: str
    edition_switch: datetime
    daily_mode: str
    min_valid_hours: int
    episode_aqi_above: float
    merge_gap_hours: int
    levels: tuple[LevelRule, ...]  # lowest first
    within_region_min_cities: int
    across_regions_min_cities: int
    across_regions_min_regions: int
    lead_time_hours: int
    downgrade_min_hours: int
    adjacency: AdjacencySettings
    approval: dict[str, str]  # level -> approval route (Chinese, as the scheme says it)
    senders: tuple[str, ...]
    copy_to: tuple[str, ...]
    regions: tuple[Region, ...]
    region_of: dict[str, str] = field(default_factory=dict)  # unit full name -> region name
    approval_en: dict[str, str] = field(default_factory=dict)  # level -> English route; empty when not given
    # hourly value -> ceiling above which it cannot be real (missing, reported); µg/m³, CO mg/m³, AQI
    plausible_max: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_PLAUSIBLE_MAX))
    # [response] (plan 四(六)): the cities' daily report deadline (HH:MM) and the hours a problem lead may take
    # from one step of 发现—移交—处置—整改—销号 to the next (keys handed_over, handling, rectified, closed)
    report_deadline: str = "18:00"
    lead_step_hours: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_LEAD_STEP_HOURS))
    # sender (署名) -> the 发文机关标志 its 红头 prints ([distribution.letterheads]); a sender not named: its name
    letterheads: dict[str, str] = field(default_factory=dict)

    def letterhead(self, sender: str) -> str:
        return self.letterheads.get(sender) or sender
    # spec §7: a run below the level lasting ≥ downgrade_min_hours inside one 过程 is a downgrade even if the
    # level returns (default off: inside one 过程 the level is its highest until a downgrade takes effect)
    downgrade_on_dip: bool = False

    @property
    def linkage_cities(self) -> list[str]:
        return [m for r in self.regions for m in r.members]

    def region(self, name_or_id: str) -> Region:
        for r in self.regions:
            if name_or_id in (r.name, r.id, r.name_en):
                return r
        raise KeyError(name_or_id)

    def level_rule(self, name: str) -> LevelRule:
        for rule in self.levels:
            if rule.name == name:
                return rule
        raise KeyError(name)


class _Reader:
    """Typed access to a TOML table that reports the full key path on error."""

    def __init__(self, path: str):
        self.path = path

    def fail(self, key: str, message: str, value: object = None, expected: str | None = None) -> InputError:
        return InputError(Problem(message, file=self.path, column=key,
                                  value=None if value is None else str(value), expected=expected))

    def get(self, table: dict, key: str, prefix: str, kind, *, default=..., positive=False):
        full = f"{prefix}.{key}" if prefix else key
        if key not in table:
            if default is ...:
                raise self.fail(full, "missing key", expected=_kind_name(kind))
            return default
        value = table[key]
        ok = isinstance(value, kind) and not (kind in (int, (int, float)) and isinstance(value, bool))
        if not ok:
            raise self.fail(full, "wrong type", value, _kind_name(kind))
        if positive and value <= 0:
            raise self.fail(full, "must be positive", value, "a number > 0")
        return value


def _kind_name(kind) -> str:
    names = {str: "text", int: "an integer", float: "a number", list: "a list", dict: "a table", bool: "true/false"}
    if isinstance(kind, tuple):
        return " or ".join(names.get(k, k.__name__) for k in kind)
    return names.get(kind, kind.__name__)


def _condition(r: _Reader, table: object, key: str) -> RunCondition:
    if not isinstance(table, dict):
        raise r.fail(key, "wrong type", table, "a table like { aqi_above = 200, hours = 24 }")
    inner = None
    if "with" in table:
        inner = _condition(r, table["with"], f"{key}.with")
    cond = RunCondition(float(r.get(table, "aqi_above", key, (int, float))),
                        int(r.get(table, "hours", key, int, positive=True)), inner)
    if cond.hours % 24 and cond.hours < 24:
        raise r.fail(f"{key}.hours", "durations are whole days of 24 h or more", cond.hours, "24, 48, 72, …")
    return cond


DEFAULT_LEAD_STEP_HOURS = {"handed_over": 24, "handling": 72, "rectified": 168, "closed": 360}


def _response(r: _Reader, table: dict) -> tuple[str, dict[str, int]]:
    """The [response] table: report_deadline "HH:MM" and lead_step_hours per step (over the defaults)."""
    deadline = r.get(table, "report_deadline", "response", str, default="18:00")
    try:
        datetime.strptime(deadline, "%H:%M")
    except ValueError as exc:
        raise r.fail("response.report_deadline", "not a time of day", deadline, "HH:MM, e.g. 18:00") from exc
    hours = dict(DEFAULT_LEAD_STEP_HOURS)
    given = r.get(table, "lead_step_hours", "response", dict, default={})
    for key in given:
        if key not in DEFAULT_LEAD_STEP_HOURS:
            raise r.fail(f"response.lead_step_hours.{key}", "unknown step", key, ", ".join(DEFAULT_LEAD_STEP_HOURS))
        hours[key] = r.get(given, key, "response.lead_step_hours", int, positive=True)
    return deadline, hours


def parse_scheme(data: dict, source: str = "<scheme>", units: UnitTable | None = None) -> Scheme:
    r = _Reader(source)
    units = units or load_units()
    head = r.get(data, "scheme", "", dict)
    aqi = r.get(data, "aqi", "", dict)
    episode = r.get(data, "episode", "", dict)
    trigger = r.get(data, "trigger", "", dict)
    adj = r.get(data, "adjacency", "", dict, default={})
    approval = r.get(data, "approval", "", dict)
    approval_en = r.get(data, "approval_en", "", dict, default={})
    distribution = r.get(data, "distribution", "", dict, default={})

    switch_text = r.get(aqi, "edition_switch", "aqi", (str, datetime))
    try:
        switch = switch_text if isinstance(switch_text, datetime) else datetime.fromisoformat(switch_text)
    except ValueError as exc:
        raise r.fail("aqi.edition_switch", "not a date-time", switch_text, "ISO 8601, e.g. 2026-03-01T00:00:00+08:00") from exc
    if switch.tzinfo is None:
        switch = switch.replace(tzinfo=BEIJING)
    daily_mode = r.get(aqi, "daily_mode", "aqi", str, default="calendar")
    if daily_mode not in ("calendar", "rolling"):
        raise r.fail("aqi.daily_mode", "unknown mode", daily_mode, "calendar or rolling")
    min_valid = r.get(aqi, "min_valid_hours", "aqi", int, default=20, positive=True)
    if min_valid > 24:
        raise r.fail("aqi.min_valid_hours", "out of range", min_valid, "1–24")

    level_tables = r.get(data, "levels", "", list)
    levels = []
    for i, t in enumerate(level_tables):
        key = f"levels[{i}]"
        if not isinstance(t, dict):
            raise r.fail(key, "wrong type", t, "a table")
        name = r.get(t, "name", key, str)
        if name not in LEVELS[1:]:
            raise r.fail(f"{key}.name", "unknown level", name, "yellow, orange or red")
        conds = r.get(t, "conditions", key, list)
        if not conds:
            raise r.fail(f"{key}.conditions", "empty list", expected="at least one condition")
        levels.append(LevelRule(name, r.get(t, "label", key, str, default=name),
                                tuple(_condition(r, c, f"{key}.conditions[{j}]") for j, c in enumerate(conds))))
    if [lv.name for lv in levels] != list(LEVELS[1:]):
        raise r.fail("levels", "levels must be yellow, orange, red in that order",
                     [lv.name for lv in levels], "yellow, orange, red")

    overrides = []
    for i, o in enumerate(r.get(adj, "overrides", "adjacency", list, default=[])):
        key = f"adjacency.overrides[{i}]"
        if not isinstance(o, dict):
            raise r.fail(key, "wrong type", o, "a table")
        action = r.get(o, "action", key, str)
        if action not in ("add", "remove"):
            raise r.fail(f"{key}.action", "unknown action", action, "add or remove")
        a = units.require(r.get(o, "a", key, str), file=source, column=f"{key}.a").name
        b = units.require(r.get(o, "b", key, str), file=source, column=f"{key}.b").name
        if a == b:
            raise r.fail(key, "a unit cannot be its own neighbour", a)
        overrides.append(AdjacencyOverride(a, b, action, r.get(o, "name", key, str), r.get(o, "reason", key, str, default="")))
    adjacency = AdjacencySettings(
        float(r.get(adj, "min_shared_km", "adjacency", (int, float), default=1.0)),
        float(r.get(adj, "snap_gap_m", "adjacency", (int, float), default=100.0)),
        tuple(overrides),
    )
    if adjacency.min_shared_km < 0 or adjacency.snap_gap_m < 0:
        raise r.fail("adjacency", "lengths must not be negative")

    regions = []
    region_of: dict[str, str] = {}
    for i, t in enumerate(r.get(data, "regions", "", list)):
        key = f"regions[{i}]"
        if not isinstance(t, dict):
            raise r.fail(key, "wrong type", t, "a table")
        members = []
        for j, m in enumerate(r.get(t, "members", key, list)):
            unit = units.require(m, file=source, column=f"{key}.members[{j}]")
            if unit.name in region_of:
                raise r.fail(f"{key}.members[{j}]", "city is already in another region", unit.name,
                             f"each city in one region only (already in {region_of[unit.name]})")
            members.append(unit.name)
        name = r.get(t, "name", key, str)
        for m in members:
            region_of[m] = name
        regions.append(Region(r.get(t, "id", key, str), name, r.get(t, "name_en", key, str, default=name), tuple(members)))
    if not regions:
        raise r.fail("regions", "no linkage region", expected="at least one [[regions]] table")

    approval_texts = {}
    for lv in LEVELS[1:]:
        approval_texts[lv] = r.get(approval, lv, "approval", str)
    # The English table is optional, but when given it covers every level (no language mixed by level).
    approval_texts_en = {}
    if approval_en:
        unknown = sorted(set(approval_en) - set(LEVELS[1:]))
        if unknown:
            raise r.fail(f"approval_en.{unknown[0]}", "unknown level", unknown[0], "yellow, orange or red")
        approval_texts_en = {lv: r.get(approval_en, lv, "approval_en", str) for lv in LEVELS[1:]}

    return Scheme(
        id=r.get(head, "id", "scheme", str),
        version=str(r.get(head, "version", "scheme", (str, int), default="")),
        title=r.get(head, "title", "scheme", str),
        title_en=r.get(head, "title_en", "scheme", str, default=""),
        source_path=source,
        edition_switch=switch,
        daily_mode=daily_mode,
        min_valid_hours=min_valid,
        episode_aqi_above=float(r.get(episode, "aqi_above", "episode", (int, float))),
        merge_gap_hours=r.get(episode, "merge_gap_hours", "episode", int, positive=True),
        levels=tuple(levels),
        within_region_min_cities=r.get(trigger, "within_region_min_cities", "trigger", int, positive=True),
        across_regions_min_cities=r.get(trigger, "across_regions_min_cities", "trigger", int, positive=True),
        across_regions_min_regions=r.get(trigger, "across_regions_min_regions", "trigger", int, positive=True),
        lead_time_hours=r.get(trigger, "lead_time_hours", "trigger", int, default=72, positive=True),
        downgrade_min_hours=r.get(trigger, "downgrade_min_hours", "trigger", int, default=36, positive=True),
        adjacency=adjacency,
        approval=approval_texts,
        senders=tuple(r.get(distribution, "senders", "distribution", list, default=[])),
        copy_to=tuple(r.get(distribution, "copy_to", "distribution", list, default=[])),
        regions=tuple(regions),
        region_of=region_of,
        approval_en=approval_texts_en,
        plausible_max=_plausibility(r, r.get(data, "plausibility", "", dict, default={})),
        letterheads=_letterheads(r, r.get(distribution, "letterheads", "distribution", dict, default={})),
        **dict(zip(("report_deadline", "lead_step_hours"), _response(r, r.get(data, "response", "", dict, default={})))),
        downgrade_on_dip=r.get(trigger, "downgrade_on_dip", "trigger", bool, default=False),
    )


def _letterheads(r: _Reader, table: dict) -> dict[str, str]:
    """[distribution.letterheads]: "sender" = "红头 text", each a non-empty string."""
    out = {}
    for sender, text in table.items():
        text = r.get(table, sender, "distribution.letterheads", str)
        if not text.strip():
            raise r.fail(f"distribution.letterheads.{sender}", "empty letterhead", text,
                         "the sender's 发文机关标志, e.g. 四川省生态环境厅")
        out[sender] = text.strip()
    return out


def _plausibility(r: _Reader, table: dict) -> dict[str, float]:
    """The scheme's ceilings over the defaults; each must be a positive number for a known field."""
    out = dict(DEFAULT_PLAUSIBLE_MAX)
    for key in table:
        if key not in DEFAULT_PLAUSIBLE_MAX:
            raise r.fail(f"plausibility.{key}", "unknown field", key, ", ".join(DEFAULT_PLAUSIBLE_MAX))
        out[key] = float(r.get(table, key, "plausibility", (int, float), positive=True))
    return out


def load_scheme(path: str | Path | None = None) -> Scheme:
    """Read and validate a scheme file (the bundled 2025–26 scheme by default)."""
    return _load_scheme_cached(str(Path(path or DEFAULT_SCHEME).resolve()))


@lru_cache(maxsize=8)
def _load_scheme_cached(path: str) -> Scheme:
    raw = untrusted.read_bounded(path, "scheme", expected="a scheme file (TOML)")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(Problem("the scheme file is not UTF-8 text", file=path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(Problem(f"not valid TOML: {exc}", file=path)) from exc
    except RecursionError as exc:  # arrays or tables nested deeper than the parser's stack
        reason = "nested too deeply"
        raise InputError(Problem(f"not valid TOML: {reason}", file=path)) from exc
    return parse_scheme(data, path)
