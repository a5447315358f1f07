"""The Qt meeting-map page (app.export_qt.map_page), which draws the PNG maps: what it shows, where — units in
their layer's colours, legend, texts, inset, region table — in the bundled Chinese font, antialiased, and the
map command's PNG drawn by it without matplotlib."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date

import numpy as np
import pytest
from PIL import Image

from app.export.map_layers import frame_at
from app.export.maps import MapExporter, export_map, export_series
from app.paths import SAMPLES_DIR
from maps.page import CENTRAL_CHONGQING, NO_DATA_RGB, PAPER_MM

DAY = date(2026, 1, 13)
DPI = 100


@pytest.fixture(scope="module")
def page_module(qapp):
    from app.export_qt import map_page

    return map_page


@pytest.fixture(scope="module")
def exporter(orange, page_module):
    return MapExporter(orange.evaluation, orange.forecast.meta, orange.scheme, page=page_module.qt_page)


def _unique_colours(units) -> dict[str, tuple[int, int, int]]:
    """A colour of its own for every unit, none of them a colour the page draws otherwise."""
    return {name: (20 + 3 * i, 90 + (7 * i) % 60, 160 + (5 * i) % 90) for i, name in enumerate(units)}


def _px_box(page, box, dpi=DPI):
    left, top, width, height = (v * dpi / 25.4 for v in box)
    return int(left), int(top), int(left + width), int(top + height)


def _mask(pixels: np.ndarray, rgb) -> np.ndarray:
    return (pixels == np.array(rgb, dtype=np.uint8)).all(axis=2)


def test_each_unit_is_filled_with_its_colour_where_it_lies(exporter):
    page = exporter.layout
    assert type(page).__name__ == "QtMeetingMap"
    colours = _unique_colours(page.units)
    frame = frame_at(exporter.evaluation, "warning", day=DAY)
    page.draw(colours, exporter.texts(frame), frame.legend, frame.regions)
    pixels = page.pixels(DPI)
    left, top, right, bottom = _px_box(page, page.boxes.frame)
    x0, y0, x1, y1 = page.limits
    k = (right - left) / (x1 - x0)
    checked = 0
    for index, name in enumerate(page.units):
        mask = _mask(pixels, colours[name])
        mask[:, right:] = False  # the map only, not the inset
        ys, xs = np.nonzero(mask)
        ux0, uy0, ux1, uy1 = page.unit_boxes[index]
        expected = (ux1 - ux0) * (uy1 - uy0) * k * k  # its box in pixels: the fill covers a good part of it
        if expected < 1500:
            continue  # the 主城区 and their like, a few pixels across here: shown in the inset
        share = 0.05 if index in page.outside_index else 0.15  # hatched: the fill between grey lines
        bx0, bx1 = left + (ux0 - x0) * k - 1, left + (ux1 - x0) * k + 1  # the unit's box, one pixel of slack
        by0, by1 = top + (y1 - uy1) * k - 1, top + (y1 - uy0) * k + 1
        inside = (xs >= bx0) & (xs <= bx1) & (ys >= by0) & (ys <= by1)
        assert inside.sum() > share * expected, name
        # (a few pixels elsewhere may blend to the same colour by chance, where a line crosses two fills)
        assert inside.mean() > 0.95, name
        checked += 1
    assert checked > 30  # of 59


def test_units_without_a_colour_are_grey_and_outside_units_are_hatched(exporter):
    page = exporter.layout
    frame = frame_at(exporter.evaluation, "warning", day=DAY)
    missing = page.units[0]
    page.draw({n: c for n, c in frame.colours.items() if n != missing}, exporter.texts(frame), frame.legend,
              frame.regions)
    pixels = page.pixels(DPI)
    assert _mask(pixels, NO_DATA_RGB).sum() > 50
    assert page.outside  # the sample's linkage leaves units outside: their hatching's grey lines are drawn
    hatch = np.abs(pixels.astype(int) - np.array([140, 140, 140])).sum(axis=2) < 12
    assert hatch.sum() > 2000


def test_every_text_of_the_page_is_drawn_in_its_place(exporter):
    page = exporter.layout
    frame = frame_at(exporter.evaluation, "warning", day=DAY)
    exporter.render(frame)
    page.pixels(DPI)
    drawn: dict[str, list] = {}
    for text, x, y in page.drawn_texts:
        drawn.setdefault(text, []).append((x, y))
    texts = exporter.texts(frame)
    height = PAPER_MM["A4"][1] * DPI / 25.4
    for text in (texts.title, texts.subtitle, texts.source):
        assert text in drawn
    assert any(t.startswith(texts.disclaimer) for t in drawn)
    assert drawn[texts.title][0][1] < drawn[texts.subtitle][0][1] < height / 8  # head on top
    assert drawn[texts.source][0][1] > height * 0.9  # footer at the bottom

    def inside(text, box):  # somewhere in the box (a level's name is in the legend and the table)
        left, top, right, bottom = _px_box(page, box)
        return any(left - 1 <= x <= right + 1 and top - 1 <= y <= bottom + 1 for x, y in drawn.get(text, []))

    for entry in [*frame.legend]:
        assert inside(entry.label, page.boxes.legend), entry.label
    for label in (texts.legend_title, "非联动区域（斜线）", "联动区域界线", "省（市）界"):
        assert inside(label, page.boxes.legend), label
    assert "各联动区域预警等级" in drawn
    for row in frame.regions:
        assert inside(row.region, page.boxes.table) and inside(row.level_label, page.boxes.table)
    assert "重庆主城区放大图" in drawn
    for district in ("渝中", "大渡口", "江北", "沙坪坝", "九龙坡", "南岸"):
        assert inside(district, page.boxes.inset), district
    for text in ("成都", "北", "千米", "0", str(page.scale_km)):
        assert inside(text, page.boxes.frame), text


def test_legend_swatches_table_swatches_and_inset_show_the_layers_colours(exporter):
    page = exporter.layout
    frame = frame_at(exporter.evaluation, "warning", day=DAY)
    colours = _unique_colours(page.units)
    page.draw(colours, exporter.texts(frame), frame.legend, frame.regions)
    pixels = page.pixels(DPI)

    def region(box):
        left, top, right, bottom = _px_box(page, box)
        return pixels[top:bottom, left:right]

    for entry in frame.legend:
        assert _mask(region(page.boxes.legend), entry.rgb).sum() > 50, entry.label
    for row in frame.regions:
        assert _mask(region(page.boxes.table), row.rgb).sum() > 50, row.region
    inset = region(page.boxes.inset)
    for name in CENTRAL_CHONGQING:
        if name != "渝中区":  # 渝中 is the peninsula under its label
            assert _mask(inset, colours[name]).sum() > 20, name


def test_chinese_is_drawn_in_the_bundled_font(page_module, exporter):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    from app.export.fonts import SANS_FAMILY

    assert page_module.map_font_family() == SANS_FAMILY == exporter.layout.family

    def ink(char: str) -> np.ndarray:
        image = QImage(60, 60, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        font = QFont(SANS_FAMILY)
        font.setPixelSize(40)
        painter.setFont(font)
        painter.drawText(QPointF(5, 48), char)
        painter.end()
        return np.frombuffer(image.constBits(), np.uint8).reshape(60, 60, 4)[..., 0] < 128

    chuan, yu = ink("川"), ink("渝")  # two different glyphs, not one missing-glyph box twice
    assert chuan.sum() > 50 and yu.sum() > chuan.sum() and (chuan != yu).sum() > 100


def test_the_maps_lines_are_antialiased(exporter):
    """The map's outlines alone (no text), every unit one colour: besides the fill, the line colours and the
    hatching's few shades, the shades of antialiased edges."""
    from PySide6.QtGui import QColor, QImage, QPainter

    from app.export_qt.page_painting import PagePainting

    page = exporter.layout
    frame = frame_at(exporter.evaluation, "warning", day=DAY)
    page.draw({n: (250, 250, 250) for n in page.units}, exporter.texts(frame), frame.legend, frame.regions)
    image = QImage(1169, 826, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painting = PagePainting(page, painter, DPI)
    _, world = painting.transform(page.limits, painting.box(page.boxes.frame))
    painting.map_body(world, inset=False)
    painter.end()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(826, 1169, 4)[..., :3].reshape(-1, 3)
    distinct = np.unique(pixels[:, 0].astype(np.int32) << 16 | pixels[:, 1].astype(np.int32) << 8 | pixels[:, 2])
    assert len(distinct) > 150


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_png_file_has_the_papers_pixels_and_resolution(orange, page_module, tmp_path, paper):
    exporter = MapExporter(orange.evaluation, orange.forecast.meta, orange.scheme, paper=paper,
                           page=page_module.page_for(tmp_path / "m.png"))
    out = export_map(exporter, tmp_path / "m.png", layer="warning", step={"day": DAY}, dpi=DPI)
    with Image.open(out) as image:
        width, height = PAPER_MM[paper]
        assert image.size == (int(width / 25.4 * DPI), int(height / 25.4 * DPI)) and image.mode == "RGB"
        assert image.info["dpi"] == pytest.approx((DPI, DPI), abs=0.01)
        assert image.info["Software"] == "HazeDesk"


def test_a_series_and_its_gif_are_drawn_by_the_qt_page(orange, page_module, tmp_path):
    exporter = MapExporter(orange.evaluation, orange.forecast.meta, orange.scheme, page=page_module.qt_page)
    written = export_series(exporter, tmp_path / "s.png", layer="warning", series="daily", gif=tmp_path / "s.gif",
                            dpi=50)
    assert written[-1].suffix == ".gif" and len(written) > 2
    with Image.open(written[0]) as first, Image.open(written[-1]) as gif:
        assert first.size == (int(297 / 25.4 * 50), int(210 / 25.4 * 50)) and gif.n_frames == len(written) - 1


def test_the_qt_page_writes_png_only_and_vector_files_go_to_matplotlib(orange, page_module, tmp_path):
    assert page_module.page_for(tmp_path / "m.pdf") is None and page_module.page_for(tmp_path / "m.SVG") is None
    exporter = MapExporter(orange.evaluation, orange.forecast.meta, orange.scheme, page=page_module.qt_page)
    with pytest.raises(ValueError, match="PNG"):
        exporter.layout.save(io.BytesIO(), format="pdf")


def test_map_command_draws_its_png_with_qt_and_never_imports_matplotlib(tmp_path):
    out = tmp_path / "m.png"
    code = ("import sys\nfrom app.cli import main\n"
            f"code = main(['map', {str(SAMPLES_DIR / 'sample-regional-orange.csv')!r}, '--out', {str(out)!r}, "
            "'--dpi', '50'])\n"
            "print(code, 'matplotlib' in sys.modules, type(sys.modules['app.export_qt.map_page']).__name__)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.split()[-3:] == ["0", "False", "module"], result.stdout + result.stderr
    with Image.open(out) as image:
        assert image.size == (int(297 / 25.4 * 50), int(210 / 25.4 * 50))


def test_a_page_saved_to_a_path_is_written_whole_or_not_at_all(exporter, tmp_path, monkeypatch):
    """Saved by path the page goes through the atomic writer: a write that fails (a full disk, a kill before the
    rename) leaves the file that was there, not half a page."""
    import os

    from app.atomic import WriteError

    target = tmp_path / "m.png"
    exporter.layout.save(target, format="png", dpi=40)
    before = target.read_bytes()
    assert before.startswith(b"\x89PNG")

    def refused(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(WriteError, match="m.png"):
        exporter.layout.save(target, format="png", dpi=60)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.png"]
