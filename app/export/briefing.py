"""The offline briefing pack: one PDF with a cover, the regional summary table, a map per forecast day, the
timelines of the warned cities and the proposal letter. ReportLab with the bundled fonts embedded; maps and
timelines are 200 dpi images from the same layouts as the map exports. Portrait pages for text, landscape for
maps and charts."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from app import __version__
from app.atomic import write_bytes_atomic
from app.domain.forecast import ForecastMeta
from app.domain.progress import NO_PROGRESS, Progress
from app.domain.proposal import LEVEL_ZH, Proposal, fmt_end, fmt_hour
from app.domain.results import Evaluation
from app.domain.scheme import BEIJING, Scheme
from app.export import fonts
from app.export.audit import record_export
from app.export.letters import _findings_details
from app.export.map_layers import forecast_days, frame_at
from app.export.maps import MapExporter
from app.export.proposal_pdf import A4_H, A4_W, MARGINS, proposal_flowables
from app.export.timelines import region_timeline_png, warned_by_region

MAP_DPI = 200
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
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "face": face,
    }


def _summary_table(evaluation: Evaluation, styles: dict):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    from app.domain.levels import LEVEL_COLOURS

    def cell(text: str):
        return Paragraph(escape(text), styles["cell"])

    head = ["#", "区域", "等级", "开始", "结束", "触发规则", "触发城市", "提前量", "审批"]
    rows = [[cell(h) for h in head]]
    for i, e in enumerate(evaluation.episodes, start=1):
        lead = "未知" if e.lead_time_hours is None else f"{e.lead_time_hours:.0f} h" + ("（不足72 h）" if e.lead_time_short else "")
        rows.append([cell(str(i)), cell(e.region), cell(LEVEL_ZH[e.level]), cell(fmt_hour(e.start)), cell(fmt_end(e.end)),
                     cell(RULES.get(e.rule, e.rule)), cell("、".join(e.trigger_cities)), cell(lead), cell(e.approval)])
    widths = [20, 80, 36, 90, 90, 50, 170, 70, 150]  # 756 pt: a landscape A4 frame
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [("FONTNAME", (0, 0), (-1, -1), styles["face"]["sans"]), ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf4")), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for i, e in enumerate(evaluation.episodes, start=1):
        r, g, b = LEVEL_COLOURS[e.level]
        style.append(("BACKGROUND", (2, i), (2, i), colors.Color(r / 255, g / 255, b / 255)))
    table.setStyle(TableStyle(style))
    return table


def _day_grid(evaluation: Evaluation, scheme: Scheme, styles: dict):
    """Regions × days: the regional warning level each day (highest hour)."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    from app.domain.levels import LEVEL_COLOURS
    from app.domain.scheme import LEVELS

    days = forecast_days(evaluation)
    rows = [["区域", *[f"{d.month}/{d.day}" for d in days]]]
    style = [("FONTNAME", (0, 0), (-1, -1), styles["face"]["sans"]), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("ALIGN", (1, 0), (-1, -1), "CENTER")]
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


def build_briefing(evaluation: Evaluation, meta: ForecastMeta, scheme: Scheme, *, proposal: Proposal | None,
                   exporter: MapExporter | None = None, progress: Progress = NO_PROGRESS,
                   consultation=None) -> bytes:
    """``consultation``: a recorded 会商 decision (app.consultation.ConsultationRecord); its 会商纪要 goes in
    before the letter."""
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
    for line in (f"预报来源：{meta.label or '未注明'}", f"预报发布：{issued}",
                 f"预报时段：{fmt_hour(evaluation.times[0])} 至 {fmt_end(evaluation.times[-1])}",
                 f"评估依据：《{scheme.title}》（{scheme.version}），{evaluation.aqi_edition}",
                 f"区域预警过程：{len(evaluation.episodes)} 个",
                 f"生成：{datetime.now(BEIJING):%Y-%m-%d %H:%M}，HazeDesk {__version__}"):
        story.append(Paragraph(escape(line), styles["cover-sub"]))
    # summary, maps and timelines on landscape pages
    story += [NextPageTemplate("landscape"), PageBreak(), Paragraph("一、区域预警概况", styles["h"])]
    if evaluation.episodes:
        story.append(_summary_table(evaluation, styles))
    else:
        story.append(Paragraph("本次预报未达到区域预警启动条件。", styles["p"]))
    story += [Spacer(1, 8 * mm), Paragraph("二、各区域逐日预警等级", styles["h"]),
              _day_grid(evaluation, scheme, styles), PageBreak()]

    days = forecast_days(evaluation)
    regions = warned_by_region(evaluation)
    steps = len(days) + len(regions) + 1
    land_w, land_h = A4_H - 30 * mm, A4_W - 30 * mm
    pages = []
    for i, day in enumerate(days):
        progress.report(i / steps, f"地图 {day}")
        exporter.render(frame_at(evaluation, "warning", day=day))
        mm_scale = min(land_w / 297, land_h / 210) * 0.99  # the A4 landscape map, shrunk to the frame
        pages.append(Image(io.BytesIO(exporter.to_bytes("png", MAP_DPI)), width=297 * mm_scale,
                           height=210 * mm_scale))
    for j, (region, cities) in enumerate(regions.items()):
        progress.report((len(days) + j) / steps, f"时间线 {region}")
        pages.append(Image(io.BytesIO(region_timeline_png(evaluation, region, cities, dpi=MAP_DPI)),
                           width=land_w, height=land_w * 150 / 250))
    for k, page in enumerate(pages):
        story.append(page)
        if k < len(pages) - 1:
            story.append(PageBreak())
    if consultation is not None:
        from app.export.minutes import minutes_flowables

        story += [PageBreak(), *minutes_flowables(consultation)]
    story += [NextPageTemplate("portrait"), PageBreak()]
    if proposal is not None:
        story += proposal_flowables(proposal)
    else:
        story.append(Paragraph("（本简报不含预警建议函。）", styles["p"]))
    progress.report((len(days) + len(regions)) / steps, "排版")

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(styles["face"]["sans"], 8)
        width = canvas._pagesize[0]  # portrait or landscape, whichever this page is
        canvas.drawCentredString(width / 2, 10 * mm, f"川渝地区重污染天气会商简报 · 第 {doc.page} 页")
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(A4_W, A4_H), title="川渝地区重污染天气会商简报", creator="HazeDesk",
                          author=meta.label, initialFontName=styles["face"]["sans"], invariant=True)
    portrait = Frame(MARGINS["left"], MARGINS["bottom"], A4_W - MARGINS["left"] - MARGINS["right"],
                     A4_H - MARGINS["top"] - MARGINS["bottom"], id="portrait")
    landscape = Frame(15 * mm, 15 * mm, A4_H - 30 * mm, A4_W - 30 * mm, id="landscape", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("portrait", [portrait], onPage=footer, pagesize=(A4_W, A4_H)),
                          PageTemplate("landscape", [landscape], onPage=footer, pagesize=(A4_H, A4_W))])
    doc.build(story)
    progress.report(1.0, "")
    return buffer.getvalue()


def export_briefing(evaluation: Evaluation, meta: ForecastMeta, scheme: Scheme, out: str | Path, *,
                    proposal: Proposal | None, exporter: MapExporter | None = None, edits: Sequence[str] = (),
                    progress: Progress = NO_PROGRESS, consultation=None) -> Path:
    data = build_briefing(evaluation, meta, scheme, proposal=proposal, exporter=exporter, progress=progress,
                          consultation=consultation)
    write_bytes_atomic(out, data)
    record_export("briefing", [Path(out)], scheme_id=scheme.id, scheme_version=scheme.version,
                  forecast_sha256=meta.sha256, forecast_path=meta.source_path, edits=edits,
                  details={"episodes": len(evaluation.episodes), "with_proposal": proposal is not None,
                           **_findings_details(proposal)})
    return Path(out)
