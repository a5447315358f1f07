"""The time axis of a table: each row's time (Beijing, naive ``datetime64[s]``), whether the table is daily,
and the regular hourly/daily grid the rows are placed on.

Times come from a ``time`` column, a ``date`` column (daily tables), ``date`` + ``hour`` columns, or ``date`` +
a ``time`` column holding only the clock (``08:00``). XLSX time cells left in General format (serial numbers)
are read as Excel dates.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from app.domain.arrays import unique_sorted
from app.errors import InputError, Problem
from app.importing import cells, textcolumn
from app.importing.columns import Column
from app.importing.rawtable import RawTable
from app.importing.times import parse_time_column

MAX_DAYS = 366
_CLOCK_ONLY = re.compile(r"^\s*\d{1,2}\s*(?:[:时点]\s*(?:\d{1,2})?\s*分?)?(?::\d{2})?\s*$")


def row_times(table: RawTable, roles: dict[str, Column], rows: np.ndarray) -> tuple[np.ndarray, bool]:
    col = roles.get("time") or roles["date"]
    texts = table.column(col.index)
    if table.source_format == "xlsx":
        texts = texts.map(excel_serial_text)
    if "date" in roles and "time" in roles and _clock_only(texts):
        dates = table.column(roles["date"].index)
        if table.source_format == "xlsx":
            dates = dates.map(excel_serial_text)
        texts = textcolumn.combine(dates, texts, lambda d, t: f"{d.strip()} {t.strip()}")
    parsed = parse_time_column(texts, file=table.file, rows=table.row_numbers, column=col.header)
    if parsed.first_aware_row is not None and parsed.first_naive_row is not None:
        raise InputError(Problem("the times mix zones: some carry an offset, others do not", file=table.file,
                                 row=max(parsed.first_aware_row, parsed.first_naive_row), column=col.header,
                                 value=f"with offset from row {parsed.first_aware_row}, without from row "
                                       f"{parsed.first_naive_row}",
                                 expected="all times in Beijing time, or all with an explicit offset"))
    times = parsed.values
    clock = parsed.any_clock
    if "hour" in roles and "time" not in roles:
        hours = cells.parse_numbers(table.column(roles["hour"].index), file=table.file, rows=rows,
                                    column=roles["hour"].header, expected="an hour 0–24")
        bad = np.flatnonzero(np.isnan(hours) | (hours > 24) | (hours != np.round(hours)))
        if bad.size:
            i = bad[0]
            raise InputError(Problem("not an hour of the day", file=table.file, row=int(rows[i]),
                                     column=roles["hour"].header, value=table.cell(i, roles["hour"].index),
                                     expected="a whole hour 0–24"))
        written = frozenset(unique_sorted(hours.astype(np.int64)).tolist())
        if _hour_ending(written):
            hours = hours - 1
            _say_hour_ending(table, roles["hour"].header)
        times = times + (hours.astype(np.int64) * 3600).astype("timedelta64[s]")
        clock = True
    elif clock and _hour_ending(parsed.hours_written) and parsed.first_aware_row is None:
        times = times - np.timedelta64(3600, "s")
        _say_hour_ending(table, col.header if "time" not in roles else roles["time"].header)
    if parsed.off_hour_rows:
        row = parsed.off_hour_rows[0]
        raise InputError(Problem("a time that is not on the hour", file=table.file, row=row, column=col.header,
                                 value=table.cell(table.row_numbers.index(row), col.index),
                                 expected="whole hours (08:00, 09:00, …): hourly forecasts"))
    daily = not clock or (col.name == "date" and bool(np.all(times.astype(np.int64) % 86400 == 0)))
    zone = next((c.zone for c in (roles.get("time"), roles.get("date"), roles.get("hour"))
                 if c is not None and c.zone is not None), None)
    if zone is not None and zone != 8.0 and clock and parsed.first_aware_row is None:
        # the header names the zone (时间(UTC), time_utc): naive times are wall times there, not Beijing time
        shift = round((8.0 - zone) * 3600)
        times = times + np.timedelta64(shift, "s")
        table.warnings.append(Problem(
            f"times read in the zone the header names ({_zone_text(zone)}) and converted to Beijing time "
            f"({shift / 3600:+g} h)", severity="note", file=table.file, column=col.header, action="assumed"))
    return times, daily


def _hour_ending(hours: frozenset[int]) -> bool:
    """Hours written 1…24 with no 0 (common in Chinese tables: 1 = 00:00–01:00): each names the hour it ends."""
    return 24 in hours and 1 in hours and 0 not in hours


def _say_hour_ending(table: RawTable, header: str) -> None:
    table.warnings.append(Problem(
        "the hours run 1–24 without 0: read as hour-ending (1 = 00:00–01:00, 24 = 23:00–24:00), each row placed "
        "at the hour it ends minus one", severity="note", file=table.file, column=header, action="assumed",
        expected="hours 0–23 naming the hour's start, or 1–24 naming its end"))


def _zone_text(zone: float) -> str:
    if zone == 0:
        return "UTC"
    hours, minutes = divmod(round(abs(zone) * 60), 60)
    return f"UTC{'+' if zone > 0 else '-'}{hours}" + (f":{minutes:02d}" if minutes else "")


def _clock_only(texts: list[str]) -> bool:
    sample = [t for t in texts[:50] if t.strip()]
    return bool(sample) and all(_CLOCK_ONLY.match(t) for t in sample)


def serial_seconds(value: float, text: str | None = None) -> int:
    """Seconds of an Excel serial day count: on the hour when within a second of it (a serial typed or stored
    with five decimals, 46032.33333, means 08:00:00, not 07:59:59.7) — or, given the ``text`` written, within
    half of what its last decimal can tell apart, when that is under 90 s (four decimals, 46032.3333, are
    8.6 s apart: 07:59:57 written that way is 08:00) — else to the nearest second."""
    seconds = value * 86400
    hour = round(seconds / 3600) * 3600
    tolerance = 1.0
    if text is not None and "." in text and "e" not in text.casefold():
        resolution = 86400 * 10.0 ** -len(text.strip().rsplit(".", 1)[1])
        if resolution <= 90:
            tolerance = max(tolerance, resolution / 2 + 1e-6)
    return int(hour) if abs(seconds - hour) <= tolerance else round(seconds)


def excel_serial_text(text: str) -> str:
    """A time cell left in Excel's General format shows its serial number (46032.333…): read it as a date."""
    try:
        value = float(text)
    except ValueError:
        return text
    if not 20000 <= value <= 80000:  # 1954–2119: outside, it is not a plausible forecast date
        return text
    stamp = pd.Timestamp("1899-12-30") + pd.Timedelta(seconds=serial_seconds(value, text))
    return stamp.strftime("%Y-%m-%d %H:%M:%S") if value % 1 else stamp.strftime("%Y-%m-%d")


def regular_grid(times: np.ndarray, daily: bool, table: RawTable, column: str, rows: np.ndarray, *,
                 max_days: int | None = MAX_DAYS):
    """Start, number of steps and each row's step index on a regular hourly/daily grid (``max_days`` None:
    any span, for observations)."""
    step = 86400 if daily else 3600
    secs = times.view(np.int64) if times.dtype == np.dtype("datetime64[s]") else times.astype(np.int64)  # no copy
    start, end = secs.min(), secs.max()
    if max_days is not None and (end - start) // 86400 > max_days:
        i = int(np.argmax(np.abs(secs - np.median(secs))))  # the time farthest from the rest: the likely typo
        raise InputError(Problem(f"the times span {(end - start) // 86400} days; at most {max_days} are accepted",
                                 file=table.file, row=int(rows[i]), column=column,
                                 value=table.cell(i, table.header.index(column)),
                                 expected="a forecast of days to weeks — is a year or month mistyped?"))
    unique = unique_sorted(secs)
    diffs = np.diff(unique)
    if diffs.size and np.gcd.reduce(diffs) % step:
        raise InputError(Problem("the times do not fall on a daily grid", file=table.file, column=column,
                                 expected="one date per day (00:00)"))
    if diffs.size and np.gcd.reduce(diffs) != step:
        gap = int(np.gcd.reduce(diffs)) // 3600
        first = pd.Timestamp(unique[0], unit="s").strftime("%Y-%m-%d %H:%M")
        second = pd.Timestamp(unique[1], unit="s").strftime("%Y-%m-%d %H:%M")
        unit_word = "days" if daily else "hours"
        raise InputError(Problem(f"irregular time step: the times advance in steps of {gap // (24 if daily else 1)}"
                                 f" {unit_word}", file=table.file, column=column, value=f"{first}, {second}, …",
                                 expected="one value per hour (hourly) or per day (daily)"))
    idx = ((secs - start) // step).astype(np.int64, copy=False)
    return np.datetime64(int(start), "s"), int((end - start) // step) + 1, idx
