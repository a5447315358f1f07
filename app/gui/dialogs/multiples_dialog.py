"""Small multiples: the forecast days D+1 … D+7 as small maps side by side (daily AQI or warning level), each
with the regions that warn that day. Clicking a day moves the main window to it; the whole figure exports as
one meeting picture (PNG or PDF).

What each frame holds is :mod:`app.desk.multiples`; the maps are drawn the way the main map is: the unit-index
raster is rendered once per tile size, and each day only swaps its colour table.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.desk.daytable import build_day_table
from app.desk.multiples import DayFrame, day_frames, frame_rgb
from app.domain.proposal import edit_texts
from app.domain.scheme import BEIJING
from app.errors import InputError
from app.gui.desk_exports import audit_export, forecast_source, issued_text
from app.gui.dialogs.fit import fit_to_screen
from app.gui.docks.texts import english, fill, level_name, region_label
from app.gui.i18n import write_fault_text
from app.gui.map import colours
from app.gui.map.legend import render_legend
from app.gui.map.renderer import render_view
from app.gui.map.view import MapView

COLUMNS, ROWS = 4, 2
BACKGROUND = QColor(255, 255, 255)


def _argb_table(rgb_by_map_unit: np.ndarray, linkage: np.ndarray) -> list[int]:
    """A 256-entry colour table: background, then each map unit's colour (muted outside the linkage)."""
    rgb = rgb_by_map_unit.astype(np.float64)
    muted = ~np.asarray(linkage, dtype=bool)
    rgb[muted] = rgb[muted] * (1 - colours.MUTE) + 255 * colours.MUTE
    rgb = np.clip(np.rint(rgb), 0, 255).astype(np.uint32)
    table = np.zeros(256, dtype=np.uint32)
    table[0] = 0xFFFFFFFF
    table[1:len(rgb) + 1] = 0xFF000000 | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]
    return table.tolist()


class MultiplesView(QWidget):
    """The figure: a title, seven day tiles, and the legend in the eighth place."""

    def __init__(self, state, geometry, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.geometry = state, geometry
        self.show_what = "daily"
        self.frames: list[DayFrame] = []
        self.table = None
        self.tile_rects: list[QRectF] = []
        self._tile_cache: dict = {}
        self.setMinimumSize(640, 380)
        self.setMouseTracking(True)
        self.refresh()

    def refresh(self) -> None:
        evaluation, scheme = self.state.evaluation, self.state.scheme
        if evaluation is None:
            self.table, self.frames = None, []
        else:
            self.table = build_day_table(evaluation, scheme.region_of)
            self.frames = day_frames(evaluation, self.table)
        self.update()

    def set_show(self, show: str) -> None:
        self.show_what = show
        self.update()

    # -- drawing ------------------------------------------------------------------------------------------------
    def _tile_images(self, width: int, height: int, dpr: float):
        key = (width, height, dpr)
        images = self._tile_cache.get(key)
        if images is None:
            view = MapView()
            view.fit(self.geometry.bounds, width, height, (4, 4, width - 4, height - 4))
            images = render_view(self.geometry, view, width, height, dpr, None, self.font(), show_labels=False)
            self._tile_cache = {key: images}  # one size at a time (the window's, or an export's)
        return images

    def _colour_rows(self) -> list[list[int]]:
        table, geometry = self.table, self.geometry
        rows = {u: i for i, u in enumerate(table.units)}
        have = np.array([rows.get(n, -1) for n in geometry.names])
        tables = []
        for frame in self.frames:
            rgb = frame_rgb(table, frame, self.show_what, colours.LEVEL_RGB, colours.NO_DATA, colours.INSUFFICIENT)
            by_map = np.tile(np.array(colours.NO_DATA, dtype=np.uint8), (len(geometry.names), 1))
            by_map[have >= 0] = rgb[have[have >= 0]]
            tables.append(_argb_table(by_map, geometry.linkage))
        return tables

    def title(self) -> str:
        what = self.tr("逐日 AQI 预报") if self.show_what == "daily" else self.tr("逐日预警等级")
        edited = self.tr("（含情景修改）") if self.state.edits else ""
        return fill(self.tr("川渝地区%1（D+1 至 D+%2）%3"), what, len(self.frames), edited)

    def subtitle(self) -> str:
        """Who made the forecast and when: the source as letters name it, never a file name."""
        evaluation = self.state.evaluation
        return fill(self.tr("预报来源：%1　　预报发布：%2　　%3"), forecast_source(self.state),
                    issued_text(self.state, english()), evaluation.aqi_edition)

    def footer(self) -> list[str]:
        """The figure's last lines: what-if edits when any (an edited figure is not the forecast), the plan the
        warnings are judged by, and who drew it when."""
        scheme = self.state.scheme
        lines = []
        if self.state.edits:
            lines.append(fill(self.tr("含情景修改（非原始预报）：%1"), "；".join(edit_texts(self.state.edits))))
        made = datetime.now(BEIJING).strftime("%Y-%m-%d %H:%M")
        lines.append(fill(self.tr("预警评估依据：《%1》（%2）；制图：HazeDesk %3，%4"),
                          scheme.title, scheme.version, __version__, made))
        return lines

    def _fonts(self, height: float) -> tuple[QFont, QFont, QFont]:
        base = QFont(self.font())
        base.setPixelSize(max(11, int(height / 48)))
        bold = QFont(base)
        bold.setBold(True)
        title_font = QFont(bold)
        title_font.setPixelSize(int(base.pixelSize() * 1.35))
        return base, bold, title_font

    def _grid(self, width: float, height: float) -> tuple[float, float, float, float, float]:
        """(margin, title height, top of the grid, cell width, cell height) of a figure this size: the title and
        the source line above the grid, the footer lines below it."""
        base, _, title_font = self._fonts(height)
        margin = base.pixelSize() * 0.8
        title_h = QFontMetricsF(title_font).height() * 1.25
        line_h = QFontMetricsF(base).height() * 1.2
        top = margin * 0.5 + title_h + line_h + 2
        footer_h = line_h * len(self.footer()) + 4
        return margin, title_h, top, (width - 2 * margin) / COLUMNS, (height - top - footer_h - margin * 0.5) / ROWS

    def tile_rect(self, k: int, width: float, height: float) -> QRectF:
        margin, _, top, cell_w, cell_h = self._grid(width, height)
        x0, y0 = margin + (k % COLUMNS) * cell_w, top + (k // COLUMNS) * cell_h
        return QRectF(x0 + 2, y0 + 2, cell_w - 4, cell_h - 4)

    def paint_figure(self, painter: QPainter, width: float, height: float, dpr: float,
                     vector: bool = False) -> list[QRectF]:
        """Paint the whole figure into ``width`` × ``height``; returns each day tile's rectangle. ``vector``: the
        maps as filled outlines (a PDF: sharp at any zoom, its text searchable) rather than rendered images."""
        painter.fillRect(QRectF(0, 0, width, height), BACKGROUND)
        if self.table is None or not self.frames:
            painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, self.tr("未加载预报。"))
            return []
        base, bold, title_font = self._fonts(height)
        margin, title_h, top, cell_w, cell_h = self._grid(width, height)
        painter.setFont(title_font)
        painter.setPen(QColor(20, 20, 20))
        painter.drawText(QRectF(margin, margin * 0.5, width - 2 * margin, title_h), Qt.AlignmentFlag.AlignLeft |
                         Qt.AlignmentFlag.AlignVCenter, self.title())
        line_h = QFontMetricsF(base).height() * 1.2
        painter.setFont(base)
        painter.setPen(QColor(60, 60, 60))
        painter.drawText(QRectF(margin, margin * 0.5 + title_h, width - 2 * margin, line_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.subtitle())
        self._paint_footer(painter, base, margin, top + ROWS * cell_h + 4, width - 2 * margin)
        caption_h = QFontMetricsF(bold).height() + QFontMetricsF(base).height() * 1.1 + 4
        map_w, map_h = int(cell_w - 8), int(cell_h - caption_h - 6)
        images = None if vector else self._tile_images(max(map_w, 40), max(map_h, 40), dpr)
        rects = []
        for k, (frame, row) in enumerate(zip(self.frames, self._colour_rows())):
            x0, y0 = margin + (k % COLUMNS) * cell_w, top + (k // COLUMNS) * cell_h
            tile = self.tile_rect(k, width, height)
            painter.setPen(QColor(190, 196, 204))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(tile)
            painter.setFont(bold)
            painter.setPen(QColor(20, 20, 20))
            painter.drawText(QRectF(x0 + 8, y0 + 4, cell_w - 16, QFontMetricsF(bold).height()),
                             Qt.AlignmentFlag.AlignLeft, f"{frame.day:%m-%d}  {frame.label}")
            caption, small = self._warn_text(frame), QFont(base)
            room = cell_w - 16
            wide = QFontMetricsF(small).horizontalAdvance(caption)
            if wide > room:  # three regions warning: a smaller font rather than a cut-off name
                small.setPixelSize(max(8, int(base.pixelSize() * room / wide)))
            painter.setFont(small)
            painter.setPen(QColor(70, 70, 70))
            painter.drawText(QRectF(x0 + 8, y0 + 4 + QFontMetricsF(bold).height(), room,
                                    QFontMetricsF(base).height() * 1.1), Qt.AlignmentFlag.AlignLeft, caption)
            if vector:
                self._paint_vector_map(painter, row, QRectF(x0 + 4, y0 + caption_h, max(map_w, 40), max(map_h, 40)))
            else:
                images.indexed.setColorTable(row)
                coloured = images.indexed.convertToFormat(QImage.Format.Format_RGB32)
                origin = QPointF(x0 + 4, y0 + caption_h) + images.origin
                painter.drawImage(origin, coloured)
                painter.drawImage(origin, images.overlay)
            rects.append(tile)
        k = len(self.frames)
        if k < COLUMNS * ROWS:
            x0, y0 = margin + (k % COLUMNS) * cell_w, top + (k // COLUMNS) * cell_h
            self._paint_legend(painter, base, dpr, QRectF(x0 + 6, y0 + 6, cell_w - 12, cell_h - 12))
        return rects

    def _paint_vector_map(self, painter: QPainter, colour_table: list[int], room: QRectF) -> None:
        """One day's map as outlines: each unit filled with its colour (the table the image tiles use), units
        outside the linkage hatched, then the unit borders, the province border dashed, the regions' outlines."""
        from PySide6.QtGui import QBrush, QPen

        from app.gui.map.renderer import PROVINCE_BORDER, REGION_OUTLINE, UNIT_BORDER

        geometry = self.geometry
        view = MapView()
        view.fit(geometry.bounds, room.width(), room.height(), (4, 4, room.width() - 4, room.height() - 4))
        transform = view.transform(room.width(), room.height())
        lod = view.lod(1 / 3)  # a 300-dpi page pixel is a third of a screen pixel: the screen's detail is plenty
        scale = max(room.width() / 400.0, 1.0)  # line widths follow the tile (a 300-dpi page is ~3× a screen)
        painter.save()
        painter.translate(room.topLeft())
        paths = [transform.map(geometry.unit_path(lod, i)) for i in range(len(geometry.names))]
        painter.setPen(Qt.PenStyle.NoPen)
        for i, path in enumerate(paths):
            painter.setBrush(QColor.fromRgba(colour_table[i + 1]))
            painter.drawPath(path)
        painter.setBrush(QBrush(QColor(*colours.OUTSIDE_HATCH), Qt.BrushStyle.BDiagPattern))
        for i, path in enumerate(paths):
            if not geometry.linkage[i]:
                painter.drawPath(path)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for colour, width, style, outlines in (
                (UNIT_BORDER, 0.5, Qt.PenStyle.SolidLine, paths),
                (PROVINCE_BORDER, 1.2, Qt.PenStyle.DashLine, [transform.map(geometry.province_path(lod))]),
                (REGION_OUTLINE, 1.8, Qt.PenStyle.SolidLine, [transform.map(p) for p in geometry.region_paths(lod)])):
            painter.setPen(QPen(colour, width * scale, style))
            for path in outlines:
                painter.drawPath(path)
        painter.restore()

    def _paint_legend(self, painter: QPainter, font: QFont, dpr: float, room: QRectF) -> None:
        """The map legend in the free cell, shrunk (never cut) when the cell is smaller than it."""
        legend = render_legend(self.show_what, self.state.mode, font, dpr)
        size = legend.deviceIndependentSize()
        scale = min(1.0, room.width() / size.width(), room.height() / size.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(room.x(), room.y(), size.width() * scale, size.height() * scale), legend)
        painter.restore()

    def _paint_footer(self, painter: QPainter, base: QFont, x: float, y: float, width: float) -> None:
        small = QFont(base)
        small.setPixelSize(max(8, int(base.pixelSize() * 0.9)))
        line_h = QFontMetricsF(base).height() * 1.2
        painter.setPen(QColor(70, 70, 70))
        for line in self.footer():
            font = QFont(small)
            wide = QFontMetricsF(font).horizontalAdvance(line)
            if wide > width:  # a long list of edits: a smaller font rather than a cut-off sentence
                font.setPixelSize(max(6, int(small.pixelSize() * width / wide)))
            painter.setFont(font)
            painter.drawText(QRectF(x, y, width, line_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             line)
            y += line_h

    def _warn_text(self, frame: DayFrame) -> str:
        warned = [(r, lv) for r, lv in frame.regions.items() if lv != "none"]
        if not warned:
            return self.tr("无区域预警")
        scheme = self.state.scheme
        return self.tr("、").join(fill(self.tr("%1%2"), region_label(scheme, r).replace("地区", ""), level_name(lv))
                                  for r, lv in warned)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        self.tile_rects = self.paint_figure(painter, self.width(), self.height(), self.devicePixelRatioF())
        painter.end()

    def frame_at(self, pos: QPointF) -> DayFrame | None:
        for k, frame in enumerate(self.frames):
            if self.tile_rect(k, self.width(), self.height()).contains(pos):
                return frame
        return None

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        over = self.frame_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        frame = self.frame_at(event.position())
        if frame is not None and event.button() == Qt.MouseButton.LeftButton:
            self.jump(frame)

    def jump(self, frame: DayFrame) -> None:
        self.state.set_layer("daily" if self.show_what == "daily" else "warning")
        self.state.set_hour(frame.jump_step(self.show_what, self.state.evaluation.mode))

    # -- export -------------------------------------------------------------------------------------------------
    def figure_image(self, size: QSize | None = None) -> QImage:
        size = size or QSize(2400, 1300)
        image = QImage(size, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.paint_figure(painter, size.width(), size.height(), 1.0)
        painter.end()
        return image

    def export(self, path: str) -> Path:
        """Write the figure: PNG (2400 × 1300 px), or PDF (A4 landscape, the same figure drawn as vectors: the
        maps as filled outlines, the text as text — searchable, sharp at any zoom; it was one 300-dpi image)."""
        from PySide6.QtCore import QBuffer, QIODevice

        from app.atomic import write_bytes_atomic

        out = Path(path)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if out.suffix.lower() == ".pdf":
            writer = QPdfWriter(buffer)
            writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            writer.setPageOrientation(QPageLayout.Orientation.Landscape)
            writer.setResolution(300)
            writer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
            writer.setTitle(self.title())
            painter = QPainter(writer)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.paint_figure(painter, writer.width(), writer.height(), 1.0, vector=True)
            painter.end()
        else:
            self.figure_image().save(buffer, "PNG")
        buffer.close()
        write_bytes_atomic(out, bytes(buffer.data()))
        audit_export(self.state, "small-multiples", out,
                     {"show": self.show_what, "days": [f"{f.label} {f.day:%Y-%m-%d}" for f in self.frames]})
        return out


class MultiplesDialog(QDialog):
    def __init__(self, state, geometry, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("逐日小图（D+1 至 D+7）"))
        self.setObjectName("MultiplesDialog")
        self.view = MultiplesView(state, geometry)
        self.show_box = QComboBox()
        self.show_box.addItem(self.tr("日 AQI"), "daily")
        self.show_box.addItem(self.tr("预警等级"), "warning")
        self.show_box.currentIndexChanged.connect(lambda _: self.view.set_show(self.show_box.currentData()))
        export = QPushButton(self.tr("导出图片…"))
        export.clicked.connect(self.ask_and_export)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("显示：")))
        bar.addWidget(self.show_box)
        bar.addWidget(QLabel(self.tr("单击某一天，主窗口跳到该日。")), 1)
        bar.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        state.evaluationChanged.connect(self.view.refresh)
        fit_to_screen(self, 1180, 660)

    def ask_and_export(self) -> None:
        stem = Path(self.state.forecast_path).stem or "forecast"
        suffix = self.tr("逐日小图")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出逐日小图"), str(Path.home() / f"{stem}-{suffix}.png"),
                                              self.tr("PNG 图片 (*.png);;PDF 文档 (*.pdf)"))
        if not path:
            return
        if Path(path).suffix.lower() not in (".png", ".pdf"):
            path += ".png"
        try:
            out = self.view.export(path)
        except (InputError, OSError) as exc:  # WriteError (full disk, read-only folder) is an InputError
            QMessageBox.warning(self, self.tr("导出逐日小图"), fill(self.tr("无法写入 %1：%2"), path,
                                                                  write_fault_text(exc, path)))
            return
        parent = self.parent()
        if parent is not None and hasattr(parent, "statusBar"):
            parent.statusBar().showMessage(fill(self.tr("已导出 %1"), str(out)), 10000)
