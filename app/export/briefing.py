"""The offline briefing pack: one PDF with a cover, the regional summary table, a map per forecast day, the
timelines of the warned cities and the proposal letter. ReportLab with the bundled fonts embedded; maps and
timelines are 200 dpi images from the same layouts as the map exports. Portrait pages for text, landscape for
maps and charts."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from app.atomic import check_output_folder, write_bytes_atomic
from app.domain.forecast import ForecastMeta
from app.domain.letter_wording import fmt_end, letter_source, version_text
from app.domain.progress import NO_PROGRESS, Progress
from app.domain.proposal import DEFAULT_SOURCE, LEVEL_ZH, Proposal, fmt_hour
from app.domain.results import Evaluation
from app.domain.scheme import BEIJING, Scheme
from app.export import fonts
from app.export.audit import record_export
from app.export.letters import _findings_details
from app.export.map_layers import forecast_days, frame_at
from app.export.maps import MapExporter
from app.export.pdf_pages import as_platypus
from app.export.proposal_pdf import (
    A4_H,
    A4_W,
    MARGINS,
    lower_red_rule,
    on_letterhead_first_page,
    proposal_flowables,
    record_canvas,
)
from app.export.proposal_record import combined_record
from app.export.timelines import region_panels_png, warned_by_region

MAP_DPI = 200
GRID_DAYS = 12  # day columns of one grid table: 90 + 12 × 52 pt fit the 756 pt landscape frame
RULES = {"within-region": "区域内", "across-regions": "跨区域"}


def _styles():
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    face = fonts.register_reportlab()
    base = ParagraphStyle("brief", fontName=face["sans"], fontSize=10.5, leading=16, wordWrap="CJK",
                          bulletFontName=face["sans"])
    return {
        "cover": ParagraphStyle("cover", parent=base, fontName=face["title"], fontSize=26, leading=40,
                                alignment=TA_CENTER),
        "cover-sub": ParagraphStyle("cover-sub", parent=base, fontSize=13, leading=24, alignment=TA_CENTER),
        "h": ParagraphStyle("h", parent=base, fontName=face["sans-bold"], fontSize=15, leading=24, spaceAfter=8),
        "p": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12.5),
        "cell-head": ParagraphStyle("cell-head", parent=base, fontName=face["sans-bold"], fontSize=9, leading=12.5),
        "face": face,
    }


def _short_hour(t) -> str:
    """12月21日00时: the year is on the cover."""
    t = t.astimezone(BEIJING)
    return f"{t.month}月{t.day}日{t.hour:02d}时"


def _short_end(t) -> str:
    end = fmt_end(t)
    return end[end.index("年") + 1:]


def wrap_items(text: str, width: float, font: str, size: float) -> list[str]:
    """Lines of ``text`` no wider than ``width``, broken only after a list separator (、，；) or at a space, so
    that a city name or a time ("21日00时") never breaks inside (a single item longer than the width is kept
    whole and may overflow rather than break)."""
    import re

    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces = [p for p in re.split(r"(?<=[、，；])|(?<= )", text) if p]
    lines, current = [], ""
    for piece in pieces:
        if current and stringWidth(current + piece.rstrip(), font, size) > width:
            lines.append(current.rstrip())
            current = piece
        else:
            current += piece
    if current:
        lines.append(current.rstrip())
    return lines


def lead_cell(episode, forecast_start: datetime | None) -> str:
    """The summary's 提前量 cell: an episode that began in the observed hours has none (spec §7) — it is running
    (已出现), or it ended before the forecast (实况)."""
    if episode.observed_hours > 0:
        if forecast_start is not None and episode.end < forecast_start:
            return "实况（已结束）"
        return "实况已出现，不计提前量"
    if episode.lead_time_hours is None:
        return "未知"
    if episode.lead_time_hours < 0:  # issued after the start: a mistake to check, not a lead time
        return "发布晚于开始，请核对发布时间"
    return f"{episode.lead_time_hours:.0f}小时" + ("，不足72小时" if episode.lead_time_short else "")


def briefing_days(evaluation: Evaluation) -> list:
    """The days the briefing maps and grids: the forecast's, and before them the observed days of the episodes
    still running at the forecast's first hour (a winter of observations spliced before it is not the briefing's
    subject: the cover gives its period)."""
    days = forecast_days(evaluation)
    f = evaluation.forecast_start
    if f is None or not evaluation.observed_hours:
        return days
    running = [e.start for e in evaluation.episodes if e.observed_hours > 0 and e.end >= f]
    first = min([f, *running]).astimezone(BEIJING).date()
    return [d for d in days if d >= first]


def cover_periods(evaluation: Evaluation) -> list[str]:
    """The cover's periods: the forecast's, and the observations spliced before it (实况) when there are any."""
    f = evaluation.forecast_start if evaluation.observed_hours else None
    if f is None:
        return [f"预报时段：{fmt_hour(evaluation.times[0])} 至 {fmt_end(evaluation.times[-1])}"]
    return [f"预报时段：{fmt_hour(f)} 至 {fmt_end(evaluation.times[-1])}",
            f"实况时段：{fmt_hour(evaluation.times[0])} 至 {fmt_end(f - timedelta(hours=1))}"]


def _summary_table(evaluation: Evaluation, styles: dict):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    from app.domain.levels import LEVEL_COLOURS

    head = ["#", "区域", "等级", "开始", "结束", "触发（相邻城市）", "预警城市", "提前量", "审批"]
    widths = [18, 72, 34, 76, 76, 150, 174, 76, 80]  # 756 pt: a landscape A4 frame
    cell_style = styles["cell"]
    pad = 12  # the table's left + right cell padding

    def cell(text: str, column: int):
        lines = wrap_items(text, widths[column] - pad, cell_style.fontName, cell_style.fontSize)
        return Paragraph("<br/>".join(escape(line) for line in lines), cell_style)

    rows = [[Paragraph(escape(h), styles["cell-head"]) for h in head]]
    for i, e in enumerate(evaluation.episodes, start=1):
        lead = lead_cell(e, evaluation.forecast_start)
        trigger = ("区域内" if e.rule == "within-region" else "跨区域") + f"{len(e.trigger_cities)}城：" + \
            "、".join(e.trigger_cities)
        warned = "、".join(c + ("（自身" + LEVEL_ZH[lvl] + "）" if c in e.own_higher else "")
                          for c, lvl in e.warned_cities.items())
        approval = "省（市）政府审批" if e.level == "red" else "工作小组组长审批"
        values = [str(i), e.region, LEVEL_ZH[e.level], _short_hour(e.start), _short_end(e.end), trigger,
                  f"{len(e.warned_cities)}城：{warned}", lead, approval]
        rows.append([cell(v, c) for c, v in enumerate(values)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [("FONTNAME", (0, 0), (-1, -1), styles["face"]["sans"]),  # else ReportLab sets Helvetica per cell
             ("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf4")),
             ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for i, e in enumerate(evaluation.episodes, start=1):
        r, g, b = LEVEL_COLOURS[e.level]
        style.append(("BACKGROUND", (2, i), (2, i), colors.Color(r / 255, g / 255, b / 255)))
    table.setStyle(TableStyle(style))
    return table


def _day_grid(evaluation: Evaluation, scheme: Scheme, styles: dict) -> list:
    """Regions × days: the regional warning level each day (highest hour); observed days marked 实况."""
    days = briefing_days(evaluation)
    if len(days) > GRID_DAYS:  # a table wider than the landscape frame is cut off: one table per GRID_DAYS days
        from reportlab.platypus import Spacer

        out = []
        for k in range(0, len(days), GRID_DAYS):
            out += [_day_table(evaluation, scheme, styles, days[k:k + GRID_DAYS]), Spacer(1, 10)]
        return out[:-1]
    return [_day_table(evaluation, scheme, styles, days)]


def _day_table(evaluation: Evaluation, scheme: Scheme, styles: dict, days: list):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    from app.domain.levels import LEVEL_COLOURS
    from app.domain.scheme import LEVELS

    f = evaluation.forecast_start
    observed = f.astimezone(BEIJING).date() if f is not None and evaluation.observed_hours else None
    rows = [["区域", *[f"{d.month}/{d.day}" + ("\n实况" if observed and d < observed else "") for d in days]]]
    style = [("FONTNAME", (0, 0), (-1, -1), styles["face"]["sans"]), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("ALIGN", (1, 0), (-1, -1), "CENTER"),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for r, region in enumerate(scheme.regions, start=1):
        warned = evaluation.region_warned.get(region.name)
        row = [region.name]
        for c, day in enumerate(days, start=1):
            hours = [i for i, t in enumerate(evaluation.times) if t.date() == day]
            rank = int(warned[hours].max()) if warned is not None and hours else 0
            row.append(LEVEL_ZH[LEVELS[rank]] if rank else "—")
            red, green, blue = LEVEL_COLOURS[LEVELS[rank]]
            style.append(("BACKGROUND", (c, r), (c, r), colors.Color(red / 255, green / 255, blue / 255)))
        rows.append(row)
    table = Table(rows, colWidths=[90] + [52] * len(days))
    table.setStyle(TableStyle(style))
    return table


def _letters(proposal: Proposal | Sequence[Proposal] | None) -> list[Proposal]:
    if proposal is None:
        return []
    return [proposal] if isinstance(proposal, Proposal) else list(proposal)


def build_briefing(evaluation: Evaluation, meta: ForecastMeta, scheme: Scheme, *,
                   proposal: Proposal | Sequence[Proposal] | None, exporter: MapExporter | None = None,
                   progress: Progress = NO_PROGRESS, consultation=None, red_header: str | list[str] = "") -> bytes:
    """``red_header``: the letters' 红头 as their own files carry them (one for all, or one per letter);
    ``proposal``: the letter, or every letter written in the run (in order, each from a new page, the pack
    carrying one record of them all, as a combined letter file does); ``consultation``: a recorded 会商 decision
    (app.consultation.ConsultationRecord); its 会商纪要 goes in before the letters."""
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        Image,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
    )

    styles = _styles()
    exporter = exporter or MapExporter(evaluation, meta, scheme)
    issued = fmt_hour(evaluation.issued_at) if evaluation.issued_at else "未知"
    story = [Spacer(1, 60 * mm), Paragraph("川渝地区重污染天气会商简报", styles["cover"]), Spacer(1, 12 * mm)]
    source = letter_source(None, meta.label, DEFAULT_SOURCE)
    for line in (f"预报来源：{source}", f"预报发布：{issued}",
                 *cover_periods(evaluation),
                 f"评估依据：《{scheme.title}》" + (f"（{version_text(scheme.version)}）" if scheme.version else ""),
                 f"空气质量指数：{evaluation.aqi_edition}",
                 f"区域预警过程：{len(evaluation.episodes)} 个",
                 f"制作：{fmt_hour(datetime.now(BEIJING))}"):
        story.append(Paragraph(escape(line), styles["cover-sub"]))
    # summary, maps and timelines on landscape pages
    story += [NextPageTemplate("landscape"), PageBreak(), Paragraph("一、区域预警概况", styles["h"])]
    if evaluation.episodes:
        story.append(_summary_table(evaluation, styles))
    else:
        story.append(Paragraph("本次预报未达到区域预警启动条件。", styles["p"]))
    story += [Spacer(1, 8 * mm), Paragraph("二、各区域逐日预警等级", styles["h"]),
              *_day_grid(evaluation, scheme, styles)]

    days = briefing_days(evaluation)
    regions = warned_by_region(evaluation)
    steps = len(days) + len(regions) + 1
    land_w, land_h = A4_H - 30 * mm, A4_W - 30 * mm
    # the maps are A4 landscape pages in their own right (title, legend, footer): one per page, at full size,
    # on a page template without the briefing's footer (no shrunk copy, no second footer)
    story.append(NextPageTemplate("map"))
    for i, day in enumerate(days):
        progress.report(i / steps, f"地图 {day}")
        exporter.render(frame_at(evaluation, "warning", day=day))
        story += [PageBreak(), Image(io.BytesIO(exporter.to_bytes("png", MAP_DPI)), width=A4_H, height=A4_W)]
    story.append(NextPageTemplate("landscape"))
    for j, (region, cities) in enumerate(regions.items()):
        progress.report((len(days) + j) / steps, f"时间线 {region}")
        png, size_mm = region_panels_png(evaluation, region, cities, dpi=MAP_DPI, width_mm=land_w / mm,
                                         max_height_mm=land_h / mm)
        story += [PageBreak(), Image(io.BytesIO(png), width=size_mm[0] * mm, height=size_mm[1] * mm)]
    if consultation is not None:
        from app.export.minutes import minutes_flowables

        story += [PageBreak(), *minutes_flowables(consultation)]
    story += [NextPageTemplate("portrait"), PageBreak()]
    letters = _letters(proposal)
    if letters:
        from app.domain.letter_sets import header_per_letter

        record = combined_record(letters)
        headers = header_per_letter(red_header, len(letters))
        for k, letter in enumerate(letters):
            if k:
                story.append(PageBreak())
            # the first letter carries the record of them all (read back in order, as a combined file)
            story += as_platypus(proposal_flowables(letter, red_header=headers[k], with_record=k == 0,
                                                    record=record if k == 0 else None))
    else:
        story.append(Paragraph("（本简报不含预警建议函。）", styles["p"]))
    progress.report((len(days) + len(regions)) / steps, "排版")

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(styles["face"]["sans"], 8)
        width = canvas._pagesize[0]  # portrait or landscape, whichever this page is
        canvas.drawCentredString(width / 2, 10 * mm, f"川渝地区重污染天气会商简报 · 第 {doc.page} 页")
        canvas.restoreState()

    def letter_foot(canvas, doc) -> None:
        # a copy of a letter set in the 信函 form looks as the letter does: its first page ends in the red rule
        if on_letterhead_first_page(canvas):
            lower_red_rule(canvas)

    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(A4_W, A4_H), title="川渝地区重污染天气会商简报", creator="HazeDesk",
                          author=meta.label, initialFontName=styles["face"]["sans"], invariant=True)
    portrait = Frame(MARGINS["left"], MARGINS["bottom"], A4_W - MARGINS["left"] - MARGINS["right"],
                     A4_H - MARGINS["top"] - MARGINS["bottom"], id="portrait", leftPadding=0, rightPadding=0,
                     topPadding=0, bottomPadding=0)  # the letter's 156 × 225 mm block
    landscape = Frame(15 * mm, 15 * mm, A4_H - 30 * mm, A4_W - 30 * mm, id="landscape", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
    whole = Frame(0, 0, A4_H, A4_W, id="map", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("portrait", [portrait], onPage=footer, onPageEnd=letter_foot,
                                       pagesize=(A4_W, A4_H)),
                          PageTemplate("landscape", [landscape], onPage=footer, pagesize=(A4_H, A4_W)),
                          PageTemplate("map", [whole], pagesize=(A4_H, A4_W))])
    doc.build(story, canvasmaker=record_canvas())  # the letters' record with each letter's pages
    progress.report(1.0, "")
    return buffer.getvalue()


def export_briefing(evaluation: Evaluation, meta: ForecastMeta, scheme: Scheme, out: str | Path, *,
                    proposal: Proposal | Sequence[Proposal] | None, exporter: MapExporter | None = None,
                    edits: Sequence[str] = (),
                    progress: Progress = NO_PROGRESS, consultation=None, red_header: str | list[str] = "") -> Path:
    check_output_folder(out)  # before the maps are drawn, not after
    letters = _letters(proposal)
    data = build_briefing(evaluation, meta, scheme, proposal=proposal, exporter=exporter, progress=progress,
                          consultation=consultation, red_header=red_header)
    write_bytes_atomic(out, data)
    record_export("briefing", [Path(out)], scheme_id=scheme.id, scheme_version=scheme.version,
                  forecast_sha256=meta.sha256, forecast_path=meta.source_path, edits=edits,
                  details={"episodes": len(evaluation.episodes), "with_proposal": bool(letters),
                           "letters": [{"kind": p.kind, "title": p.title, "doc_number": p.doc_number,
                                        "side": p.side} for p in letters],
                           **_findings_details(letters[0] if letters else None)})
    return Path(out)
