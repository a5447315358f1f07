"""What the map shows right now, written on it: layer and step (top left), and each linkage region's warning
level at this hour (bottom right), so that a glance — or a screenshot pasted into a briefing — says it all."""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from app.domain.scheme import LEVELS
from app.gui.map import colours
from app.gui.map.drawn_once import DrawnOnce
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


_EDITED = QColor(0, 110, 140)
_STALE = QColor(170, 0, 20)


def header_lines(state) -> list[tuple[str, QColor]]:
    """The notes under the title: what-if edits in force (with the units), a stale forecast."""
    translate = QCoreApplication.translate
    lines = []
    if state.edits:
        from app.gui.docks.texts import unit_list

        units = unit_list(sorted(state.edited_units))
        lines.append((translate("MapHeader", "含情景修改（青色虚线）：%1").replace("%1", units), _EDITED))
    notice = stale_notice(state)
    if notice:
        lines.append((notice, _STALE))
    return lines


def stale_notice(state) -> str:
    """A sentence when the forecast's period has ended or it is older than the limit; "" when current."""
    fresh = current_freshness(state)
    if fresh is None or not fresh.stale:
        return ""
    translate = QCoreApplication.translate
    if fresh.period_ended:
        return translate("MapHeader", "预报已过期：预报时段已于 %1 结束").replace("%1", fmt_clock(fresh.period_end))
    return (translate("MapHeader", "预报已过期：发布于 %1，已 %2 小时（超过 %3 小时）")
            .replace("%1", fmt_clock(fresh.issued_at)).replace("%2", f"{fresh.age_hours:.0f}")
            .replace("%3", f"{fresh.limit_hours:g}"))


def current_freshness(state):
    """The loaded forecast's :class:`~app.domain.staleness.Freshness` by the state's clock (None: nothing
    loaded). Worked out once a minute of the clock: the map asks at every paint (0.1–0.3 ms of pandas each
    time, issue 26), so the notice may appear up to a minute after the forecast's period ends."""
    evaluation = state.evaluation
    if evaluation is None or not len(evaluation.times):
        return None
    from app.domain.staleness import freshness

    now = state.clock()
    key = (evaluation.issued_at, now.replace(second=0, microsecond=0), state.stale_hours)
    if _FRESHNESS[0] is not evaluation or _FRESHNESS[1] != key:
        _FRESHNESS[:] = [evaluation, key, freshness(evaluation.times, evaluation.issued_at, now, state.stale_hours)]
    return _FRESHNESS[2]


_FRESHNESS: list = [None, None, None]  # (evaluation, (issued, clock minute, limit), Freshness) last worked out


@functools.lru_cache(maxsize=64)
def fmt_clock(t, year: bool = False) -> str:
    """Beijing time as the window writes it (an hour is named by its start: the last hour of the 16th is
    "01-16 23:00"; letters write its end, "16日24时" — see README)."""
    import pandas as pd

    from app.domain.scheme import BEIJING

    return pd.Timestamp(t).tz_convert(BEIJING).strftime("%Y-%m-%d %H:%M" if year else "%m-%d %H:%M")


def _fonts(font: QFont) -> tuple[QFont, QFont]:
    bold = QFont(font)
    bold.setBold(True)
    bold.setPixelSize(int(font.pixelSize() * 1.25))
    note = QFont(font)
    note.setBold(True)
    return bold, note


def header_height(state, font: QFont, lines: list | None = None) -> float:
    """Height of the header box (title and notes; ``lines``: :func:`header_lines`, when already made); the
    canvas fits the map below it."""
    bold, note = _fonts(font)
    lines = header_lines(state) if lines is None else lines
    return QFontMetricsF(bold).height() + 12 + len(lines) * (QFontMetricsF(note).height() + 2)


def _title(state) -> str:
    evaluation = state.evaluation
    title = f"{layer_title(state.layer, evaluation.mode)}  ·  {step_text(evaluation, state.hour)}"
    consensus = getattr(state, "consultation_label", "")
    if consensus:  # the forecast shown is a 会商 consensus: say so on the map (and on every screenshot of it)
        word = QCoreApplication.translate("MapHeader", "会商结论：")  # outside the f-string, where lupdate sees it
        title += f"  ·  {word}{consensus}"
    return title


def header_box(state, width: float, font: QFont, lines: list | None = None) -> QRectF:
    """The header's box on a map ``width`` wide (empty with no forecast): the region names keep clear of it."""
    if state.evaluation is None:
        return QRectF()
    bold, note = _fonts(font)
    lines = header_lines(state) if lines is None else lines
    fm, fm_note = QFontMetricsF(bold), QFontMetricsF(note)
    text_w = max([fm.horizontalAdvance(_title(state))] + [fm_note.horizontalAdvance(t) for t, _ in lines])
    text_w = min(text_w, max(width - 44, 100))
    return QRectF(12, 12, text_w + 20, header_height(state, font, lines))


def draw_header(painter: QPainter, state, width: float, height: float, font: QFont,
                panel_at: QPointF | None = None, lines: list | None = None) -> None:
    """Step title top left, the notes under it (``lines``: :func:`header_lines`, when already made); the region
    panel at ``panel_at`` (its top-left corner) or in the bottom-right corner."""
    evaluation = state.evaluation
    if evaluation is None:
        return
    bold, note = _fonts(font)
    title = _title(state)
    lines = header_lines(state) if lines is None else lines
    fm, fm_note = QFontMetricsF(bold), QFontMetricsF(note)
    box = header_box(state, width, font, lines)
    text_w = box.width() - 20
    _panel(painter, box)
    painter.setFont(bold)
    painter.setPen(_TEXT)
    painter.drawText(QRectF(22, 18, text_w, fm.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     title)
    painter.setFont(note)
    y = 18 + fm.height()
    for text, colour in lines:
        painter.setPen(colour)
        painter.drawText(QRectF(22, y, text_w, fm_note.height()), Qt.AlignmentFlag.AlignLeft,
                         fm_note.elidedText(text, Qt.TextElideMode.ElideRight, text_w))
        y += fm_note.height() + 2
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
        rows.append((_region_name(region, state), LEVELS[rank]))
    line = fm.height() + 4
    name_w, chip_w, panel_w, panel_h = _panel_metrics(state, font)
    if panel_at is None:
        panel_at = QPointF(width - panel_w - 12, height - panel_h - 12)
    box = QRectF(panel_at.x(), panel_at.y(), panel_w, panel_h)
    # the panel changes with the levels, not with the hour: copied from an image of it (its fills and texts
    # were a sixth of a whole-window hour step)
    _PANEL_IMAGES.draw(painter, box, (tuple(rows), heading, font.key()),
                       lambda device: _paint_regions(device, box, rows, heading, font, bold, name_w, chip_w, line))


_PANEL_IMAGES = DrawnOnce(32)  # the region panel as drawn, by its rows, texts, font and place


def _paint_regions(painter: QPainter, box: QRectF, rows, heading: str, font: QFont, bold: QFont, name_w: float,
                   chip_w: float, line: float) -> None:
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


def _region_name(region, state=None) -> str:
    """The region's name, with "· 9/17 无数据" when its missing cities could change its result."""
    name = region.name if state_language_is_chinese() else region.name_en
    quality = getattr(state, "quality", None)
    cover = next((r for r in quality.regions if r.region == region.name and r.could_change), None) \
        if quality is not None else None
    if cover is not None:
        missing = len(cover.no_data) or len(cover.gaps)
        what = QCoreApplication.translate("MapHeader", "无数据") if cover.no_data else \
            QCoreApplication.translate("MapHeader", "缺数据")
        name += f" · {missing}/{cover.total} {what}"
    return name


def regions_panel_width(state, font: QFont) -> float:
    """Width of the region panel (0 when there is none); the canvas keeps the map clear of it when it can."""
    if state.scheme is None or state.evaluation is None or not state.evaluation.region_level:
        return 0.0
    return _panel_metrics(state, font)[2]


def regions_panel_size(state, font: QFont) -> tuple[float, float]:
    """(width, height) of the region panel, (0, 0) when there is none."""
    width = regions_panel_width(state, font)
    if not width:
        return 0.0, 0.0
    return width, _panel_metrics(state, font)[3]


def _panel_metrics(state, font: QFont) -> tuple[float, float, float, float]:
    """(name column, level chip, panel width, panel height) of the region panel, measured once per font, names
    and language: the map asks three times a paint, and measuring the texts was 0.2 ms of an hour step."""
    names = tuple(_region_name(r, state) for r in state.scheme.regions)
    heading = QCoreApplication.translate("MapHeader", "本时次区域预警")
    levels = tuple(level_text(level) for level in LEVELS)
    key = (font.key(), names, heading, levels)
    found = _METRICS.get(key)
    if found is None:
        fm = QFontMetricsF(font)
        bold = QFont(font)
        bold.setBold(True)
        name_w = max(fm.horizontalAdvance(name) for name in names)
        chip_w = max(fm.horizontalAdvance(text) for text in levels) + 12
        width = max(name_w + chip_w + 30, QFontMetricsF(bold).horizontalAdvance(heading) + 20)
        height = 12 + QFontMetricsF(bold).height() + 4 + (fm.height() + 4) * len(names)
        if len(_METRICS) >= 32:
            _METRICS.clear()
        found = _METRICS[key] = (name_w, chip_w, width, height)
    return found


_METRICS: dict = {}  # see _panel_metrics


def state_language_is_chinese() -> bool:
    """Region names follow the interface language (the scheme carries both); i18n sets the default locale."""
    return QLocale().language() == QLocale.Language.Chinese


def _panel(painter: QPainter, box: QRectF) -> None:
    # square, filled twice: outlined or rounded rectangles cost a tenth of a millisecond each, per hour step
    painter.fillRect(box, _BORDER)
    painter.fillRect(box.adjusted(1, 1, -1, -1), _PANEL)
