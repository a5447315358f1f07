"""The map export dialog (single map, series with GIF) and printing through a Qt printer (to a PDF file here)."""

from __future__ import annotations

import pytest
from PIL import Image

from app.export.audit import read_audit


@pytest.fixture
def state(orange, qtbot):
    from app.gui.state import AppState

    s = AppState()
    s.scheme, s.forecast, s.original_forecast = orange.scheme, orange.forecast, orange.forecast
    s.evaluation = orange.evaluation
    s.hour = 24 * 3 + 12  # 2026-01-13 12:00
    s.layer = "warning"
    return s


def _dialog(state, qtbot):
    from app.gui.dialogs.map_export_dialog import MapExportDialog

    dialog = MapExportDialog(state)
    qtbot.addWidget(dialog)
    return dialog


def test_single_map_at_the_current_step(state, qtbot, tmp_path):
    dialog = _dialog(state, qtbot)
    assert dialog.layer.currentData() == "warning"
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.path.setText(str(tmp_path / "m.png"))
    dialog._sync()
    assert dialog.path.text().endswith("m.pdf") and not dialog.dpi.isEnabled()
    [written] = dialog.export()
    assert written.read_bytes().startswith(b"%PDF")
    assert read_audit()[-1]["details"]["step"] == "2026年1月13日12时"


def test_series_with_gif(state, qtbot, tmp_path):
    dialog = _dialog(state, qtbot)
    dialog.layer.setCurrentIndex(dialog.layer.findData("daily"))
    dialog.series.setCurrentIndex(dialog.series.findData("daily"))
    dialog.gif.setChecked(True)
    dialog.dpi.setValue(50)
    dialog.path.setText(str(tmp_path / "d.png"))
    written = dialog.export()
    assert len(written) == 8 and written[-1].suffix == ".gif"
    assert Image.open(written[-1]).n_frames == 7


def test_bad_request_is_refused_without_files(state, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    dialog = _dialog(state, qtbot)
    dialog.layer.setCurrentIndex(dialog.layer.findData("daily"))
    dialog.series.setCurrentIndex(dialog.series.findData("hourly"))
    dialog.path.setText(str(tmp_path / "h.png"))
    assert dialog.export() == []
    assert shown and ("one map per day" in shown[0] or "日图层每天一张图" in shown[0])  # in the UI language
    assert list(tmp_path.iterdir()) == []


def test_print_to_a_pdf_printer(state, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from app.gui.printing import make_printer, print_map

    printer = make_printer("A4")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)
    assert print_map(state, printer=printer)
    data = (tmp_path / "printed.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 50_000  # the map image is on the page
    entry = read_audit()[-1]
    assert entry["kind"] == "map-print" and entry["details"]["printer"].endswith("printed.pdf")
