"""Small multiples D+1 … D+7: tiles coloured like the map per day, click to jump, export as one figure."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt


def _dialog(desk, qtbot):
    desk.window.multiples_action.trigger()
    dialog = desk.window.multiples_dialog
    qtbot.waitExposed(dialog)
    dialog.view.repaint()
    return dialog


def test_seven_days_with_their_warning_regions(desk, qtbot):
    dialog = _dialog(desk, qtbot)
    view = dialog.view
    assert [f.label for f in view.frames] == [f"D+{k}" for k in range(1, 8)]
    assert view.frame_at(view.tile_rect(6, view.width(), view.height()).center()) is view.frames[6]
    assert view._warn_text(view.frames[0]) == "无区域预警"
    assert "成都平原" in view._warn_text(view.frames[3]) and "橙色" in view._warn_text(view.frames[3])
    assert view.title() == "川渝地区逐日 AQI 预报（D+1 至 D+7）"
    # a meeting figure names the producer and the issue time, never the file it was read from
    assert "西南区域空气质量预测预报中心" in view.subtitle() and "2026年1月9日10时" in view.subtitle()
    assert "sample-regional-orange" not in view.subtitle() + view.title() + "".join(view.footer())
    assert "《川渝地区秋冬季重污染天气应急联动工作方案》" in view.footer()[-1]


def test_tile_colours_follow_the_day_table(desk, qtbot):
    from app.domain.aqi import aqi_rgb

    dialog = _dialog(desk, qtbot)
    view = dialog.view
    rows = view._colour_rows()
    geometry = desk.geometry
    i = geometry.index("成都市")
    table = view.table
    value = table.aqi[table.units.index("成都市"), view.frames[3].column]
    argb = rows[3][i + 1]
    assert ((argb >> 16) & 255, (argb >> 8) & 255, argb & 255) == tuple(int(v) for v in aqi_rgb(value))
    dialog.show_box.setCurrentIndex(dialog.show_box.findData("warning"))
    from app.gui.map.colours import LEVEL_RGB

    argb = view._colour_rows()[3][i + 1]
    assert ((argb >> 16) & 255, (argb >> 8) & 255, argb & 255) == LEVEL_RGB["orange"]


def test_click_jumps_the_main_window_to_the_day(desk, qtbot):
    dialog = _dialog(desk, qtbot)
    view = dialog.view
    centre = view.tile_rect(4, view.width(), view.height()).center()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    # issue 25.9: a calendar day's value holds all day: its first hour, not 23:00
    assert desk.state.hour == view.frames[4].first_step == view.frames[4].step - 23 and desk.state.layer == "daily"
    assert view.frame_at(QPointF(1, 1)) is None
    dialog.show_box.setCurrentIndex(dialog.show_box.findData("warning"))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    frame, evaluation = view.frames[4], desk.state.evaluation
    warned = np.maximum(evaluation.warned_level, evaluation.city_level).max(axis=0)
    day = warned[frame.first_step:frame.step + 1]
    assert desk.state.hour == frame.first_step + int(np.argmax(day)) and warned[desk.state.hour] == day.max()


def test_export_png_and_pdf(desk, qtbot, tmp_path):
    import subprocess

    from PySide6.QtGui import QImage

    from app.export.audit import file_sha256, read_audit

    dialog = _dialog(desk, qtbot)
    png = dialog.view.export(str(tmp_path / "m.png"))
    entry = read_audit()[-1]
    assert entry["kind"] == "small-multiples" and entry["outputs"] == [{"path": str(png.resolve()),
                                                                         "sha256": file_sha256(png)}]
    assert entry["forecast"]["sha256"] == desk.state.original_forecast.meta.sha256
    assert entry["details"]["days"][0] == "D+1 2026-01-10" and entry["details"]["show"] == "daily"
    image = QImage(str(png))
    assert (image.width(), image.height()) == (2400, 1300)
    pdf = dialog.view.export(str(tmp_path / "m.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
    if info.returncode == 0:  # poppler-utils installed
        import re

        assert re.search(r"Pages:\s+1\n", info.stdout)
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout).groups())
        assert width > height  # A4 landscape
    # issue 25.9: drawn as vectors with searchable text, not one 300-dpi image
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    if images.returncode == 0:
        listed = [line for line in images.stdout.splitlines()[2:] if line.strip()]
        assert all(int(line.split()[3]) < 1200 for line in listed), listed  # at most the small legend picture
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    if text.returncode == 0:
        flat = "".join(text.stdout.split())
        assert "川渝地区逐日AQI预报" in flat and "预报来源" in flat and "01-13D+4" in flat
    assert [e["kind"] for e in read_audit()] == ["small-multiples", "small-multiples"]


def test_follows_a_whatif_edit(desk, qtbot, tmp_path):
    from app.domain.whatif import Edit

    dialog = _dialog(desk, qtbot)
    before = dialog.view._colour_rows()
    times = desk.state.evaluation.times
    desk.controller.apply_edit(Edit("成都市", times[0].to_pydatetime(), times[-1].to_pydatetime(), "scale", 3.0))
    assert dialog.view._colour_rows() != before and "情景修改" in dialog.view.title()
    assert "成都" in dialog.view.footer()[0] and "非原始预报" in dialog.view.footer()[0]
    dialog.view.export(str(tmp_path / "edited.png"))
    from app.export.audit import read_audit

    assert read_audit()[-1]["edits"] == dialog.view.footer()[0].split("：", 1)[1].split("；")


def test_legend_fits_its_cell(desk, qtbot):
    """The legend is drawn whole in the eighth cell, shrunk when the cell is small (it was cut off)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    dialog = _dialog(desk, qtbot)
    view = dialog.view
    image = QImage(900, 520, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    drawn = []
    original = painter.drawImage

    def spy(target, legend, *args):
        if isinstance(target, QRectF):
            drawn.append(target)
        return original(target, legend, *args)

    painter.drawImage = spy
    view._paint_legend(painter, view.font(), 1.0, QRectF(10, 10, 120, 90))
    painter.end()
    assert drawn and drawn[0].width() <= 120 and drawn[0].height() <= 90
