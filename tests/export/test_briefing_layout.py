"""The briefing reads in print (issue 13): table cells break between items only, the warned cities are listed,
timelines are small multiples of at most six cities, map pages are whole A4 pages with one footer."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app.export.briefing import build_briefing, wrap_items
from app.export.timelines import PANEL_LINES


def test_cells_break_between_items_never_inside_one():
    from app.export import fonts

    face = fonts.register_reportlab()["sans"]
    text = "17城：遂宁市、广安市、南充市、涪陵区、江北区、沙坪坝区、南岸区、北碚区、渝北区、巴南区、长寿区"
    lines = wrap_items(text, 150, face, 9)
    assert len(lines) > 1 and "".join(lines) == text
    assert all(line.endswith("、") for line in lines[:-1])  # every break right after a separator
    assert wrap_items("12月21日00时", 40, face, 9) == ["12月21日00时"]  # a time is one item: never "21日00 / 时"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")
def test_briefing_lists_warned_cities_and_has_whole_map_pages(red, tmp_path):
    from app.domain.proposal import build_proposal

    letter = build_proposal(red.evaluation, red.forecast.meta, red.scheme, episodes=[0, 1, 2])
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(build_briefing(red.evaluation, red.forecast.meta, red.scheme, proposal=letter))
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    summary = pages[1].replace(" ", "")
    assert "预警城市" in summary and "17城：" in summary and "涪陵区" in summary  # warned, not only triggering
    # the seven day maps are whole-page images: no briefing footer drawn over them (only the map's own)
    map_pages = [p for p in pages[:-1] if not p.strip()]
    assert len(map_pages) == 7
    assert sum("会商简报 · 第" in p for p in pages) == len(pages) - 1 - 7
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", "20", str(pdf)], capture_output=True, text=True).stdout
    assert sizes.count("841.89 x 595.276 pts") >= 7 + 4  # landscape: maps and timelines


def test_timeline_panels_hold_at_most_six_cities(red):
    from matplotlib.figure import Figure  # noqa: F401  (matplotlib is what draws them)

    import app.export.timelines as timelines

    cities = list(red.evaluation.episodes[0].warned_cities)
    assert len(cities) > PANEL_LINES
    captured = {}
    original = timelines.Figure

    class Spy(original):
        def savefig(self, *args, **kwargs):
            captured["axes"] = [len(ax.get_lines()) - 3 for ax in self.axes]  # minus the three threshold lines
            return super().savefig(*args, **kwargs)

    timelines.Figure = Spy
    try:
        _, (w, h) = timelines.region_panels_png(red.evaluation, "盆地中部地区", cities, dpi=40)
    finally:
        timelines.Figure = original
    assert captured["axes"] and max(captured["axes"]) <= PANEL_LINES and sum(captured["axes"]) == len(cities)
    assert max(captured["axes"]) - min(captured["axes"]) <= 1  # filled evenly
    assert w <= 267 and h <= 180
