"""The letter's own page layout (app.export.pdf_pages) gives the PDF platypus gave: the same bytes for letters
that split paragraphs across pages, keep headings with their text, put the 版记 alone on a page or after a
blank page, carry a red header, or stand several in one file. The reference is the layout the letter had
before: platypus's BaseDocTemplate with one frame, the same blocks passed through as_platypus (which the
briefing pack uses)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from reportlab import rl_config

from app.domain.engine import evaluate
from app.domain.proposal import OfficerFields, build_followup, build_proposal
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING
from app.export import fonts, pdf_pages, proposal_pdf
from app.export.pdf_pages import Block, LayoutError, NewPage, Space, as_platypus, layout
from app.export.proposal_pdf import (
    A4_H,
    A4_W,
    BLOCK_BOTTOM,
    BLOCK_H,
    BLOCK_LEFT,
    BLOCK_W,
    BODY_PT,
    render_pdf_many,
)


def _platypus_render(proposals, red_header: str = "") -> bytes:
    """render_pdf_many as it was: the same story laid out by platypus's BaseDocTemplate."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    styles = proposal_pdf._grid_styles()

    def build(foot_on_even):
        story = proposal_pdf._letters_story(proposals, styles, red_header, foot_on_even)
        buffer = io.BytesIO()
        first = proposals[0]
        doc = BaseDocTemplate(buffer, pagesize=(A4_W, A4_H), title=first.title if len(proposals) == 1 else
                              "；".join(p.title for p in proposals), author=first.signer,
                              subject=first.scheme_label, creator="HazeDesk", producer="HazeDesk", lang="zh-CN",
                              initialFontName=fonts.REPORTLAB_NAMES["body"], initialFontSize=BODY_PT)
        frame = Frame(BLOCK_LEFT, BLOCK_BOTTOM, BLOCK_W, BLOCK_H, leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0, id="block")
        doc.addPageTemplates([PageTemplate(id="letter", frames=[frame],
                                           onPageEnd=lambda canvas, doc: proposal_pdf._page_number(canvas))])
        doc.build(as_platypus(story), canvasmaker=proposal_pdf.record_canvas())  # the record as the letter's
        return buffer.getvalue(), list(doc.canv._hazedesk_feet)

    return proposal_pdf._with_foot_on_even(build)


@pytest.fixture(autouse=True)
def _invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)  # no creation time or random id in either PDF


def _letters(orange, red):
    from maps.adjacency import scheme_adjacency

    officer = OfficerFields(doc_number="川渝联防办〔2026〕3号", date=date(2026, 1, 9))
    start = build_proposal(orange.evaluation, orange.forecast.meta, orange.scheme,
                           episodes=list(range(len(orange.evaluation.episodes))), officer=officer,
                           met=orange.forecast.met)
    red_letter = build_proposal(red.evaluation, red.forecast.meta, red.scheme, episodes=[0], officer=officer,
                                met=red.forecast.met)
    first = datetime(2026, 1, 9, tzinfo=BEIJING)  # in effect before the forecast (spec §7): a lift and an upgrade
    evaluation = evaluate(orange.forecast, orange.scheme, scheme_adjacency(orange.scheme).neighbours,
                          in_force=[WarningInForce("盆地东北部地区", "yellow", first),
                                    WarningInForce("盆地中部地区", "yellow", first, first + timedelta(hours=48))])
    lift, upgrade = (build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=i,
                                    officer=officer, met=orange.forecast.met) for i in (0, 1))
    long_signer = replace(start, signer="四川省、重庆市重污染天气应急联动工作组办公室（川渝联防联控）", copy_to="成都市、重庆市")
    return {"start": [start], "red": [red_letter], "lift+upgrade": [lift, upgrade], "upgrade": [upgrade],
            "long signer": [long_signer], "three": [start, lift, red_letter]}


@pytest.mark.parametrize("case", ["start", "red", "lift+upgrade", "upgrade", "long signer", "three"])
@pytest.mark.parametrize("red_header", ["", "四川省生态环境厅"])
def test_the_letter_pdf_is_the_bytes_platypus_laid_out(case, red_header, orange, red):
    letters = _letters(orange, red)[case]
    ours = render_pdf_many(letters, red_header=red_header)
    assert ours == _platypus_render(letters, red_header=red_header)
    assert ours.startswith(b"%PDF")


def test_the_upgrade_letter_really_splits_and_leaves_a_blank_page(orange, red):
    """The cases above reach the paths that matter: a paragraph split at a page foot and the 版记 moved
    after a blank page (the upgrade letter: four pages, its third blank)."""
    upgrade = _letters(orange, red)["upgrade"]
    splits = []
    real = proposal_pdf.GridPara.split

    def counting(self, w, h):
        parts = real(self, w, h)
        splits.append(len(parts))
        return parts

    proposal_pdf.GridPara.split = counting
    try:
        render_pdf_many(upgrade)
    finally:
        proposal_pdf.GridPara.split = real
    assert 2 in splits


class _Box(Block):
    def __init__(self, height, parts=()):
        super().__init__()
        self.height, self.parts = height, list(parts)

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.height

    def split(self, avail_width, avail_height):
        return self.parts

    def draw(self):
        self.canv.rect(0, 0, self.width, self.height)


def _both(story_factory):
    """Our layout and platypus's on the same story: (our bytes, platypus's bytes, our page count)."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    def number(canvas):
        canvas.drawString(10, 10, str(canvas.getPageNumber()))

    ours = io.BytesIO()
    canvas = Canvas(ours, pagesize=(A4_W, A4_H))
    for name in ("setAuthor", "setTitle", "setSubject", "setCreator", "setProducer"):
        getattr(canvas, name)(None)  # as BaseDocTemplate sets them when given nothing
    canvas.setKeywords([])
    pages = layout(canvas, story_factory(), (BLOCK_LEFT, BLOCK_BOTTOM, BLOCK_W, BLOCK_H), number)
    canvas.save()
    theirs = io.BytesIO()
    doc = BaseDocTemplate(theirs, pagesize=(A4_W, A4_H))
    doc.addPageTemplates([PageTemplate(frames=[Frame(BLOCK_LEFT, BLOCK_BOTTOM, BLOCK_W, BLOCK_H, leftPadding=0,
                                                     rightPadding=0, topPadding=0, bottomPadding=0)],
                                       onPageEnd=lambda c, d: number(c))])
    doc.build(as_platypus(story_factory()))
    return ours.getvalue(), theirs.getvalue(), pages


@pytest.mark.parametrize("name", ["fits", "moves", "splits", "page breaks", "break on a fresh page", "exact fit",
                                  "zero height at the foot"])
def test_layout_places_blocks_as_platypus_does(name):
    half = BLOCK_H / 2
    stories = {
        "fits": lambda: [_Box(100), Space(1, 20), _Box(200)],
        "moves": lambda: [_Box(half + 10), _Box(half + 10), _Box(30)],
        "splits": lambda: [_Box(half + 10), _Box(half + 10, parts=[_Box(half - 20), _Box(40)]), _Box(30)],
        "page breaks": lambda: [_Box(100), NewPage(), _Box(100), NewPage()],
        "break on a fresh page": lambda: [NewPage(), NewPage(), _Box(100)],
        "exact fit": lambda: [_Box(half), _Box(half), _Box(10)],
        "zero height at the foot": lambda: [_Box(BLOCK_H), _Box(0), _Box(5)],
    }
    ours, theirs, pages = _both(stories[name])
    assert ours == theirs
    assert pages == {"fits": 1, "moves": 2, "splits": 2, "page breaks": 2, "break on a fresh page": 3,
                     "exact fit": 2, "zero height at the foot": 2}[name]


def test_a_block_too_large_for_any_page_is_a_layout_error():
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO(), pagesize=(A4_W, A4_H))
    with pytest.raises(LayoutError, match="too large"):
        layout(canvas, [_Box(10), _Box(BLOCK_H + 1)], (0, 0, BLOCK_W, BLOCK_H), lambda c: None)
    with pytest.raises(LayoutError, match="does not fit"):
        layout(Canvas(io.BytesIO()), [_Box(BLOCK_H - 5), _Box(20, parts=[_Box(30), _Box(1)])],
               (0, 0, BLOCK_W, BLOCK_H), lambda c: None)


def test_the_letter_pdf_imports_no_platypus():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = ("import sys\nfrom app.export.inputs import load_and_evaluate\n"
            "from app.domain.proposal import OfficerFields, build_proposal\n"
            "from app.export.proposal_pdf import render_pdf\n"
            "i = load_and_evaluate(sys.argv[1])\n"
            "p = build_proposal(i.evaluation, i.forecast.meta, i.scheme, episodes=[0], officer=OfficerFields(),"
            " met=i.forecast.met)\n"
            "assert render_pdf(p).startswith(b'%PDF')\n"
            "print(sorted(m for m in sys.modules if m.startswith('reportlab.platypus')))")
    out = subprocess.run([sys.executable, "-c", code, str(root / "data/samples/sample-regional-orange.csv")],
                         cwd=root, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
    assert pdf_pages.FUZZ == rl_config._FUZZ
    assert BLOCK_H > 0
