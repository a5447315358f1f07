"""What the map shows right now, written on it: layer and step (top left), and each linkage region's warning
level at this hour (bottom right), so that a glance — or a screenshot pasted into a briefing — says it all."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from app.domain.scheme import LEVELS
from app.gui.map import colours
from app.gui.timefmt import step_text

_PANEL = QColor(255, 255, 255, 235)
_BORDER = QColor(0, 0, 0, 60)
_TEXT = QColor(20, 20, 20)


def layer_title(layer: str, mode: str) -> str:
    translate = QCoreApplication.translate
    if layer == "aqi":
        return translate("MapHeader", "小时 AQI")
    if layer == "daily":
        if mode == "calendar":
            return translate("MapHeader", "日 AQI（自然日）")
        return translate("MapHeader", "日 AQI（滑动 24 小时）")
    if layer == "pm25":
        return translate("MapHeader", "PM2.5 小时浓度")
    return translate("MapHeader", "预警等级")


def level_text(level: str) -> str:
    translate = QCoreApplication.translate
    return {"none": translate("MapHeader", "无预警"), "yellow": translate("MapHeader", "黄色预警"),
            "orange": translate("MapHeader", "橙色预警"), "red": translate("MapHeader", "红色预警")}[level]


def draw_header(painter: QPainter, state, width: float, height: float, font: QFont,
                panel_at: QPointF | None = None) -> None:
    """Step title top left; the region panel at ``panel_at`` (its top-left corner) or in the bottom-right corner."""
    evaluation = state.evaluation
    if evaluation is None:
        return
    bold = QFont(font)
    bold.setBold(True)
    bold.setPixelSize(int(font.pixelSize() * 1.25))
    title = f"{layer_title(state.layer, evaluation.mode)}  ·  {step_text(evaluation, state.hour)}"
    consensus = getattr(state, "consultation_label", "")
    if consensus:  # the forecast shown is a 会商 consensus: say so on the map (and on every screenshot of it)
        title += f"  ·  {QCoreApplication.translate('MapHeader', '会商结论')}：{consensus}"
    fm = QFontMetricsF(bold)
    box = QRectF(12, 12, fm.horizontalAdvance(title) + 20, fm.height() + 12)
    _panel(painter, box)
    painter.setFont(bold)
    painter.setPen(_TEXT)
    painter.drawText(box.adjusted(10, 6, -10, -6), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    _draw_regions(painter, state, width, height, font, panel_at)


def _draw_regions(painter: QPainter, state, width: float, height: float, font: QFont,
                  panel_at: QPointF | None) -> None:
    """Bottom right by default: the corner the basin leaves empty (Guizhou lies south-east of Chongqing)."""
    evaluation, scheme = state.evaluation, state.scheme
    if scheme is None or not evaluation.region_level:
        return
    fm = QFontMetricsF(font)
    bold = QFont(font)
    bold.setBold(True)
    heading = QCoreApplication.translate("MapHeader", "本时次区域预警")
    rows = []
    for region in scheme.regions:
        series = evaluation.region_level.get(region.name)
        rank = int(series[state.hour]) if series is not None else 0
        rows.append((_region_name(region), LEVELS[rank]))
    line = fm.height() + 4
    name_w = max(fm.horizontalAdvance(name) for name, _ in rows)
    chip_w = max(fm.horizontalAdvance(level_text(level)) for level in LEVELS) + 12
    panel_w, panel_h = regions_panel_size(state, font)
    if panel_at is None:
        panel_at = QPointF(width - panel_w - 12, height - panel_h - 12)
    box = QRectF(panel_at.x(), panel_at.y(), panel_w, panel_h)
    _panel(painter, box)
    painter.setFont(bold)
    painter.setPen(_TEXT)
    painter.drawText(QPointF(box.left() + 10, box.top() + 6 + QFontMetricsF(bold).ascent()), heading)
    painter.setFont(font)
    y = box.top() + 10 + QFontMetricsF(bold).height()
    for name, level in rows:
        painter.setPen(_TEXT)
        painter.drawText(QRectF(box.left() + 10, y, name_w, line), Qt.AlignmentFlag.AlignVCenter, name)
        chip = QRectF(box.right() - 10 - chip_w, y + 2, chip_w, line - 4)
        painter.fillRect(chip, QColor(0, 0, 0, 70))
        painter.fillRect(chip.adjusted(1, 1, -1, -1), QColor(*colours.LEVEL_RGB[level]))
        painter.setPen(QColor(255, 255, 255) if level in ("red",) else _TEXT)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, level_text(level))
        y += line


def _region_name(region) -> str:
    return region.name if state_language_is_chinese() else region.name_en


def regions_panel_width(state, font: QFont) -> float:
    """Width of the region panel (0 when there is none); the canvas keeps the map clear of it when it can."""
    if state.scheme is None or state.evaluation is None or not state.evaluation.region_level:
        return 0.0
    fm = QFontMetricsF(font)
    bold = QFont(font)
    bold.setBold(True)
    heading = QCoreApplication.translate("MapHeader", "本时次区域预警")
    name_w = max(fm.horizontalAdvance(_region_name(r)) for r in state.scheme.regions)
    chip_w = max(fm.horizontalAdvance(level_text(level)) for level in LEVELS) + 12
    return max(name_w + chip_w + 30, QFontMetricsF(bold).horizontalAdvance(heading) + 20)


def regions_panel_size(state, font: QFont) -> tuple[float, float]:
    """(width, height) of the region panel, (0, 0) when there is none."""
    width = regions_panel_width(state, font)
    if not width:
        return 0.0, 0.0
    bold = QFont(font)
    bold.setBold(True)
    line = QFontMetricsF(font).height() + 4
    return width, 12 + QFontMetricsF(bold).height() + 4 + line * len(state.scheme.regions)


def state_language_is_chinese() -> bool:
    """Region names follow the interface language (the scheme carries both); i18n sets the default locale."""
    return QLocale().language() == QLocale.Language.Chinese


def _panel(painter: QPainter, box: QRectF) -> None:
    # square, filled twice: outlined or rounded rectangles cost a tenth of a millisecond each, per hour step
    painter.fillRect(box, _BORDER)
    painter.fillRect(box.adjusted(1, 1, -1, -1), _PANEL)
