"""The proposal letter as PDF, drawn directly from the :class:`~app.domain.proposal.Proposal` with ReportLab.

Same content and layout rules as the Word template (GB/T 9704-2012: A4, margins 37/35/28/26 mm, title 22 pt,
body 16 pt on a fixed 28 pt line with a two-character indent, signature and date right-aligned, 版记 between
rules, page number "— n —"). Fonts are the bundled TrueType subsets, always embedded (ReportLab embeds the
glyphs used, with a ToUnicode map, so the text can be searched and copied); Chinese lines break between any two
characters (``wordWrap="CJK"``) with the usual no-break rules for closing punctuation. No office suite.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from app.atomic import write_bytes_atomic
from app.domain.proposal import Proposal
from app.export import fonts
from app.export.proposal_record import encode_record, proposal_record
from app.export.record_files import attach_pdf_record

A4_W, A4_H = 595.2756, 841.8898  # pt
MM = 72 / 25.4
MARGINS = {"top": 37 * MM, "bottom": 35 * MM, "left": 28 * MM, "right": 26 * MM}
BODY_PT, LINE_PT = 16, 28
TEXT_WIDTH = A4_W - (28 + 26) * MM - 12  # platypus frames pad 6 pt each side


# GB/T 15834 line rules: these never start a line. ReportLab's table (textsplit.ALL_CANNOT_START) is
# Japanese-centred and lacks the Chinese full-width comma, colon, semicolon, ! ? and closing brackets, so a
# line could start with "：" (seen in the 预警城市 list). Both CJK wrappers (textsplit.wordSplit for one-run
# paragraphs, paragraph.cjkFragSplit for mixed runs) read a module-level copy of that constant.
CHINESE_CANNOT_START = "，。、：；！？）》」』】〕〉”’…—%％℃"


def _chinese_line_rules() -> None:
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (textsplit, paragraph):
        missing = "".join(c for c in CHINESE_CANNOT_START if c not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing


def _styles() -> dict:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    _chinese_line_rules()

    face = fonts.register_reportlab()
    body = ParagraphStyle("body", fontName=face["body"], fontSize=BODY_PT, leading=LINE_PT, alignment=TA_JUSTIFY,
                          firstLineIndent=2 * BODY_PT, wordWrap="CJK", bulletFontName=face["body"])
    return {
        "title": ParagraphStyle("title", parent=body, fontName=face["title"], fontSize=22, leading=35,
                                alignment=TA_CENTER, firstLineIndent=0),
        "number": ParagraphStyle("number", parent=body, alignment=TA_CENTER, firstLineIndent=0),
        "recipients": ParagraphStyle("recipients", parent=body, firstLineIndent=0),
        "p": body,
        "h1": ParagraphStyle("h1", parent=body, fontName=face["sans"]),
        "h2": ParagraphStyle("h2", parent=body, fontName=face["title"]),
        "signer": ParagraphStyle("signer", parent=body, alignment=TA_RIGHT, firstLineIndent=0,
                                 rightIndent=4 * BODY_PT),
        "record": ParagraphStyle("record", parent=body, fontSize=14, leading=LINE_PT, alignment=TA_LEFT,
                                 firstLineIndent=0, leftIndent=14),
        "record-right": ParagraphStyle("record-right", parent=body, fontSize=14, leading=LINE_PT,
                                       alignment=TA_RIGHT, firstLineIndent=0, rightIndent=14),
        "page": face["body"],
    }


def proposal_flowables(proposal: Proposal, styles: dict | None = None) -> list:
    """The letter as platypus flowables (also used by the briefing pack)."""
    from reportlab.platypus import HRFlowable, Paragraph, Spacer

    styles = styles or _styles()

    def para(text: str, style: str):
        return Paragraph(escape(text), styles[style])

    story = []
    if proposal.doc_number:
        story.append(para(proposal.doc_number, "number"))
    story += [Spacer(1, LINE_PT), para(proposal.title, "title"), Spacer(1, LINE_PT),
              para(f"{proposal.recipients}：", "recipients")]
    story += [para(block.text, block.kind) for block in proposal.blocks]
    signer = _fitted(styles["signer"], proposal.signer, TEXT_WIDTH)
    story += [Spacer(1, LINE_PT), Paragraph(escape(proposal.signer), signer), para(proposal.date_text, "signer"),
              Spacer(1, LINE_PT), HRFlowable(width="100%", thickness=0.5, color="black", spaceAfter=2),
              para(f"抄报：{proposal.copy_report}。", "record")]
    if proposal.copy_to:
        story.append(para(f"抄送：{proposal.copy_to}。", "record"))
    story += [_issue_line(proposal, styles), HRFlowable(width="100%", thickness=0.5, color="black", spaceBefore=2)]
    return story


def _fitted(style, text: str, width: float):
    """The signature on one line: the usual 4-character right indent if it fits, less, then a smaller size."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    need = stringWidth(text, style.fontName, style.fontSize)
    if need + style.rightIndent + style.leftIndent <= width:
        return style
    room = width - style.leftIndent
    size = style.fontSize if need <= room else style.fontSize * room / need * 0.98
    return ParagraphStyle(f"{style.name}-fitted", parent=style, rightIndent=0, fontSize=size)


def _issue_line(proposal: Proposal, styles: dict):
    """版记's last line: the issuing office on the left, "…印发" on the right."""
    from reportlab.platypus import Paragraph, Table, TableStyle

    width = TEXT_WIDTH
    office = _fitted(styles["record"], proposal.signer, width * 0.66 - styles["record"].leftIndent)
    table = Table([[Paragraph(escape(proposal.signer), office),
                    Paragraph(escape(f"{proposal.date_text}印发"), styles["record-right"])]],
                  colWidths=[width * 0.66, width * 0.34])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles["page"]),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return table


def render_pdf(proposal: Proposal) -> bytes:
    from reportlab.platypus import SimpleDocTemplate

    styles = _styles()
    page_font = styles["page"]

    def page_number(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(page_font, 14)
        canvas.drawCentredString(A4_W / 2, MARGINS["bottom"] - 7 * MM - 14, f"— {doc.page} —")
        canvas.restoreState()

    record = proposal_record(proposal)

    def first_page(canvas, doc) -> None:
        if record is not None:  # what the letter puts in force, for "从已发建议函导入" (app.export.proposal_readback)
            attach_pdf_record(canvas, encode_record(record))
        page_number(canvas, doc)

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=(A4_W, A4_H), topMargin=MARGINS["top"], bottomMargin=MARGINS["bottom"],
        leftMargin=MARGINS["left"], rightMargin=MARGINS["right"], title=proposal.title, author=proposal.signer,
        subject=proposal.scheme_label, creator="HazeDesk", initialFontName=page_font, initialFontSize=BODY_PT,
        invariant=True)  # invariant: same Proposal, same bytes (audit hashes stay comparable)
    doc.build(proposal_flowables(proposal, styles), onFirstPage=first_page, onLaterPages=page_number)
    return buffer.getvalue()


def write_pdf(proposal: Proposal, path: str | Path) -> Path:
    write_bytes_atomic(path, render_pdf(proposal))
    return Path(path)
