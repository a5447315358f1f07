"""Page numbers for the .docx reports (会商纪要, 应对评估报告) as their PDFs carry them: a centred footer
"<before>N<after>" with N Word's PAGE field, so Word, WPS and LibreOffice number the pages they lay out."""

from __future__ import annotations


def page_number_footer(document, before: str, after: str, size_pt: float = 9) -> None:
    """Every section's footer: ``before`` + the page number + ``after``, centred, in the body font."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for section in document.sections:
        paragraph = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

        def run(text: str = "", paragraph=paragraph):
            r = paragraph.add_run(text)
            r.font.size = Pt(size_pt)
            return r

        run(before)
        for kind in ("begin", "instr", "separate", "result", "end"):
            r = run()
            if kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = " PAGE "
                r._element.append(instr)
            elif kind == "result":
                r.text = "1"
            else:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                r._element.append(char)
        run(after)
