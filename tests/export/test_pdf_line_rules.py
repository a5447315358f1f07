"""Lines in the PDF letter break both ways (GB/T 15834): no line starts with closing punctuation, none ends with
an opening bracket or quote, and every line but a paragraph's last reaches the right edge (justified)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app.export.gridtext import CLOSING, OPENING
from app.export.proposal_pdf import BLOCK_H, BLOCK_LEFT, BLOCK_W, GridPara, _grid_styles

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")


def _pdf(texts: list[str], path) -> None:
    from reportlab.platypus import Frame, SimpleDocTemplate

    from app.export.pdf_pages import as_platypus

    styles = _grid_styles()
    doc = SimpleDocTemplate(str(path))
    frame = Frame(BLOCK_LEFT, 35 * 72 / 25.4, BLOCK_W, BLOCK_H, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    from reportlab.platypus import PageTemplate

    doc.addPageTemplates([PageTemplate(id="p", frames=[frame])])
    doc.build(as_platypus([GridPara(t, styles["p"]) for t in texts]))


def _lines(path) -> list[str]:
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True)
    return [line.replace(" ", "") for line in out.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("mark", list("，：；）（"))
def test_lines_break_both_ways_in_the_pdf(mark, tmp_path):
    texts = []
    for pad in range(0, 28):
        body = "四川省遂宁市、广安市、南充市；重庆市" + mark + "涪陵区、江北区（按自身红色预警执行）"
        texts.append("重" * pad + body * 2)
    path = tmp_path / "p.pdf"
    _pdf(texts, path)
    lines = _lines(path)
    assert len(lines) > 60
    assert not [line for line in lines if line[0] in CLOSING], [line for line in lines if line[0] in CLOSING]
    assert not [line for line in lines if line[-1] in OPENING], [line for line in lines if line[-1] in OPENING]


def test_body_lines_reach_the_right_edge(tmp_path):
    path = tmp_path / "p.pdf"
    _pdf(["据西南区域空气质量预测预报中心2026年12月19日10时发布的预测，2026年12月21日00时至12月25日24时，"
          "川渝地区可能出现一次重污染天气过程，日空气质量指数（AQI）按HJ 633-2026以自然日（0—24时）计算。" * 3],
         path)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    import re

    words = [(float(b), float(c), w) for b, c, w in
             re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', out)]
    rows: dict[int, tuple[float, str]] = {}
    for y_min, x_max, word in words:
        key = round(y_min)
        rows[key] = max(rows.get(key, (0.0, "")), (x_max, word))
    right = BLOCK_LEFT + BLOCK_W
    ends = [rows[k] for k in sorted(rows)][:-1]  # every line but the last
    # a closing mark squeezed at the line end keeps its ink inside, its full-width box may reach half a
    # character past the edge
    assert ends and all(abs(x - right) < 2.5 or (w[-1] in CLOSING and 0 <= x - right <= 8.1) for x, w in ends), \
        (right, ends)
