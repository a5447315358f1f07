"""The daily report form (重污染天气应对情况报送表) one warned city fills for one day, as .xlsx.

One sheet, 应对情况: the case, the city and the day filled in and locked; 填报单位, 填报人, 联系电话 and the four
headings of plan 四(六)1 to fill (cells unlocked, wrapped, each with its length limit as Excel's data validation, so
the filler is told before the office refuses it); the form version at the foot, so a changed form is recognised.
The sheet is protected without a password: the labels stay where ``app.cases.reports.read_form`` looks for them.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from app.atomic import write_bytes_atomic
from app.cases.reports import FORM_VERSION, LAYOUT, SHEET
from app.domain.scheme import LEVEL_ZH

TITLE = "重污染天气应对情况报送表"
HINTS = {"leaders": "当日政府领导调度、督导情况", "work": "生态环境厅（局）和相关部门开展的工作、减排措施落实及成效",
         "plan": "下一步工作安排", "checks": "会商报告所列问题清单逐项核查、整改情况"}


def form_bytes(*, case_id: str, case_title: str, city: str, day: date, level: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 80
    sheet.merge_cells("A1:B1")
    sheet["A1"] = f"{TITLE}（{city}，{day.year}年{day.month}月{day.day}日，{LEVEL_ZH.get(level, level)}预警）"
    sheet["A1"].font = Font(name="黑体", size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30
    sheet.merge_cells("A2:B2")
    sheet["A2"] = "请于当日规定时限前填写白色单元格后报送；灰色单元格由工作小组办公室填写，请勿改动，勿插入或删除行。"
    sheet["A2"].font = Font(size=9, color="555555")
    thin = Side(style="thin", color="999999")
    grey = PatternFill("solid", fgColor="EEEEEE")
    values = {"case_title": case_title, "case_id": case_id, "city": city, "day": day.isoformat(),
              "form_version": FORM_VERSION}
    for f in LAYOUT:
        label, cell = sheet.cell(f.row, 1, f.label), sheet.cell(f.row, 2, values.get(f.key))
        label.font = Font(name="黑体", size=11)
        for c in (label, cell):
            c.border = Border(top=thin, bottom=thin, left=thin, right=thin)
            c.alignment = Alignment(wrap_text=True, vertical="top")
        label.fill = grey
        if f.editable:
            cell.protection = Protection(locked=False)
            rule = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(f.limit),
                                  allow_blank=True, showErrorMessage=True, errorTitle="超出字数",
                                  error=f"{f.label}不超过{f.limit}字", promptTitle=f.label,
                                  prompt=HINTS.get(f.key, f"不超过{f.limit}字"), showInputMessage=True)
            sheet.add_data_validation(rule)
            rule.add(cell)
            if f.key in HINTS:
                sheet.row_dimensions[f.row].height = 90
        else:
            cell.fill = grey
    sheet.protection.sheet = True  # no password: it keeps the labels in place, it does not lock anybody out
    sheet.protection.formatCells = False
    sheet.protection.formatRows = False
    book.properties.title = TITLE
    book.properties.creator = "HazeDesk"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def form_name(city: str, day: date) -> str:
    return f"应对情况-{day:%Y%m%d}-{city}.xlsx"


def write_forms(library, case_id: str, scheme, day: date, folder: str | Path) -> list[Path]:
    """One form per city warned on ``day`` into ``folder`` (each written atomically); returns the paths."""
    from app.atomic import check_output_folder
    from app.cases.reports import warned_on

    warned = warned_on(library, case_id, scheme, day)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    check_output_folder(folder / "form.xlsx")
    title = library._require(case_id)["title"]
    out = []
    for city in [c for c in scheme.linkage_cities if c in warned]:
        path = folder / form_name(city, day)
        write_bytes_atomic(path, form_bytes(case_id=case_id, case_title=title, city=city, day=day,
                                            level=warned[city]))
        out.append(path)
    from app.export.audit import record_export

    record_export("report-forms", out, scheme_id=scheme.id, scheme_version=scheme.version,
                  details={"case": case_id, "day": day.isoformat(), "cities": len(out)})
    return out
