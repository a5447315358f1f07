"""Warnings on a loaded forecast: gaps, units without data, implausible values, wrong-looking units, partial
days. They never stop a load; they are listed with the forecast (GUI, ``hazedesk inspect``).
"""

from __future__ import annotations

import numpy as np

from app.domain.forecast import Forecast
from app.errors import Problem

HIGH_CONCENTRATION = 1000.0  # µg/m³: beyond anything measured in the basin; usually a unit or typing error
MAX_AQI = 500.0
MAX_LISTED_IMPLAUSIBLE = 10
LOW_DAILY_PM25 = 2.0  # µg/m³: no daily mean in the basin is this clean; a station fault or mg/m³
FEW_DAYS_UNDER, MANY_LOW_DAYS = 5.0, 7  # µg/m³, days: a unit with this many daily means under it is doubtful
NEAR_ZERO = 1.0  # µg/m³: a run of values under it is a dead station (written as 0) or a column in mg/m³
ZERO_RUN_HOURS, ZERO_RUN_DAYS = 24, 3
MAX_RUNS_LISTED = 4  # units with such a run each get a finding; more get one finding naming them all


def drop_implausible(values: np.ndarray, ceiling: float | None, *, file: str | None, column: str,
                     place, shown) -> tuple[np.ndarray, list[Problem]]:
    """Values that cannot be real — ±inf, NetCDF fill values, anything above the scheme's ceiling — become
    missing; each of the first few is reported where it is (``place(i)`` gives row/column keywords, ``shown(i)``
    the text read), then a count. Nothing else changes: a daily mean is taken over the other hours."""
    with np.errstate(invalid="ignore"):
        bad = np.isinf(values) | (values > ceiling if ceiling is not None else False)
    found = np.flatnonzero(bad.reshape(-1))
    if not found.size:
        return values, []
    limit = "a finite value" if ceiling is None else f"a finite value ≤ {ceiling:g} (the scheme's ceiling)"
    problems = [Problem("a value that cannot be real, treated as missing", severity="warning", file=file,
                        value=shown(i), expected=limit, action="excluded", **{"column": column, **place(i)})
                for i in found[:MAX_LISTED_IMPLAUSIBLE]]
    if found.size > MAX_LISTED_IMPLAUSIBLE:
        problems.append(Problem(f"{found.size} values of {column} cannot be real and are treated as missing "
                                f"({found.size - MAX_LISTED_IMPLAUSIBLE} more not listed)", severity="warning",
                                file=file, column=column, expected=limit, action="excluded"))
    cleaned = values.astype(float, copy=True)
    cleaned.reshape(-1)[found] = np.nan
    return cleaned, problems


def _name_units(forecast: Forecast, row_of: np.ndarray) -> None:
    """Findings made while reading (before the rows were placed) learn which unit their row belongs to, so that
    the map can mark that unit."""
    from dataclasses import replace

    wanted = {f.row for f in forecast.warnings if not f.units and f.row is not None} - {0}
    if not wanted:
        return
    # only the cells of rows a finding names: a year of hourly rows has half a million placed cells
    hit = np.isin(row_of, np.fromiter(wanted, dtype=np.int64, count=len(wanted)))
    units_at: dict[int, set[str]] = {}
    for u, t in zip(*np.nonzero(hit)):
        units_at.setdefault(int(row_of[u, t]), set()).add(forecast.units[u])
    for i, finding in enumerate(forecast.warnings):
        if finding.units or finding.row is None:
            continue
        at = units_at.get(finding.row, set())
        unit = next(iter(at)) if len(at) == 1 else (finding.column if finding.column in at else None)
        if unit is not None:
            forecast.warnings[i] = replace(finding, units=(unit,))


def add_warnings(forecast: Forecast, row_of: np.ndarray | None = None, *, file: str = "") -> None:
    """Append this forecast's warnings to ``forecast.warnings`` (row numbers when ``row_of`` is given)."""
    warn = forecast.warnings
    if row_of is not None:
        _name_units(forecast, row_of)

    def stamp(t: int) -> str:
        return f"{forecast.times[t]:%Y-%m-%d %H:%M}" if not forecast.is_daily else f"{forecast.times[t]:%Y-%m-%d}"

    if forecast.missing_units:
        shown = "、".join(forecast.missing_units[:12]) + ("…" if len(forecast.missing_units) > 12 else "")
        warn.append(Problem(f"{len(forecast.missing_units)} of {len(forecast.missing_units) + len(forecast.units)}"
                            f" units have no data in this file: {shown}", severity="warning", file=file or None,
                            action="excluded", units=tuple(forecast.missing_units)))
    primary = next((f for f in ("pm25", "aqi") if f in forecast.values), next(iter(forecast.values)))
    data = forecast.values[primary]
    step_word = "days" if forecast.is_daily else "hours"
    empty = np.isnan(data)
    for u in np.flatnonzero(empty.any(axis=1)).tolist():  # the units with a gap, not a pass per unit (issue 26)
        unit, gaps = forecast.units[u], np.flatnonzero(empty[u])
        if gaps.size == len(forecast.times):
            warn.append(Problem(f"{unit}: every {primary} value is empty", severity="warning", file=file or None,
                                column=primary, action="excluded", units=(unit,)))
        elif gaps.size:
            warn.append(Problem(f"{unit}: {gaps.size} {step_word} without {primary} (first {stamp(gaps[0])})",
                                severity="warning", file=file or None, column=primary,
                                expected="a value for every step, or the day may lack the 20 valid hours "
                                         "a daily mean needs", action="excluded", units=(unit,)))
    warn.extend(plausibility(forecast, row_of, file=file))
    if not forecast.is_daily:
        _partial_days(forecast, warn, file)


def plausibility(forecast: Forecast, row_of: np.ndarray | None = None, *, file: str = "") -> list[Problem]:
    """What makes values doubtful, for forecasts and observations alike: AQI above 500, concentrations above
    1000 µg/m³, a column that looks like mg/m³, PM2.5 daily means under 2 µg/m³, many days under 5 µg/m³, and long
    runs of zeros or near-zeros in one unit (a dead station written as 0). The values are kept."""
    found: list[Problem] = []

    def where(u: int, t: int) -> dict:
        row = int(row_of[u, t]) if row_of is not None and row_of[u, t] else None
        return {"file": file or None, "row": row}

    def stamp(t: int) -> str:
        return f"{forecast.times[t]:%Y-%m-%d %H:%M}" if not forecast.is_daily else f"{forecast.times[t]:%Y-%m-%d}"

    for name, arr in forecast.values.items():
        if name == "aqi":
            _above(arr, MAX_AQI, name, "AQI above 500 (the scale's top)", found, where, stamp, forecast.units)
        elif name != "co":
            _above(arr, HIGH_CONCENTRATION, name, "values above 1000 µg/m³", found, where, stamp, forecast.units)
        unit_sanity(name, arr, found, file)
    if "pm25" in forecast.values:
        _low_pm25(forecast, forecast.values["pm25"], found, where, stamp)
    return found


def _low_pm25(forecast: Forecast, arr: np.ndarray, found: list[Problem], where, stamp) -> None:
    daily = forecast.is_daily
    if daily:
        with np.errstate(invalid="ignore"):
            low = np.argwhere((arr > 0) & (arr < LOW_DAILY_PM25))
        if low.size:
            u, t = low[0]
            named = tuple(forecast.units[i] for i in sorted(set(low[:, 0].tolist())))
            found.append(Problem(f"{len(low)} daily mean PM2.5 values under {LOW_DAILY_PM25:g} µg/m³, in "
                                 f"{'、'.join(named[:8])} (first at {stamp(t)})", severity="warning", column="pm25",
                                 value=f"{arr[u, t]:g}", action="kept", units=named,
                                 expected="daily means of a few µg/m³ or more: lower is a station fault or a "
                                          "value in mg/m³", **where(u, t)))
        with np.errstate(invalid="ignore"):
            under = np.count_nonzero(arr < FEW_DAYS_UNDER, axis=1)
        for u in np.flatnonzero(under >= MANY_LOW_DAYS):
            t = int(np.argmax(arr[u] < FEW_DAYS_UNDER))
            found.append(Problem(f"{forecast.units[u]}: {int(under[u])} daily mean PM2.5 values under "
                                 f"{FEW_DAYS_UNDER:g} µg/m³ (first at {stamp(t)})", severity="warning",
                                 column="pm25", value=f"{arr[u, t]:g}", action="kept", units=(forecast.units[u],),
                                 expected="a few such days at most: many point to a station fault",
                                 **where(u, t)))
    shortest = ZERO_RUN_DAYS if daily else ZERO_RUN_HOURS
    what = "days" if daily else "hours"
    runs = []
    with np.errstate(invalid="ignore"):
        near_zero = arr < NEAR_ZERO
    for u in np.flatnonzero(near_zero.any(axis=1)).tolist():  # the units with such a value at all
        first, length = _longest_run(near_zero[u])
        if length >= shortest:
            runs.append((u, first, length))
    if len(runs) > MAX_RUNS_LISTED:  # a whole file in mg/m³, a grid of zeros: one finding naming the units
        u, first, length = max(runs, key=lambda r: r[2])
        named = tuple(forecast.units[r[0]] for r in runs)
        found.append(Problem(f"{len(runs)} units have PM2.5 under {NEAR_ZERO:g} µg/m³ for {shortest} {what} in a row "
                             f"or longer ({'、'.join(named[:8])}{'…' if len(named) > 8 else ''}): dead stations "
                             "written as 0, or values in mg/m³?", severity="warning", column="pm25",
                             value=f"{arr[u, first]:g}", action="kept", units=named,
                             expected="concentrations of a few µg/m³ or more", **where(u, first)))
        return
    for u, first, length in runs:
        found.append(Problem(f"{forecast.units[u]}: PM2.5 under {NEAR_ZERO:g} µg/m³ for {length} {what} in a row "
                             f"({stamp(first)} to {stamp(first + length - 1)}): a dead station written as 0, "
                             "or values in mg/m³?", severity="warning", column="pm25",
                             value=f"{arr[u, first]:g}", action="kept", units=(forecast.units[u],),
                             expected="concentrations of a few µg/m³ or more", **where(u, first)))


def _longest_run(mask: np.ndarray) -> tuple[int, int]:
    """Start and length of the longest run of True."""
    if not mask.any():
        return 0, 0
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    k = int(np.argmax(ends - starts))
    return int(starts[k]), int(ends[k] - starts[k])


def _above(arr, limit, name, what, warn, where, stamp, units) -> None:
    over = np.argwhere(arr > limit)
    if over.size:
        u, t = over[0]
        affected = tuple(units[i] for i in sorted(set(over[:, 0].tolist())))
        warn.append(Problem(f"{len(over)} {what} in {name} (first at {stamp(t)})", severity="warning",
                            column=name, value=f"{arr[u, t]:g}", expected=f"≤ {limit:g}", action="kept",
                            units=affected, **where(u, t)))


def unit_sanity(name: str, arr: np.ndarray, warn: list[Problem], file: str) -> None:
    if name not in ("pm25", "pm10", "so2", "no2", "o3", "co"):
        return
    finite = arr[np.isfinite(arr)]
    if finite.size < 24:
        return
    top = float(finite.max())
    if name != "co" and not 0 < top < 3.0:
        return  # the median only goes into a message (a year's partition: 4 ms a field, issue 26)
    median = float(np.median(finite))
    if name in ("pm25", "pm10", "so2", "no2", "o3") and 0 < top < 3.0:
        warn.append(Problem(f"{name} values look like mg/m³ (median {median:.3g}, max {top:.3g})",
                            severity="warning", file=file or None, column=name,
                            expected="µg/m³ (1 mg/m³ = 1000 µg/m³); write the unit in the header, e.g. "
                                     "'PM2.5(mg/m3)', to have it converted", action="kept"))
    if name == "co" and median > 30.0:
        warn.append(Problem(f"co values look like µg/m³ (median {median:.3g})", severity="warning",
                            file=file or None, column=name,
                            expected="CO in mg/m³ (typically 0.3–3); write 'CO(ug/m3)' in the header to convert",
                            action="kept"))


def _partial_days(forecast: Forecast, warn: list[Problem], file: str) -> None:
    first, last = forecast.times[0], forecast.times[-1]
    if first.hour != 0:
        warn.append(Problem(f"the first day {first:%Y-%m-%d} starts at {first:%H:%M}: it has {24 - first.hour} "
                            "hours, fewer than the 20 a daily mean needs" if first.hour > 4 else
                            f"the first day {first:%Y-%m-%d} starts at {first:%H:%M} (a partial day)",
                            severity="warning" if first.hour > 4 else "note", file=file or None, action="kept"))
    if last.hour != 23:
        warn.append(Problem(f"the last day {last:%Y-%m-%d} ends at {last:%H:%M}: a partial day of "
                            f"{last.hour + 1} hours", severity="warning" if last.hour < 19 else "note",
                            file=file or None, action="kept"))
