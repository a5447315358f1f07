"""Word XML written in the schema's order, and standard numbers kept whole: helpers every Word file uses (the
letters, the 呈批件, the 复盘报告, the 调度日报, the 会商纪要). Kept apart from the letter's renderer so that the
other documents do not load the letter's model (and pandas with it: the 调度日报 command took 0.3 s longer)."""

from __future__ import annotations

import copy
import re

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

SECT_PR_ORDER = ("w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders",
                 "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                 "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


# CT_PPr and CT_RPr's sequences (ECMA-376 Part 1, §17.3.1.26, §17.3.2.28): python-docx 1.x keeps its own copy only
# while building its classes, so they are written out here
P_PR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
              "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
              "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
              "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
              "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
              "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
R_PR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
              "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
              "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight",
              "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
              "w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")


def insert_in_order(parent, child) -> None:
    """Put ``child`` where the OOXML schema wants it among ``parent``'s children (Word refuses a document whose
    pPr/rPr/sectPr children are out of order; LibreOffice forgives it, so only Word users would see it)."""
    from docx.oxml.ns import qn

    order = {qn("w:sectPr"): SECT_PR_ORDER, qn("w:pPr"): P_PR_ORDER, qn("w:rPr"): R_PR_ORDER}.get(parent.tag)
    tag = child.tag
    existing = parent.find(tag)
    if existing is not None:
        parent.replace(existing, child)
        return
    if order is None:
        parent.append(child)
        return
    names = [qn(t) for t in order]
    later = names[names.index(tag) + 1:] if tag in names else []
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(child)
            return
    parent.append(child)


STANDARD_NUMBER = re.compile(r"(?<![A-Za-z0-9/])(?P<code>GB/T|GB|HJ/T|HJ|DB\d+/T|DB\d+) ?"
                             r"(?P<number>\d+(?:\.\d+)*)-(?P<year>\d{4})")
FIGURE_SPACE = "\u2007"  # no-break (Unicode GL) and as wide as a digit; U+202F read as "HJ633"
WORD_JOINER = "\u2060"


def standard_number_text(found: re.Match) -> str:
    """HJ 633-2012 held together: a figure space (no-break) after the code and a word joiner after the hyphen."""
    return f"{found['code']}{FIGURE_SPACE}{found['number']}-{WORD_JOINER}{found['year']}"


def keep_standard_numbers(document) -> None:
    """A standard's number (HJ 633-2012, GB 3095-2012) is never split across lines (LibreOffice set "HJ 63" on
    one line and "3-2012" on the next; the PDF keeps it whole). Its own run, marked English: in a zh-CN run
    LibreOffice breaks Latin text between any two digits. The space after the code is U+2007 and the hyphen is
    followed by U+2060 (Unicode's figure space and word joiner, both no-break): LibreOffice 7.4 broke at U+00A0,
    and at a w:noBreakHyphen (U+2011) when the face has no glyph for it (朱雀仿宋 has none), drawing it twice,
    "633-" / "-2012"."""
    from docx.oxml import OxmlElement

    for run in list(document.element.body.iter(f"{{{W_NS}}}r")):
        texts = run.findall(f"{{{W_NS}}}t")
        if len(texts) != 1 or not STANDARD_NUMBER.search(texts[0].text or ""):
            continue
        text, at, pieces = texts[0].text, 0, []
        for found in STANDARD_NUMBER.finditer(text):
            pieces += [(text[at:found.start()], None), (standard_number_text(found), "en-US")]
            at = found.end()
        pieces.append((text[at:], None))
        for piece, lang in pieces:
            if not piece:
                continue
            new = copy.deepcopy(run)
            for child in list(new):
                if child.tag != f"{{{W_NS}}}rPr":
                    new.remove(child)
            if lang is not None:
                rpr = new.find(f"{{{W_NS}}}rPr")
                if rpr is None:
                    rpr = OxmlElement("w:rPr")
                    new.insert(0, rpr)
                element = OxmlElement("w:lang")
                element.set(f"{{{W_NS}}}val", lang)
                insert_in_order(rpr, element)
            _add_text(new, piece)
            run.addprevious(new)
        run.getparent().remove(run)


def _add_text(run, text: str) -> None:
    from docx.oxml import OxmlElement

    element = OxmlElement("w:t")
    element.text = text
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(element)
