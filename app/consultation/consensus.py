"""The consensus the officer chooses, from a :class:`~app.consultation.compare.Comparison`:

- ``median``: the ensemble median of the sources' hourly PM2.5 per unit and hour (sources without hourly PM2.5,
  e.g. daily AQI tables, are left out and said so), evaluated as one forecast by the warning engine;
- ``majority``: per region and hour, the highest level that at least k of the n sources covering it reach (k
  settable; default a majority of those n); its episodes are the runs of that level (merged across gaps under
  the scheme's 36 h, as the engine merges), each explained by the agreeing source closest to it (its trigger
  cluster and qualifying runs), with the consensus level, times and lead time;
- ``source``: per region, one chosen source: that source's episodes for the region.

Every method also gives, per region, the forecast the main views show (:attr:`Consensus.forecast`): the median
itself, or a composite whose cities take the values of the region's chosen (or most agreeing) source.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np
import pandas as pd

from app.consultation.compare import MISSING, Comparison, Gap
from app.domain.forecast import Forecast, ForecastMeta
from app.domain.levels import max_gap_steps
from app.domain.results import Evaluation, RegionalEpisode
from app.domain.runs import find_runs, merge_close
from app.domain.scheme import LEVELS
from app.errors import InputError, Problem

METHODS = ("median", "majority", "source")
METHOD_ZH = {"median": "集合中位数", "majority": "多数一致", "source": "指定来源"}
# The producer of a consensus forecast, as the letter's opening and 预测来源 name it (the method and the sources
# are said in the 预测依据 sentence, app.consultation.text.basis_sentence)
CONSENSUS_PRODUCER = "川渝重污染天气预测会商"


@dataclass
class Consensus:
    method: str
    k: int | None  # majority: the sources needed (None: a majority of those covering)
    chosen: dict[str, str]  # region -> source name (method "source"; for the others, the map's source)
    hour_level: np.ndarray  # (regions, hours) int8 on the comparison's hourly axis, MISSING where uncovered
    level: np.ndarray  # (regions, days) int8
    episodes: list[RegionalEpisode]
    forecast: Forecast  # what the main views show as the consensus
    issued_at: datetime | None  # the decision's time (else the newest source's issue time): lead times count from it
    evaluation: Evaluation | None = None  # the median's own evaluation
    gaps: list[Gap] = field(default_factory=list)
    forecast_start: datetime | None = None  # f: the comparison's first forecast hour (observed before it)

    @property
    def warnings(self) -> list[RegionalEpisode]:
        """The episodes the decision is about: those that end at or after f (spec §7: "Episodes that ended in the
        observed past are history, not warnings"); :attr:`episodes` keeps them all, as ``evaluate`` gives them."""
        f = self.forecast_start
        return [e for e in self.episodes if f is None or e.end >= f]

    @property
    def label_en(self) -> str:
        if self.method == "majority":
            return f"majority ({self.k} or more)" if self.k else "majority (more than half)"
        if self.method == "source":
            return f"chosen source ({', '.join(sorted(set(self.chosen.values())))})"
        return "ensemble median"

    @property
    def label(self) -> str:
        if self.method == "majority":
            return f"{METHOD_ZH['majority']}（{self.k} 家以上）" if self.k else f"{METHOD_ZH['majority']}（过半数）"
        if self.method == "source":
            names = sorted(set(self.chosen.values()))
            return f"{METHOD_ZH['source']}（{'、'.join(names)}）"
        return METHOD_ZH["median"]


def parse_method(text: str, names: list[str], regions: list[str]) -> tuple[str, dict[str, str]]:
    """``median`` | ``majority`` | ``source:NAME`` (every region) → (method, chosen)."""
    text = (text or "median").strip()
    if text in ("median", "majority"):
        return text, {}
    if text.startswith("source:"):
        name = text.split(":", 1)[1].strip()
        if name not in names:
            raise InputError(Problem("no source of that name", column="--consensus", value=name,
                                     expected="one of " + ", ".join(names)))
        return "source", {r: name for r in regions}
    raise InputError(Problem("unknown consensus method", column="--consensus", value=text,
                             expected="median, majority or source:NAME"))


def decision_time(cmp: Comparison, now: datetime) -> datetime:
    """When a consultation decided, by default: ``now`` while it is live — some source's period still runs (a
    CMAQ run stamped later than the morning's decision does not shift it); once every source's period has ended
    (a past winter replayed, back-testing), the newest source's issue time, so that the decision is dated by its
    sources and not by the wall clock (a 2025 winter read "D-357" and "issued 0 hours ago, expired")."""
    last = max(s.forecast.end + pd.Timedelta(hours=s.forecast.step_hours - 1) for s in cmp.sources)
    issued = [s.forecast.meta.issued_at for s in cmp.sources if s.forecast.meta.issued_at is not None]
    if issued and pd.Timestamp(now) > last:
        return max(issued)
    return now


def build_consensus(cmp: Comparison, method: str, *, k: int | None = None,
                    chosen: dict[str, str] | None = None, decided_at: datetime | None = None) -> Consensus:
    """The consensus by ``method``; ``decided_at``: when the consultation decided it — the consensus is dated by
    its decision (its D+0 is the decision's day, lead times run from it), not by its newest source (a CMAQ run
    issued later in the morning shifted every day by one). Without it, the newest source's issue time."""
    consensus = _build(cmp, method, k, chosen, decided_at)
    consensus.forecast_start = cmp.forecast_start.to_pydatetime()
    if decided_at is not None:
        meta = replace(consensus.forecast.meta, issued_at=decided_at, issued_at_source="consensus")
        consensus.forecast = replace(consensus.forecast, meta=meta)
    return consensus


def _build(cmp: Comparison, method: str, k: int | None, chosen: dict[str, str] | None,
           decided_at: datetime | None) -> Consensus:
    if method not in METHODS:
        raise InputError(Problem("unknown consensus method", column="consensus", value=method,
                                 expected="median, majority or source:NAME"))
    issued = [s.forecast.meta.issued_at for s in cmp.sources if s.forecast.meta.issued_at is not None]
    issued_at = decided_at if decided_at is not None else (max(issued) if issued else None)
    if method == "median":
        return _identified(cmp, _median(cmp, issued_at))
    if method == "majority":
        count = len(cmp.sources)
        if k is not None and not 1 <= k <= count:
            raise InputError(Problem("k is out of range", column="k", value=str(k),
                                     expected=f"1 … {count} (the number of sources)"))
        return _identified(cmp, _majority(cmp, k, issued_at))
    chosen = dict(chosen or {})
    unknown = sorted(set(chosen.values()) - set(cmp.names))
    if unknown:
        raise InputError(Problem("no source of that name", column="consensus", value=", ".join(unknown),
                                 expected="one of " + ", ".join(cmp.names)))
    missing = [r for r in cmp.regions if r not in chosen]
    if missing:
        raise InputError(Problem("no source chosen for a region", column="consensus", value="、".join(missing),
                                 expected="a source for every region"))
    return _identified(cmp, _chosen(cmp, chosen, issued_at))


def _identified(cmp: Comparison, consensus: Consensus) -> Consensus:
    """The consensus forecast has no file: its sha256 is a digest of what makes it (the sources' sha256 and
    names, the method, k and the chosen sources), so the letter's draft, its machine record and the case know
    the same consensus again — and tell two different ones apart."""
    import hashlib
    import json
    from dataclasses import replace

    identity = {"sources": [[s.name, s.forecast.meta.sha256] for s in cmp.sources], "mode": cmp.mode,
                "method": consensus.method, "k": consensus.k,
                "chosen": dict(sorted(consensus.chosen.items())) if consensus.method == "source" else {}}
    if cmp.observed_files:  # judged with observations: another consensus than without (none: the digest as before)
        identity["observed"] = [f.sha256 for f in cmp.observed_files]
    digest = hashlib.sha256(("hazedesk-consensus/1 " + json.dumps(identity, ensure_ascii=False, sort_keys=True))
                            .encode("utf-8")).hexdigest()
    consensus.forecast.meta = replace(consensus.forecast.meta, sha256=digest)
    if not consensus.forecast.met:
        consensus.forecast.met = sources_met(cmp, consensus.forecast)
    return consensus


def sources_met(cmp: Comparison, forecast: Forecast) -> dict[str, np.ndarray]:
    """The meteorology the sources forecast (wind, humidity, boundary layer …) on the consensus's units and
    times, each value from the first source, in the officer's order, that has it at the same step: the consensus
    is about PM2.5, and without this the letter's 气象条件 was left for the officer to type from nothing."""
    row = {u: i for i, u in enumerate(forecast.units)}
    out: dict[str, np.ndarray] = {}
    for s in range(len(cmp.sources)):
        fc = cmp.judged(s)
        if fc.step_hours != forecast.step_hours or not fc.met:
            continue
        pos = np.rint((fc.times - forecast.times[0]) / pd.Timedelta(hours=fc.step_hours)).astype(np.int64)
        ok = (pos >= 0) & (pos < len(forecast.times))
        for name, values in fc.met.items():
            grid = out.setdefault(name, np.full((len(forecast.units), len(forecast.times)), np.nan))
            for u, unit in enumerate(fc.units):
                r = row.get(unit)
                if r is None:
                    continue
                target = grid[r, pos[ok]]
                empty = ~np.isfinite(target)
                target[empty] = np.asarray(values[u], dtype=float)[ok][empty]
                grid[r, pos[ok]] = target
    return out


# ---------------------------------------------------------------------------------------------------- median

def forecast_hours(cmp: Comparison) -> pd.DatetimeIndex:
    """The comparison's hours from the first forecast hour on (the observed hours before it are not forecast)."""
    return cmp.hours[cmp.hours >= cmp.forecast_start]


def median_forecast(cmp: Comparison) -> tuple[Forecast, list[Gap]]:
    """The median of the sources' forecasts (the forecast hours: the observations are spliced when evaluated)."""
    gaps, stack = [], []
    unit_row = {u: i for i, u in enumerate(cmp.units)}
    hours = forecast_hours(cmp)
    for s, source in enumerate(cmp.sources):
        fc = cmp.judged(s)  # an older source from the newest's first hour where observed (compare.judged_from)
        if fc.is_daily or "pm25" not in fc.values:
            gaps.append(Gap(source.name, "hourly"))
            continue
        grid = np.full((len(cmp.units), len(hours)), np.nan)
        hour_pos = np.rint((fc.times - hours[0]) / pd.Timedelta(hours=1)).astype(np.int64)
        rows = np.array([unit_row[u] for u in fc.units])
        grid[np.ix_(rows, hour_pos)] = fc.values["pm25"]
        stack.append(grid)
    if not stack:
        raise InputError(Problem("no source has hourly PM2.5: the median needs at least one",
                                 expected="an hourly forecast, or the majority / source consensus"))
    data = np.stack(stack)
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            median = np.nanmedian(data, axis=0)
    has = np.isfinite(median).any(axis=1)
    units = [u for u, h in zip(cmp.units, has) if h]
    issued = [s.forecast.meta.issued_at for s in cmp.sources if s.forecast.meta.issued_at is not None]
    meta = ForecastMeta(issued_at=max(issued) if issued else None, issued_at_source="consensus",
                        source_format="consensus", label=CONSENSUS_PRODUCER)
    return Forecast(hours, units, {"pm25": median[has]}, meta=meta), gaps


def _median(cmp: Comparison, issued_at) -> Consensus:
    from app.domain.engine import evaluate

    forecast, gaps = median_forecast(cmp)
    ev = evaluate(forecast, cmp.scheme, cmp.neighbours, mode=cmp.mode, edition=cmp.edition, issued_at=issued_at,
                  observed=cmp.observed)
    pos = np.rint((ev.times - cmp.hours[0]) / pd.Timedelta(hours=1)).astype(np.int64)
    ok = (pos >= 0) & (pos < len(cmp.hours))
    hour_level = np.full((len(cmp.regions), len(cmp.hours)), MISSING, dtype=np.int8)
    for i, r in enumerate(cmp.regions):
        hour_level[i, pos[ok]] = ev.region_warned[r].astype(np.int8)[ok]
    level = _daily(cmp, hour_level)
    chosen = _most_agreeing(cmp, level)
    return Consensus("median", None, chosen, hour_level, level, list(ev.episodes), forecast, issued_at, ev, gaps)


# ---------------------------------------------------------------------------------------------------- majority

def vote(levels: np.ndarray, k: int | None) -> np.ndarray:
    """(sources, …) levels with MISSING → (…) the highest level reached by at least k covering sources."""
    covering = (levels != MISSING).sum(axis=0)
    need = covering // 2 + 1 if k is None else np.full(covering.shape, k)
    out = np.zeros(covering.shape, dtype=np.int8)
    for rank in (1, 2, 3):
        out[(levels >= rank).sum(axis=0) >= need] = rank
    out[covering == 0] = MISSING
    return out


def _majority(cmp: Comparison, k: int | None, issued_at) -> Consensus:
    hour_level = vote(cmp.hour_region_level, k)
    level = _daily(cmp, hour_level)
    episodes = []
    gap = max_gap_steps(cmp.scheme.merge_gap_hours, 1)
    merged, _ = merge_close(find_runs(hour_level > 0), gap)
    for i in range(len(merged)):
        r, h0, h1 = int(merged.row[i]), int(merged.start[i]), int(merged.stop[i])
        episode = _voted_episode(cmp, r, h0, h1, hour_level, issued_at)
        if episode is not None:
            episodes.append(episode)
    episodes.sort(key=lambda e: (e.start, cmp.regions.index(e.region)))
    return Consensus("majority", k, _most_agreeing(cmp, level), hour_level, level, episodes,
                     composite_forecast(cmp, _most_agreeing(cmp, level), "majority"), issued_at)


def _voted_episode(cmp: Comparison, r: int, h0: int, h1: int, hour_level: np.ndarray,
                   issued_at) -> RegionalEpisode | None:
    span = hour_level[r, h0:h1]
    rank = int(span.max())
    peak = h0 + int(np.argmax(span == rank))
    levels = cmp.hour_region_level[:, r, peak]
    agreeing = [s for s in range(len(cmp.sources)) if levels[s] >= rank]
    rep = min(agreeing, key=lambda s: (int(levels[s]), s))
    region = cmp.regions[r]
    when = cmp.hours[peak]
    base = next((e for e in cmp.evaluations[rep].episodes if e.region == region and e.start <= when <= e.end), None)
    if base is None:
        return None
    start = cmp.hours[h0].to_pydatetime()
    end = cmp.hours[h1 - 1].to_pydatetime()
    warned = {c: LEVELS[max(rank, LEVELS.index(lv) if c in base.own_higher else 0)]
              for c, lv in base.warned_cities.items()}
    f = cmp.forecast_start.to_pydatetime()
    observed_hours = int((min(end + pd.Timedelta(hours=1), f) - start) / pd.Timedelta(hours=1)) if start < f else 0
    # spec §7: an episode already running when the forecasts begin has no lead time
    lead = None if issued_at is None or observed_hours else (start - issued_at).total_seconds() / 3600
    days = sorted({cmp.hours[h].date().isoformat() for h in range(h0, h1) if hour_level[r, h] > 0})
    if cmp.mode == "rolling":
        days = [cmp.hours[h].isoformat() for h in range(h0, h1) if hour_level[r, h] > 0]
    level_name = LEVELS[rank]
    return replace(base, level=level_name, start=start, end=end, warned_cities=warned,
                   own_higher=[c for c in base.own_higher if LEVELS.index(warned[c]) > rank],
                   lead_time_hours=lead, lead_time_short=lead is not None and lead < cmp.scheme.lead_time_hours,
                   approval=cmp.scheme.approval[level_name], approval_en=cmp.scheme.approval_en.get(level_name, ""),
                   triggered_days=days, observed_hours=observed_hours,
                   components=[c for c in base.components if start.isoformat() <= c["time"] <= end.isoformat()])


# ---------------------------------------------------------------------------------------------------- chosen source

def _chosen(cmp: Comparison, chosen: dict[str, str], issued_at) -> Consensus:
    index = {n: i for i, n in enumerate(cmp.names)}
    hour_level = np.stack([cmp.hour_region_level[index[chosen[r]], k] for k, r in enumerate(cmp.regions)])
    level = np.stack([cmp.region_level[index[chosen[r]], k] for k, r in enumerate(cmp.regions)])
    episodes = [e for k, r in enumerate(cmp.regions) for e in cmp.evaluations[index[chosen[r]]].episodes
                if e.region == r]
    episodes.sort(key=lambda e: (e.start, cmp.regions.index(e.region)))
    return Consensus("source", None, dict(chosen), hour_level, level, episodes,
                     composite_forecast(cmp, chosen, "source"), issued_at)


# ---------------------------------------------------------------------------------------------------- shared

def _daily(cmp: Comparison, hour_level: np.ndarray) -> np.ndarray:
    out = np.full((len(cmp.regions), len(cmp.days)), MISSING, dtype=np.int8)
    np.maximum.at(out, (slice(None), cmp.hour_day), hour_level)
    out[cmp.covering() == 0] = MISSING
    return out


def _most_agreeing(cmp: Comparison, level: np.ndarray) -> dict[str, str]:
    """Per region, the source whose daily levels equal the consensus on the most days (first on ties)."""
    out = {}
    for r, region in enumerate(cmp.regions):
        agree = ((cmp.region_level[:, r] == level[r]) & (level[r] != MISSING)).sum(axis=1)
        covered = (cmp.region_level[:, r] != MISSING).any(axis=1)
        agree = np.where(covered, agree, -1)
        out[region] = cmp.names[int(np.argmax(agree))]
    return out


def composite_forecast(cmp: Comparison, per_region: dict[str, str], method: str) -> Forecast:
    """Each linkage city's hourly values from its region's source; other units (and cities that source lacks)
    from the median of the sources that have them. Daily-table sources give their daily AQI."""
    median, _ = median_forecast(cmp) if any(not s.forecast.is_daily for s in cmp.sources) else (None, [])
    by_name = {s.name: cmp.judged(i) for i, s in enumerate(cmp.sources)}
    daily = all(s.forecast.is_daily for s in cmp.sources)
    field = "aqi" if daily else "pm25"
    times = cmp.judged(0).times if daily else forecast_hours(cmp)
    values = np.full((len(cmp.units), len(times)), np.nan)
    if median is not None and not daily:
        rows = [cmp.units.index(u) for u in median.units]
        values[rows] = median.values["pm25"]
    for region in cmp.scheme.regions:
        fc = by_name[per_region[region.name]]
        if fc.is_daily != daily or field not in fc.values:
            continue
        pos = np.rint((fc.times - times[0]) / pd.Timedelta(hours=fc.step_hours)).astype(np.int64)
        ok = (pos >= 0) & (pos < len(times))
        for member in region.members:
            if member in fc.units and member in cmp.units:
                row = cmp.units.index(member)
                line = np.full(len(times), np.nan)
                line[pos[ok]] = fc.values[field][fc.row(member)][ok]
                if np.isfinite(line).any():
                    values[row] = line
    keep = np.isfinite(values).any(axis=1)
    issued = [s.forecast.meta.issued_at for s in cmp.sources if s.forecast.meta.issued_at is not None]
    meta = ForecastMeta(issued_at=max(issued) if issued else None, issued_at_source="consensus",
                        source_format="consensus", label=CONSENSUS_PRODUCER)
    return Forecast(times, [u for u, k in zip(cmp.units, keep) if k], {field: values[keep]},
                    step_hours=24 if daily else 1, meta=meta)


def dissent(cmp: Comparison, consensus: Consensus) -> list[dict]:
    """Every region and day where a covering source's level differs from the consensus."""
    out = []
    for r, region in enumerate(cmp.regions):
        for d, day in enumerate(cmp.days):
            agreed = int(consensus.level[r, d])
            if agreed == MISSING:
                continue
            for s, name in enumerate(cmp.names):
                own = int(cmp.region_level[s, r, d])
                if own != MISSING and own != agreed:
                    out.append({"region": region, "day": day.isoformat(), "source": name, "level": LEVELS[own],
                                "consensus": LEVELS[agreed]})
    return out
