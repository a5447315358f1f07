"""Print the meeting map straight to an office printer (Qt print dialog), for briefings.

The page is the same layout as the map exports (``app.export.maps``), rendered at the printer's resolution
(at most 300 dpi) and fitted to the printable area, landscape, A4 or A3 as the layout says.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from app.domain.proposal import edit_texts
from app.export.audit import record_export
from app.export.map_layers import frame_at
from app.export.maps import MapExporter
from app.export_qt.map_page import qt_page

MAX_PRINT_DPI = 300


def current_step(state, layer: str) -> dict:
    """The step the main window shows: its hour, or that hour's day for the daily layer."""
    t = state.evaluation.times[state.hour]
    return {"day": pd.Timestamp(t).date()} if layer == "daily" else {"time": t.to_pydatetime()}


def make_printer(paper: str = "A4") -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    size = QPageSize(QPageSize.PageSizeId.A3 if paper == "A3" else QPageSize.PageSizeId.A4)
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Landscape, QMarginsF(5, 5, 5, 5),
                                      QPageLayout.Unit.Millimeter))
    return printer


def paint_page(printer: QPrinter, png: bytes) -> None:
    """Draw a rendered page image onto the printer, fitted into its printable area, aspect kept."""
    image = QImage.fromData(png, "PNG")
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("the printer could not start a page")
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (area.width() - scaled.width()) / 2
        y = (area.height() - scaled.height()) / 2
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(x, y, scaled.width(), scaled.height()), image)
    finally:
        painter.end()


def print_map(state, parent: QWidget | None = None, *, layer: str | None = None, step: dict | None = None,
              paper: str = "A4", printer: QPrinter | None = None) -> bool:
    """Ask for a printer (unless one is given) and print the map; True when it was sent."""
    if state.evaluation is None:
        return False
    layer = layer or (state.layer if state.layer in ("aqi", "daily", "warning") else "aqi")  # no PM2.5 export
    step = step or current_step(state, layer)
    if printer is None:
        printer = make_printer(paper)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("Printing", "打印会商图"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    dpi = max(72, min(printer.resolution(), MAX_PRINT_DPI))
    exporter = MapExporter(state.evaluation, state.forecast.meta, state.scheme, paper=paper,
                           boundaries=state.boundaries, page=qt_page)  # printed as the exported PNG
    frame = frame_at(state.evaluation, layer, **step)
    exporter.render(frame)
    paint_page(printer, exporter.to_bytes("png", dpi))
    target = printer.outputFileName() or printer.printerName() or "printer"
    _audit_print(state, target, layer, frame.label)
    return True


def _audit_print(state, target: str, layer: str, label: str) -> None:
    """A print leaves no file to hash: the entry names the printer (or PDF file) and what was printed."""
    from pathlib import Path

    outputs = [target] if Path(target).is_file() else []
    record_export("map-print", outputs, scheme_id=state.scheme.id, scheme_version=state.scheme.version,
                  forecast_sha256=state.forecast.meta.sha256, forecast_path=state.forecast.meta.source_path,
                  edits=edit_texts(state.edits), details={"printer": target, "layer": layer, "step": label})
