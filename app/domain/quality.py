"""Data quality in front of the officer: everything suspicious about a forecast and its evaluation, in one list,
with the units it touches and what missing data could mean for each region's result. Qt-free.

- ``collect_findings``: the importer's findings (``Forecast.warnings``), then the engine's
  (``Evaluation.findings``), then the region notes below; worst first.
- ``region_coverage``: for each linkage region, how many of its cities have no data (or gaps), and whether that
  could change the region's result. "Could change" is measured, not guessed: the forecast is evaluated again
  with every missing value of a linkage city set to the top of the scale (``WORST_PM25`` / ``WORST_AQI``); if a
  region then warns higher at any hour, its result may be too low ("盆地中部地区：17 个城市中 9 个无数据，结果
  可能偏低"). Regions whose result cannot move get no note.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from app.domain.daily import at_or_after
from app.domain.forecast import Forecast
from app.domain.results import Evaluation
from app.domain.scheme import Scheme
from app.domain.units import load_units
from app.errors import Problem, sorted_findings

WORST_PM25 = 500.0  # µg/m³: AQI 500 ("严重") under both HJ 633 editions
WORST_AQI = 500.0


@dataclass(frozen=True)
class RegionCoverage:
    region: str
    total: int  # linkage cities of the region
    no_data: tuple[str, ...]  # no value at all (absent from the file, or every value empty)
    gaps: tuple[str, ...]  # some values missing
    could_change: bool  # filling the gaps at the top of the scale makes the region warn higher somewhere

    @property
    def finding(self) -> Problem | None:
        if not self.could_change:
            return None
        if self.no_data:
            return Problem(f"{self.region}: {len(self.no_data)} of {self.total} cities have no data; "
                           "the result may be too low", severity="warning", action="excluded", units=self.no_data)
        return Problem(f"{self.region}: {len(self.gaps)} of {self.total} cities have gaps in their data; "
                       "the result may be too low", severity="warning", action="excluded", units=self.gaps)


@dataclass
class DataQuality:
    findings: list[Problem] = field(default_factory=list)  # worst first
    regions: list[RegionCoverage] = field(default_factory=list)
    flagged_units: set[str] = field(default_factory=set)  # units a warning or error concerns (the map marks them)
    no_data_units: set[str] = field(default_factory=set)
    names_en: dict[str, str] = field(default_factory=dict)  # region or unit → English name (the English UI)

    def in_language(self, finding: Problem, lang: str) -> Problem:
        """The finding in ``lang``: Chinese from the catalogue, or English with the regions' English names
        ("Chengdu Plain: 9 of 17 cities have no data", not the Chinese name inside an English sentence); the
        units' names likewise."""
        local = finding.localized(lang)
        if lang == "zh" or not self.names_en:
            return local
        message, expected = local.message, local.expected
        for name, name_en in sorted(self.names_en.items(), key=lambda kv: -len(kv[0])):  # longest first
            message = message.replace(name, name_en)
            expected = expected.replace(name, name_en) if expected else expected
        message = message.replace("、", ", ")  # lists of names: the Chinese enumeration comma reads oddly in English
        return replace(local, message=message, expected=expected)

    def render(self, finding: Problem, lang: str) -> str:
        """The whole line (place, value read, action) in ``lang``, region names as :meth:`in_language` gives."""
        return finding.render(lang) if lang == "zh" else self.in_language(finding, lang).render(lang)

    def unit_names(self, units, lang: str) -> list[str]:
        """Units' names in ``lang`` (Chinese names as they are; English when the units file gives one)."""
        return list(units) if lang == "zh" else [self.names_en.get(u, u) for u in units]

    @property
    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "note": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def region_note(self, region: str) -> Problem | None:
        return next((r.finding for r in self.regions if r.region == region and r.could_change), None)


def _given(forecast: Forecast, evaluation: Evaluation) -> np.ndarray | None:
    """The steps of a spliced series that some file gave: every step from the forecast's first hour f on, and
    the observed steps where at least one unit has a value. A step before f where no unit has one is an hour
    nobody observed (between observations and f, docs/rules-readings.md E5): no unit's gap, nothing the officer
    could fill. None: every step."""
    f = getattr(evaluation, "forecast_start", None)
    if f is None or not getattr(evaluation, "observed_hours", 0):
        return None
    primary = next((k for k in ("pm25", "aqi") if k in forecast.values), next(iter(forecast.values)))
    before = ~at_or_after(forecast.times, f)
    nobody = np.isnan(forecast.values[primary]).all(axis=0) & before
    return None if not nobody.any() else ~nobody


def _no_data_rows(forecast: Forecast, given: np.ndarray | None = None) -> tuple[set[str], set[str]]:
    """(units with no value at all, units with some values missing) among the forecast's rows (at the steps
    ``given``, default all)."""
    primary = next((f for f in ("pm25", "aqi") if f in forecast.values), next(iter(forecast.values)))
    empty = np.isnan(forecast.values[primary])
    if given is not None:
        empty = empty[:, given]
    none = {u for u, row in zip(forecast.units, empty) if row.all()}
    some = {u for u, row in zip(forecast.units, empty) if row.any() and not row.all()}
    return none, some


def worst_case_forecast(forecast: Forecast, scheme: Scheme, given: np.ndarray | None = None) -> Forecast:
    """The forecast with every missing value of a linkage city (absent rows included) at the top of the scale
    (at the steps ``given``, default all: see :func:`_given`)."""
    units = list(forecast.units) + [c for c in scheme.linkage_cities if c not in forecast.units]
    linkage = np.array([u in scheme.region_of for u in units])
    values = {}
    for name, arr in forecast.values.items():
        full = np.full((len(units), arr.shape[1]), np.nan)
        full[: arr.shape[0]] = arr
        if name in ("pm25", "aqi"):
            fill = WORST_PM25 if name == "pm25" else WORST_AQI
            gaps = np.isnan(full) & linkage[:, None]
            if given is not None:
                gaps &= given[None, :]
            full[gaps] = fill
        values[name] = full
    return Forecast(forecast.times, units, values, step_hours=forecast.step_hours, meta=forecast.meta)


def region_coverage(forecast: Forecast, evaluation: Evaluation, scheme: Scheme,
                    neighbours: Mapping[str, set[str]]) -> list[RegionCoverage]:
    given = _given(forecast, evaluation)
    none, some = _no_data_rows(forecast, given)
    none |= {c for c in scheme.linkage_cities if c not in forecast.units}
    touched = [r for r in scheme.regions if any(m in none or m in some for m in r.members)]
    if not touched:
        return []
    from app.domain.engine import evaluate

    worst = evaluate(worst_case_forecast(forecast, scheme, given), scheme, neighbours, mode=evaluation.mode,
                     issued_at=evaluation.issued_at)
    out = []
    # the evaluation may start earlier, at observed hours spliced before the forecast (spec §7): compared on the
    # forecast's own hours (the worst case is of the forecast alone)
    aligned = np.asarray(evaluation.times.get_indexer(worst.times))
    for region in touched:
        now = evaluation.region_warned.get(region.name, evaluation.region_level.get(region.name))
        then = worst.region_warned.get(region.name, worst.region_level.get(region.name))
        if now is not None and then is not None and len(now) != len(then) and (aligned >= 0).all():
            now = np.asarray(now)[aligned]
        higher = bool(now is not None and then is not None and (np.asarray(then) > np.asarray(now)).any())
        out.append(RegionCoverage(region.name, len(region.members),
                                  tuple(m for m in region.members if m in none),
                                  tuple(m for m in region.members if m in some), higher))
    return out


def assess(forecast: Forecast, evaluation: Evaluation, scheme: Scheme,
           neighbours: Mapping[str, set[str]], extra: Sequence[Problem] = ()) -> DataQuality:
    """Everything the officer should see about the data behind this evaluation (``extra``: findings of the
    boundaries and scheme checks, when the officer's own boundaries are loaded)."""
    regions = region_coverage(forecast, evaluation, scheme, neighbours)
    notes = [r.finding for r in regions if r.finding is not None]
    findings = sorted_findings([*forecast.warnings, *evaluation.findings, *notes, *extra])
    flagged = {u for f in findings if f.severity != "note" for u in f.units}
    none, _ = _no_data_rows(forecast, _given(forecast, evaluation))
    no_data = none | set(forecast.missing_units)
    names_en = {u.name: u.name_en for u in load_units().units if getattr(u, "name_en", "")}
    names_en.update({r.name: r.name_en for r in scheme.regions if r.name_en and r.name_en != r.name})
    return DataQuality(findings, regions, flagged, no_data, names_en)


MAX_RECORDED = 40  # findings kept item by item in a letter's record (the count is always whole)
_RECORD_KEYS = ("severity", "message", "file", "row", "column", "variable", "cell", "value", "expected", "action",
                "units")


def findings_record(findings: list[Problem], accepted_in: str) -> dict:
    """The findings as a letter's record and the audit log keep them: which were present, that the officer
    accepted them (and where), worst first; the file by name only (the record travels with the letter)."""
    from pathlib import PurePath

    items = []
    for f in sorted_findings(findings)[:MAX_RECORDED]:
        entry = {k: v for k, v in f.to_dict().items() if k in _RECORD_KEYS and v not in (None, [], "")}
        if "file" in entry:
            entry["file"] = PurePath(entry["file"]).name
        items.append(entry)
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "note")}
    return {"accepted_in": accepted_in, "count": len(findings), "counts": counts, "items": items}
