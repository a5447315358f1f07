"""Meeting maps: layout elements, true scale and north, fonts in PDF/SVG, series with GIF, cancel, audit."""

from __future__ import annotations

import io
import math
import re
from datetime import date

import numpy as np
import pytest
from matplotlib import rc_context
from PIL import Image
from pyproj import Geod, Transformer

from app.domain.progress import Cancelled, Progress
from app.errors import InputError
from app.export.audit import read_audit
from app.export.map_layers import LINKAGE_NONE_RGB, OUTSIDE_RGB, frame_at, series_steps
from app.export.maps import MapExporter, export_map, export_series
from maps.layout import PAPER_MM, nice_scale_km, north_angle_deg
from maps.projection import BASIN_CRS, WGS84
from tests.export.pdfcheck import embedded_font_report, fonts_embedded_bytes, text_of

DAY = date(2026, 1, 13)


@pytest.fixture(scope="module")
def exporter(orange):
    return MapExporter(orange.evaluation, orange.forecast.meta, orange.scheme)


def _texts(figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]


def test_layout_has_every_element(exporter):
    exporter.render(frame_at(exporter.evaluation, "warning", day=DAY))
    texts = "\n".join(_texts(exporter.layout.figure))
    assert "川渝地区重污染天气预警等级" in texts
    assert "预报时间：2026年1月13日" in texts and "预报发布：2026年1月9日10时" in texts and "HJ 633-2012" in texts
    for legend in ("预警等级", "红色预警", "橙色预警", "黄色预警", "联动区域内未预警", "非联动区域（斜线）",
                   "联动区域界线", "省（市）界"):
        assert legend in texts
    assert "北" in texts and "千米" in texts and str(exporter.layout.scale_km) in texts
    # the footer names the forecast source, never the producer string or the file name
    assert "预报来源：西南区域空气质量预测预报中心2026年1月9日10时发布" in texts and "不作为行政区划界线依据" in texts
    assert "HazeDesk sample" not in texts and ".csv" not in texts and ".gpkg" not in texts
    assert "成都" in texts and "重庆主城区放大图" in texts
    inset = exporter.layout.figure.axes[2]  # the central-Chongqing inset labels its small districts
    assert {"渝中", "大渡口", "江北", "沙坪坝", "九龙坡", "南岸"} <= {t.get_text() for t in inset.texts}
    assert "各联动区域预警等级" in texts and "盆地中部地区" in texts
    # one time format on the map: the letters' 2026年1月13日08时, no ISO time, no space before 时
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}| \d{2}时", texts)
    from matplotlib.text import Text

    sizes = [t.get_fontsize() for t in exporter.layout.figure.findobj(Text) if t.get_text()]
    assert min(sizes) >= 7  # readable on A4
    width_mm, height_mm = PAPER_MM["A4"]
    w, h = exporter.layout.figure.get_size_inches()
    assert (round(w * 25.4), round(h * 25.4)) == (width_mm, height_mm)


def test_warned_units_carry_the_level_colour(exporter, orange):
    frame = frame_at(orange.evaluation, "warning", day=DAY)
    assert frame.colours["成都市"] == (255, 126, 0)  # orange region on the 13th
    # outside the linkage and inside it without a warning never look alike (the layout hatches the former too)
    assert frame.colours["甘孜藏族自治州"] == OUTSIDE_RGB != LINKAGE_NONE_RGB
    assert "甘孜藏族自治州" in exporter.layout.outside and "达州市" not in exporter.layout.outside


def test_scale_bar_measures_true_kilometres():
    # two points 300 km apart on the ground stay 300 km ± 0.3 % apart in the projected frame
    geod = Geod(ellps="WGS84")
    lon2, lat2, _ = geod.fwd(104.0, 30.6, 90, 300_000)
    to_map = Transformer.from_crs(WGS84, BASIN_CRS, always_xy=True)
    (x1, y1), (x2, y2) = to_map.transform(104.0, 30.6), to_map.transform(lon2, lat2)
    assert math.hypot(x2 - x1, y2 - y1) == pytest.approx(300_000, rel=3e-3)
    assert nice_scale_km(1_250_000) == 250 and nice_scale_km(400_000) == 50


def test_north_arrow_follows_meridian_convergence():
    to_map = Transformer.from_crs(WGS84, BASIN_CRS, always_xy=True)
    assert north_angle_deg(*to_map.transform(105.0, 30.0)) == pytest.approx(0.0, abs=0.05)
    west = north_angle_deg(*to_map.transform(98.0, 30.0))
    # meridians converge on a pole above the map's centre line: west of 105° E north leans right (clockwise),
    # by about n·Δλ with the cone constant n ≈ sin 30°
    assert west == pytest.approx(7.0 * math.sin(math.radians(30.0)), abs=0.5)


def test_inset_draws_every_unit_that_reaches_into_it(exporter):
    """The inset's collection holds only the units whose outline reaches into its view, each in its colour."""
    layout = exporter.layout
    x0, x1 = layout._inset_units.axes.get_xlim()
    y0, y1 = layout._inset_units.axes.get_ylim()
    drawn = set(layout._inset_index.tolist())
    assert {layout.units.index(n) for n in layout.in_inset} <= drawn and len(drawn) < len(layout.units)
    for i, path in enumerate(layout._units.get_paths()):
        (px0, py0), (px1, py1) = path.vertices.min(axis=0), path.vertices.max(axis=0)
        if i not in drawn:
            assert px1 < x0 or px0 > x1 or py1 < y0 or py0 > y1  # nothing of it would show
    exporter.render(frame_at(exporter.evaluation, "warning", day=DAY))
    colours = layout._units.get_facecolor()
    assert np.array_equal(layout._inset_units.get_facecolor(), colours[layout._inset_index])


def _png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_png_is_what_savefig_draws(orange):
    exporter = MapExporter(orange.evaluation, orange.forecast.meta, orange.scheme)
    exporter.render(frame_at(exporter.evaluation, "warning", day=orange.evaluation.times[0].date()))
    ours = _png(exporter.to_bytes("png", 60))
    buffer = io.BytesIO()
    with rc_context(exporter.layout.rc):
        exporter.layout.figure.savefig(buffer, format="png", dpi=60)  # matplotlib's own writer (Pillow)
    theirs = _png(buffer.getvalue())
    assert ours.size == theirs.size and ours.info["dpi"] == pytest.approx(theirs.info["dpi"])
    assert np.array_equal(np.asarray(ours.convert("RGB")), np.asarray(theirs.convert("RGB")))
    assert exporter.layout.figure.dpi == 100  # the figure's own resolution is left as it was


def test_a_frame_drawn_after_another_is_the_frame_drawn_alone(orange):
    """draw() takes away the last frame's legend and region table without clearing the side axes: what is left
    is what a fresh page shows (the legend's entries and the table's levels differ between these frames)."""
    first = frame_at(orange.evaluation, "aqi", time=orange.evaluation.times[0])
    second = frame_at(orange.evaluation, "warning", day=DAY)
    assert [e.label for e in first.legend] != [e.label for e in second.legend] and first.regions != second.regions
    reused = MapExporter(orange.evaluation, orange.forecast.meta, orange.scheme)
    for frame in (first, second, first, second):
        reused.render(frame)
    fresh = MapExporter(orange.evaluation, orange.forecast.meta, orange.scheme)
    fresh.render(second)

    def side(exporter):
        return [(len(ax.texts), len(ax.patches), ax.legend_ is not None)
                for ax in (exporter.layout._legend_ax, exporter.layout._table_ax)]

    assert side(reused) == side(fresh)
    assert np.array_equal(np.asarray(_png(reused.to_bytes("png", 60))), np.asarray(_png(fresh.to_bytes("png", 60))))


def test_png_pdf_svg(exporter, tmp_path):
    png = export_map(exporter, tmp_path / "m.png", layer="daily", step={"day": DAY}, dpi=300)
    assert Image.open(png).size == (3507, 2480)  # 297 × 210 mm at 300 dpi (floored)
    pdf = export_map(exporter, tmp_path / "m.pdf", layer="daily", step={"day": DAY})
    data = pdf.read_bytes()
    descriptors, programs, standard = fonts_embedded_bytes(data)
    assert descriptors >= 1 and programs == descriptors and standard == 0
    report = embedded_font_report(pdf)
    if report:
        assert report and all(embedded for _, embedded in report) and all("HazeDesk" in n for n, _ in report)
    text = text_of(pdf)
    if text is not None:
        assert "川渝地区日空气质量指数" in text.replace(" ", "")
    svg = export_map(exporter, tmp_path / "m.svg", layer="daily", step={"day": DAY}).read_text(encoding="utf-8")
    assert "<text" not in svg and "<path" in svg  # text drawn as outlines: no font needed to view it
    assert [e["kind"] for e in read_audit()] == ["map", "map", "map"]


def test_bad_requests_are_input_errors(exporter, tmp_path):
    with pytest.raises(InputError, match=r"\.png, \.pdf or \.svg"):
        export_map(exporter, tmp_path / "m.jpg", layer="daily", step={"day": DAY})
    with pytest.raises(InputError, match="day outside the forecast"):
        export_map(exporter, tmp_path / "m.png", layer="daily", step={"day": date(2027, 1, 1)})
    with pytest.raises(InputError, match="aqi layer is hourly"):
        series_steps(exporter.evaluation, "aqi", "daily")
    with pytest.raises(InputError, match="50 … 1200"):
        export_map(exporter, tmp_path / "m.png", layer="daily", step={"day": DAY}, dpi=5)
    assert list(tmp_path.iterdir()) == []


def test_daily_series_and_gif(exporter, tmp_path):
    seen = []
    written = export_series(exporter, tmp_path / "d.png", layer="daily", series="daily", gif=tmp_path / "d.gif",
                            dpi=60, progress=Progress(lambda f, m: seen.append(f)))
    names = [p.name for p in written]
    assert names[0] == "d_001_20260110.png" and names[-2] == "d_007_20260116.png" and names[-1] == "d.gif"
    gif = Image.open(tmp_path / "d.gif")
    assert gif.n_frames == 7 and gif.info["duration"] == 1000
    assert seen[-1] == 1.0 and seen == sorted(seen)
    [entry] = read_audit()
    assert entry["kind"] == "map-series" and len(entry["outputs"]) == 8


def test_cancel_removes_the_frames_written(exporter, tmp_path):
    progress = Progress()
    calls = []

    def cancel_after_two(fraction, message):
        calls.append(fraction)
        if len(calls) == 3:
            progress.cancel()

    progress._on_report = cancel_after_two
    with pytest.raises(Cancelled):
        export_series(exporter, tmp_path / "d.png", layer="warning", series="daily", gif=tmp_path / "d.gif",
                      dpi=50, progress=progress)
    assert list(tmp_path.iterdir()) == [] and read_audit() == []


def _local_colour_tables(data: bytes) -> list[bool]:
    """For each image of a GIF, whether it carries its own colour table (GIF89a block walk)."""
    i = 13 + (3 * 2 ** ((data[10] & 7) + 1) if data[10] & 0x80 else 0)
    local = []
    while i < len(data) and data[i] != 0x3B:
        if data[i] == 0x21:  # extension: label, then sub-blocks
            i += 2
        else:  # 0x2C image descriptor, optional local table, LZW minimum code size, then sub-blocks
            packed = data[i + 9]
            local.append(bool(packed & 0x80))
            i += 10 + (3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0) + 1
        while data[i]:
            i += data[i] + 1
        i += 1
    return local


def test_gif_has_one_global_palette_holding_the_legend_colours(exporter, tmp_path):
    from app.domain.levels import LEVEL_COLOURS

    export_series(exporter, tmp_path / "w.png", layer="warning", series="daily", gif=tmp_path / "w.gif", dpi=60)
    data = (tmp_path / "w.gif").read_bytes()
    assert data[10] & 0x80  # a global colour table
    assert _local_colour_tables(data) == [False] * 7  # and no frame brings its own
    gif = Image.open(tmp_path / "w.gif")
    palette = gif.getpalette()
    colours = {tuple(palette[i:i + 3]) for i in range(0, len(palette), 3)}
    assert {LEVEL_COLOURS["orange"], LEVEL_COLOURS["red"], LEVEL_COLOURS["yellow"], LINKAGE_NONE_RGB} <= colours
    for n in range(gif.n_frames):  # the orange of the legend is the same colour in every frame
        gif.seek(n)
        assert LEVEL_COLOURS["orange"] in {c for _, c in gif.convert("RGB").getcolors(1 << 16)}


def test_gif_frames_are_downscaled(exporter, tmp_path):
    export_series(exporter, tmp_path / "w.png", layer="warning", series="daily", gif=tmp_path / "w.gif", dpi=150)
    assert Image.open(tmp_path / "w.gif").size[0] == 1200
    assert Image.open(io.BytesIO((tmp_path / "w_001_20260110.png").read_bytes())).size[0] == 1753


def test_whatif_note_on_exported_maps_and_series_frames(orange, tmp_path):
    from app.export.maps import export_map

    edits = ["成都市1月13日00时至24时PM2.5浓度下调20微克/立方米"]
    plain = MapExporter(orange.evaluation, orange.forecast.meta, orange.scheme)
    plain.render(frame_at(orange.evaluation, "warning", day=DAY))
    assert "含情景修改" not in "\n".join(_texts(plain.layout.figure))
    edited = MapExporter(orange.evaluation, orange.forecast.meta, orange.scheme)
    export_map(edited, tmp_path / "m.pdf", layer="warning", step={"day": DAY}, edits=edits)
    texts = "\n".join(_texts(edited.layout.figure))
    assert "含情景修改（非原始预报）：" + edits[0] in texts and "（含情景修改）" in texts
    seen = []
    original = edited.render

    def spy(frame):
        original(frame)
        seen.append("含情景修改" in edited.layout._note.get_text())

    edited.render = spy
    export_series(edited, tmp_path / "s.png", layer="warning", series="daily", dpi=50, edits=edits)
    assert seen and all(seen)  # every frame of the series carries the note
