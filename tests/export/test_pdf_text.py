"""The letter's characters are written into the PDF as ReportLab's text object writes them: the one-string
fast path of proposal_pdf._draw_unit gives the same bytes as the calls it stands for (beginText, setFont,
setCharSpace, textOut, drawText), on letters with every face, fallback characters (PM₂.₅, rare names), a red
header and a long office name in a smaller size."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from reportlab import rl_config

from app.domain.proposal import OfficerFields, build_proposal
from app.export import fonts, proposal_pdf


def _draw_unit_by_calls(canvas, unit, x, baseline, style):
    """proposal_pdf._draw_unit as it was: ReportLab's text object, call by call."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    canvas.setFillColor(style.fill)
    for role, piece in fonts.split_by_font(unit, style.role):
        face = fonts.ensure_reportlab(role)
        text = canvas.beginText(x, baseline)
        text.setFont(face, style.size)
        text.setCharSpace(style.char_space)
        text.textOut(piece)
        canvas.drawText(text)
        x += stringWidth(piece, face, style.size) + style.char_space * len(piece)


@pytest.mark.parametrize("variant", ["plain", "red header", "fallback characters", "long office"])
def test_fast_text_objects_are_the_bytes_of_reportlabs_calls(variant, orange, monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)
    letter = build_proposal(orange.evaluation, orange.forecast.meta, orange.scheme,
                            episodes=list(range(len(orange.evaluation.episodes))),
                            officer=OfficerFields(doc_number="川渝联防办〔2026〕3号", date=date(2026, 1, 9)),
                            met=orange.forecast.met)
    red_header = ""
    if variant == "red header":
        red_header = "四川省生态环境厅"
    elif variant == "fallback characters":  # PM₂.₅ and 喆堃 come from the serif and symbol faces
        letter = replace(letter, signer="喆堃 PM₂.₅ 办公室", copy_to="𠀀市、〇〇县")
    elif variant == "long office":
        letter = replace(letter, signer="四川省、重庆市重污染天气应急联动工作组办公室（川渝联防联控机制）")
    fast = proposal_pdf.render_pdf(letter, red_header=red_header)
    monkeypatch.setattr(proposal_pdf, "_draw_unit", _draw_unit_by_calls)
    calls = proposal_pdf.render_pdf(letter, red_header=red_header)
    assert fast == calls


def test_a_top_down_canvas_takes_the_calls(monkeypatch):
    """The one string is written only for what it reproduces (a bottom-up canvas, TrueType faces)."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    style = proposal_pdf._grid_styles()["p"]
    out = []
    for draw in (proposal_pdf._draw_unit, _draw_unit_by_calls):
        canvas = Canvas(io.BytesIO(), bottomup=0)
        draw(canvas, "川", 10.0, 20.0, style)
        out.append(canvas._code[-1])
    assert out[0] == out[1] and "1 0 0 -1" in out[0]
