"""The proposal letter as simple HTML, for the review dialog's live preview (same Proposal as docx and PDF).

Qt's rich-text engine renders a subset of HTML 4 and CSS, so this stays plain: centred title, 一、/（一）
headings, indented body paragraphs, right-aligned signature and date, and the 版记 between rules.
"""

from __future__ import annotations

from html import escape

from app.domain.proposal import Proposal
from app.export.fonts import SANS_FAMILY, SERIF_FAMILY

SERIF = f"'仿宋_GB2312', 'FangSong_GB2312', '{SERIF_FAMILY}', serif"
SANS = f"'黑体', 'SimHei', '{SANS_FAMILY}', sans-serif"


def proposal_html(proposal: Proposal, *, base_pt: float = 12.0) -> str:
    line = base_pt * 1.75
    indent_px = round(2 * base_pt * 96 / 72)  # Qt's text-indent is in pixels: two characters
    parts = [f"<html><body style=\"font-family: {SERIF}; font-size: {base_pt}pt;\">"]
    if proposal.doc_number:
        parts.append(f"<p align='center'>{escape(proposal.doc_number)}</p>")
    parts.append(f"<p align='center' style=\"font-size: {base_pt * 1.4:.1f}pt; font-weight: bold;\">"
                 f"{escape(proposal.title)}</p>")
    parts.append(f"<p>{escape(proposal.recipients)}：</p>")
    for block in proposal.blocks:
        style = f"text-indent: {indent_px}px; line-height: 135%; margin-top: 0px; margin-bottom: 4px;"
        text = escape(block.text)
        if block.kind == "h1":
            parts.append(f"<p style=\"{style} font-family: {SANS};\">{text}</p>")
        elif block.kind == "h2":
            parts.append(f"<p style=\"{style} font-weight: bold;\">{text}</p>")
        else:
            parts.append(f"<p style=\"{style}\">{text}</p>")
    parts.append(f"<p align='right' style='margin-top: {line:.0f}pt;'>{escape(proposal.signer)}<br/>"
                 f"{escape(proposal.date_text)}</p>")
    parts.append("<hr/>")
    parts.append(f"<p style='font-size: {base_pt * 0.875:.1f}pt;'>抄报：{escape(proposal.copy_report)}。")
    if proposal.copy_to:
        parts.append(f"<br/>抄送：{escape(proposal.copy_to)}。")
    parts.append("</p><hr/></body></html>")
    return "".join(parts)
