"""The review report (应对评估报告, plan 四(七)) as Word and PDF, in the letter's typography.

The six headings of the plan; the first three written from the data, the other three by the officer:

一、预测预报情况 — the forecasts used, their scores (tables), the key days' maps forecast | observed;
二、形势分析情况 — the rules applied to the observations: regional episodes observed, cities without data, and a
   timeline per region (observed / each forecast / warning issued);
三、预警发布情况 — the letters issued (from the case) and each region's warning against what was observed
   (hit / miss / false alarm, start and end offsets, lead time against 72 h);
四、应急响应情况 — the cities' 启动预警情况通报 (from the case) and the officer's text;
五、措施落实情况及环境效益, 六、存在的问题及改进措施 — the officer's text.

Content is built once as a list of blocks (:func:`report_blocks`) and rendered by ReportLab (PDF: the letter's
A4 margins, 16 pt body on 28 pt lines, bundled fonts embedded) and python-docx (Word: 仿宋_GB2312/黑体 where the
machine has them, else the bundled OFL families, as the letter does). Files are written atomically.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from app.atomic import write_bytes_atomic
from app.domain.scheme import LEVEL_ZH, Scheme
from app.export import fonts

if TYPE_CHECKING:  # the review (pandas, numpy) is not loaded by documents that only use the blocks (调度日报)
    from app.review.review import Match, Review

SECTION_TITLES = ("一、预测预报情况", "二、形势分析情况", "三、预警发布情况", "四、应急响应情况",
                  "五、措施落实情况及环境效益", "六、存在的问题及改进措施")
OFFICER_SECTIONS = {"response": 3, "measures": 4, "problems": 5}  # library section key → heading index
NOT_WRITTEN = "（本节尚未填写：由值班人员在“案例”窗口的评估报告中撰写。）"
KIND_ZH = {"first": "首次预警", "upgrade": "升级", "downgrade": "降级", "lift": "解除"}
OUTCOME_ZH = {"hit": "命中", "miss": "漏报", "false_alarm": "空报"}
LEVEL_STEPS_ZH = ("", "一", "两", "三")


def outcome_zh(m: Match) -> str:
    """命中, 漏报, 空报 — a hit at the wrong level says so: 命中（等级偏高一级）. A hit on the episode and a
    miss on the level are different things."""
    offset = m.level_offset
    if not offset:
        return OUTCOME_ZH[m.outcome]
    return f"命中（等级偏{'高' if offset > 0 else '低'}{LEVEL_STEPS_ZH[abs(offset)]}级）"


@dataclass
class Block:
    kind: str  # "title" | "subtitle" | "h1" | "h2" | "p" | "recipients" | "table" | "image" | "note" | "masthead" | "foot"
    # masthead (a 简报's red head): text = the name in red, rows = [[issue line], [office, date]];
    # foot (版记): rows = [[line], …] between rules at the end
    text: str = ""
    rows: list[list[str]] | None = None
    image: bytes | None = None
    width_mm: float = 160.0


def _pct(x) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def _num(x, digits: int = 1) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def _hours(x) -> str:
    """An offset (predicted − observed) in words: 偏早 24 小时, 偏晚 12 小时, 一致."""
    if x is None:
        return "—"
    if abs(x) < 0.5:
        return "一致"
    return f"{'偏早' if x < 0 else '偏晚'}{abs(x):.0f}小时"


def _t(t) -> str:
    """"1月9日10时": months and days without leading zeros, the hour in two digits, as the letters write it."""
    return "—" if t is None else f"{t.month}月{t.day}日{t.hour:02d}时"


def _d(d) -> str:
    """"1月9日" (no leading zeros)."""
    return f"{d.month}月{d.day}日"


def _date_zh(text: str) -> str:
    """An ISO date or time from the case library ("2026-01-09", "2026-01-09T10:00+08:00") as a document writes
    it: 2026年1月9日, 2026年1月9日10时."""
    from datetime import datetime

    try:
        t = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return text or "—"
    day = f"{t.year}年{t.month}月{t.day}日"
    return day if len(text) <= 10 else f"{day}{t.hour:02d}时"


def _span_text(span) -> str:
    """"橙色，1月13日至15日" for whole days (calendar mode), else with the hours."""
    level = LEVEL_ZH.get(span.level, span.level)
    s, e = span.start, span.end
    if s.hour == 0 and e.hour == 23:
        last = f"{e.day}日" if (e.year, e.month) == (s.year, s.month) else f"{e.month}月{e.day}日"
        return f"{level}，{s.month}月{s.day}日至{last}" if s.date() != e.date() else f"{level}，{s.month}月{s.day}日"
    return f"{level}，{_t(s)}至{_t(e)}"


def score_table(scores_by_name: dict[str, dict]) -> list[list[str]]:
    rows = [["预报", "天数", "偏差", "均方根误差", "级别准确率", "半级别准确率", "AQI>150 命中率/空报率/TS",
             "AQI>200 命中率/空报率/TS"]]
    for name, s in scores_by_name.items():
        c = s["contingency"]
        rows.append([name, str(s["days"]), _num(s["bias"]), _num(s["rmse"]), _pct(s["category_accuracy"]),
                     _pct(s["half_level_accuracy"]),
                     f"{_pct(c['150']['pod'])} / {_pct(c['150']['far'])} / {_pct(c['150']['csi'])}",
                     f"{_pct(c['200']['pod'])} / {_pct(c['200']['far'])} / {_pct(c['200']['csi'])}"])
    return rows


def _match_row(region: str, who: str, m: Match) -> list[str]:
    return [region, who, outcome_zh(m),
            _span_text(m.observed) if m.observed else "—", _span_text(m.predicted) if m.predicted else "—",
            _hours(m.start_offset_hours) if m.outcome == "hit" else "—",
            _hours(m.end_offset_hours) if m.outcome == "hit" else "—",
            ("—" if m.lead_time_hours is None else
             f"{m.lead_time_hours:.0f} 小时" + ("" if m.lead_time_ok else "（不足72小时）"))
            if m.outcome == "hit" else "—"]


def report_blocks(review: Review, scheme: Scheme, *, texts: dict[str, str] | None = None, case: dict | None = None,
                  boundaries=None, title: str | None = None) -> list[Block]:
    from app.export.review_figures import day_maps, region_timeline_png

    texts = texts or {}
    first, last = review.period
    obs = review.observations
    blocks = [Block("title", title or "川渝地区重污染天气应对评估报告")]
    if case:
        blocks.append(Block("subtitle", case["case"]["title"]))
    blocks.append(Block("subtitle", f"评估时段：{_date_zh(first.isoformat()[:10])}至{_date_zh(last.isoformat()[:10])}"))

    # 一、预测预报情况
    blocks.append(Block("h1", SECTION_TITLES[0]))
    issued = "；".join(f"{n}（{_t(review.issued_at[n])}发布，{_d(review.forecast_daily[n].days[0])}至"
                      f"{_d(review.forecast_daily[n].days[-1])}）" for n in review.names)
    # the observations by what they are; their file and fingerprint are in the machine record (the JSON)
    blocks.append(Block("p", f"本次过程共评估{len(review.names)}份预报：{issued}。实测数据为{len(obs.units)}个城市的"
                             f"{_kind_zh(obs.source_kind)}监测数据，日AQI按各日适用的"
                             f"{review.observed_window.edition_label}由PM2.5日均浓度计算。"))
    gaps = []
    if obs.blank_cells:
        gaps.append(f"空值{obs.blank_cells}个")
    if obs.zero_cells:
        gaps.append(f"零值（缺测占位）{obs.zero_cells}个")
    if gaps:
        blocks.append(Block("p", "实测数据中" + "、".join(gaps) + "，均按缺测处理，不参与评分。"))
    doubtful = [w for w in obs.warnings if w.severity == "warning" and w.action == "kept"]  # values used as read
    if doubtful:
        named = list(dict.fromkeys(u for w in doubtful for u in w.units))
        where = f"，涉及{'、'.join(named[:6])}{'等' if len(named) > 6 else ''}" if named else ""
        blocks.append(Block("p", f"实测数据中有{len(doubtful)}处数值存疑{where}（如连续多时接近零、疑以毫克/立方米为单位或"
                                 "超出常见范围），已按原值参与评分，请核实原始数据。"))
    blocks.append(Block("p", "各预报对全部城市逐日PM2.5日均浓度和日AQI的总体评分如下（偏差、均方根误差单位为"
                             "微克/立方米；半级别准确率参照王晓彦等（环境科学，2022，43(7)：3396–3403）将AQI六个级别各分为两个"
                             "半级别，预报与实测相差不超过一个半级别计为准确）。"))
    blocks.append(Block("table", rows=score_table(review.overall)))
    if len(review.overall_lead_days) > 1 and len(review.names) > 1:
        blocks.append(Block("p", "按预报时效汇总（D+1为发布次日）："))
        blocks.append(Block("table", rows=score_table(review.overall_lead_days)))
    blocks.append(Block("p", "主要城市逐一评分（首要预报）："))
    blocks.append(Block("table", rows=_city_rows(review, scheme)))
    if boundaries is not None:
        for day, name, png in day_maps(review, boundaries):
            blocks.append(Block("image", image=png, width_mm=160.0))
            blocks.append(Block("note", f"图：{_d(day)}日AQI，左为预报（{name}），右为实测。"))

    # 二、形势分析情况
    blocks.append(Block("h1", SECTION_TITLES[1]))
    for name, region in review.regions.items():
        if region.observed_episodes:
            eps = "；".join(_span_text(s) + f"（触发城市：{'、'.join(s.trigger_cities)}）"
                           for s in region.observed_episodes)
            text = f"{name}：按实测日AQI判定，出现区域{eps}。"
        else:
            text = f"{name}：按实测日AQI判定，未达到区域预警条件。"
        if region.partial:
            text += f"以下联动城市实测数据缺失或不完整，判定结果为部分结果：{'、'.join(region.missing_cities)}。"
        blocks.append(Block("p", text))
        blocks.append(Block("image", image=region_timeline_png(review, name), width_mm=160.0))
        blocks.append(Block("note", f"图：{name}区域预警级别逐日对比（实测按预警规则判定"
                                    f"{'；已发预警取案例库记录' if review.with_issued else ''}）。"))

    # 三、预警发布情况
    blocks.append(Block("h1", SECTION_TITLES[2]))
    letters = case.get("letters", []) if case else []
    if letters:
        import json

        # letters of several senders (each side's bureau writing to its own cities): who sent each is a column
        senders = list(dict.fromkeys(letter.get("sender") or "" for letter in letters))
        by_sender = len(senders) > 1
        rows = [["日期", "文号", *(["发文机关"] if by_sender else []), "类型", "区域及级别"]]
        for letter in letters:
            changes = letter["changes"] if isinstance(letter["changes"], list) else json.loads(letter["changes"])
            rows.append([_date_zh(letter["date"]), letter["number"] or "—", *([letter.get("sender") or "—"] if by_sender else []),
                         KIND_ZH.get(letter["kind"], letter["kind"]),
                         "；".join(c["region"] + ("解除" if c["action"] == "lift" else LEVEL_ZH.get(c["level"], c["level"]))
                                  for c in changes)])
        sent_by = f"，均由{senders[0]}发出" if len(senders) == 1 and senders[0] else ""
        blocks.append(Block("p", f"本次过程共发出{len(letters)}份函件{sent_by}："))
        blocks.append(Block("table", rows=rows))
    elif case:
        blocks.append(Block("p", "案例库中未记录本次过程发出的预警函件。"))
    else:
        blocks.append(Block("p", "本报告未关联案例库中的案例，不对已发预警作评估。"))
    hand = case.get("hand_warnings", []) if case else []
    if hand:  # typed in the window, no letter behind them: named, but not scored as warnings issued
        entries = "；".join(h["region"] + ("（手工删除）" if h["level"] == "none" else
                                          LEVEL_ZH.get(h["level"], h["level"]) +
                                          (f"，{_date_zh(h['start'][:10])[5:]}起" if h["start"] else ""))
                           for h in hand)
        blocks.append(Block("p", f"另有值班人员在软件中手工录入的现行预警（案例库中无对应函件）：{entries}。"
                                 "以下对比只计已发函件。"))
    rows = [["区域", "预警/预报", "结果", "实测过程", "预警或预报过程", "开始偏差", "结束偏差", "提前量"]]
    for name, region in review.regions.items():
        for m in region.issued_matches if review.with_issued else ():  # no case: nothing issued is known
            rows.append(_match_row(name, "已发预警", m))
        for forecast, matches in region.matches.items():
            rows += [_match_row(name, forecast, m) for m in matches]
    if len(rows) > 1:
        blocks.append(Block("p", f"{'已发预警、' if review.with_issued else ''}各预报与实测区域过程的对比（开始、结束偏差为预警或预报相对实测的早晚；"
                                 f"提前量为实测过程开始前的发布时间，要求不少于{scheme.lead_time_hours}小时）："))
        blocks.append(Block("table", rows=rows))
    else:
        blocks.append(Block("p", "评估时段内实测、预报和已发预警均无区域过程。"))
    rows = _level_day_rows(review)
    if len(rows) > 1:
        blocks.append(Block("p", "按日对比预警级别（每个区域逐日以实测判定的级别为准，预报只计其覆盖的日期；"
                                 "“偏高”中含实测未达预警条件而预警或预报有级别的日数，“偏低”中含实测达到预警条件"
                                 "而未预警或预报无级别的日数）："))
        blocks.append(Block("table", rows=rows))
        partial = _partial_level_days(review, {r[0] for r in rows[1:]})
        if partial:
            blocks.append(Block("note", "注：" + "；".join(partial) + "，当日以已有实测判定。"))

    # 四～六: the officer's sections (四 also lists the cities' notices; with the case's response facts, 四 and
    # 五 state them first: starts against the letters, reporting, dispatch days; measures reported, leads)
    notices = case.get("city_notices", []) if case else []
    facts = case.get("response") if case else None
    for key, index in OFFICER_SECTIONS.items():
        blocks.append(Block("h1", SECTION_TITLES[index]))
        if facts and key in ("response", "measures"):
            from app.export.review_response import measures_blocks, response_blocks

            blocks += response_blocks(facts) if key == "response" else measures_blocks(facts)
            text = texts.get(key, "").strip()
            blocks += [Block("p", p.strip()) for p in text.splitlines() if p.strip()]
            continue
        if key == "response" and notices:
            rows = [["城市", "时间", "级别", "备注"]]
            rows += [[n["city"], _date_zh(n["time"])[5:], LEVEL_ZH.get(n["level"], "解除"), n["note"]]
                     for n in notices]
            blocks.append(Block("p", "各城市启动预警情况通报："))
            blocks.append(Block("table", rows=rows))
        text = texts.get(key, "").strip()
        paragraphs = [p.strip() for p in text.splitlines() if p.strip()] if text else [NOT_WRITTEN]
        blocks += [Block("p", p) for p in paragraphs]
    return blocks


def _level_day_rows(review: Review) -> list[list[str]]:
    from app.review.level_days import ISSUED, region_level_days

    rows = [["区域", "预警/预报", "对比天数", "级别一致", "偏高（其中实测无过程）", "偏低（其中未预警或预报无级别）"]]
    for name, days in region_level_days(review).items():
        if not any(level != "none" for level in days.observed) and not any(
                level not in (None, "none") for levels in days.sources.values() for level in levels):
            continue  # nothing observed, issued or forecast in this region: a row of zeros says nothing
        for source, counts in days.counts.items():
            if not counts.days:
                continue
            rows.append([name, "已发预警" if source == ISSUED else source, f"{counts.days}天", f"{counts.same}天",
                         f"{counts.higher}天（{counts.false_alarm_days}天）",
                         f"{counts.lower}天（{counts.missed_days}天）"])
    return rows


def _partial_level_days(review: Review, regions: set[str]) -> list[str]:
    from app.review.level_days import region_level_days

    out = []
    for name, days in region_level_days(review).items():
        if name in regions and any(days.partial):
            dates = "、".join(_d(d) for d, p in zip(days.days, days.partial) if p)
            out.append(f"{name}{dates}有联动城市实测不全")
    return out


def _kind_zh(kind: str) -> str:
    return {"hourly": "逐小时PM2.5", "daily-pm25": "PM2.5日均浓度", "daily-aqi": "日AQI",
            "stations": "国控站点逐小时PM2.5（按站点位置归入各单元）",
            "merged": "PM2.5（多个文件按时间合并）"}.get(kind, kind)


def _city_rows(review: Review, scheme: Scheme) -> list[list[str]]:
    name = review.names[0]
    rows = [["城市", "天数", "偏差", "均方根误差", "级别准确率", "半级别准确率", "AQI>150 命中/漏报/空报"]]
    for city in scheme.linkage_cities:
        s = review.cities.get(city, {}).get(name)
        if s is None or not s["days"]:
            continue
        c = s["contingency"]["150"]
        rows.append([city, str(s["days"]), _num(s["bias"]), _num(s["rmse"]), _pct(s["category_accuracy"]),
                     _pct(s["half_level_accuracy"]), f"{c['hits']}/{c['misses']}/{c['false_alarms']}"])
    return rows


# -- PDF ----------------------------------------------------------------------------------------------------

def render_pdf(blocks: list[Block], *, grid: bool = False) -> bytes:
    """``grid``: title, headings and paragraphs set on the letter's grid by the letter's own blocks
    (``proposal_pdf.GridPara``: 28 characters a line, lines broken both ways — no line starts with a closing
    mark — and justified), as the 调度日报 and the 线索推送单 are; the review report keeps platypus's title
    (headings and paragraphs are always set on the grid)."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        Image,
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from app.export.proposal_pdf import A4_H, A4_W, BODY_PT, LINE_PT, MARGINS, MM, TEXT_WIDTH, _styles

    styles = _styles()
    face = fonts.register_reportlab()
    # headings and paragraphs always on the letter's grid by its line breaker (platypus's CJK wrap began lines
    # with "：" and "，"); ``grid`` also sets the title there
    gridded = {kind: set_text for kind, set_text in _gridded().items() if grid or kind != "title"}
    small = ParagraphStyle("cell", parent=styles["p"], fontName=face["body"], fontSize=9, leading=12,
                           firstLineIndent=0, alignment=0)
    head = ParagraphStyle("cellhead", parent=small, fontName=face["sans"])
    note = ParagraphStyle("note", parent=styles["p"], fontSize=12, leading=20, alignment=1, firstLineIndent=0)
    sub = ParagraphStyle("sub", parent=styles["number"], fontName=face["body"])
    story = []
    for b in blocks:
        if b.kind == "masthead":
            story += _masthead_pdf(b, styles)
        elif b.kind == "foot":
            story += _foot_pdf(b, styles)
        elif b.kind in gridded:
            story += gridded[b.kind](b.text)
        elif b.kind == "title":
            story += [Paragraph(escape(b.text), styles["title"])]
        elif b.kind == "subtitle":
            story += [Paragraph(escape(b.text), sub), Spacer(1, LINE_PT / 2)]
        elif b.kind == "note":
            story.append(Paragraph(escape(b.text), note))
        elif b.kind == "image":
            from reportlab.lib.utils import ImageReader

            reader = ImageReader(io.BytesIO(b.image))
            w, h = reader.getSize()
            width = min(TEXT_WIDTH, b.width_mm * MM)
            story.append(Image(io.BytesIO(b.image), width=width, height=width * h / w))
        elif b.kind == "table":
            widths = _col_widths(b.rows, TEXT_WIDTH)
            data = [[Paragraph("<br/>".join(escape(x) for x in cell_lines(c, (widths[k] - 15) / 9.0)),
                               head if r == 0 else small) for k, c in enumerate(row)] for r, row in enumerate(b.rows)]
            table = Table(data, repeatRows=1, colWidths=widths)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                       ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                       ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
            if story and getattr(story[-1], "block", None) is not None and len(b.rows) <= KEPT_ROWS:
                # the sentence introducing a short table (a long one would take the sentence and all its rows
                # to the next page, leaving most of this one blank: it starts where it is and breaks)
                story[-1].keepWithNext = True  # never alone at a page foot, its table on the next page
                gap = Spacer(1, 4)
                gap.keepWithNext = True
            else:
                gap = Spacer(1, 4)
            story += [gap, table if len(b.rows) > 6 else KeepTogether(table), Spacer(1, 10)]

    def page_number(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(styles["page"], 14)
        text, y = f"— {doc.page} —", MARGINS["bottom"] - 7 * MM - 14
        if grid:  # as the letters: odd pages at the right, even at the left, one character in (GB/T 9704 §7.5)
            from app.export.proposal_pdf import BLOCK_LEFT, BLOCK_W

            width = canvas.stringWidth(text, styles["page"], 14)
            x = BLOCK_LEFT + BLOCK_W - 14 - width if doc.page % 2 else BLOCK_LEFT + 14
            canvas.drawString(x, y, text)
        else:
            canvas.drawCentredString(A4_W / 2, y, text)
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=(A4_W, A4_H), topMargin=MARGINS["top"], bottomMargin=MARGINS["bottom"],
                            leftMargin=MARGINS["left"], rightMargin=MARGINS["right"], title=blocks[0].text,
                            creator="HazeDesk", initialFontName=styles["page"], initialFontSize=BODY_PT, invariant=True)
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


RED = "#E60012"
KEPT_ROWS = 12  # a table up to this many rows is kept with the sentence before it


def _gridded() -> dict:
    from app.export.pdf_pages import as_platypus
    from app.export.proposal_pdf import GridPara, _grid_styles

    styles = _grid_styles()
    return {kind: (lambda text, style=styles[kind]: as_platypus([GridPara(text, style)]))
            for kind in ("title", "h1", "p", "recipients")}


def _masthead_pdf(b: Block, styles: dict) -> list:
    """The red name (as a 简报's head), the issue line, then office left and date right above a red rule."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from app.export.proposal_pdf import LINE_PT, TEXT_WIDTH

    size = min(30.0, TEXT_WIDTH / (len(b.text) * 1.04))  # the name on one line, as a 简报's head is set
    red = ParagraphStyle("masthead", parent=styles["title"], fontSize=size, leading=size * 1.5,
                         textColor=colors.HexColor(RED))
    centre = ParagraphStyle("issue", parent=styles["number"])
    left = ParagraphStyle("office", parent=styles["recipients"])
    right = ParagraphStyle("date", parent=styles["signer"], rightIndent=0)
    (issue,), (office, day) = b.rows
    line = Table([[Paragraph(escape(office), left), Paragraph(escape(day), right)]], colWidths=[TEXT_WIDTH * 0.7,
                                                                                               TEXT_WIDTH * 0.3])
    line.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, 0), 1.5, colors.HexColor(RED)),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return [Paragraph(escape(b.text), red), Paragraph(escape(issue), centre), line, Spacer(1, LINE_PT / 2)]


def _foot_pdf(b: Block, styles: dict) -> list:
    """The 版记: its lines between a thick rule above and below, thin rules between them; a line of two parts
    has the first at the left and the second at the right (印发机关 … 印发日期)."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from app.export.proposal_pdf import LINE_PT, TEXT_WIDTH

    def line(parts):
        if len(parts) == 1:
            return Paragraph(escape(parts[0]), styles["record"])
        from reportlab.pdfbase.pdfmetrics import stringWidth

        right = styles["record-right"]
        room = stringWidth(parts[1], right.fontName, right.fontSize) + right.rightIndent + right.fontSize  # the date
        pair = Table([[Paragraph(escape(parts[0]), styles["record"]), Paragraph(escape(parts[1]), right)]],
                     colWidths=[TEXT_WIDTH - room, room])
        pair.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                  ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        return pair

    rows = [[line(parts)] for parts in b.rows]
    table = Table(rows, colWidths=[TEXT_WIDTH])
    table.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 1.0, colors.black),
                               ("LINEBELOW", (0, -1), (-1, -1), 1.0, colors.black),
                               *[("LINEBELOW", (0, i), (-1, i), 0.5, colors.black) for i in range(len(rows) - 1)],
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [Spacer(1, LINE_PT), _at_foot(table)]


def _at_foot(table):
    """The 版记 at the foot of the last page (GB/T 9704 §7.4.1): it takes the rest of the page and draws at its
    bottom; on a page without room for it, it goes to the next."""
    from reportlab.platypus import Flowable

    class AtFoot(Flowable):
        def wrap(self, avail_width, avail_height):
            _, need = table.wrap(avail_width, avail_height)
            self.width, self.height = avail_width, (max(need, avail_height - 1) if need <= avail_height else need)
            return self.width, self.height

        def split(self, avail_width, avail_height):
            return []

        def draw(self):
            table.drawOn(self.canv, 0, 0)

    return AtFoot()


CLOSING = "，、；：。）」』】〕/%"
OPENING = "（「『【〔"


def words(text: str) -> list[str]:
    """A cell's text cut where a line may break: a Latin word or number stays whole with the unit character
    after it (sample-red-plain-south, AQI>150, 12月, 38), Chinese breaks between pairs of characters (盆地|中部|
    地区: never 盆地中部地|区), closing punctuation stays with what it follows and opening with what follows it
    (no line starts with "，" or "："), spaces end a word; a Chinese run of four characters or fewer stays whole."""
    import re

    tokens = []  # a run of up to four characters stays whole (已逾期, 命中率), a longer one breaks between pairs
    for token in re.findall(r"[A-Za-z0-9.<>=+\-_:·#()]+[年月日时号]?|[\u4e00-\u9fff]+|\s+|.", str(text)):
        long_run = len(token) > 4 and "\u4e00" <= token[0] <= "\u9fff"
        tokens += [token[i:i + 2] for i in range(0, len(token), 2)] if long_run else [token]
    out: list[str] = []
    pending = ""
    for token in tokens:
        if token in OPENING:
            pending += token
        elif (token in CLOSING or token.isspace()) and out:
            out[-1] += token
        elif out and not pending and token[:1].isdigit() and len(out[-1]) == 1 and "\u4e00" <= out[-1] <= "\u9fff":
            out[-1] += token  # a character glued to a number stays with it: 渝20260113-02, 至24日
        else:
            out.append(pending + token)
            pending = ""
    if pending:
        out.append(pending)
    return out


def cell_lines(text: str, width_chars: float) -> list[str]:
    """The cell's text as lines of whole words, each at most ``width_chars`` wide when its words allow; a word
    wider than that is a line of its own (the column's floor is its widest word, so that is rare)."""
    lines: list[str] = []
    for word in words(text):
        if lines and _width_of((lines[-1] + word).rstrip()) <= width_chars + 1e-6:
            lines[-1] += word
        else:
            lines.append(word)
    return [line.strip() for line in lines] or [""]


def _col_widths(rows: list[list[str]], total: float, char: float = 9.0, pad: float = 15.0) -> list[float]:
    """Column widths (in the unit of ``total``; ``char``: one Chinese character, ``pad``: cell padding): each
    column as wide as its longest cell, then the widest ones narrowed first (their text wraps between words)
    until the table fits, never below the column's widest word; a table narrower than ``total`` is widened in
    proportion."""
    widths = [max(_width_of(r[i]) for r in rows) * char + pad for i in range(len(rows[0]))]
    floors = [max(_width_of(w.strip()) for r in rows for w in words(r[i]) or [""]) * char + pad
              for i in range(len(rows[0]))]
    if sum(floors) <= total:
        return _narrowed(widths, floors, total)
    floor = 4 * char + pad
    while sum(widths) > total + 0.01:
        top = max(widths)
        if top <= floor:
            break
        at_top = [i for i, w in enumerate(widths) if w >= top - 1e-9]
        lower = max([w for w in widths if w < top - 1e-9], default=floor)
        cut = min(top - max(lower, floor), (sum(widths) - total) / len(at_top))
        for i in at_top:
            widths[i] = top - cut
    return [w * total / sum(widths) for w in widths] if sum(widths) < total else widths


def _narrowed(widths: list[float], floors: list[float], total: float) -> list[float]:
    """The widest columns narrowed in turn, each down to its floor, until the table fits ``total``."""
    widths = list(widths)
    while sum(widths) > total + 0.01:
        movable = [i for i, w in enumerate(widths) if w > floors[i] + 1e-9]
        top = max(widths[i] for i in movable)
        at_top = [i for i in movable if widths[i] >= top - 1e-9]
        lower = max([widths[i] for i in movable if widths[i] < top - 1e-9], default=0.0)
        cut = min(min(top - max(lower, floors[i]) for i in at_top), (sum(widths) - total) / len(at_top))
        for i in at_top:
            widths[i] = top - cut
    return [w * total / sum(widths) for w in widths] if sum(widths) < total else widths


def _width_of(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in str(text))


# -- Word ---------------------------------------------------------------------------------------------------

def render_docx(blocks: list[Block], *, word_fonts: str = "auto") -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    from app.export.fonts import WORD_SUBSTITUTES, resolve_word_fonts

    choice = resolve_word_fonts(word_fonts)

    def face(office: str) -> str:
        return office if choice == "office" else WORD_SUBSTITUTES[office]

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    def run_font(run, office: str, size: float, bold: bool = False) -> None:
        run.font.size = Pt(size)
        run.font.bold = bold or (office == "方正小标宋简体" and choice != "office")
        run.font.name = face(office)
        rpr = run._element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(rfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            rfonts.set(qn(attr), face(office))

    def paragraph(text: str, office: str, size: float, *, align=None, indent: bool = True, line: float = 28):
        p = document.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(2 * size)
        if align is not None:
            p.alignment = align
        run_font(p.add_run(text), office, size)
        return p

    def rules(p, *, top: float = 0, bottom: float = 0, colour: str = "000000") -> None:
        from docx.oxml import OxmlElement

        border = OxmlElement("w:pBdr")
        for side, size in (("top", top), ("bottom", bottom)):
            if size:
                edge = OxmlElement(f"w:{side}")
                for k, v in (("w:val", "single"), ("w:sz", str(int(size * 8))), ("w:space", "1"),
                             ("w:color", colour)):
                    edge.set(qn(k), v)
                border.append(edge)
        p._p.get_or_add_pPr().append(border)

    for b in blocks:
        if b.kind == "masthead":
            size = min(30.0, 156 / 25.4 * 72 / (len(b.text) * 1.04))
            head = paragraph(b.text, "方正小标宋简体", size, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
                             line=size * 1.5)
            for run in head.runs:
                run.font.color.rgb = RGBColor.from_string(RED[1:])
            (issue,), (office, day) = b.rows
            paragraph(issue, "仿宋_GB2312", 16, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
            line = paragraph(f"{office}\t{day}", "仿宋_GB2312", 16, indent=False)
            line.paragraph_format.tab_stops.add_tab_stop(Mm(156), WD_TAB_ALIGNMENT.RIGHT)
            rules(line, bottom=1.5, colour=RED[1:])
        elif b.kind == "foot":
            for n, parts in enumerate(b.rows):
                foot = paragraph("\t".join(parts), "仿宋_GB2312", 14, indent=False)
                if len(parts) > 1:
                    foot.paragraph_format.tab_stops.add_tab_stop(Mm(156), WD_TAB_ALIGNMENT.RIGHT)
                rules(foot, top=1.0 if n == 0 else 0.5, bottom=1.0 if n == len(b.rows) - 1 else 0)
        elif b.kind == "title":
            paragraph(b.text, "方正小标宋简体", 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, line=35)
        elif b.kind == "subtitle":
            paragraph(b.text, "仿宋_GB2312", 16, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        elif b.kind == "h1":
            paragraph(b.text, "黑体", 16).paragraph_format.keep_with_next = True  # never alone at a page foot
        elif b.kind == "p":
            paragraph(b.text, "仿宋_GB2312", 16)
        elif b.kind == "recipients":
            paragraph(b.text, "仿宋_GB2312", 16, indent=False)
        elif b.kind == "note":
            paragraph(b.text, "仿宋_GB2312", 12, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, line=20)
        elif b.kind == "image":
            p = document.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run().add_picture(io.BytesIO(b.image), width=Mm(min(156.0, b.width_mm)))
        elif b.kind == "table":
            table = document.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            widths = _col_widths(b.rows, 156.0, char=9 * 25.4 / 72, pad=4.8)
            table.autofit = False  # the widths below, not Word's or LibreOffice's guess
            for c, column in enumerate(table.columns):
                column.width = Mm(widths[c])
            for r, row in enumerate(b.rows):
                cells = table.rows[r].cells  # once a row: table.cell(r, c) walks the whole table at each call
                for c, text in enumerate(row):
                    cell = cells[c]
                    cell.width = Mm(widths[c])
                    cp = cell.paragraphs[0]
                    cp.paragraph_format.space_after = Pt(0)
                    text = "\n".join(cell_lines(text, (widths[c] - 4.8) / (9 * 25.4 / 72)))
                    run_font(cp.add_run(text), "黑体" if r == 0 else "仿宋_GB2312", 9)
    from app.export.docx_pages import page_number_footer

    page_number_footer(document, "— ", " —", size_pt=14)  # as the PDF numbers its pages
    from app.export.docx_xml import keep_standard_numbers

    keep_standard_numbers(document)  # "HJ 633-2012" never split across lines, as in the letter
    if choice == "bundled":  # a recipient without the bundled faces sees them all the same
        from app.export.docx_fonts import embed_fonts

        embed_fonts(document)
    props = document.core_properties
    props.title = blocks[0].text
    props.author = "HazeDesk"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_review_report(review: Review, scheme: Scheme, *, docx: str | Path | None = None,
                        pdf: str | Path | None = None, texts: dict[str, str] | None = None,
                        case: dict | None = None, boundaries=None) -> dict[str, str]:
    """Write the report as Word and/or PDF (atomically); returns format → path."""
    if boundaries is None:
        from maps.boundaries import load_boundaries

        boundaries = load_boundaries()
    blocks = report_blocks(review, scheme, texts=texts, case=case, boundaries=boundaries)
    written = {}
    if docx:
        write_bytes_atomic(docx, render_docx(blocks))
        written["docx"] = str(Path(docx).resolve())
    if pdf:
        write_bytes_atomic(pdf, render_pdf(blocks))
        written["pdf"] = str(Path(pdf).resolve())
    from app.export.audit import record_export

    record_export("review-report", [p for p in (docx, pdf) if p], scheme_id=scheme.id, scheme_version=scheme.version,
                  details={"case": (case or {}).get("id"), "forecasts": list(review.names),
                           "period": [str(t.date()) for t in review.period]})
    return written
