"""The 呈批件 (approval form) beside a letter, as .docx and .pdf: one page — title, the letter it asks to send,
summary, what the approver must know (a lead time under 72 h, the approval route), the proposed decision, and
fields for 拟稿 / 审核 / 签发 with their dates. The content is :class:`app.domain.letter_sets.ApprovalForm`."""

from __future__ import annotations

import io
from pathlib import Path

from app.atomic import write_bytes_atomic
from app.domain.letter_sets import ApprovalForm

SIGN_FIELDS = ("拟稿", "审核", "签发")
# the form's geometry, the PDF's and the .docx's alike (pt): cell padding, the room to sign above a signing
# row's date, the title's size and line spacing
PAD_TOP, PAD_BOTTOM, PAD_SIDE, SIGN_ROOM = 6, 8, 6, 22
TITLE_SIZE, TITLE_LEADING = 22, 34
# (size, line spacing) of the cells, tried in turn until the form fits one page: 14 pt on 22 pt lines down to
# 11 pt, then 五号 (10.5 pt) on tighter lines (a red letter's form, three regions, needs it)
SETTINGS = (*((size, size * 22 / 14) for size in (14, 13, 12, 11)), (10.5, 14.5))


def _rows(form: ApprovalForm) -> list[tuple[str, str]]:
    rows = [("事由", form.letter_title), ("主要内容", "\n".join(form.summary))]
    if form.notes:
        rows.append(("需要说明", "\n".join(f"{n}。" for n in form.notes)))
    rows.append(("审批程序", "\n".join(f"{r}。" for r in form.routes)))
    rows.append(("拟办意见", form.decision))
    return rows


def render_pdf(form: ApprovalForm) -> bytes:
    """One page: the form is set at 14 pt, or at the first of :data:`SETTINGS` that keeps it on one page (a
    long form left its 拟稿/审核/签发 rows alone on page 2); 拟办意见 and the three signing rows always stay
    together. Cell lines are broken by the letter's line breaker (no line starts with "，")."""
    return _fitted(form)[0]


def _fitted(form: ApprovalForm) -> tuple[bytes, tuple[float, float]]:
    """The PDF and the (size, line spacing) it is set at (the .docx is set the same)."""
    for setting in SETTINGS:
        data, pages = _render_pdf(form, *setting)
        if pages == 1:
            break
    return data, setting


def _render_pdf(form: ApprovalForm, size: float, leading: float) -> tuple[bytes, int]:
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from app.domain.letter_wording import title_lines
    from app.export import fonts
    from app.export.gridtext import break_lines
    from app.export.proposal_pdf import A4_H, A4_W, MM

    face = fonts.register_reportlab()
    body = ParagraphStyle("cell", fontName=face["body"], fontSize=size, leading=leading, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontName=face["sans"])
    title = ParagraphStyle("title", parent=body, fontName=face["title"], fontSize=TITLE_SIZE, leading=TITLE_LEADING,
                           alignment=1)
    right = ParagraphStyle("right", parent=body, alignment=2)
    inner = 126 * MM - 2 * PAD_SIDE - size  # a value cell (two columns spanned) less its padding and one character: the
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
                                 ("TOPPADDING", (0, 0), (-1, -1), PAD_TOP),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BOTTOM),
                                 ("LEFTPADDING", (0, 0), (-1, -1), PAD_SIDE),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), PAD_SIDE),
                                 *[("SPAN", (1, i), (2, i)) for i in range(len(rows))],
                                 *[("TOPPADDING", (0, i), (-1, i), SIGN_ROOM) for i in range(signing, len(rows))],
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


def render_docx(form: ApprovalForm, *, word_fonts: str = "auto",
                setting: tuple[float, float] | None = None) -> bytes:
    """The form as the PDF sets it: the same size of type and line spacing (``setting``, else the PDF's), cell padding
    and room to sign, so it stays on one page in Word and LibreOffice. Without the office's fonts the bundled
    faces are named and embedded, as in the letters (:mod:`app.export.docx_fonts`)."""
    from docx import Document
    from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    from app.domain.letter_wording import title_lines
    from app.export.fonts import resolve_word_fonts
    from app.export.proposal_docx import core_text

    choice = resolve_word_fonts(word_fonts)
    size, leading = _fitted(form)[1] if setting is None else setting
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(27)
    section.top_margin, section.bottom_margin = Mm(30), Mm(25)

    def spaced(paragraph, line: float, after: float = 0):
        form_ = paragraph.paragraph_format
        form_.line_spacing_rule, form_.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(line)
        form_.space_before, form_.space_after = Pt(0), Pt(after)
        _no_autospace(paragraph._p.get_or_add_pPr())
        return paragraph

    heading = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    spaced(heading, TITLE_LEADING, after=Mm(8).pt)
    for n, line in enumerate(title_lines(form.title_words or (form.title,))):
        run = heading.add_run()
        if n:
            run.add_break()  # lines break between words only
        run.add_text(line)
        _font(run, "方正小标宋简体", TITLE_SIZE, choice)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False  # fixed widths: LibreOffice and Word keep them
    _cell_margins(table._tbl.tblPr, "tblCellMar", top=PAD_TOP, bottom=PAD_BOTTOM, side=PAD_SIDE)
    for key, value in [*_rows(form), *[(n, "年　　月　　日") for n in SIGN_FIELDS]]:
        row = table.add_row()
        left, right = row.cells
        left.width, right.width = Mm(30), Mm(126)
        _font(spaced(left.paragraphs[0], leading).add_run(key), "黑体", size, choice)
        for n, line in enumerate(value.split("\n")):
            paragraph = spaced(right.paragraphs[0] if n == 0 else right.add_paragraph(), leading)
            if key in SIGN_FIELDS:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(paragraph.add_run(line), "仿宋_GB2312", size, choice)
        if key in SIGN_FIELDS:  # room to sign above the date, as the PDF's row
            for cell in row.cells:
                _cell_margins(cell._tc.get_or_add_tcPr(), "tcMar", top=SIGN_ROOM, bottom=PAD_BOTTOM,
                              side=PAD_SIDE)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            row.height = Pt(SIGN_ROOM + leading + PAD_BOTTOM)
        left.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        right.vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM if key in SIGN_FIELDS else WD_ALIGN_VERTICAL.CENTER
    for column, width in zip(table.columns, (Mm(30), Mm(126))):
        column.width = width
    props = document.core_properties
    props.title, props.author, props.language = core_text(form.title), "HazeDesk", "zh-CN"
    from app.export.docx_xml import keep_standard_numbers

    keep_standard_numbers(document)  # "HJ 633-2012" never split across lines, as in the letter
    if choice == "bundled":  # a recipient without the bundled faces sees them all the same
        from app.export.docx_fonts import embed_fonts

        embed_fonts(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _font(run, office: str, size: float, choice: str) -> None:
    """The run in the office's face (``choice`` "office") or its bundled substitute, Latin and digits in the same
    face as the PDF draws them; 小标宋's substitute is the serif's bold weight."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from app.export.fonts import WORD_SUBSTITUTES

    name = office if choice == "office" else WORD_SUBSTITUTES[office]
    run.font.size = Pt(size)
    run.font.name = name
    if office == "方正小标宋简体" and choice != "office":
        run.font.bold = True
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rfonts.set(qn(attr), name)


def _no_autospace(ppr) -> None:
    """No space added between Chinese and digits or Latin (``w:autoSpaceDE``/``DN`` off), as the PDF and the
    letters set them: "2026年12月19日", not "2026 年 12 月 19 日"."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    later = {qn(f"w:{t}") for t in ("bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
                                    "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
                                    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
                                    "pPrChange")}
    following = next((c for c in ppr if c.tag in later), None)
    for name in ("autoSpaceDE", "autoSpaceDN"):
        element = OxmlElement(f"w:{name}")
        element.set(qn("w:val"), "0")
        (following.addprevious if following is not None else ppr.append)(element)


def _cell_margins(parent, tag: str, *, top: float, bottom: float, side: float) -> None:
    """``w:tblCellMar`` of a table's ``w:tblPr`` or ``w:tcMar`` of a cell's ``w:tcPr`` (pt), where the schema
    puts it: before tblLook (CT_TblPr) / after tcW (CT_TcPr; set before the cell's vAlign)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement(f"w:{tag}")
    for edge, value in (("top", top), ("left", side), ("bottom", bottom), ("right", side)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(value * 20)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    if tag == "tblCellMar":
        look = parent.find(qn("w:tblLook"))
        (look.addprevious if look is not None else parent.append)(margins)
    else:
        width = parent.find(qn("w:tcW"))
        (width.addnext if width is not None else lambda m: parent.insert(0, m))(margins)


def write_approval_form(form: ApprovalForm, *, docx: str | Path | None = None,
                        pdf: str | Path | None = None, word_fonts: str = "auto") -> list[Path]:
    """``word_fonts``: the .docx's faces, as the letter's (``hazedesk proposal --word-fonts``)."""
    written = []
    data, setting = _fitted(form)
    if docx is not None:
        write_bytes_atomic(docx, render_docx(form, word_fonts=word_fonts, setting=setting))
        written.append(Path(docx))
    if pdf is not None:
        write_bytes_atomic(pdf, data)
        written.append(Path(pdf))
    if written:  # audited like the letter it asks approval for
        from app.export.audit import record_export

        record_export("approval-form", written, details={"letter": form.letter_title, "decision": form.decision})
    return written
