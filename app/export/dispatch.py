"""The 调度日报 (daily dispatch summary) for the group's leaders: one to two pages, Word and PDF, set as the
letters are (the review report's blocks: 仿宋 body on the 28.95 pt line, 黑体 headings, A4 with the GB/T 9704
block, bundled fonts embedded) under a red 简报 head.

From the case on one day: which regions and cities are warned at which level (and how the cities started
against the letters), who reported and who did not (after the day's deadline), the main measures the cities
reported, and the problem leads still open (overdue ones named). Written atomically, audited, and the day is
recorded in the case (the review's 四 lists the dispatch days).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from pathlib import Path

from app.atomic import write_bytes_atomic
from app.cases.leads import STEP_ZH, leads
from app.cases.library import iso, new_id, now
from app.cases.reports import DEFAULT_DEADLINE, report_grid, reports, warned_on
from app.cases.response import starts
from app.domain.scheme import BEIJING, LEVEL_RANK, LEVEL_ZH
from app.export.review_report import Block, render_docx, render_pdf

TITLE = "川渝地区重污染天气应急调度日报"
OFFICE = "川渝地区大气污染联防联控工作小组办公室"
MEASURE_CHARS = 90  # a city's measures in the summary: its report's first sentences up to about this length
MAX_LEAD_ROWS = 10
NAMED_CITIES = 6  # more cities of one kind than this are counted, not named, in the summary's sentences
MAX_MEASURE_PARAGRAPHS = 6  # more cities than this: their measures as one table line each
MEASURE_CELL_CHARS = 40  # one table line at the table's type size
TWO_COLUMN_CITIES = 20  # more cities than this: two to a table line


def excerpt(text: str, limit: int = MEASURE_CHARS) -> str:
    """The first sentences of ``text`` up to ``limit`` characters; a cut one ends with …… (a short limit may
    cut at a comma)."""
    text = re.sub(r"\s+", "", text or "")
    if len(text) <= limit:
        return text if not text or text[-1] in "。！？；." else text + "。"
    cut = max(text.rfind(p, 0, limit) for p in "。；！？")
    if cut >= limit // 3:
        return text[:cut + 1]
    comma = text.rfind("，", 0, limit - 2)
    return (text[:comma] if comma >= limit // 3 else text[:limit - 2]) + "……"


def _day_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def daily_blocks(library, case_id: str, scheme, day: date, *, at: datetime | None = None,
                 deadline: time = DEFAULT_DEADLINE) -> list[Block]:
    at = at or now()
    warned = warned_on(library, case_id, scheme, day)
    days = list(report_grid(library, case_id, scheme, at=at, deadline=deadline)["days"])
    issue = days.index(str(day)) + 1 if str(day) in days else 1
    blocks = [Block("masthead", TITLE, rows=[[f"第{issue}期"], [OFFICE, _day_zh(day)]])]

    # 一、预警情况
    blocks.append(Block("h1", "一、预警情况"))
    by_region: dict[str, list[str]] = {}
    for region in scheme.regions:
        cities = [c for c in region.members if c in warned]
        if cities:
            by_region[region.name] = cities
    parts = []
    for region, cities in by_region.items():
        level = max((warned[c] for c in cities), key=lambda x: LEVEL_RANK[x])
        named = f"{'、'.join(cities)}，共" if len(cities) <= NAMED_CITIES else ""  # a long list: the count
        parts.append(f"{region}{LEVEL_ZH[level]}预警（{named}{len(cities)}个城市）")
    blocks.append(Block("p", f"{day.month}月{day.day}日，川渝地区共{len(warned)}个城市处于区域重污染天气预警中："
                             + "；".join(parts) + "。"))
    start_day = [s for s in starts(library, case_id, scheme) if s.asked_start.date() <= day and s.asked_level != "none"]
    latest: dict[str, object] = {}
    for s in start_day:  # each city's answer to the latest letter that applies to the day
        latest[s.city] = s
    lagging = [s for s in latest.values() if s.outcome in ("late", "lower", "not_notified") and s.city in warned]
    if latest:
        text = f"按区域预警建议函要求，{len(latest) - len(lagging)}个城市已按要求启动相应级别预警"
        if 0 < len(lagging) <= NAMED_CITIES:
            text += "；" + "，".join(f"{s.city}{s.text_zh}" for s in lagging)
        elif lagging:  # many: counted by outcome, named only where few
            words = {"late": "滞后启动", "lower": "低于要求级别", "not_notified": "尚未通报启动情况"}
            for outcome, word in words.items():
                some = [s.city for s in lagging if s.outcome == outcome]
                if some:
                    text += f"；{len(some)}个城市{word}" + (f"（{'、'.join(some)}）" if len(some) <= NAMED_CITIES else "")
        higher = [s.city for s in latest.values() if s.outcome == "higher"]
        if higher:
            text += f"；{'、'.join(higher)}按自身更高级别执行"
        blocks.append(Block("p", text + "。"))

    # 二、报送情况
    blocks.append(Block("h1", "二、应对情况报送"))
    current = {r["city"]: r for r in reports(library, case_id) if r["day"] == str(day)}
    cities = [c for c in scheme.linkage_cities if c in warned]
    reported = [c for c in cities if c in current]
    missing = [c for c in cities if c not in current]
    due = datetime.combine(day, deadline, tzinfo=BEIJING)
    text = f"截至{day.month}月{day.day}日{deadline:%H:%M}，应报送{len(cities)}个城市，已报送{len(reported)}个"
    if missing:
        text += f"，{'未报送' if at >= due else '尚未报送'}{len(missing)}个（{'、'.join(missing)}）"
    corrected = [c for c in reported if current[c]["versions"] > 1]
    if corrected:
        text += f"；{'、'.join(corrected)}报送了更正版本"
    blocks.append(Block("p", text + "。"))

    # 三、主要措施: a paragraph a city while they are few, else one line a city in a table (1–2 pages in all)
    blocks.append(Block("h1", "三、主要工作及成效"))
    if not reported:
        blocks.append(Block("p", "当日尚无城市报送应对情况。"))
    elif len(reported) <= MAX_MEASURE_PARAGRAPHS:
        for city in reported:
            fields = current[city]["fields"]
            said = excerpt(fields.get("work", "")) or excerpt(fields.get("leaders", ""))
            blocks.append(Block("p", f"{city}：{said}"))
    else:
        blocks.append(Block("p", f"{len(reported)}个城市报送摘要（全文见各城市报送表）："))
        pairs = len(reported) > TWO_COLUMN_CITIES  # many cities: two a line, each said shorter
        chars = MEASURE_CELL_CHARS * 2 // 5 if pairs else MEASURE_CELL_CHARS

        def said(city: str) -> str:
            fields = current[city]["fields"]
            return excerpt(fields.get("work", ""), chars) or excerpt(fields.get("leaders", ""), chars)

        if pairs:
            half = (len(reported) + 1) // 2
            rows = [["城市", "主要工作及成效", "城市", "主要工作及成效"]]
            for left, right in zip(reported[:half], reported[half:] + [""]):
                rows.append([left, said(left), right, said(right) if right else ""])
        else:
            rows = [["城市", "主要工作及成效"]] + [[city, said(city)] for city in reported]
        blocks.append(Block("table", rows=rows))

    # 四、问题线索
    blocks.append(Block("h1", "四、问题线索办理"))
    register = [x for x in leads(library, case_id, scheme, at=at) if x.steps and
                datetime.fromisoformat(x.lead["created_at"]).astimezone(BEIJING).date() <= day]
    open_ = [x for x in register if x.step != "closed"]
    closed = len(register) - len(open_)
    overdue = [x for x in open_ if x.overdue]
    if not register:
        blocks.append(Block("p", "截至当日，未登记跨区域问题线索。"))
    else:
        text = f"截至当日，累计登记跨区域问题线索{len(register)}条，已销号{closed}条，办理中{len(open_)}条"
        if overdue:
            text += f"，其中{len(overdue)}条超过办理时限（{'、'.join(x.lead['number'] for x in overdue)}）"
        blocks.append(Block("p", text + "。"))
        if open_:
            rows = [["编号", "地点", "类别", "问题", "当前环节", "办理时限"]]
            shown = MAX_LEAD_ROWS if len(reported) <= MAX_MEASURE_PARAGRAPHS else MAX_LEAD_ROWS // 2  # 1–2 pages
            for x in open_[:shown]:
                rows.append([x.lead["number"], x.lead["unit"], f"{x.lead['source']}（{x.lead['origin']}）",
                             excerpt(x.lead["description"], 40), STEP_ZH[x.step],
                             (f"{x.due:%m-%d %H:%M}" if x.due else "—") + ("（逾期）" if x.overdue else "")])
            blocks.append(Block("table", rows=rows))
            if len(open_) > shown:
                blocks.append(Block("note", f"另有{len(open_) - shown}条办理中的线索，详见线索台账。"))
    blocks.append(Block("foot", rows=[["报：川渝地区大气污染联防联控工作小组组长、副组长。"],
                                      ["送：川渝两地生态环境厅（局），各预警城市生态环境部门。"],
                                      [OFFICE, f"{_day_zh(day)}印发"]]))
    return blocks


def check_outputs(docx, pdf) -> None:
    """A .docx and/or a .pdf path, each with its own suffix (as the letters' ``--docx``/``--pdf``)."""
    from app.errors import InputError, Problem

    if docx is None and pdf is None:
        raise InputError(Problem("no output given", column="--docx/--pdf", expected="a .docx and/or a .pdf path"))
    for path, suffix, option in ((docx, ".docx", "--docx"), (pdf, ".pdf", "--pdf")):
        if path is not None and Path(path).suffix.lower() != suffix:
            raise InputError(Problem("wrong file type", file=str(path), column=option, expected=f"a {suffix} file"))


def write_daily(library, case_id: str, scheme, day: date, *, docx: str | Path | None = None,
                pdf: str | Path | None = None, at: datetime | None = None,
                deadline: time = DEFAULT_DEADLINE) -> list[Path]:
    check_outputs(docx, pdf)
    blocks = daily_blocks(library, case_id, scheme, day, at=at, deadline=deadline)
    written = []
    if docx:
        write_bytes_atomic(docx, render_docx(blocks))
        written.append(Path(docx))
    if pdf:
        write_bytes_atomic(pdf, render_pdf(blocks, grid=True))
        written.append(Path(pdf))
    with library.transaction() as db:
        library._require(case_id)
        db.execute("INSERT INTO dispatches (id, case_id, day, written_at, files) VALUES (?, ?, ?, ?, ?)",
                   (new_id(), case_id, day.isoformat(), iso(now()),
                    json.dumps([str(p.resolve()) for p in written], ensure_ascii=False)))
    from app.export.audit import record_export

    record_export("daily-dispatch", written, scheme_id=scheme.id, scheme_version=scheme.version,
                  details={"case": case_id, "day": day.isoformat()})
    return written


def dispatch_days(library, case_id: str) -> list[str]:
    """The days a 调度日报 was written for, in order, each once."""
    return [r[0] for r in library.conn.execute("SELECT DISTINCT day FROM dispatches WHERE case_id = ? ORDER BY day",
                                               (case_id,))]
