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
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "resources" / "templates" / "proposal.docx"

LATIN = "Times New Roman"
BODY_PT = 16  # 三号
LINE_PT = 28

# style name -> (East Asian font, size pt, bold, alignment, first-line indent in characters, line pt)
STYLES = {
    "HD 标题": ("方正小标宋简体", 22, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 35),
    "HD 文号": ("仿宋_GB2312", BODY_PT, False, WD_ALIGN_PARAGRAPH.CENTER, 0, LINE_PT),
    "HD 主送": ("仿宋_GB2312", BODY_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, LINE_PT),
    "HD 正文": ("仿宋_GB2312", BODY_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, LINE_PT),
    "HD 一级标题": ("黑体", BODY_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, LINE_PT),
    "HD 二级标题": ("楷体_GB2312", BODY_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, LINE_PT),
    "HD 署名": ("仿宋_GB2312", BODY_PT, False, WD_ALIGN_PARAGRAPH.RIGHT, 0, LINE_PT),
    "HD 成文日期": ("仿宋_GB2312", BODY_PT, False, WD_ALIGN_PARAGRAPH.RIGHT, 0, LINE_PT),
    "HD 版记": ("仿宋_GB2312", 14, False, WD_ALIGN_PARAGRAPH.LEFT, 0, LINE_PT),
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
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.first_line_indent = Pt(size * indent_chars) if indent_chars else None
        fmt.widow_control = False
    document.styles["HD 署名"].paragraph_format.right_indent = Pt(BODY_PT * 4)
    document.styles["HD 成文日期"].paragraph_format.right_indent = Pt(BODY_PT * 4)
    document.styles["HD 版记"].paragraph_format.left_indent = Pt(14)


def add(document, style: str, text: str):
    paragraph = document.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        east, size = STYLES[style][0], STYLES[style][1]
        run.font.name = LATIN
        run.font.size = Pt(size)
        set_east_asian(run._element.get_or_add_rPr(), east)
    return paragraph


def rule_below(paragraph, above: bool = False) -> None:
    """A thin rule above/below a 版记 paragraph (GB/T 9704 §7.5: 版记 between lines)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    edge = OxmlElement("w:top" if above else "w:bottom")
    for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        edge.set(qn(attr), value)
    borders.append(edge)
    ppr.append(borders)


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

    add(document, "HD 文号", "{{ doc_number }}")
    add(document, "HD 正文", "")
    add(document, "HD 标题", "{{ title }}")
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
    add(document, "HD 正文", "")
    rule_below(add(document, "HD 版记", "抄报：{{ copy_report }}。"), above=True)
    add(document, "HD 版记", "{%p if copy_to %}")
    add(document, "HD 版记", "抄送：{{ copy_to }}。")
    add(document, "HD 版记", "{%p endif %}")
    rule_below(add(document, "HD 版记", "{{ office_line }}"))

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
