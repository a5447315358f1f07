"""The 呈批件 (approval form) beside a letter, as .docx and .pdf: one page — title, the letter it asks to send,
summary, what the approver must know (a lead time under 72 h, the approval route), the proposed decision, and
fields for 拟稿 / 审核 / 签发 with their dates. The content is :class:`app.domain.letter_sets.ApprovalForm`."""

from __future__ import annotations

import io
from pathlib import Path

from app.atomic import write_bytes_atomic
from app.domain.letter_sets import ApprovalForm

SIGN_FIELDS = ("拟稿", "审核", "签发")


def _rows(form: ApprovalForm) -> list[tuple[str, str]]:
    rows = [("事由", form.letter_title), ("主要内容", "\n".join(form.summary))]
    if form.notes:
        rows.append(("需要说明", "\n".join(f"{n}。" for n in form.notes)))
    rows.append(("审批程序", "\n".join(f"{r}。" for r in form.routes)))
    rows.append(("拟办意见", form.decision))
    return rows


def render_pdf(form: ApprovalForm) -> bytes:
    """One page: the form is set at 14 pt, or at the largest size down to 11 pt that keeps it on one page (a
    long form left its 拟稿/审核/签发 rows alone on page 2); 拟办意见 and the three signing rows always stay
    together. Cell lines are broken by the letter's line breaker (no line starts with "，")."""
    for size in (14, 13, 12, 11):
        data, pages = _render_pdf(form, size)
        if pages == 1:
            return data
    return data


def _render_pdf(form: ApprovalForm, size: float) -> tuple[bytes, int]:
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from app.domain.letter_wording import title_lines
    from app.export import fonts
    from app.export.gridtext import break_lines
    from app.export.proposal_pdf import A4_H, A4_W, MM

    face = fonts.register_reportlab()
    body = ParagraphStyle("cell", fontName=face["body"], fontSize=size, leading=size * 22 / 14, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontName=face["sans"])
    title = ParagraphStyle("title", parent=body, fontName=face["title"], fontSize=22, leading=34, alignment=1)
    right = ParagraphStyle("right", parent=body, alignment=2)
    inner = 126 * MM - 12 - size  # a value cell (two columns spanned) less its padding and one character: the
    # breaker may squeeze a mark to fit a line, ReportLab does not

    def cell(text: str, style=body):
        lines = []
        for line in text.split("\n"):
            broken = break_lines(line, lambda u: stringWidth(u, style.fontName, style.fontSize), [inner]) \
                if line else []
            lines += ["".join(b.units).strip() for b in broken] or [""]
        return Paragraph("<br/>".join(escape(line) for line in lines), style)

    def table(rows: list, signing: int) -> Table:
        """``signing``: the index of the first signing row in ``rows`` (len(rows) when there is none)."""
        out = Table(rows, colWidths=[30 * MM, 86 * MM, 40 * MM])
        out.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                                 *[("SPAN", (1, i), (2, i)) for i in range(len(rows))],
                                 *[("TOPPADDING", (0, i), (-1, i), 22) for i in range(signing, len(rows))],
                                 *([("VALIGN", (1, signing), (1, -1), "BOTTOM")] if signing < len(rows) else [])]))
        return out

    content = [[cell(k, head), cell(v), ""] for k, v in _rows(form)]
    signing = [[cell(name, head), Paragraph("年　　月　　日", right), ""] for name in SIGN_FIELDS]
    # 拟办意见 and the signing rows: one block, never split from each other
    story = [table(content[:-1], len(content) - 1),
             KeepTogether([table([content[-1], *signing], 1)])] if len(content) > 1 else \
        [table([*content, *signing], len(content))]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=(A4_W, A4_H), leftMargin=27 * MM, rightMargin=27 * MM,
                            topMargin=30 * MM, bottomMargin=25 * MM, title=form.title, creator="HazeDesk",
                            producer="HazeDesk", lang="zh-CN")
    heading = "<br/>".join(escape(line) for line in title_lines(form.title_words or (form.title,)))
    doc.build([Paragraph(heading, title), Spacer(1, 8 * MM), *story])
    return buffer.getvalue(), doc.page


def render_docx(form: ApprovalForm) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from app.export.fonts import office_fonts_installed
    from app.export.proposal_docx import WORD_SUBSTITUTES

    office = office_fonts_installed()

    def font(run, name: str, size: float) -> None:
        name = name if office else WORD_SUBSTITUTES.get(name, name)
        run.font.size = Pt(size)
        run.font.name = name
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(27)
    section.top_margin, section.bottom_margin = Mm(30), Mm(25)
    from app.domain.letter_wording import title_lines

    heading = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for n, line in enumerate(title_lines(form.title_words or (form.title,))):
        run = heading.add_run()
        if n:
            run.add_break()  # lines break between words only
        run.add_text(line)
        font(run, "方正小标宋简体", 22)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False  # fixed widths: LibreOffice and Word keep them
    for key, value in [*_rows(form), *[(n, "\n\n年　　月　　日") for n in SIGN_FIELDS]]:
        left, right = table.add_row().cells
        left.width, right.width = Mm(30), Mm(126)
        font(left.paragraphs[0].add_run(key), "黑体", 14)
        for n, line in enumerate(value.split("\n")):
            paragraph = right.paragraphs[0] if n == 0 else right.add_paragraph()
            if key in SIGN_FIELDS:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            font(paragraph.add_run(line), "仿宋_GB2312", 14)
    for column, width in zip(table.columns, (Mm(30), Mm(126))):
        column.width = width
    props = document.core_properties
    from app.export.proposal_docx import core_text

    props.title, props.author, props.language = core_text(form.title), "HazeDesk", "zh-CN"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_approval_form(form: ApprovalForm, *, docx: str | Path | None = None,
                        pdf: str | Path | None = None) -> list[Path]:
    written = []
    if docx is not None:
        write_bytes_atomic(docx, render_docx(form))
        written.append(Path(docx))
    if pdf is not None:
        write_bytes_atomic(pdf, render_pdf(form))
        written.append(Path(pdf))
    if written:  # audited like the letter it asks approval for
        from app.export.audit import record_export

        record_export("approval-form", written, details={"letter": form.letter_title, "decision": form.decision})
    return written
