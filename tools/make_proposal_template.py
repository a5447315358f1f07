"""Build ``resources/templates/proposal.docx``: the Word template of the warning proposal letter.

GB/T 9704-2012 official-letter form: A4, margins 37/35/28/26 mm (top/bottom/left/right), title in 小标宋 22 pt,
body in 仿宋 16 pt on a fixed 28 pt line, 一、 headings in 黑体, （一） headings in 楷体, signature and date
right-aligned, 抄报/抄送 in the 版记 at 14 pt between rules. Every look lives in a named paragraph style
("HD 正文", "HD 标题" …) so an office can restyle the letter in Word itself (Modify Style) and keep the
placeholders. The placeholders are docxtpl (Jinja) tags; ``app.export.docx`` fills them from a ``Proposal``.

python-docx's ``font.name`` sets only the Latin font, so the East Asian font (``w:eastAsia``) is set explicitly on
every style and on every placeholder run.

Usage: ``python tools/make_proposal_template.py`` (rewrites the template; commit the result).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from app.export.docx_xml import insert_in_order

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "resources" / "templates" / "proposal.docx"

LATIN = "Times New Roman"
BODY_PT = 16  # 三号
LINE_TWIPS = 579  # 225 mm / 22 lines: the GB/T 9704 grid (28.95 pt)
LINE_PT = LINE_TWIPS / 20
CHAR_SPACING_TWIPS = -5  # w:spacing on 三号 styles: 16 pt − 0.25 pt = 15.75 pt a character, 28 across 156 mm
TEXT_WIDTH_MM = 156
RECORD_PT = 14  # 四号: 版记 and page numbers
RED = "E60012"

# style name -> (East Asian font, size pt, bold, alignment, first-line indent in characters, line pt)
STYLES = {
    "HD 红头": ("方正小标宋简体", 30, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 44),
    "HD 标题": ("方正小标宋简体", 22, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 35),
    "HD 文号": ("仿宋_GB2312", BODY_PT, False, WD_ALIGN_PARAGRAPH.CENTER, 0, LINE_PT),
    "HD 主送": ("仿宋_GB2312", BODY_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, LINE_PT),
    "HD 正文": ("仿宋_GB2312", BODY_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, LINE_PT),
    "HD 一级标题": ("黑体", BODY_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, LINE_PT),
    "HD 二级标题": ("楷体_GB2312", BODY_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, LINE_PT),
    "HD 署名": ("仿宋_GB2312", BODY_PT, False, WD_ALIGN_PARAGRAPH.RIGHT, 0, LINE_PT),
    "HD 成文日期": ("仿宋_GB2312", BODY_PT, False, WD_ALIGN_PARAGRAPH.RIGHT, 0, LINE_PT),
    "HD 版记": ("仿宋_GB2312", RECORD_PT, False, WD_ALIGN_PARAGRAPH.LEFT, 0, LINE_PT),
    "HD 页码": ("宋体", RECORD_PT, False, WD_ALIGN_PARAGRAPH.RIGHT, 0, 0),
}


def set_east_asian(element_rpr, east_asian: str, latin: str = LATIN) -> None:
    """Write ``<w:rFonts w:ascii w:hAnsi w:eastAsia w:cs>`` on a run or style's rPr."""
    fonts = element_rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element_rpr.insert(0, fonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian), ("w:cs", latin)):
        fonts.set(qn(attr), value)
    for hint in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(hint), None)


def make_styles(document) -> None:
    for name, (east, size, bold, align, indent_chars, line) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        style.font.name = LATIN
        style.font.size = Pt(size)
        style.font.bold = bold
        set_east_asian(style.element.get_or_add_rPr(), east)
        fmt = style.paragraph_format
        fmt.alignment = align
        if line:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(line)
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.first_line_indent = Pt(size * indent_chars) if indent_chars else None
        fmt.widow_control = False
        ppr = style.element.get_or_add_pPr()
        for name in ("w:autoSpaceDE", "w:autoSpaceDN"):  # no extra space between Chinese and Latin/digits
            off = OxmlElement(name)
            off.set(qn("w:val"), "0")
            insert_in_order(ppr, off)
        if size == BODY_PT:
            spacing = OxmlElement("w:spacing")
            spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))
            insert_in_order(style.element.get_or_add_rPr(), spacing)
    # 署名 right-aligned two characters in from the edge; 成文日期 under it, right-aligned four characters in
    # (GB/T 9704 §7.3.5.3: its first character two to the right of the signature's)
    document.styles["HD 署名"].paragraph_format.right_indent = Pt(BODY_PT * 2)
    document.styles["HD 成文日期"].paragraph_format.right_indent = Pt(BODY_PT * 4)
    record = document.styles["HD 版记"].paragraph_format
    record.left_indent = Pt(RECORD_PT)
    record.right_indent = Pt(RECORD_PT)
    # 印发 line: the office on the left, "…印发" right-aligned by a tab at the right edge (not padded spaces)
    record.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - Pt(2 * RECORD_PT), WD_TAB_ALIGNMENT.RIGHT)
    for name in ("HD 一级标题", "HD 二级标题", "HD 标题", "HD 主送"):  # never alone at a page foot
        document.styles[name].paragraph_format.keep_with_next = True
    red = document.styles["HD 红头"]
    red.font.color.rgb = RGBColor.from_string(RED)
    _border(red.element.get_or_add_pPr(), "bottom", "thickThinSmallGap", 24, RED, space=6)
    for name in ("HD 页码",):
        document.styles[name].paragraph_format.widow_control = False


def add(document, style: str, text: str):
    paragraph = document.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        east, size = STYLES[style][0], STYLES[style][1]
        run.font.name = LATIN
        run.font.size = Pt(size)
        set_east_asian(run._element.get_or_add_rPr(), east)
    return paragraph


def _border(ppr, edge_name: str, kind: str, eighths: int, color: str = "000000", space: int = 1) -> None:
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        insert_in_order(ppr, borders)
    edge = OxmlElement(f"w:{edge_name}")
    for attr, value in (("w:val", kind), ("w:sz", str(eighths)), ("w:space", str(space)), ("w:color", color)):
        edge.set(qn(attr), value)
    borders.append(edge)


def rule(paragraph, edge: str, thick: bool) -> None:
    """版记 rules (GB/T 9704 §7.5.1): first and last 0.35 mm, the ones between 0.25 mm."""
    _border(paragraph._p.get_or_add_pPr(), edge, "single", 8 if thick else 6)


def _cell_border(cell, edge: str, eighths: int) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    borders = tcpr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tcpr.append(borders)
    element = OxmlElement(f"w:{edge}")
    for attr, value in (("w:val", "single"), ("w:sz", str(eighths)), ("w:space", "0"), ("w:color", "000000")):
        element.set(qn(attr), value)
    borders.append(element)


def record_table(document) -> None:
    """The 版记 as a floating table anchored to the bottom of the text block: 抄报, (抄送), 印发."""
    rows = [("抄报：{{ copy_report }}。", None), ("{%tr if copy_to %}", None), ("抄送：{{ copy_to }}。", None),
            ("{%tr endif %}", None), ("{{ signer }}\t{{ date_text }}印发", "last")]
    table = document.add_table(rows=len(rows), cols=1)
    width = Mm(TEXT_WIDTH_MM)
    tblpr = table._tbl.tblPr
    position = OxmlElement("w:tblpPr")
    # absolute from the page top (LibreOffice ignores "bottom of the margin"); app.export.proposal_docx sets
    # w:tblpY from the rows the letter has, so the last rule lies on the block's lower edge
    for attr, value in (("w:vertAnchor", "page"), ("w:horzAnchor", "margin"), ("w:tblpY", "13117"),
                        ("w:tblpXSpec", "center"), ("w:leftFromText", "0"), ("w:rightFromText", "0"),
                        ("w:topFromText", "0"), ("w:bottomFromText", "0")):
        position.set(qn(attr), value)
    # tblPr order: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize, tblStyleColBandSize, tblW, jc,
    # tblCellSpacing, tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook
    style = tblpr.find(qn("w:tblStyle"))
    (style.addnext if style is not None else lambda e: tblpr.insert(0, e))(position)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    look = tblpr.find(qn("w:tblLook"))
    (look.addprevious if look is not None else tblpr.append)(layout)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        m = OxmlElement(f"w:{edge}")
        m.set(qn("w:w"), "0")
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    layout.addnext(margins)
    order = [qn(t) for t in ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                             "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
                             "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")]
    for child in sorted(tblpr, key=lambda e: order.index(e.tag) if e.tag in order else len(order)):
        tblpr.append(child)  # re-appending in schema order (Word rejects tblPr children out of order)
    for row in table.rows:  # exact row heights: the table's height is known before layout
        trpr = row._tr.get_or_add_trPr()
        height = OxmlElement("w:trHeight")
        height.set(qn("w:val"), str(LINE_TWIPS))
        height.set(qn("w:hRule"), "exact")
        trpr.append(height)
    for n, (text, role) in enumerate(rows):
        cell = table.rows[n].cells[0]
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.style = document.styles["HD 版记"]
        run = paragraph.add_run(text)
        run.font.size = Pt(RECORD_PT)
        set_east_asian(run._element.get_or_add_rPr(), "仿宋_GB2312")
        if n == 0:
            _cell_border(cell, "top", 8)
        if role == "last":
            _cell_border(cell, "top", 6)
            _cell_border(cell, "bottom", 8)


def page_number_footer(document, footer, odd: bool) -> None:
    """"— 1 —" in 4号 半角宋体, odd pages right, even pages left, one character in from the edge (§7.5.2)."""
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["HD 页码"]
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        fmt.right_indent = Pt(RECORD_PT)
    else:
        fmt.left_indent = Pt(RECORD_PT)

    def run(text: str = ""):
        r = paragraph.add_run(text)
        r.font.size = Pt(RECORD_PT)
        set_east_asian(r._element.get_or_add_rPr(), "宋体", "宋体")
        return r

    run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r._element.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._element.append(instr)
        else:
            r.text = text
    run(" —")


def language_zh_cn(document) -> None:
    """Document language: Chinese (PRC) for East Asian text, so Word's proofing and line rules are Chinese."""
    for rpr in (document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")),
                document.styles["Normal"].element.get_or_add_rPr()):
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            insert_in_order(rpr, lang)
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
        lang.set(qn("w:bidi"), "ar-SA")


def text_grid(section) -> None:
    """22 lines in the 225 mm block (w:docGrid lines, 579 twips). The 28 characters across come from the body
    styles' character spacing (−0.25 pt: a 15.75 pt pitch), not from a character grid: Word and LibreOffice
    read a linesAndChars grid's charSpace differently, and LibreOffice spread the letter to 16 characters."""
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        insert_in_order(sect, grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_TWIPS))
    grid.attrib.pop(qn("w:charSpace"), None)


def drop_thumbnail(document) -> None:
    """python-docx's default template carries a thumbnail of an empty page; a letter has a real one or none."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]


def build(target: Path = TEMPLATE) -> Path:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name = LATIN
    normal.font.size = Pt(BODY_PT)
    set_east_asian(normal.element.get_or_add_rPr(), "仿宋_GB2312")
    make_styles(document)
    # the default empty first paragraph of a new document goes: the letter starts with its title
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)

    add(document, "HD 正文", "{%p if red_header %}")
    add(document, "HD 红头", "{{ red_header }}")
    add(document, "HD 正文", "{%p endif %}")
    add(document, "HD 文号", "{{ doc_number }}")
    add(document, "HD 正文", "")
    add(document, "HD 标题", "{{r title_rt }}")
    add(document, "HD 正文", "")
    add(document, "HD 主送", "{{ recipients }}：")
    add(document, "HD 正文", "{%p for b in blocks %}")
    add(document, "HD 正文", "{%p if b.kind == 'h1' %}")
    add(document, "HD 一级标题", "{{ b.text }}")
    add(document, "HD 正文", "{%p elif b.kind == 'h2' %}")
    add(document, "HD 二级标题", "{{ b.text }}")
    add(document, "HD 正文", "{%p else %}")
    add(document, "HD 正文", "{{ b.text }}")
    add(document, "HD 正文", "{%p endif %}")
    add(document, "HD 正文", "{%p endfor %}")
    add(document, "HD 正文", "")
    add(document, "HD 署名", "{{ signer }}")
    add(document, "HD 成文日期", "{{ date_text }}")
    # 版记 (GB/T 9704 §7.5): 抄报/抄送 above 印发, three rules (the first and last thicker), at the foot of the
    # last page: a one-column table floating at the bottom of the text block (Word and LibreOffice both place
    # it there; a framed paragraph is placed after the text by LibreOffice)
    record_table(document)
    add(document, "HD 正文", "")  # a document cannot end with a table

    document.settings.odd_and_even_pages_header_footer = True
    section.footer_distance = Mm(23)  # the number's top 7 mm below the block (35 mm − 7 mm − 14 pt)
    page_number_footer(document, section.footer, odd=True)
    page_number_footer(document, section.even_page_footer, odd=False)
    text_grid(section)
    language_zh_cn(document)
    drop_thumbnail(document)

    props = document.core_properties
    props.title = "区域预警建议函模板"
    props.author = "HazeDesk"
    props.comments = ("样式 HD 标题/HD 正文/HD 一级标题… 可在 Word 中修改；双花括号与 %p 标记为占位符，请勿删除。"
                      "字体：仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312。")
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


if __name__ == "__main__":
    print(build())
