"""The 线索推送单 (problem-lead push sheet) one side sends the other (plan 四(六)3): the leads pushed, each with its
category and origin, place, what was found, when, where it stands and by when its next step is due; the closed-
loop request; who sends it and who to call. Word and PDF in the letters' typography (the review report's
blocks), written atomically and audited.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.atomic import write_bytes_atomic
from app.cases.leads import SIDES, STEP_ZH, LeadStatus, leads
from app.cases.library import now
from app.domain.scheme import BEIJING
from app.errors import InputError, Problem
from app.export.review_report import Block, render_docx, render_pdf

TITLE = "川渝地区跨区域重污染天气问题线索推送单"
BUREAU = {"四川": "四川省生态环境厅", "重庆": "重庆市生态环境局"}


def chosen_leads(library, case_id: str, scheme, numbers, to: str | None, at: datetime) -> list[LeadStatus]:
    """The leads named (by number or id), else every lead pushed to ``to`` that is not closed."""
    register = leads(library, case_id, scheme, at=at)
    if numbers:
        out = []
        for n in numbers:
            found = [x for x in register if n in (x.lead["number"], x.lead["id"])]
            if not found:
                raise InputError(Problem("no such lead in the case", column="LEAD", value=n,
                                         expected="a lead's number (e.g. 川20260113-01) or id"))
            out += found
    else:
        if to not in SIDES:
            raise InputError(Problem("not one of the allowed values", column="--to", value=to or "(empty)",
                                     expected=" / ".join(SIDES)))
        out = [x for x in register if x.lead["pushed_to"] == to and x.step != "closed"]
    if not out:
        raise InputError(Problem("no open lead is pushed to this side", column="--to", value=to or "",
                                 expected="leads registered in the case and not yet closed"))
    sides = {x.lead["pushed_to"] for x in out}
    if len(sides) > 1 or (to and sides != {to}):
        raise InputError(Problem("the leads are pushed to different sides", column="LEAD",
                                 value="、".join(x.lead["number"] for x in out),
                                 expected="one sheet per receiving side"))
    return out


def sheet_blocks(items: list[LeadStatus], *, at: datetime, case_title: str) -> list[Block]:
    to = items[0].lead["pushed_to"]
    frm = items[0].lead["found_by"]
    blocks = [Block("title", TITLE),
              Block("subtitle", f"{BUREAU.get(frm, frm)}　→　{BUREAU.get(to, to)}"),
              Block("recipients", f"{BUREAU.get(to, to)}："),
              Block("p", f"在{case_title}应对期间，{BUREAU.get(frm, frm)}依托现有检查结果发现下列涉及贵方辖区的"
                         f"重污染天气问题线索{len(items)}条，现予推送。请按照跨区域重点问题发现—移交—处置—整改—销号闭环管理"
                         "要求，组织属地核查处置，并在办理时限内反馈处置和整改情况。")]
    rows = [["编号", "类别", "地点", "问题描述", "发现时间", "当前环节", "下一环节时限"]]
    for x in items:
        lead = x.lead
        place = lead["unit"] + (f"　{lead['place']}" if lead["place"] else "")
        if lead["lon"] is not None:
            place += f"（{lead['lon']:.4f}°E，{lead['lat']:.4f}°N）"
        found = datetime.fromisoformat(x.steps[0]["at"]).astimezone(BEIJING) if x.steps else None
        rows.append([lead["number"], f"{lead['source']}／{lead['origin']}", place, lead["description"],
                     f"{found:%m月%d日%H:%M}" if found else "—", STEP_ZH[x.step],
                     (f"{x.due:%m月%d日%H:%M}" if x.due else "—") + ("（已逾期）" if x.overdue else "")])
    blocks.append(Block("table", rows=rows))
    blocks.append(Block("p", "联系人：＿＿＿＿＿＿　　联系电话：＿＿＿＿＿＿＿＿"))
    blocks.append(Block("p", "反馈方式：处置、整改情况请填写回执或经工作小组办公室转交，线索编号保持不变。"))
    blocks.append(Block("foot", rows=[["抄送：川渝地区大气污染联防联控工作小组办公室。"],
                                      [f"推送单位：{BUREAU.get(frm, frm)}（盖章）", f"{at.year}年{at.month}月{at.day}日"]]))
    return blocks


def write_push_sheet(library, case_id: str, scheme, numbers=(), *, to: str | None = None,
                     docx: str | Path | None = None, pdf: str | Path | None = None,
                     at: datetime | None = None) -> list[Path]:
    from app.export.dispatch import check_outputs

    check_outputs(docx, pdf)
    at = at or now()
    title = library._require(case_id)["title"]
    items = chosen_leads(library, case_id, scheme, list(numbers), to, at)
    blocks = sheet_blocks(items, at=at, case_title=title)
    written = []
    if docx:
        write_bytes_atomic(docx, render_docx(blocks))
        written.append(Path(docx))
    if pdf:
        write_bytes_atomic(pdf, render_pdf(blocks, grid=True))
        written.append(Path(pdf))
    from app.export.audit import record_export

    record_export("lead-push-sheet", written, scheme_id=scheme.id, scheme_version=scheme.version,
                  details={"case": case_id, "leads": [x.lead["number"] for x in items]})
    return written
