"""The proposal letter as Word (.docx), from the restyleable template ``resources/templates/proposal.docx``.

The template (built by ``tools/make_proposal_template.py``, editable in Word) holds the GB/T 9704 layout in named
styles and docxtpl placeholders; this module fills them from a :class:`~app.domain.proposal.Proposal`. Fonts:
the letter names the office fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) where the machine has them,
otherwise the bundled OFL substitutes (``HazeDesk Noto Serif/Sans SC``), on every style and every run
(``w:eastAsia`` as well as the Latin names), and says which in the document's properties.
"""

from __future__ import annotations

import io
from pathlib import Path

from app.atomic import write_bytes_atomic
from app.domain.proposal import Proposal
from app.errors import InputError, Problem
from app.export import fonts
from app.export.proposal_record import encode_record, proposal_record
from app.export.record_files import embed_docx_record
from app.paths import TEMPLATES_DIR

TEMPLATE = TEMPLATES_DIR / "proposal.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# office font -> bundled OFL substitute family (the Word letter has no bold-only family; 小标宋 maps to the bold)
WORD_SUBSTITUTES = {"方正小标宋简体": fonts.SERIF_FAMILY, "仿宋_GB2312": fonts.SERIF_FAMILY,
                    "楷体_GB2312": fonts.SERIF_FAMILY, "黑体": fonts.SANS_FAMILY}


def resolve_word_fonts(choice: str = "auto") -> str:
    """"office" (name 仿宋_GB2312 …) or "bundled" (name the OFL substitutes); "auto" asks the machine."""
    if choice not in ("auto", "office", "bundled"):
        raise InputError(Problem("unknown font choice", column="--word-fonts", value=choice,
                                 expected="auto, office or bundled"))
    if choice == "auto":
        return "office" if fonts.office_fonts_installed() else "bundled"
    return choice


def render_docx(proposal: Proposal, *, word_fonts: str = "auto", template: Path = TEMPLATE) -> bytes:
    from docxtpl import DocxTemplate

    if not Path(template).is_file():
        raise InputError(Problem("the proposal template is missing", file=str(template),
                                 expected="resources/templates/proposal.docx (tools/make_proposal_template.py)"))
    choice = resolve_word_fonts(word_fonts)
    tpl = DocxTemplate(str(template))
    context = {
        "title": proposal.title, "doc_number": proposal.doc_number, "recipients": proposal.recipients,
        "blocks": [{"kind": b.kind, "text": b.text} for b in proposal.blocks], "signer": proposal.signer,
        "date_text": proposal.date_text, "copy_report": proposal.copy_report, "copy_to": proposal.copy_to,
        "office_line": f"{proposal.signer}　　{proposal.date_text}印发",
    }
    tpl.render(context, autoescape=True)
    document = tpl.docx
    if choice == "bundled":
        _substitute_fonts(document.element)
        _substitute_fonts(document.styles.element)
    props = document.core_properties
    props.title = proposal.title
    props.subject = proposal.scheme_label
    props.author = proposal.signer
    props.comments = ("字体：仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312" if choice == "office" else
                      "本机无仿宋_GB2312/方正小标宋简体，已改用开源字体 "
                      f"{fonts.SERIF_FAMILY}（正文、标题）与 {fonts.SANS_FAMILY}（黑体），SIL OFL 1.1")
    record = proposal_record(proposal)
    if record is not None:  # what the letter puts in force, for "从已发建议函导入" (app.export.proposal_readback)
        embed_docx_record(document, encode_record(record))
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def _substitute_fonts(root) -> None:
    from docx.oxml import OxmlElement

    for rfonts in root.iter(f"{{{W_NS}}}rFonts"):
        attr = f"{{{W_NS}}}eastAsia"
        name = rfonts.get(attr)
        if name in WORD_SUBSTITUTES:
            rfonts.set(attr, WORD_SUBSTITUTES[name])
            rpr = rfonts.getparent()
            if name == "方正小标宋简体" and rpr.find(f"{{{W_NS}}}b") is None:
                # 小标宋 is a heavy face; its substitute is the bold weight of the serif family
                rfonts.addnext(OxmlElement("w:b"))


def write_docx(proposal: Proposal, path: str | Path, *, word_fonts: str = "auto") -> Path:
    data = render_docx(proposal, word_fonts=word_fonts)
    write_bytes_atomic(path, data)
    return Path(path)
