"""The response half of the cycle (issue 23), whole commands against the numpy + pandas floor measured in the
same run, interleaved (floor, command, floor, command …; median of 5 after a first run):

- ``hazedesk case reports ID DIR``: importing 40 filled daily report forms (all four regions warned, one day)
  into a library holding the case — each run on a fresh copy of the library, copied outside the clock;
- ``hazedesk case daily ID --day D --docx --pdf``: the 调度日报 of that day (40 reports, 8 problem leads).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from app.bench import can_run_python, child_env, command_row, figure, interleaved, self_command

RUNS = 5


def _library(folder: Path) -> tuple[Path, str, Path]:
    """A library with a case warning all 40 linkage cities on 2026-01-13, 40 filled forms of that day, and 8
    leads; returns (library, case id, forms folder)."""
    from datetime import date, datetime

    from openpyxl import load_workbook

    from app.cases.leads import add_lead, add_step
    from app.cases.library import LetterChange, open_library
    from app.domain.scheme import BEIJING, load_scheme
    from app.export.report_form import write_forms

    scheme = load_scheme()
    path = folder / "cases.sqlite"
    lib = open_library(path)
    case = lib.create_case("bench 四区域橙色过程")
    t = datetime(2026, 1, 11, 16, tzinfo=BEIJING)
    lib.issue_letter(case, kind="start", issued_at=t, changes=[
        LetterChange("start", r.name, "orange", datetime(2026, 1, 12, tzinfo=BEIJING)) for r in scheme.regions])
    forms = folder / "forms"
    for form in write_forms(lib, case, scheme, date(2026, 1, 13), forms):
        book = load_workbook(form)
        sheet = book["应对情况"]
        sheet["B8"], sheet["B10"] = "值班员", "市政府分管领导召开调度会，部署应急减排。"
        sheet["B11"] = "停工建筑工地120个，洒水作业每日4次；重点企业落实橙色预警减排措施，32家企业限产30%。" * 3
        sheet["B12"], sheet["B13"] = "持续落实各项应急减排措施。", "问题清单已逐项核查。"
        book.save(form)
    for n in range(8):
        lead = add_lead(lib, case, source="扬尘源", unit=scheme.linkage_cities[n], description=f"工地扬尘问题{n}",
                        found_by="四川" if n % 2 else "重庆", at=datetime(2026, 1, 12, 9 + n, tzinfo=BEIJING))
        if n < 6:
            add_step(lib, case, lead, "移交", side="四川" if n % 2 else "重庆", by_name="办公室",
                     at=datetime(2026, 1, 12, 20, tzinfo=BEIJING))
    lib.close()
    return path, case, forms


def bench_response() -> list[dict]:
    if not can_run_python():
        return [figure(n, float("nan"), "s", notes="not measured in the bundle (needs python -c)")
                for n in ("command.case_reports_40", "command.case_daily")]
    with tempfile.TemporaryDirectory(prefix="hazedesk-bench-") as tmp:
        folder = Path(tmp)
        pristine, case, forms = _library(folder)
        env = child_env(str(folder / "state"))
        work = folder / "work.sqlite"
        imports = interleaved([*self_command(), "case", "--db", str(work), "reports", case, str(forms)], RUNS,
                              env=env, prepare=lambda n: shutil.copy(pristine, work))  # a fresh copy, unclocked
        daily = interleaved(lambda n: [*self_command(), "case", "--db", str(work), "daily", case, "--day",
                                       "2026-01-13", "--at", "2026-01-13T20:00", "--docx", str(folder / f"d{n}.docx"),
                                       "--pdf", str(folder / f"d{n}.pdf")], RUNS, env=env)
    return [command_row("command.case_reports_40", imports, 2.0,
                        notes="hazedesk case reports: 40 filled .xlsx forms (one day, four regions) read, checked and "
                              "recorded in one transaction, each run on a fresh copy of the library"),
            command_row("command.case_daily", daily, 2.0,
                        notes="hazedesk case daily --docx --pdf: the 调度日报 of a day with 40 reports and 8 leads")]


BENCHES = [("command.case_response", bench_response)]
