"""The map legend (always visible): a small image per layer and language, drawn in a corner of the canvas."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from app.domain.aqi import CATEGORIES
from app.gui.map import colours


def _category_name(index: int) -> str:
    names = (QCoreApplication.translate("MapLegend", "优"), QCoreApplication.translate("MapLegend", "良"), QCoreApplication.translate("MapLegend", "轻度污染"), QCoreApplication.translate("MapLegend", "中度污染"), QCoreApplication.translate("MapLegend", "重度污染"), QCoreApplication.translate("MapLegend", "严重污染"))
    return names[index]


def legend_entries(layer: str, mode: str, edition: str = "2012") -> tuple[str, list[tuple[tuple[int, int, int], str]]]:
    """Title and (colour, text) rows of the legend for a layer (``edition``: whose PM2.5 limits, "2012" | "2026")."""
    if layer == "pm25":
        from app.desk.numbers import pm25_breaks

        limits = [0.0, *pm25_breaks(edition)]
        rows = []
        for i, cat in enumerate(CATEGORIES):
            span = f"{limits[i]:g}–{limits[i + 1]:g}" if i + 1 < len(limits) else f"> {limits[-1]:g}"
            rows.append((cat.rgb, f"{span}  {_category_name(i)}"))
        rows.append((colours.NO_DATA, QCoreApplication.translate("MapLegend", "无数据")))
        title = QCoreApplication.translate("MapLegend", "PM2.5（µg/m³，HJ 633-%1 分级）").replace("%1", edition)
        return title, rows
    if layer in ("aqi", "daily"):
        if layer == "aqi":
            title = QCoreApplication.translate("MapLegend", "小时 AQI")
        else:
            title = QCoreApplication.translate("MapLegend", "日 AQI（自然日）") if mode == "calendar" else QCoreApplication.translate("MapLegend", "日 AQI（滑动 24 小时）")
        rows = []
        for i, cat in enumerate(CATEGORIES):
            span = f"{cat.aqi_min}–{cat.aqi_max}" if cat.aqi_max is not None else f"> {cat.aqi_min - 1}"
            rows.append((cat.rgb, f"{span}  {_category_name(i)}"))
        if layer == "daily":
            rows.append((colours.INSUFFICIENT, QCoreApplication.translate("MapLegend", "数据不足")))
        rows.append((colours.NO_DATA, QCoreApplication.translate("MapLegend", "无数据")))
        return title, rows
    if layer == "warning":
        names = {"none": QCoreApplication.translate("MapLegend", "无预警"), "yellow": QCoreApplication.translate("MapLegend", "黄色预警"), "orange": QCoreApplication.translate("MapLegend", "橙色预警"), "red": QCoreApplication.translate("MapLegend", "红色预警")}
        rows = [(rgb, names[level]) for level, rgb in colours.LEVEL_RGB.items() if level != "none"]
        rows += [(colours.LINKAGE_NONE, QCoreApplication.translate("MapLegend", "联动区域内未预警")),
                 (colours.OUTSIDE, QCoreApplication.translate("MapLegend", "联动范围外，未预警")),
                 (colours.NO_DATA, QCoreApplication.translate("MapLegend", "无数据"))]
        return QCoreApplication.translate("MapLegend", "预警等级"), rows
    raise ValueError(layer)


def render_legend(layer: str, mode: str, font: QFont, dpr: float, edition: str = "2012") -> QImage:
    title, rows = legend_entries(layer, mode, edition)
    notes = [QCoreApplication.translate("MapLegend", "粗线：联动区域边界"),
             QCoreApplication.translate("MapLegend", "紫色斜线：数据存疑（见数据质量）")]
    hatch_note = QCoreApplication.translate("MapLegend", "斜线：联动范围以外（与导出图相同）")
    bold = QFont(font)
    bold.setBold(True)
    fm, fm_bold = QFontMetricsF(font), QFontMetricsF(bold)
    line = fm.height() + 3
    swatch = fm.height() * 0.8
    pad = 8.0
    text_w = max([fm_bold.horizontalAdvance(title)] + [swatch + 6 + fm.horizontalAdvance(t) for _, t in rows]
                 + [fm.horizontalAdvance(n) for n in notes] + [swatch + 6 + fm.horizontalAdvance(hatch_note)])
    width = text_w + 2 * pad
    height = pad + fm_bold.height() + 4 + line * (len(rows) + 1) + 4 + line * len(notes) + pad - 3
    image = QImage(int(width * dpr + 1), int(height * dpr + 1), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor(0, 0, 0, 60), 1))
    p.setBrush(QColor(255, 255, 255, 235))
    p.drawRoundedRect(QRectF(0.5, 0.5, width - 1, height - 1), 4, 4)
    p.setPen(QColor(20, 20, 20))
    p.setFont(bold)
    y = pad
    p.drawText(QRectF(pad, y, text_w, fm_bold.height()), Qt.AlignmentFlag.AlignLeft, title)
    y += fm_bold.height() + 4
    p.setFont(font)
    for rgb, text in rows:
        p.setPen(QPen(QColor(0, 0, 0, 90), 0.8))
        p.setBrush(QColor(*rgb))
        p.drawRect(QRectF(pad, y + (line - 3 - swatch) / 2, swatch * 1.4, swatch))
        p.setPen(QColor(20, 20, 20))
        p.drawText(QRectF(pad + swatch * 1.4 + 6, y, text_w, line), Qt.AlignmentFlag.AlignLeft, text)
        y += line
    p.setPen(QPen(QColor(0, 0, 0, 90), 0.8))
    p.setBrush(QBrush(QColor(*colours.OUTSIDE_HATCH), Qt.BrushStyle.BDiagPattern))
    p.drawRect(QRectF(pad, y + (line - 3 - swatch) / 2, swatch * 1.4, swatch))
    p.setPen(QColor(20, 20, 20))
    p.drawText(QRectF(pad + swatch * 1.4 + 6, y, text_w, line), Qt.AlignmentFlag.AlignLeft, hatch_note)
    y += line + 4
    p.setPen(QColor(80, 80, 80))
    for note in notes:
        p.drawText(QRectF(pad, y, text_w, line), Qt.AlignmentFlag.AlignLeft, note)
        y += line
    p.end()
    return image
