"""The 会商纪要 (consultation minutes): the sources, the agreement grid region × day, the dissent, what the
sources lacked, the decision and who recorded it — from a :class:`~app.consultation.ConsultationRecord`.

PDF with ReportLab (bundled fonts embedded, landscape A4 so a week of days fits the grid) or Word with
python-docx. Written atomically and recorded in the audit log, like every export.
"""

from __future__ import annotations

import io
from datetime import UTC
from pathlib import Path
from xml.sax.saxutils import escape

from app.atomic import write_bytes_atomic
from app.consultation.record import ConsultationRecord
from app.consultation.text import (
    LEVEL_SHORT,
    LEVEL_ZH,
    basis_sentence,
    day_text,
    decision_lines,
    dissent_lines,
    method_sentence,
    observed_day,
    observed_sentence,
    when,
)
from app.domain.levels import LEVEL_COLOURS
from app.domain.scheme import BEIJING

TITLE = "川渝地区重污染天气预测会商纪要"
DARK_LEVELS = ("red",)  # cells whose colour needs white text
MODE_ZH = {"calendar": "自然日（0—24时）日AQI", "rolling": "滑动24小时日AQI"}  # as the letters write it


def cell_text(record: ConsultationRecord, region: str, day: str) -> str:
    cell = record.regions[region][day]
    n = len(cell["levels"])
    if not n:
        return "无预报"
    counts = cell["count"]
    return f"{LEVEL_SHORT['yellow']}{counts['yellow']} {LEVEL_SHORT['orange']}{counts['orange']} " \
           f"{LEVEL_SHORT['red']}{counts['red']}／{n}"


def grid_day(record: ConsultationRecord, day: str) -> str:
    """A day's column heading: its date, and 实况 for a day observed whole before the forecasts."""
    return day_text(day) + ("（实况）" if observed_day(record, day) else "")


def consensus_level(record: ConsultationRecord, region: str, day: str) -> str | None:
    return record.consensus.get("levels", {}).get(region, {}).get(day)


def sections(record: ConsultationRecord) -> list[tuple[str, list[str]]]:
    """The minutes' text, section by section (the grid and the source table are drawn beside it)."""
    from app.domain.letter_wording import fmt_minute

    recorded = fmt_minute(record.recorded_at.astimezone(BEIJING)) if record.recorded_at else "未记录"
    head = [f"会商时间：{recorded}。" + (f"记录人：{record.recorded_by}。" if record.recorded_by else "")]
    if record.participants:
        head.append(f"参会单位及人员：{record.participants.rstrip('。')}。")
    head += [f"评估依据：{_scheme_title(record)}，各家预报按{MODE_ZH.get(record.mode, record.mode)}统一评估。",
             basis_sentence(record, observed=False)]
    if observed_sentence(record):
        head.append(observed_sentence(record))
    dissent = dissent_lines(record) or ["各家预报在各区域、各日的预警等级与会商结论一致。"]
    gaps = [g.text("zh") + "。" for g in record.missing] or ["各家预报均覆盖全部区域和日期。"]
    decision = [method_sentence(record) + "。", *decision_lines(record)]
    if record.note:
        note = record.note.strip()
        decision.append(f"会商意见：{note}" + ("" if note[-1:] in "。！？；." else "。"))
    return [("", head), ("二、分歧情况", dissent), ("三、预报缺失情况", gaps), ("四、会商结论", decision)]


def _scheme_title(record: ConsultationRecord) -> str:
    """The plan by its title, as the letters cite it (《…工作方案》), not by the scheme file's id and date."""
    from app.domain.scheme import load_scheme
    from app.errors import InputError

    try:
        scheme = load_scheme()
    except (InputError, OSError):
        scheme = None
    if scheme is not None and scheme.id == record.scheme_id:
        return f"《{scheme.title}》"
    return "《川渝地区秋冬季重污染天气应急联动工作方案》" if not record.scheme_id else f"预警方案（{record.scheme_version}版）"


def minutes_path(letter: str | Path) -> Path:
    """Where the minutes go beside a letter: ``<letter>-会商纪要`` with the letter's type (.pdf or .docx)."""
    letter = Path(letter)
    return letter.with_name(f"{letter.stem}-会商纪要{letter.suffix}")


def write_minutes(record: ConsultationRecord, out: str | Path) -> Path:
    out = Path(out)
    data = minutes_docx(record) if out.suffix.lower() == ".docx" else minutes_pdf(record)
    write_bytes_atomic(out, data)
    from app.export.audit import record_export

    record_export("consultation-minutes", [out], scheme_id=record.scheme_id, scheme_version=record.scheme_version,
                  details={"sources": [s.to_json() for s in record.sources], "method": record.method,
                           "recorded_by": record.recorded_by,
                           "observed": [{"path": f["path"], "sha256": f["sha256"]}
                                        for f in (record.observed or {}).get("files", [])]})
    return out


# ---------------------------------------------------------------------------------------------------- PDF

def minutes_flowables(record: ConsultationRecord) -> list:
    """The minutes as ReportLab flowables (for the PDF, and as pages of the briefing pack)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from app.export import fonts

    face = fonts.register_reportlab()
    body = ParagraphStyle("m", fontName=face["body"], fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    title = ParagraphStyle("mt", parent=body, fontName=face["title"], fontSize=20, leading=30, alignment=TA_CENTER,
                           firstLineIndent=0, spaceAfter=10)
    heading = ParagraphStyle("mh", parent=body, fontName=face["sans"], fontSize=13, leading=22, firstLineIndent=0,
                             spaceBefore=6, keepWithNext=1)  # never alone at a page foot
    cell = ParagraphStyle("mc", parent=body, fontName=face["sans"], fontSize=9, leading=12, firstLineIndent=0)
    story = [Paragraph(TITLE, title)]
    text = sections(record)
    story += [Paragraph(escape(line), body) for line in text[0][1]]
    story.append(Paragraph("一、参加会商的预报", heading))
    # sources by producer and issue time; their files and fingerprints are in the machine record (the JSON)
    rows = [[Paragraph(h, cell) for h in ("序号", "预报来源", "发布时间")]]
    for n, s in enumerate(record.sources, start=1):
        rows.append([Paragraph(str(n), cell), Paragraph(escape(s.name), cell), Paragraph(when(s.issued_at), cell)])
    sources = Table(rows, colWidths=[40, 300, 160], repeatRows=1, hAlign="LEFT")
    sources.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf4")),
                                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [sources, Spacer(1, 3 * mm),
              Paragraph("各区域逐日一致情况（格内为达到黄/橙/红色及以上的预报家数／覆盖该区域当日的预报家数，"
                        "底色为会商结论等级）：", ParagraphStyle("mn", parent=body, firstLineIndent=0, fontSize=10.5,
                                                              leading=16)),
              *_grid_tables(record, cell), Spacer(1, 2 * mm)]
    for heading_text, lines in text[1:]:
        story.append(Paragraph(heading_text, heading))
        story += [Paragraph(escape(line), body) for line in lines]
    story += [Spacer(1, 8 * mm),
              Paragraph(escape(f"记录人：{record.recorded_by or '__________'}"),
                        ParagraphStyle("ms", parent=body, firstLineIndent=0, alignment=2))]
    return story


GRID_DAYS = 8  # days per block of the agreement grid: a longer consultation is set as several blocks, not squeezed


def day_blocks(record: ConsultationRecord, per: int = GRID_DAYS) -> list[list[str]]:
    """The record's days in blocks of at most ``per`` (one table each on the page)."""
    days = list(record.days)
    return [days[i:i + per] for i in range(0, len(days), per)] or [[]]


def _grid_tables(record: ConsultationRecord, cell_style) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    out = []
    for block in day_blocks(record):
        out += [_grid_table(record, cell_style, block), Spacer(1, 2 * mm)]
    return out[:-1]


def _grid_table(record: ConsultationRecord, cell_style, days: list[str]):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    on_dark = ParagraphStyle("on-dark", parent=cell_style, textColor=colors.white)  # legible on the red cell
    rows = [[Paragraph("区域", cell_style), *[Paragraph(grid_day(record, d), cell_style) for d in days]]]
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf4")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for r, region in enumerate(record.regions, start=1):
        rows.append([Paragraph(region, cell_style),
                     *[Paragraph(cell_text(record, region, d),
                                 on_dark if consensus_level(record, region, d) in DARK_LEVELS else cell_style)
                       for d in days]])
        for c, day in enumerate(days, start=1):
            level = consensus_level(record, region, day)
            if level is not None:
                red, green, blue = LEVEL_COLOURS[level]
                style.append(("BACKGROUND", (c, r), (c, r), colors.Color(red / 255, green / 255, blue / 255)))
    width = 620
    table = Table(rows, colWidths=[100] + [(width - 100) / GRID_DAYS] * len(days), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def minutes_pdf(record: ConsultationRecord) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from app.export import fonts

    face = fonts.register_reportlab()

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(face["sans"], 8)
        canvas.drawCentredString(landscape(A4)[0] / 2, 8 * mm, f"{TITLE} · 第 {doc.page} 页")
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=22 * mm, rightMargin=22 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=TITLE, creator="HazeDesk",
                            author=record.recorded_by, invariant=True)
    doc.build(minutes_flowables(record), onFirstPage=footer, onLaterPages=footer)
    from app.export.pdf_dates import dated

    return dated(buffer.getvalue(), record.recorded_at)  # invariant mode would date it 2000-01-01


# ---------------------------------------------------------------------------------------------------- Word

def minutes_docx(record: ConsultationRecord) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(22))
    section.top_margin = section.bottom_margin = Mm(16)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "仿宋_GB2312", Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")

    def para(text: str, *, bold=False, size=None, centre=False, indent=True, font=None):
        p = doc.add_paragraph()
        run = p.add_run(text)
        if bold:
            run.bold = True
        if size:
            run.font.size = Pt(size)
        if font:
            run.font.name = font
            run.element.rPr.rFonts.set(qn("w:eastAsia"), font)
        if centre:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif indent:
            p.paragraph_format.first_line_indent = Pt(24)
        if font == "黑体":  # a heading: kept with what follows
            p.paragraph_format.keep_with_next = True
        return p

    def shade(cell, rgb) -> None:
        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:fill"), "{:02X}{:02X}{:02X}".format(*rgb))
        cell._tc.get_or_add_tcPr().append(fill)

    para(TITLE, size=20, centre=True, font="方正小标宋简体")
    text = sections(record)
    for line in text[0][1]:
        para(line)
    para("一、参加会商的预报", indent=False, font="黑体")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, ("序号", "预报来源", "发布时间")):
        cell.text = head
    for n, s in enumerate(record.sources, start=1):
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = str(n), s.name, when(s.issued_at)
    para("各区域逐日一致情况（格内为达到黄/橙/红色及以上的预报家数／覆盖该区域当日的预报家数，底色为会商结论等级）：",
         indent=False)
    for block in day_blocks(record):
        grid = doc.add_table(rows=1, cols=1 + len(block))
        grid.style = "Table Grid"
        grid.rows[0].cells[0].text = "区域"
        for c, day in enumerate(block, start=1):
            grid.rows[0].cells[c].text = grid_day(record, day)
        for region in record.regions:
            row = grid.add_row().cells
            row[0].text = region
            for c, day in enumerate(block, start=1):
                row[c].text = cell_text(record, region, day)
                level = consensus_level(record, region, day)
                if level is not None:
                    shade(row[c], LEVEL_COLOURS[level])
                if level in DARK_LEVELS:
                    for run in row[c].paragraphs[0].runs:
                        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        if len(record.days) > GRID_DAYS:
            para("", indent=False)
    for heading, lines in text[1:]:
        para(heading, indent=False, font="黑体")
        for line in lines:
            para(line)
    closing = para(f"记录人：{record.recorded_by or '__________'}", indent=False)
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    from app.export.docx_pages import page_number_footer
    from app.export.proposal_docx import core_text

    page_number_footer(doc, f"{TITLE} · 第 ", " 页")
    from app.export.proposal_docx import _substitute_fonts, keep_standard_numbers, resolve_word_fonts

    keep_standard_numbers(doc)  # "HJ 633-2012" never split across lines, as in the letter
    if resolve_word_fonts("auto") == "bundled":  # as the letter: the bundled faces named, and embedded
        from app.export.docx_fonts import embed_fonts

        _substitute_fonts(doc.element)
        _substitute_fonts(doc.styles.element)
        embed_fonts(doc)
    doc.core_properties.title = TITLE
    doc.core_properties.author = core_text(record.recorded_by or "HazeDesk")
    if record.recorded_at is not None:  # the template's own date otherwise
        utc = record.recorded_at.astimezone(UTC).replace(tzinfo=None)  # python-docx writes it as UTC
        doc.core_properties.created = doc.core_properties.modified = utc
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


__all__ = ["LEVEL_ZH", "minutes_docx", "minutes_flowables", "minutes_path", "minutes_pdf", "sections",
           "write_minutes"]
