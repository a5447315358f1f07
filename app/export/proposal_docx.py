"""The proposal letter as Word (.docx), from the restyleable template ``resources/templates/proposal.docx``.

The template (built by ``tools/make_proposal_template.py``, editable in Word) holds the GB/T 9704 layout in named
styles and docxtpl placeholders; this module fills them from a :class:`~app.domain.proposal.Proposal`. Fonts:
the letter names the office fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) where the machine has them,
otherwise the bundled OFL substitutes (``HazeDesk Noto Serif/Sans SC``), on every style and every run
(``w:eastAsia`` as well as the Latin names), and says which in the document's properties.
"""

from __future__ import annotations

import copy
import io
from datetime import UTC, datetime
from pathlib import Path

from app.atomic import write_bytes_atomic
from app.domain.proposal import Proposal
from app.errors import InputError, Problem
from app.export import fonts
from app.export.docx_xml import (
    W_NS,
    insert_in_order,
    keep_standard_numbers,
)
from app.export.proposal_record import combined_record, encode_record
from app.export.record_files import embed_docx_record
from app.paths import TEMPLATES_DIR

TEMPLATE = TEMPLATES_DIR / "proposal.docx"
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
# office font -> bundled OFL substitute family (the Word letter has no bold-only family; 小标宋 maps to the bold)
WORD_SUBSTITUTES = fonts.WORD_SUBSTITUTES  # (they live with the faces: documents without a letter use them too)
resolve_word_fonts = fonts.resolve_word_fonts


def _render_document(proposal: Proposal, choice: str, template: Path, red_header: str = ""):
    from docxtpl import DocxTemplate, RichText

    if not Path(template).is_file():
        raise InputError(Problem("the proposal template is missing", file=str(template),
                                 expected="resources/templates/proposal.docx (tools/make_proposal_template.py)"))
    tpl = DocxTemplate(str(template))
    title = RichText()
    for n, line in enumerate(proposal.title_line_list):  # lines break between words only (never 红｜色)
        title.add(("\n" if n else "") + line)
    context = {
        "title_rt": title, "doc_number": proposal.doc_number, "recipients": proposal.recipients,
        "blocks": [{"kind": b.kind, "text": b.text} for b in proposal.blocks], "signer": proposal.signer,
        "date_text": proposal.date_text, "copy_report": proposal.copy_report, "copy_to": proposal.copy_to,
        "red_header": red_header,
    }
    tpl.render(context, autoescape=True)
    document = tpl.docx
    _fill_run_fonts(document)
    _fit_issue_line(document, proposal)
    _keep_closing_with_body(document, proposal)
    _head_as_in_the_pdf(document, red_header)
    _place_record_table(document)
    keep_standard_numbers(document)
    if choice == "bundled":
        _substitute_fonts(document.element)
        _substitute_fonts(document.styles.element)
        for part in document.part.package.iter_parts():
            if part.partname.endswith(".xml") and "footer" in str(part.partname) and hasattr(part, "element"):
                _substitute_fonts(part.element)
    return tpl, document


def render_docx(proposal: Proposal, *, word_fonts: str = "auto", template: Path = TEMPLATE,
                red_header: str = "") -> bytes:
    return render_docx_many([proposal], word_fonts=word_fonts, template=template, red_header=red_header)


def core_text(text: str) -> str:
    """A document property as Word keeps it: at most 255 characters (python-docx refuses more)."""
    return text if len(text) <= 255 else text[:254] + "…"


def render_docx_many(proposals: list[Proposal], *, word_fonts: str = "auto", template: Path = TEMPLATE,
                     red_header: str | list[str] = "", duplex: bool = False) -> bytes:
    """One .docx holding the letters in order, each in its own section starting on a new page with page 1;
    ``red_header``: one 红头 for all, or one per letter (``letter_sets.letterheads``)."""
    from app.domain.letter_sets import header_per_letter

    choice = resolve_word_fonts(word_fonts)
    headers = header_per_letter(red_header, len(proposals))
    tpl, document = _render_document(proposals[0], choice, template, headers[0])
    body = document.element.body
    final = body.find(f"{{{W_NS}}}sectPr")
    _restart_numbering(final)
    if any(headers):  # the 信函 form: each letter's first page (a section each) its own footer
        _letterhead_first_page(document)
    for proposal, header in zip(proposals[1:], headers[1:], strict=True):
        _, other = _render_document(proposal, choice, template, header)
        paragraph = document.add_paragraph()._p  # ends the previous letter's section
        breaker = copy.deepcopy(final)
        paragraph.get_or_add_pPr().append(breaker)
        for child in list(other.element.body):
            if child.tag != f"{{{W_NS}}}sectPr":
                final.addprevious(child)
    if duplex:  # every letter after the first starts on an odd page: printed on both sides, on its own sheet
        from docx.oxml import OxmlElement

        for sect in list(body.iter(f"{{{W_NS}}}sectPr"))[1:]:
            kind = OxmlElement("w:type")
            kind.set(f"{{{W_NS}}}val", "oddPage")
            insert_in_order(sect, kind)
    first = proposals[0]
    props = document.core_properties
    props.title = core_text(first.title if len(proposals) == 1 else "；".join(p.title for p in proposals))
    props.subject = core_text(first.scheme_label)
    props.author = props.last_modified_by = core_text(first.signer)
    now = datetime.now(UTC).replace(microsecond=0)
    props.created = props.modified = now
    props.language = "zh-CN"
    props.comments = ("字体：仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312" if choice == "office" else
                      "本机无仿宋_GB2312/方正小标宋简体，已改用开源字体："
                      f"正文{fonts.FAMILIES['body']}，标题{fonts.FAMILIES['title']}，"
                      f"一级标题{fonts.FAMILIES['sans']}，二级标题{fonts.FAMILIES['kai']}（SIL OFL 1.1）")
    _application(document, proposals)
    if choice == "bundled":  # a recipient without the bundled faces sees them all the same (app.export.docx_fonts)
        from app.export.docx_fonts import embed_fonts

        embed_fonts(document)
    record = combined_record(proposals)
    if record is not None:  # what the letters put in force, for "从已发建议函导入" (app.export.proposal_readback)
        embed_docx_record(document, encode_record(record))
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def _head_as_in_the_pdf(document, red_header: str) -> None:
    """The head set as the PDF sets it (one GB/T 9704 form for both): the 红头 on one line, 26 pt or smaller
    to fit the 156 mm block (it was 30 pt and wrapped mid-word); the 发文字号 right-aligned one character in
    (it was centred); the title and 红头 off the 22-line grid, so their 35 pt lines are not snapped to two grid
    lines each (LibreOffice set the title's two lines 58 pt apart)."""
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    width_pt = 156 * 72 / 25.4
    paragraphs = document.paragraphs
    for paragraph, name in zip(paragraphs, _style_names(paragraphs), strict=True):
        if name not in ("HD 红头", "HD 文号", "HD 标题"):
            continue
        fmt = paragraph.paragraph_format
        if name == "HD 文号":
            fmt.alignment = 2  # WD_ALIGN_PARAGRAPH.RIGHT
            fmt.right_indent = Pt(BODY_PT)
            if red_header:  # 信函格式: the title two lines under the 发文字号
                paragraph._p.addnext(copy.deepcopy(paragraph._p.getnext()))
            continue
        snap = OxmlElement("w:snapToGrid")
        snap.set(f"{{{W_NS}}}val", "0")
        insert_in_order(paragraph._p.get_or_add_pPr(), snap)
        if name == "HD 红头" and red_header:
            size = min(26.0, width_pt / max(_text_em(red_header), 1) * 0.99)
            fmt.line_spacing = Pt(round(size * 1.5, 1))
            for run in paragraph.runs:
                run.font.size = Pt(round(size * 2) / 2)


def _letterhead_first_page(document) -> None:
    """GB/T 9704 §10.1, 信函格式: the first page shows no page number and has a red double rule (thin above
    thick, 170 mm, centred) 20 mm above the paper's lower edge — a first-page footer holding only the rule."""
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt

    section = document.sections[-1]
    section.different_first_page_header_footer = True
    paragraph = section.first_page_footer.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(-7)  # 170 mm: 7 mm beyond the 156 mm block on each side
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(2)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    edge = OxmlElement("w:bottom")
    for name, value in (("w:val", "thinThickSmallGap"), ("w:sz", "24"), ("w:space", "0"), ("w:color", "E60012")):
        edge.set(f"{{{W_NS}}}{name.split(':')[1]}", value)
    borders.append(edge)
    insert_in_order(ppr, borders)


def _keep_closing_with_body(document, proposal: Proposal) -> None:
    """GB/T 9704 §7.3.5.4: the 署名 and 成文日期 never on a page without body text. The body's last paragraph,
    the blank line and the 署名 keep with the next paragraph, and the last paragraph's widow control moves at
    least two of its lines with them. The 成文日期 starts two characters right of the 署名's first character
    (§7.3.5.3), measured on the 三号 pitch the styles set (16 pt less 0.25 pt)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    paragraphs = document.paragraphs
    signer = next((n for n, name in enumerate(_style_names(paragraphs)) if name == "HD 署名"), None)
    if signer is None:
        return
    for n in range(max(signer - 2, 0), signer + 1):
        ppr = paragraphs[n]._p.get_or_add_pPr()
        for name in ("w:keepNext", "w:widowControl"):
            element = OxmlElement(name)
            insert_in_order(ppr, element)
    pitch = BODY_PT - 0.25
    signer_start = 2 * pitch + _text_em(proposal.signer) * pitch  # from the right edge
    if signer + 1 < len(paragraphs):
        # placed by its first character, from the left: the 署名 (all full-width characters, right-aligned two
        # characters in) starts at a known place; the date's digits are not half an em wide in every face
        # (LibreOffice set them 13 pt wider than assumed, and a right-aligned date started 1.2 characters right
        # of the 署名 instead of 2)
        section = document.sections[-1]
        width = (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU → pt
        date = paragraphs[signer + 1]
        date.alignment = WD_ALIGN_PARAGRAPH.LEFT
        date.paragraph_format.right_indent = Pt(0)
        date.paragraph_format.first_line_indent = Pt(0)
        date.paragraph_format.left_indent = Pt(round(max(width - signer_start + 2 * pitch, 0), 2))


BODY_PT = 16
RECORD_PT = 14
RECORD_WIDTH_PT = 156 * 72 / 25.4 - 2 * RECORD_PT  # the 版记 line between its one-character indents


def _text_em(text: str) -> float:
    """Width in ems as the 仿宋 faces set it: Chinese and full-width characters one em, the rest half."""
    return sum(1.0 if ord(c) > 0x2E7F else 0.5 for c in text)


def _fit_issue_line(document, proposal: Proposal) -> None:
    """The 印发 line: office left, "…印发" right at the tab. A long office name gets a smaller size so that the
    date never wraps onto a second line (which pushed the 版记 onto a page of its own)."""
    issued = f"{proposal.date_text}印发"
    room = RECORD_WIDTH_PT - _text_em(issued) * RECORD_PT - 2 * RECORD_PT  # two characters between them
    need = _text_em(proposal.signer) * RECORD_PT
    if need <= room:
        return
    size_half_points = str(int(2 * RECORD_PT * room / need))
    for table in document.tables:
        for cell in (c for row in table.rows for c in row.cells):
            for paragraph in cell.paragraphs:
                if "印发" not in paragraph.text or f"{{{W_NS}}}tab" not in [e.tag for r in paragraph.runs for e in r._element]:
                    continue
                run = paragraph.runs[0]._element
                texts = run.findall(f"{{{W_NS}}}t")
                tab = run.find(f"{{{W_NS}}}tab")
                office = copy.deepcopy(run)
                for child in list(office):  # the office name alone, smaller
                    if child.tag != f"{{{W_NS}}}rPr" and child is not None:
                        office.remove(child)
                office.append(copy.deepcopy(texts[0]))
                rpr = office.find(f"{{{W_NS}}}rPr")
                for name in ("sz", "szCs"):
                    element = rpr.find(f"{{{W_NS}}}{name}")
                    if element is None:
                        from docx.oxml import OxmlElement

                        element = OxmlElement(f"w:{name}")
                        insert_in_order(rpr, element)
                    element.set(f"{{{W_NS}}}val", size_half_points)
                run.remove(texts[0])
                if tab is not None:
                    run.addprevious(office)


def _place_record_table(document) -> None:
    """The 版记 table floats at the foot of the text block — its last rule on the block's lower edge — and starts
    at the block's left edge, measured from the page's.

    Both Word and WPS honour any floating position; LibreOffice (7.4) makes a floating table a frame only if text
    could flow beside it, judged against the page when the table is placed from the page's edge and against the
    text block otherwise: a 版记 as wide as the block, placed from the margin, stayed in the text flow right
    under the date. Placed from the page, and aligned to the margin's bottom rather than at an offset from the
    page top (an offset in the page's lower left quarter is also kept in the flow), it lands where the PDF has
    it in all three.
    """
    for table in document.tables:
        position = table._tbl.tblPr.find(f"{{{W_NS}}}tblpPr")
        if position is None or position.get(f"{{{W_NS}}}vertAnchor") not in ("page", "margin"):
            continue
        left = document.sections[-1].left_margin.twips
        for name in ("tblpY", "tblpXSpec", "tblpYSpec", "tblpX"):
            position.attrib.pop(f"{{{W_NS}}}{name}", None)
        position.set(f"{{{W_NS}}}vertAnchor", "margin")
        position.set(f"{{{W_NS}}}tblpYSpec", "bottom")
        position.set(f"{{{W_NS}}}horzAnchor", "page")
        position.set(f"{{{W_NS}}}tblpX", str(left))


def _style_names(paragraphs) -> list[str]:
    """Each paragraph's style name ("" for none), its style looked up once per style id: ``paragraph.style``
    searches the styles part by XPath at every call (~140 paragraphs a letter, two passes: ~25 ms, issue 26)."""
    names: dict = {}
    out = []
    for paragraph in paragraphs:
        style_id = paragraph._p.style
        if style_id not in names:
            style = paragraph.style
            names[style_id] = style.name if style is not None else ""
        out.append(names[style_id])
    return out


def _fill_run_fonts(document) -> None:
    """Runs made at render time (the title's lines) name their paragraph style's fonts too, as the template's
    runs do, so Word never falls back to a theme font for them."""
    import copy as _copy

    by_style: dict = {}  # paragraph.style looks its style up by XPath each time: once per style id here
    for paragraph in document.paragraphs:
        style_id = paragraph._p.style
        if style_id not in by_style:
            style = paragraph.style
            style_rpr = style.element.rPr if style is not None else None
            by_style[style_id] = (style_rpr, style_rpr.find(f"{{{W_NS}}}rFonts") if style_rpr is not None else None)
        style_rpr, style_fonts = by_style[style_id]
        if style_fonts is None:
            continue
        for run in paragraph.runs:
            rpr = run._element.get_or_add_rPr()
            if rpr.find(f"{{{W_NS}}}rFonts") is None:
                insert_in_order(rpr, _copy.deepcopy(style_fonts))
            if rpr.find(f"{{{W_NS}}}sz") is None and style_rpr.find(f"{{{W_NS}}}sz") is not None:
                insert_in_order(rpr, _copy.deepcopy(style_rpr.find(f"{{{W_NS}}}sz")))


def _restart_numbering(sect_pr) -> None:
    from docx.oxml import OxmlElement

    number = sect_pr.find(f"{{{W_NS}}}pgNumType")
    if number is None:
        number = OxmlElement("w:pgNumType")
        insert_in_order(sect_pr, number)
    number.set(f"{{{W_NS}}}start", "1")


def _application(document, proposals: list[Proposal]) -> None:
    """docProps/app.xml: written by HazeDesk (not the Word that made the template), with the title."""
    from xml.etree import ElementTree

    from app import __version__

    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            root = ElementTree.fromstring(part.blob)
            ElementTree.register_namespace("", APP_NS)
            ElementTree.register_namespace("vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes")
            for name, value in (("Application", "HazeDesk"), ("AppVersion", _app_version(__version__)),
                                ("Template", ""), ("Company", proposals[0].signer)):
                element = root.find(f"{{{APP_NS}}}{name}")
                if element is None:
                    element = ElementTree.SubElement(root, f"{{{APP_NS}}}{name}")
                element.text = value
            part._blob = ElementTree.tostring(root, encoding="UTF-8", xml_declaration=True)


def _app_version(version: str) -> str:
    """app.xml wants XX.YYYY."""
    parts = (version.split(".") + ["0", "0"])[:2]
    try:
        return f"{int(parts[0]):02d}.{int(parts[1]):04d}"
    except ValueError:
        return "00.0000"


def _substitute_fonts(root) -> None:
    from docx.oxml import OxmlElement

    for rfonts in root.iter(f"{{{W_NS}}}rFonts"):
        attr = f"{{{W_NS}}}eastAsia"
        name = rfonts.get(attr)
        if name in WORD_SUBSTITUTES:
            rfonts.set(attr, WORD_SUBSTITUTES[name])
            for latin in ("ascii", "hAnsi"):  # digits and Latin in the same face, as the PDF draws them (the
                rfonts.set(f"{{{W_NS}}}{latin}", WORD_SUBSTITUTES[name])  # embedded face has them)
            rpr = rfonts.getparent()
            if name == "方正小标宋简体" and rpr.find(f"{{{W_NS}}}b") is None:
                # 小标宋 is a heavy face; its substitute is the bold weight of the serif family
                rfonts.addnext(OxmlElement("w:b"))


def write_docx(proposal: Proposal | list[Proposal], path: str | Path, *, word_fonts: str = "auto",
               red_header: str | list[str] = "", duplex: bool = True) -> Path:
    letters = proposal if isinstance(proposal, list) else [proposal]
    data = render_docx_many(letters, word_fonts=word_fonts, red_header=red_header, duplex=duplex)
    write_bytes_atomic(path, data)
    return Path(path)
