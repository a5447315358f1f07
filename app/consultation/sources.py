"""The forecasts of a consultation (会商): each with a name, and what is recorded about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app import untrusted
from app.domain.forecast import Forecast
from app.domain.scheme import BEIJING
from app.errors import InputError, Problem

MAX_LABEL_AS_NAME = 20  # a producer label longer than this is a description, not a name


@dataclass(frozen=True)
class SourceRecord:
    """What the decision keeps about one source: enough to find the very file again."""

    name: str
    path: str
    sha256: str
    issued_at: datetime | None

    def to_json(self) -> dict:
        issued = None if self.issued_at is None else self.issued_at.astimezone(BEIJING).isoformat()
        return {"name": self.name, "path": self.path, "sha256": self.sha256, "issued_at": issued}

    @classmethod
    def from_json(cls, data: dict) -> SourceRecord:
        """A recorded source (a record may come from another office: its path is only looked at, its sha256 is
        checked to be one)."""
        issued = data.get("issued_at")
        path = untrusted.recorded_path(data.get("path", "") or "", field="sources.path")
        sha = untrusted.sha256(data.get("sha256", "") or "", field="sources.sha256", empty=True)
        return cls(str(data["name"]), path, sha, datetime.fromisoformat(issued) if issued else None)


@dataclass(frozen=True)
class Source:
    name: str
    forecast: Forecast

    @property
    def record(self) -> SourceRecord:
        meta = self.forecast.meta
        return SourceRecord(self.name, meta.source_path, meta.sha256, meta.issued_at)


def default_name(forecast: Forecast) -> str:
    """The producer named in the file (``# producer:`` line, IOAPI grid, WRF-Chem) if short; else, as the letters
    name a forecast, the regional centre (``forecast.DEFAULT_SOURCE``) — never a file name, which the minutes and
    the letter would print. A program's own label ("HazeDesk sample generator") is longer than a name."""
    from app.domain.forecast import DEFAULT_SOURCE  # not app.domain.proposal: the letters' module, ~10 ms

    label = forecast.meta.label.strip()
    if label and len(label) <= MAX_LABEL_AS_NAME:
        return label
    return DEFAULT_SOURCE


def name_sources(forecasts: list[Forecast], names: list[str] | None = None) -> list[Source]:
    """Sources named by ``names`` (given by the officer: one per forecast, all different) or by default."""
    if names is not None:
        names = [n.strip() for n in names]
        given, wanted = len(names), len(forecasts)
        if given != wanted:
            raise InputError(Problem(f"{given} names for {wanted} forecasts", column="--names",
                                     value=",".join(names), expected="one name per forecast, in the same order"))
        empty = [i + 1 for i, n in enumerate(names) if not n]
        if empty:
            raise InputError(Problem("an empty source name", column="--names", value=",".join(names),
                                     expected="a name for every forecast"))
        seen = {n for n in names if names.count(n) > 1}
        if seen:
            raise InputError(Problem("two sources have the same name", column="--names",
                                     value="、".join(sorted(seen)), expected="a different name for each forecast"))
        return [Source(n, f) for n, f in zip(names, forecasts)]
    out: list[Source] = []
    taken: set[str] = set()
    for forecast in forecasts:
        name = unique_name(default_name(forecast), taken)
        taken.add(name)
        out.append(Source(name, forecast))
    return out


def unique_name(base: str, taken: set[str]) -> str:
    """``base``, or ``base (2)``, ``base (3)``… — the first one not yet taken."""
    name, k = base, 2
    while name in taken:
        name, k = f"{base} ({k})", k + 1
    return name
