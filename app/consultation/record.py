"""The recorded decision of a consultation: plain data, to_json/from_json (``hazedesk consult`` prints it; the case
library stores it; the 会商纪要 and the letter's 预测依据 sentence read it).

JSON (the ``hazedesk consult`` contract, issue 15)::

    {"sources": [{name, path, sha256, issued_at}],
     "regions": {region: {"YYYY-MM-DD": {"levels": {source: none|yellow|orange|red},
                                         "count": {"yellow": n, "orange": n, "red": n}}}},
     "consensus": {"method": "median" | "majority" | "source:NAME" | "source", "episodes": [... as evaluate ...],
                   "label" (Chinese), "label_en", "k", "chosen": {region: source}, "levels": {region: {day: level or null}}},
     "days", "peak_daily_aqi", "cities", "dissent", "missing", "scheme", "mode", "decision",
     "observed": null | {"files": [{name, path, sha256, start, end, hours, kind, stations}], "start", "end",
                         "hours", "forecast_start", "replaced"?: [{source, start, end}]}}

``observed`` (spec §7): the observed files spliced before every source (and the consensus), each with its sha256
and the hours it gives, its ``kind`` ("stations": the national network's station files, with ``stations`` the
number of stations that gave values; "hourly", "daily-pm25", "daily-aqi": a city table; absent in records from
before kinds were kept), then the observed hours the judgement used (``start`` … ``end`` inclusive, ``hours``,
before ``forecast_start``, the first forecast hour), and, when sources start on different days, ``replaced``: the
older sources' hours before the newest source's first hour that the observations replaced (app.consultation
.compare.judged_from); reopening reads the same files again.

``count`` is the number of sources at that level *or higher*; a source that does not cover a region or day is
absent from its ``levels`` (and listed in ``missing``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from app.consultation.compare import MISSING, Comparison, Gap
from app.consultation.consensus import Consensus, dissent
from app.consultation.sources import SourceRecord
from app.domain.evaljson import episode_to_json
from app.domain.scheme import BEIJING, LEVELS


@dataclass
class ConsultationRecord:
    sources: list[SourceRecord]
    days: list[str]
    regions: dict  # region -> day -> {"levels", "count"}
    consensus: dict  # method, label, k, chosen, levels, episodes
    peak_daily_aqi: dict = field(default_factory=dict)  # region -> day -> {min, max, spread, by_source}
    cities: dict = field(default_factory=dict)  # city -> day -> {min, median, max}
    dissent: list[dict] = field(default_factory=list)
    missing: list[Gap] = field(default_factory=list)
    scheme_id: str = ""
    scheme_version: str = ""
    mode: str = "calendar"
    recorded_by: str = ""
    recorded_at: datetime | None = None
    note: str = ""
    participants: str = ""  # 参会单位及人员, as the recorder wrote them
    observed: dict | None = None  # the observations spliced before the forecasts (see the module's JSON)

    @property
    def method(self) -> str:
        return str(self.consensus.get("method", ""))

    @property
    def source_names(self) -> list[str]:
        return [s.name for s in self.sources]

    @property
    def observed_paths(self) -> list[str]:
        return [str(f["path"]) for f in (self.observed or {}).get("files", [])]

    def to_json(self) -> dict:
        return {
            "sources": [s.to_json() for s in self.sources],
            "regions": self.regions,
            "consensus": self.consensus,
            "days": list(self.days),
            "peak_daily_aqi": self.peak_daily_aqi,
            "cities": self.cities,
            "dissent": list(self.dissent),
            "missing": [g.to_json() for g in self.missing],
            "scheme": {"id": self.scheme_id, "version": self.scheme_version},
            "mode": self.mode,
            "decision": {"recorded_by": self.recorded_by, "note": self.note, "participants": self.participants,
                         "recorded_at": None if self.recorded_at is None
                         else self.recorded_at.astimezone(BEIJING).isoformat()},
            "observed": self.observed,
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, data: dict | str) -> ConsultationRecord:
        if isinstance(data, str):
            data = json.loads(data)
        decision = data.get("decision", {}) or {}
        recorded = decision.get("recorded_at")
        scheme = data.get("scheme", {}) or {}
        return cls(sources=[SourceRecord.from_json(s) for s in data["sources"]], days=list(data.get("days", [])),
                   regions=dict(data["regions"]), consensus=dict(data["consensus"]),
                   peak_daily_aqi=dict(data.get("peak_daily_aqi", {})), cities=dict(data.get("cities", {})),
                   dissent=list(data.get("dissent", [])),
                   missing=[Gap.from_json(g) for g in data.get("missing", [])],
                   scheme_id=str(scheme.get("id", "")), scheme_version=str(scheme.get("version", "")),
                   mode=str(data.get("mode", "calendar")), recorded_by=str(decision.get("recorded_by", "")),
                   recorded_at=datetime.fromisoformat(recorded) if recorded else None,
                   note=str(decision.get("note", "")), participants=str(decision.get("participants", "") or ""),
                   observed=checked_observed(data.get("observed")))


def checked_observed(value, field: str = "observed") -> dict | None:
    """A recorded ``observed`` (a record may come from another office): its files' paths are only looked at, their
    sha256 checked to be ones, their times to be times; anything else is refused (InputError)."""
    from app import untrusted
    from app.errors import InputError, Problem
    from app.importing.observed_series import KINDS

    if value is None:
        return None
    files = value.get("files") if isinstance(value, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
        raise InputError(Problem("not a list of observed files", column=f"{field}.files", value=str(value)[:60],
                                 expected="[{name, path, sha256, start, end, hours}]"))
    for i, f in enumerate(files):
        untrusted.recorded_path(f.get("path", ""), field=f"{field}.files[{i}].path", empty=False)
        untrusted.sha256(f.get("sha256", ""), field=f"{field}.files[{i}].sha256")
        _times(f, f"{field}.files[{i}]")
        if f.get("kind", "") not in ("", *KINDS):
            raise InputError(Problem("not a kind of observed data", column=f"{field}.files[{i}].kind",
                                     value=str(f.get("kind"))[:40], expected=" / ".join(KINDS)))
        stations = f.get("stations")
        if stations is not None and (type(stations) is not int or stations < 0):
            raise InputError(Problem("not a number of stations", column=f"{field}.files[{i}].stations",
                                     value=str(stations)[:40], expected="a whole number ≥ 0, or null"))
    replaced = value.get("replaced", [])
    if not isinstance(replaced, list) or not all(isinstance(r, dict) and isinstance(r.get("source"), str)
                                                 for r in replaced):
        raise InputError(Problem("not a list of replaced hours", column=f"{field}.replaced", value=str(replaced)[:60],
                                 expected="[{source, start, end}]"))
    for i, r in enumerate(replaced):
        _times(r, f"{field}.replaced[{i}]")
    return dict(value)


def _times(entry: dict, field: str) -> None:
    """An entry's ``start`` and ``end`` are ISO 8601 date-times, or InputError names the one that is not."""
    from app.errors import InputError, Problem

    for key in ("start", "end"):
        try:
            datetime.fromisoformat(str(entry.get(key)))
        except ValueError:
            raise InputError(Problem("not a date-time", column=f"{field}.{key}", value=str(entry.get(key))[:40],
                                     expected="ISO 8601")) from None


def observed_summary(cmp: Comparison) -> dict | None:
    """The record's ``observed``: the files and the observed hours the judgement used (None: none given)."""
    if not cmp.observed_files:
        return None
    f = cmp.forecast_start
    used = cmp.hours[cmp.hours < f]
    out = {"files": [o.to_json() for o in cmp.observed_files],
           "start": used[0].isoformat() if len(used) else None, "end": used[-1].isoformat() if len(used) else None,
           "hours": len(used), "forecast_start": f.isoformat()}
    replaced = cmp.replaced()
    if replaced:  # an older source's hours before the newest first hour, replaced by the observations
        out["replaced"] = [{"source": name, "start": first.isoformat(), "end": last.isoformat()}
                           for name, first, last in replaced]
    return out


def _number(x) -> float | int | None:
    if x is None or not np.isfinite(x):
        return None
    return int(x) if float(x).is_integer() else round(float(x), 1)


def method_text(consensus: Consensus) -> str:
    if consensus.method == "source":
        names = set(consensus.chosen.values())
        return f"source:{next(iter(names))}" if len(names) == 1 else "source"
    return consensus.method


def make_record(cmp: Comparison, consensus: Consensus, *, recorded_by: str = "", note: str = "",
                recorded_at: datetime | None = None, participants: str = "") -> ConsultationRecord:
    # every day some source covers (sources far apart in time leave days nobody forecast: not in the record)
    covered = (cmp.region_level != MISSING).any(axis=(0, 1))
    kept = [d for d in range(len(cmp.days)) if covered[d]]
    days = [cmp.days[d].isoformat() for d in kept]
    counts = cmp.counts()
    regions: dict = {}
    for r, region in enumerate(cmp.regions):
        regions[region] = {}
        for d, day in zip(kept, days):
            levels = {name: LEVELS[int(cmp.region_level[s, r, d])] for s, name in enumerate(cmp.names)
                      if cmp.region_level[s, r, d] != MISSING}
            regions[region][day] = {"levels": levels,
                                    "count": {lv: int(counts[r, d, i]) for i, lv in enumerate(LEVELS[1:])}}
    low, high = cmp.peak_spread()
    peaks = {region: {day: {"min": _number(low[r, d]), "max": _number(high[r, d]),
                            "spread": _number(high[r, d] - low[r, d]),
                            "by_source": {name: _number(cmp.peak_daily_aqi[s, r, d])
                                          for s, name in enumerate(cmp.names)
                                          if np.isfinite(cmp.peak_daily_aqi[s, r, d])}}
                      for d, day in zip(kept, days)} for r, region in enumerate(cmp.regions)}
    c_min, c_med, c_max = cmp.city_spread()
    cities = {unit: {day: {"min": _number(c_min[u, d]), "median": _number(c_med[u, d]),
                           "max": _number(c_max[u, d])}
                     for d, day in zip(kept, days) if np.isfinite(c_med[u, d])}
              for u, unit in enumerate(cmp.units)}
    agreed = {region: {day: (None if consensus.level[r, d] == MISSING else LEVELS[int(consensus.level[r, d])])
                       for d, day in zip(kept, days)} for r, region in enumerate(cmp.regions)}
    summary = {"method": method_text(consensus), "label": consensus.label, "label_en": consensus.label_en,
               "k": consensus.k,
               "chosen": dict(consensus.chosen) if consensus.method == "source" else {},
               "issued_at": None if consensus.issued_at is None else consensus.issued_at.astimezone(BEIJING).isoformat(),
               "levels": agreed, "episodes": [episode_to_json(e) for e in consensus.episodes]}
    return ConsultationRecord(
        sources=[s.record for s in cmp.sources], days=days, regions=regions, consensus=summary,
        peak_daily_aqi=peaks, cities=cities, dissent=dissent(cmp, consensus),
        missing=[*cmp.missing, *consensus.gaps], scheme_id=cmp.scheme.id, scheme_version=cmp.scheme.version,
        mode=cmp.mode, recorded_by=recorded_by, recorded_at=recorded_at, note=note, participants=participants.strip(),
        observed=observed_summary(cmp))
