"""The warned cities' daily reports (重污染天气应对情况, plan 四(六)1) in the case.

Every day of a warning each warned city reports: 当日政府领导动向, 生态环境厅（局）和相关部门工作及成效, 后续工作计划,
会商报告中的问题清单核查整改情况. The office sends each city a fillable form (``app.export.report_form`` writes it
from :data:`LAYOUT`) and imports the filled ones (:func:`import_reports`, many at once). A form is read only
when it is the form this program writes — its version, its labels where they belong, the case, a linkage unit
warned on that day, every text within its length — else it is refused whole, with the file, the cell and why.
A batch is one transaction: all its good forms are recorded, or (when any is refused and not told to take the
good ones) none. Importing the same file again changes nothing; another form for the same city and day replaces
the report and the earlier one stays in the history.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from app.cases.library import iso, new_id, now, parse_time
from app.domain.scheme import BEIJING, LEVEL_RANK
from app.errors import InputError, Problem

FORM_VERSION = "hazedesk-report-1"
SHEET = "应对情况"
META_SHEET = "hazedesk"
DEFAULT_DEADLINE = time(18, 0)


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    row: int
    limit: int  # characters
    editable: bool = True


# label in column A, value in column B, on these rows (the form writer and the reader share them)
LAYOUT: tuple[FormField, ...] = (
    FormField("case_title", "案例", 3, 200, editable=False),
    FormField("case_id", "案例编号", 4, 64, editable=False),
    FormField("city", "城市", 5, 40, editable=False),
    FormField("day", "日期", 6, 10, editable=False),
    FormField("office", "填报单位", 7, 60),
    FormField("reporter", "填报人", 8, 40),
    FormField("phone", "联系电话", 9, 40),
    FormField("leaders", "当日政府领导动向", 10, 1000),
    FormField("work", "生态环境厅（局）和相关部门工作及成效", 11, 3000),
    FormField("plan", "后续工作计划", 12, 1500),
    FormField("checks", "会商报告中的问题清单核查整改情况", 13, 2000),
    FormField("form_version", "表单版本", 15, 40, editable=False),
)
CONTENT = ("leaders", "work", "plan", "checks")  # the four headings of 四(六)1
FIELD_OF = {f.key: f for f in LAYOUT}


# -- which cities are warned on which day -----------------------------------------------------------------

def warned_days(library, case_id: str, scheme, *, today: date | None = None) -> dict[date, dict[str, str]]:
    """Day → {city: level} for every day a city's region was under a warning of the case (the highest level
    of that day). A warning still in force runs to its expected end, or to today when none is known."""
    today = today or now().date()
    open_ends = {w.region: w.end for w in library.letter_warnings_in_force(case_id)}
    out: dict[date, dict[str, str]] = {}
    for period in library.warning_periods(case_id):
        last = period.end
        if last is None:
            last = open_ends.get(period.region) or datetime.combine(max(today, period.start.date()), time(23),
                                                                    tzinfo=BEIJING)
        try:
            members = scheme.region(period.region).members
        except KeyError:
            continue
        day = period.start.date()
        while day <= last.date():
            cities = out.setdefault(day, {})
            for city in members:
                if LEVEL_RANK.get(period.level, 0) > LEVEL_RANK.get(cities.get(city, "none"), 0):
                    cities[city] = period.level
            day += timedelta(days=1)
    return dict(sorted(out.items()))


def warned_on(library, case_id: str, scheme, day: date) -> dict[str, str]:
    """{city: level} warned on ``day``; a day outside the case's warnings is refused (named, with the span)."""
    days = warned_days(library, case_id, scheme, today=max(day, now().date()))
    if day not in days:
        span = f"{min(days)} – {max(days)}" if days else "no warning recorded in the case"
        raise InputError(Problem("the case warns no city on this day", column="--day", value=str(day),
                                 expected=f"a day of the case's warnings ({span})"))
    return days[day]


# -- reading a filled form ---------------------------------------------------------------------------------

@dataclass
class FormReport:
    """One filled form as read: who, which day, the four texts and the rest of the fields."""

    path: str
    sha256: str
    case_id: str
    city: str
    day: date
    fields: dict[str, str]
    form_version: str = FORM_VERSION


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


FORM_MAX_EXPANDED = 32 * 2**20  # a filled form expands to well under 1 MB; openpyxl needs ~50× the XML in memory


def read_form(path: str | Path) -> FormReport:
    """Read one filled form; anything that is not this program's form, filled within its limits, is refused
    (InputError naming the file and cell)."""
    name = str(path)
    from app import untrusted

    raw = untrusted.read_bounded(path, "form", expected="the daily report form written by hazedesk case report-form")
    import io
    import warnings
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:  # openpyxl holds every cell: the parts' size first
            expanded = sum(i.file_size for i in archive.infolist())
    except Exception:  # noqa: BLE001 - not a readable zip (a flipped byte raises anything): openpyxl below says
        expanded = 0  # it is no workbook
    if expanded > FORM_MAX_EXPANDED:
        size = round(expanded / 2**20)
        raise InputError(Problem(f"the form would expand to {size} MB: refused as a possible zip bomb", file=name,
                                 expected="the daily report form written by hazedesk case report-form (about 10 KB)"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on a workbook's styles: the cells are what counts
            book = load_workbook(io.BytesIO(raw), data_only=True)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file from outside: zlib, XML and openpyxl errors of every
        # kind (a byte-flip test finds eight) all mean the same to the officer: not a workbook this desk can read
        raise InputError(Problem("not an Excel workbook (.xlsx)", file=name,
                                 expected="the daily report form written by hazedesk case report-form")) from exc
    if SHEET not in book.sheetnames:
        raise InputError(Problem(f"no sheet named {SHEET}", file=name, value=", ".join(book.sheetnames),
                                 expected="the daily report form written by hazedesk case report-form"))
    sheet = book[SHEET]
    version = _cell_text(sheet.cell(FIELD_OF["form_version"].row, 2).value)
    if _cell_text(sheet.cell(FIELD_OF["form_version"].row, 1).value) == "表单版本" and version != FORM_VERSION:
        raise InputError(Problem("the form is of another version", file=name,
                                 column=f"B{FIELD_OF['form_version'].row}", value=version or "(empty)",
                                 expected=f"form version {FORM_VERSION}: send the city a new form"))
    values: dict[str, str] = {}
    for f in LAYOUT:
        label = _cell_text(sheet.cell(f.row, 1).value)
        if label != f.label:
            raise InputError(Problem("the form's fields were moved or renamed", file=name, column=f"A{f.row}",
                                     value=label or "(empty)",
                                     expected=f"{f.label} (fill the form as sent; do not insert or delete rows)"))
        text = _cell_text(sheet.cell(f.row, 2).value)
        if len(text) > f.limit:
            raise InputError(Problem(f"text longer than the field allows ({len(text)} characters)", file=name,
                                     column=f"B{f.row} {f.label}", value=text[:20] + "…",
                                     expected=f"at most {f.limit} characters"))
        values[f.key] = text
    try:
        day = date.fromisoformat(values["day"])
    except ValueError as exc:
        raise InputError(Problem("not a date", file=name, column=f"B{FIELD_OF['day'].row} 日期",
                                 value=values["day"] or "(empty)", expected="YYYY-MM-DD")) from exc
    from app.domain.units import load_units

    unit = load_units().resolve(values["city"])
    if unit is None:
        raise InputError(Problem("the city is not a unit", file=name, column=f"B{FIELD_OF['city'].row} 城市",
                                 value=values["city"] or "(empty)",
                                 expected="one of the 59 units (e.g. 成都市, 万州区)"))
    if not any(values[k] for k in CONTENT):
        raise InputError(Problem("the form is empty", file=name, column="B10–B13",
                                 expected="at least one of the four headings filled"))
    content = {k: v for k, v in values.items() if k not in ("case_title", "case_id", "city", "day", "form_version")}
    return FormReport(name, hashlib.sha256(raw).hexdigest(), values["case_id"], unit.name, day, content)


def form_paths(items) -> list[Path]:
    """The forms named: files as given, folders' .xlsx files (not Excel's ~$ lock files), in name order."""
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            out += sorted(q for q in p.iterdir() if q.suffix.lower() == ".xlsx" and not q.name.startswith("~$"))
        else:
            out.append(p)
    return out


@dataclass
class ReportImport:
    """What one import did: per form "recorded", "replaced" (a corrected form), "unchanged" (the same file
    again), and the forms refused with why (nothing of them recorded)."""

    recorded: list[FormReport] = field(default_factory=list)
    replaced: list[FormReport] = field(default_factory=list)
    unchanged: list[FormReport] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict:
        def rows(items):
            return [{"file": r.path, "city": r.city, "day": str(r.day)} for r in items]

        return {"recorded": rows(self.recorded), "replaced": rows(self.replaced), "unchanged": rows(self.unchanged),
                "refused": [{"file": p.file, "cell": p.column, "message": p.message, "value": p.value,
                             "expected": p.expected} for p in self.refused]}


def import_reports(library, case_id: str, items, scheme, *, take_good: bool = False) -> ReportImport:
    """Read every form of ``items`` (files, folders) and record them in one transaction. Any refusal and not
    ``take_good``: InputError listing every refused form, nothing recorded."""
    library._require(case_id)
    paths = form_paths(items)
    if not paths:
        raise InputError(Problem("no forms given", column="FILE|DIR", value=" ".join(map(str, items)),
                                 expected="filled .xlsx forms or folders holding them"))
    days = warned_days(library, case_id, scheme)
    result = ReportImport()
    good: list[FormReport] = []
    for path in paths:
        try:
            form = read_form(path)
            _check_against_case(form, case_id, days)
            good.append(form)
        except InputError as exc:
            result.refused += list(exc.problems)
    seen: dict[tuple[str, date], FormReport] = {}
    for form in good:  # two different forms for one city and day in one batch: which one holds is unclear
        other = seen.get((form.city, form.day))
        if other is not None and other.sha256 != form.sha256:
            result.refused.append(Problem("two different forms for the same city and day in one import",
                                          file=form.path, value=f"{form.city} {form.day}",
                                          expected=f"one form per city and day (the other: {other.path})"))
        seen[(form.city, form.day)] = form
    if result.refused:
        bad = {p.file for p in result.refused}
        good = [f for f in good if f.path not in bad and
                not any(p.value == f"{f.city} {f.day}" for p in result.refused)]
        if not take_good:
            raise InputError(result.refused[0], result.refused[1:])
    stamp = iso(now())
    with library.transaction() as db:
        library._require(case_id)
        for form in good:
            rows = db.execute("SELECT sha256 FROM city_reports WHERE case_id = ? AND city = ? AND day = ?",
                              (case_id, form.city, str(form.day))).fetchall()
            if any(r[0] == form.sha256 for r in rows):
                result.unchanged.append(form)
                continue
            db.execute("INSERT INTO city_reports (id, case_id, city, day, form_version, fields, reporter, file_name, "
                       "sha256, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (new_id(), case_id, form.city, str(form.day), form.form_version,
                        json.dumps(form.fields, ensure_ascii=False), form.fields.get("reporter", ""),
                        Path(form.path).name, form.sha256, stamp))
            (result.replaced if rows else result.recorded).append(form)
        if result.recorded or result.replaced:
            library._touch(db, case_id)
    return result


def _check_against_case(form: FormReport, case_id: str, days: dict[date, dict[str, str]]) -> None:
    if form.case_id != case_id:
        raise InputError(Problem("the form belongs to another case", file=form.path,
                                 column=f"B{FIELD_OF['case_id'].row} 案例编号", value=form.case_id or "(empty)",
                                 expected=f"a form of case {case_id}"))
    if form.day not in days:
        span = f"{min(days)} – {max(days)}" if days else "none recorded"
        raise InputError(Problem("the date is outside the case's warnings", file=form.path,
                                 column=f"B{FIELD_OF['day'].row} 日期", value=str(form.day),
                                 expected=f"a day the case warns ({span})"))
    if form.city not in days[form.day]:
        raise InputError(Problem("the case does not warn this city on this day", file=form.path,
                                 column=f"B{FIELD_OF['city'].row} 城市", value=f"{form.city} {form.day}",
                                 expected="a city of a region under warning that day"))


# -- what the case has ---------------------------------------------------------------------------------------

def reports(library, case_id: str, *, history: bool = False) -> list[dict]:
    """The case's reports, the current one per city and day (``history``: every import, oldest first), each
    with its fields as a dict and ``versions`` (how many forms were imported for that city and day)."""
    rows = library.conn.execute("SELECT * FROM city_reports WHERE case_id = ? ORDER BY day, city, imported_at, rowid",
                                (case_id,)).fetchall()
    grouped: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        item = {**dict(r), "fields": json.loads(r["fields"])}
        grouped.setdefault((r["day"], r["city"]), []).append(item)
    out = []
    for items in grouped.values():
        for n, item in enumerate(items, start=1):
            item["versions"], item["version"] = len(items), n
        out += items if history else [items[-1]]
    return out


def report_grid(library, case_id: str, scheme, *, at: datetime | None = None,
                deadline: time = DEFAULT_DEADLINE) -> dict:
    """City × day: each warned city's state per warning day — "reported", "corrected" (a form replaced),
    "missing" (no form and the day's deadline has passed), "due" (no form yet, deadline to come); days
    and cities in order, with the deadline used."""
    at = at or now()
    days = warned_days(library, case_id, scheme, today=at.date())
    current = {(r["city"], r["day"]): r for r in reports(library, case_id)}
    cities: list[str] = []
    for warned in days.values():
        cities += [c for c in scheme.linkage_cities if c in warned and c not in cities]
    cities.sort(key=scheme.linkage_cities.index)
    cells: dict[str, dict[str, str]] = {}
    for day, warned in days.items():
        due = datetime.combine(day, deadline, tzinfo=BEIJING)
        for city in warned:
            report = current.get((city, str(day)))
            if report is not None:
                state = "corrected" if report["versions"] > 1 else "reported"
            else:
                state = "missing" if at >= due else "due"
            cells.setdefault(city, {})[str(day)] = state
    return {"days": [str(d) for d in days], "cities": cities, "cells": cells, "levels":
            {str(d): w for d, w in days.items()}, "deadline": deadline.strftime("%H:%M"), "at": iso(at)}


def parse_deadline(text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(Problem("not a time of day", column="--deadline", value=text, expected="HH:MM, e.g. 18:00")) \
            from exc


__all__ = ["CONTENT", "DEFAULT_DEADLINE", "FORM_VERSION", "LAYOUT", "FormReport", "ReportImport", "import_reports",
           "parse_time", "read_form", "report_grid", "reports", "warned_days", "warned_on"]
