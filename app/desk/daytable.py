"""The city × day table: each unit's daily AQI and warning level for every forecast day, as the meeting slides
need it, and its copies (tab-separated text and HTML for the clipboard, an .xlsx workbook).

A day's AQI is the daily AQI in force at the day's last step (23:00 Beijing time): the calendar day's value in
calendar mode, and the 24 h ending at 23:00 in rolling mode (the same hours). A day's levels are the highest the
unit reaches during the day: its own level and the level it warns at (regional or own, the higher).

Units of the unit table the forecast has no data for are rows too (无数据 in every cell, at the bottom when
sorted): the officer sees that 遂宁 is missing, not a table that silently lacks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

import numpy as np
import pandas as pd

from app.domain.aqi import CATEGORIES, CATEGORY_RGB, category_index
from app.domain.levels import LEVEL_COLOURS
from app.domain.scheme import BEIJING, LEVELS

ALL = "*"  # region filter: every unit
OUTSIDE = "-"  # region filter: units outside the linkage
SHOWS = ("aqi", "level")  # what the day cells show: daily AQI (coloured by category) or the warning level

_TEXT = {
    "zh": {"unit": "城市", "region": "区域", "peak": "峰值", "outside": "联动范围外", "no_data": "无数据",
           "insufficient": "数据不足", "title_aqi": "各城市逐日 AQI 预报", "title_level": "各城市逐日预警等级",
           "levels": {"none": "无", "yellow": "黄色", "orange": "橙色", "red": "红色"},
           "categories": [c.name_zh for c in CATEGORIES], "sheet": "逐日预报"},
    "en": {"unit": "City", "region": "Region", "peak": "Peak", "outside": "outside the linkage",
           "no_data": "no data", "insufficient": "insufficient data", "title_aqi": "Daily AQI forecast by city",
           "title_level": "Daily warning level by city",
           "levels": {"none": "none", "yellow": "yellow", "orange": "orange", "red": "red"},
           "categories": [c.name_en for c in CATEGORIES], "sheet": "Daily forecast"},
}


def texts(lang: str) -> dict:
    return _TEXT["en" if lang == "en" else "zh"]


@dataclass(frozen=True)
class DayTable:
    units: list[str]
    regions: list[str | None]  # linkage region of each unit, None outside
    days: list[date]
    day_labels: list[str]  # "D+1" … (days after issue; the first day is D+1 when the issue time is unknown)
    last_step: list[int]  # index into evaluation.times of each day's last step
    aqi: np.ndarray  # (units, days) float, NaN unknown
    insufficient: np.ndarray  # (units, days) bool: too few valid hours for a daily AQI
    over_500: np.ndarray  # (units, days) bool: "> 500"
    primary: np.ndarray  # (units, days) object: primary pollutant of the daily AQI, "" when none
    own_level: np.ndarray  # (units, days) int8 rank into LEVELS
    warned_level: np.ndarray  # (units, days) int8 rank: the level the unit warns at (regional or own)
    mode: str
    aqi_edition: str
    absent: np.ndarray | None = None  # (units,) bool: a unit the forecast has no data for (every cell 无数据)

    def is_absent(self, row: int) -> bool:
        return self.absent is not None and bool(self.absent[row])

    @property
    def category(self) -> np.ndarray:
        return category_index(self.aqi)

    def rows_in(self, region: str = ALL) -> list[int]:
        """Row indices of the units in a linkage region (ALL: every unit, OUTSIDE: those outside)."""
        if region == ALL:
            return list(range(len(self.units)))
        if region == OUTSIDE:
            return [i for i, r in enumerate(self.regions) if r is None]
        return [i for i, r in enumerate(self.regions) if r == region]

    def peak(self, row: int) -> float:
        values = self.aqi[row]
        return float(np.nanmax(values)) if np.isfinite(values).any() else float("nan")

    def sort_key(self, row: int, column: int, show: str) -> tuple:
        """Key for sorting by a column: 0 unit, 1 region, 2 … day columns, last the peak. Unknown sorts last."""
        if column == 0:
            return (0, self.units[row])
        if column == 1:
            return (0, self.regions[row] or "~")
        if self.is_absent(row):
            return (2, 0.0)  # below the units with data, whatever the column
        day = column - 2
        if day < len(self.days):
            if show == "level":
                return (0, int(self.warned_level[row, day]), _num(self.aqi[row, day]))
            value = self.aqi[row, day]
        else:
            value = self.peak(row)
        return (1, 0.0) if np.isnan(value) else (0, float(value))

    # -- what a cell says and its colour (the map's colours) ---------------------------------------------
    def cell_text(self, row: int, day: int, show: str = "aqi", lang: str = "zh") -> str:
        t = texts(lang)
        if self.is_absent(row):
            return t["no_data"]
        if show == "level":
            return t["levels"][LEVELS[int(self.warned_level[row, day])]]
        if self.insufficient[row, day]:
            return t["insufficient"]
        value = self.aqi[row, day]
        if np.isnan(value):
            return t["no_data"]
        return "> 500" if self.over_500[row, day] else str(int(round(value)))

    def cell_rgb(self, row: int, day: int, show: str = "aqi",
                 level_rgb: dict[str, tuple[int, int, int]] | None = None) -> tuple[int, int, int]:
        if show == "level" and not self.is_absent(row):
            return tuple((level_rgb or LEVEL_COLOURS)[LEVELS[int(self.warned_level[row, day])]])
        return tuple(int(v) for v in CATEGORY_RGB[int(category_index(self.aqi[row, day]))])

    def peak_text(self, row: int) -> str:
        value = self.peak(row)
        return "" if np.isnan(value) else str(int(round(value)))

    # -- copies ---------------------------------------------------------------------------------------------
    def header(self, lang: str = "zh") -> list[str]:
        t = texts(lang)
        return [t["unit"], t["region"], *(f"{d:%m-%d} {label}" for d, label in zip(self.days, self.day_labels)),
                t["peak"]]

    def row_cells(self, row: int, show: str = "aqi", lang: str = "zh", unit_names: dict | None = None) -> list[str]:
        t = texts(lang)
        unit = (unit_names or {}).get(self.units[row], self.units[row])
        region = self.regions[row]
        region_text = (unit_names or {}).get(region, region) if region else t["outside"]
        return [unit, region_text, *(self.cell_text(row, d, show, lang) for d in range(len(self.days))),
                self.peak_text(row)]

    def to_tsv(self, rows: list[int], show: str = "aqi", lang: str = "zh", unit_names: dict | None = None) -> str:
        lines = ["\t".join(self.header(lang))]
        lines += ["\t".join(self.row_cells(r, show, lang, unit_names)) for r in rows]
        return "\r\n".join(lines) + "\r\n"  # Excel's own line ends on the clipboard

    def to_html(self, rows: list[int], show: str = "aqi", lang: str = "zh", unit_names: dict | None = None,
                level_rgb: dict | None = None, title: str = "", note: str = "") -> str:
        """An HTML table with its cell colours twice: as ``bgcolor`` attributes, which LibreOffice Calc keeps
        when pasting (it drops CSS backgrounds), and as inline CSS, which Excel, WPS and Word read. The title
        and the note (source, issue time) go above it, as in the .xlsx."""
        out = ["<html><head><meta charset=\"utf-8\"></head><body>"]
        if title:
            out.append(f"<p><b>{escape(title)}</b></p>")
        if note:
            out.append(f"<p>{escape(note)}</p>")
        out.append("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" "
                   "style=\"border-collapse:collapse;font-family:'Microsoft YaHei',SimSun,sans-serif;font-size:10pt\">")
        out.append("<tr>" + "".join(f"<th bgcolor=\"#E8ECF0\" style=\"background:#E8ECF0\">{escape(h)}</th>"
                                    for h in self.header(lang)) + "</tr>")
        for r in rows:
            cells = self.row_cells(r, show, lang, unit_names)
            tds = [f"<td>{escape(cells[0])}</td>", f"<td>{escape(cells[1])}</td>"]
            for d in range(len(self.days)):
                rgb = self.cell_rgb(r, d, show, level_rgb)
                colour, ink = _hex(rgb), _ink(rgb)
                tds.append(f"<td align=\"center\" bgcolor=\"{colour}\" style=\"background:{colour};color:{ink}\">"
                           f"<font color=\"{ink}\">{escape(cells[2 + d])}</font></td>")
            tds.append(f"<td align=\"center\">{escape(cells[-1])}</td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table></body></html>")
        return "".join(out)

    def write_xlsx(self, path: str | Path, rows: list[int], show: str = "aqi", lang: str = "zh",
                   unit_names: dict | None = None, level_rgb: dict | None = None, title: str = "",
                   note: str = "") -> Path:
        """The table as a workbook (title row, header, coloured cells, numbers as numbers), written atomically."""
        from io import BytesIO

        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
        from openpyxl.utils import get_column_letter

        from app.atomic import write_bytes_atomic

        t = texts(lang)
        book = Workbook()
        sheet = book.active
        sheet.title = t["sheet"]
        thin = Side(style="thin", color="A0A0A0")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        centre = Alignment(horizontal="center", vertical="center")
        header = self.header(lang)
        sheet.append([title or t["title_aqi" if show == "aqi" else "title_level"]])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([note] if note else [])
        sheet.append(header)
        for column in range(1, len(header) + 1):
            cell = sheet.cell(row=3, column=column)
            cell.font, cell.border, cell.alignment = Font(bold=True), border, centre
            cell.fill = PatternFill("solid", fgColor="E8ECF0")
        for r in rows:
            values: list = self.row_cells(r, show, lang, unit_names)
            if show == "aqi":  # numbers stay numbers (sortable, chartable in Excel)
                for d in range(len(self.days)):
                    v = self.aqi[r, d]
                    if np.isfinite(v) and not self.insufficient[r, d] and not self.over_500[r, d]:
                        values[2 + d] = int(round(v))
                if values[-1]:
                    values[-1] = int(values[-1])
            sheet.append(values)
            excel_row = sheet.max_row
            for column in range(1, len(values) + 1):
                sheet.cell(row=excel_row, column=column).border = border
            for d in range(len(self.days)):
                rgb = self.cell_rgb(r, d, show, level_rgb)
                cell = sheet.cell(row=excel_row, column=3 + d)
                cell.fill = PatternFill("solid", fgColor=_hex(rgb)[1:])
                cell.font = Font(color=_ink(rgb)[1:])
                cell.alignment = centre
            sheet.cell(row=excel_row, column=len(values)).alignment = centre
        sheet.column_dimensions["A"].width = 22
        sheet.column_dimensions["B"].width = 16
        for column in range(3, len(header) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 12
        sheet.freeze_panes = "C4"
        buffer = BytesIO()
        book.save(buffer)
        path = Path(path)
        write_bytes_atomic(path, buffer.getvalue())
        return path


def _num(value: float) -> float:
    return -1.0 if np.isnan(value) else float(value)


def _hex(rgb) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def _ink(rgb) -> str:
    """Black on light colours, white on dark ones (the purple and maroon AQI categories)."""
    r, g, b = rgb
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 110 else "#FFFFFF"


def forecast_day_numbers(times: pd.DatetimeIndex, issued_at) -> list[int]:
    """Day of the forecast of each time: days after the issue date, or D+1 = the first day when unknown."""
    local = times.tz_convert(BEIJING)
    if issued_at is not None:
        base = pd.Timestamp(issued_at).tz_convert(BEIJING).date()
    else:
        base = local[0].date() - pd.Timedelta(days=1)
    return [(d - base).days for d in local.date]


def day_label(number: int) -> str:
    return f"D{number:+d}" if number else "D"


def build_day_table(evaluation, region_of: dict[str, str], all_units: list[str] | None = None) -> DayTable:
    """The table of an evaluation, units in the evaluation's order; with ``all_units`` (the unit table's names,
    in its order) the units the evaluation lacks are rows too, in that order, without data."""
    table = _evaluated_table(evaluation, region_of)
    missing = [u for u in (all_units or []) if u not in set(evaluation.units)]
    if not missing:
        return table
    order = {u: i for i, u in enumerate(all_units)}
    units = sorted([*table.units, *missing], key=lambda u: order.get(u, len(order)))
    source = {u: i for i, u in enumerate(table.units)}
    n, days = len(units), len(table.days)

    def expand(values: np.ndarray, blank) -> np.ndarray:
        out = np.full((n, days), blank, dtype=values.dtype)
        for row, unit in enumerate(units):
            if unit in source:
                out[row] = values[source[unit]]
        return out

    return DayTable(units=units, regions=[region_of.get(u) for u in units], days=table.days,
                    day_labels=table.day_labels, last_step=table.last_step, aqi=expand(table.aqi, np.nan),
                    insufficient=expand(table.insufficient, False), over_500=expand(table.over_500, False),
                    primary=expand(table.primary, ""), own_level=expand(table.own_level, 0),
                    warned_level=expand(table.warned_level, 0), mode=table.mode, aqi_edition=table.aqi_edition,
                    absent=np.array([u not in source for u in units], dtype=bool))


def _evaluated_table(evaluation, region_of: dict[str, str]) -> DayTable:
    local = evaluation.times.tz_convert(BEIJING)
    dates = np.array(local.date)
    days, last = [], []
    for i, d in enumerate(dates):
        if days and days[-1] == d:
            last[-1] = i
        else:
            days.append(d)
            last.append(i)
    first = [0, *(i + 1 for i in last[:-1])]
    numbers = forecast_day_numbers(pd.DatetimeIndex([evaluation.times[i] for i in first]), evaluation.issued_at)
    cols = np.array(last, dtype=np.intp)
    own = np.stack([evaluation.city_level[:, a:b + 1].max(axis=1) for a, b in zip(first, last)], axis=1)
    warned_hourly = np.maximum(evaluation.warned_level, evaluation.city_level)
    warned = np.stack([warned_hourly[:, a:b + 1].max(axis=1) for a, b in zip(first, last)], axis=1)
    n = len(evaluation.units)
    primary = (evaluation.daily_primary[:, cols] if evaluation.daily_primary is not None
               else np.full((n, len(days)), "", dtype=object))
    over = (evaluation.daily_over_500[:, cols] if evaluation.daily_over_500 is not None
            else np.zeros((n, len(days)), dtype=bool))
    return DayTable(
        units=list(evaluation.units),
        regions=[region_of.get(u) for u in evaluation.units],
        days=list(days),
        day_labels=[day_label(k) for k in numbers],
        last_step=[int(i) for i in last],
        aqi=np.asarray(evaluation.daily_aqi[:, cols], dtype=float),
        insufficient=np.asarray(evaluation.daily_insufficient[:, cols], dtype=bool),
        over_500=np.asarray(over, dtype=bool),
        primary=primary,
        own_level=own.astype(np.int8),
        warned_level=warned.astype(np.int8),
        mode=evaluation.mode,
        aqi_edition=evaluation.aqi_edition,
    )
