"""What the warning engine returns: per-city and per-region timelines, episodes and their reasons.

These types are the contract between the engine (``app.domain.engine``) and everything that shows or exports
its results (GUI, proposal, maps, CLI JSON). Times are tz-aware Beijing time; ``end`` is inclusive (the last
hour inside the episode, e.g. 23:00 of the last day in calendar mode).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd

from app.domain.aqi import PrimaryText
from app.domain.scheme import LEVELS
from app.errors import Problem


@dataclass(frozen=True)
class QualifyingRun:
    """A run of consecutive steps with daily AQI above a threshold that met a level condition."""

    city: str
    start: datetime
    end: datetime  # inclusive last hour
    aqi_above: float
    hours: int


class Deferred:
    """A field value made on first read: ``Deferred(make)`` where ``make()`` returns the value (see :class:`_Lazy`).
    Seen raw (``vars(episode)``), it is equal to and shown as the value it makes."""

    __slots__ = ("_make", "_value")
    __hash__ = None

    def __init__(self, make):
        self._make, self._value = make, None

    def value(self):
        if self._make is not None:  # made once; the function (and what it holds) let go
            self._value, self._make = self._make(), None
        return self._value

    def __eq__(self, other):
        return self.value() == (other.value() if isinstance(other, Deferred) else other)

    def __repr__(self) -> str:
        return repr(self.value())


class _Lazy:
    """A dataclass field that may be given as a :class:`Deferred`: made on its first read and kept, so a field that
    few readers need costs nothing until one reads it (issue 26: a replay's evaluations read no episode's qualifying
    runs, yet the observed winter spliced before each forecast has dozens of city and regional episodes). Every read
    — attribute, ``==``, ``hash``, ``repr``, ``dataclasses.asdict`` / ``replace``, pickling — sees the made value."""

    _REQUIRED = object()

    def __init__(self, default=_REQUIRED):
        self.default = default

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:  # the dataclass asks the class for the field's default
            if self.default is _Lazy._REQUIRED:
                raise AttributeError(self.name)  # none: a required field
            return self.default
        value = obj.__dict__[self.name]
        if isinstance(value, Deferred):
            value = obj.__dict__[self.name] = value.value()
        return value

    def __set__(self, obj, value):  # the dataclass's __init__ (frozen: through object.__setattr__)
        obj.__dict__[self.name] = value


@dataclass(frozen=True)
class CityEpisode:
    city: str
    level: str  # yellow | orange | red (an episode is never "none")
    start: datetime
    end: datetime
    peak_daily_aqi: int | None = None
    runs: tuple[QualifyingRun, ...] = _Lazy(())  # the runs that gave the level (the engine's: made on first read)

    def __getstate__(self):  # pickle and copy: the runs made, never the function that makes them
        return {**self.__dict__, "runs": self.runs}


@dataclass
class CityResult:
    name: str
    region: str | None  # linkage region name, None outside the linkage
    level: str  # highest own level over the forecast (none|yellow|orange|red)
    episodes: list[CityEpisode] = field(default_factory=list)


@dataclass
class RegionalEpisode:
    region: str
    level: str
    start: datetime
    end: datetime
    rule: str  # "within-region" | "across-regions" (the rule that triggered at the episode's peak level)
    trigger_cities: list[str]  # the connected component that triggered at the peak level
    qualifying_runs: dict[str, list[QualifyingRun]] = _Lazy()  # per trigger city, the runs that qualified
    warned_cities: dict[str, str]  # every linkage city of the region -> its warning level
    own_higher: list[str]  # cities warned above the region's level by their own level
    lead_time_hours: float | None  # start − issued_at; None when the issue time is unknown
    lead_time_short: bool  # lead time under the scheme's 72 h
    approval: str  # approval route text by level
    triggered_days: list[str] = field(default_factory=list)  # ISO dates (calendar) or hours (rolling) triggered
    components: list[dict] = field(default_factory=list)  # per step: {"time", "level", "rule", "cities"}
    approval_en: str = ""  # the approval route in English ("" when the scheme gives none: show ``approval``)
    observed_hours: int = 0  # hours of the episode before the forecast's first hour (spec §7: observed part)

    @property
    def duration_hours(self) -> int:
        return int((self.end - self.start).total_seconds() // 3600) + 1

    def __getstate__(self):  # pickle and copy: the runs made, never the function that makes them
        return {**self.__dict__, "qualifying_runs": self.qualifying_runs}


ACTIONS_IN_EFFECT = ("upgrade", "downgrade", "lift", "extend", "keep", "ended")
ACTIONS_PENDING = ("keep", "extend", "revise", "cancel")


@dataclass
class Recommendation:
    """Engine advice for one warning in force (spec §7): upgrade | downgrade | lift | extend | keep | ended for a
    warning in effect, keep | extend | revise | cancel for a pending one.

    ``new_level`` is the level after the advice ("none" for lift/cancel); ``from_time`` the effective step's start,
    never before the forecast's first hour (None for keep/ended); ``until`` the one expected end, the hour-start of
    the 过程's last hour (None when the warning has no 过程), "at least" when ``until_at_least``."""

    region: str
    in_force_level: str
    in_force_start: datetime
    action: str
    new_level: str
    from_time: datetime | None
    reason: str  # Chinese, as the proposal letter and the JSON say it
    reason_en: str = ""  # the same reason in English, for the English interface
    until: datetime | None = None
    until_at_least: bool = False
    new_start: datetime | None = None  # revise: the 过程's start (at the forecast's first hour if earlier)
    process_start: datetime | None = None  # the warning's 过程 P (first triggered step), None without one
    process_end: datetime | None = None  # P's last triggered step (hour-start of its last hour)
    joined: bool = False  # its 过程 went to an earlier warning of the region
    due_since: datetime | None = None  # when the change was already due in the observed past
    pending: bool = False  # the warning had not started at the forecast's first hour (S ≥ f)
    episode_index: int | None = None  # index of P in ``Evaluation.episodes``


@dataclass(frozen=True)
class NewWarning:
    """A regional episode ending at or after the forecast's first hour that is no warning's 过程: it needs its own
    start letter (spec §7). ``start`` is its first triggered step at or after f; ``end`` the hour-start of its last
    hour, "at least" when the episode is open; lead time None when it is already running."""

    region: str
    level: str
    start: datetime
    end: datetime
    end_at_least: bool
    lead_time_hours: float | None
    lead_time_short: bool
    episode_index: int


@dataclass
class Evaluation:
    """Everything the engine computed for one forecast, on the forecast's hourly time axis.

    Arrays are indexed [unit row, hour]; unit rows follow ``units``. Level arrays hold ranks into
    :data:`~app.domain.scheme.LEVELS` (0 none … 3 red). AQI arrays are float with NaN where unknown
    (insufficient data or no input); ``daily_insufficient`` marks the "insufficient data" state.
    """

    mode: str  # calendar | rolling
    aqi_edition: str  # "HJ 633-2026", "HJ 633-2012", or both joined by " / " when the forecast spans the switch
    issued_at: datetime | None
    times: pd.DatetimeIndex  # hourly axis of the forecast
    units: list[str]
    hourly_aqi: np.ndarray  # (units, hours) float, NaN when unknown
    hourly_over_500: np.ndarray  # (units, hours) bool: concentration above the table ("> 500")
    primary_pollutant: PrimaryText  # (units, hours) read as object text: "PM2.5" … or "" (made on access)
    daily_aqi: np.ndarray  # (units, hours): the daily AQI that applies at each hour (calendar day or rolling)
    daily_insufficient: np.ndarray  # (units, hours) bool
    city_level: np.ndarray  # (units, hours) int8 own level
    region_level: dict[str, np.ndarray]  # region name -> (hours,) int8
    warned_level: np.ndarray  # (units, hours) int8: level each city warns at (regional or own-higher)
    cities: dict[str, CityResult]
    episodes: list[RegionalEpisode]
    recommendations: list[Recommendation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # the findings below, each as one Chinese line
    findings: list[Problem] = field(default_factory=list)  # the engine's findings (insufficient or missing data)
    # Added by the engine issue (additive): the level of the regional episode in force per region and hour
    # (region_level is the raw per-step trigger), the daily AQI's primary pollutant and "> 500" flag per hour,
    # and the range bound the forecast values are ("low" | "central" | "high" | "").
    region_warned: dict[str, np.ndarray] = field(default_factory=dict)
    daily_primary: PrimaryText | None = None  # (units, hours) read as object text, like primary_pollutant
    daily_over_500: np.ndarray | None = None  # (units, hours) bool
    range_bound: str = ""
    # Spec §7 (issue 28): the forecast's first hour f (times[0] when nothing observed), the hours before it
    # that are observations, and the episodes that need a start letter.
    forecast_start: datetime | None = None
    observed_hours: int = 0
    # E5: the hours before f that no observation gave (between the last observation and f), (hours,) bool;
    # None when the observations run up to f (or none are spliced)
    unobserved: np.ndarray | None = None
    new_warnings: list[NewWarning] = field(default_factory=list)

    @staticmethod
    def level_name(rank: int) -> str:
        return LEVELS[int(rank)]
