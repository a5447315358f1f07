"""The unit panel: the numbers behind the selected unit's colour at the current hour (concentrations, hourly
AQI with its primary pollutant and AQI edition, the daily value with its PM2.5 mean, the levels, the weather).

It follows the selection (the first selected unit) and, with nothing selected, the unit under the cursor.
"""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QStaticText,
    QTextDocumentFragment,
    QTransform,
)
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget

from app.gui.docks.texts import level_name, region_label, unit_label
from app.gui.map.tooltip import doubts, more_doubts
from app.gui.numbers_text import number_rows, numbers_for
from app.gui.state import AppState
from app.gui.timefmt import step_text


class PanelText(QScrollArea):
    """The panel's text, wrapped to the dock's width, scrolling when the dock is short; drawn on the dock's own
    background like a label (a word-wrapped QLabel laid its text out again and again for its size hints up
    through the dock at every hour step, issue 26).

    A unit's numbers (:meth:`show_rows`) are drawn by :class:`_RowsView` as a two-column table of prepared
    texts: at an hour step only the cells whose text changed are prepared and painted again. As a rich-text
    table in a QTextBrowser every step laid the whole table out and painted it whole: 2–3 ms of a step."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)  # the dock's background, as the label had
        self.setViewportMargins(6, 2, 6, 4)
        self.view = _RowsView()
        self.setWidget(self.view)
        self._html = ""
        # drawn, not a text widget: its text is copied whole (right click, or Ctrl+C with the panel focused)
        self.copy_action = QAction(self.tr("复制数值"), self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(self.copy_text)
        self.addAction(self.copy_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Room for a unit's table (its title, step and rows: about 15 lines with the weather) whatever the panel
        shows now: the docks are laid out when the window is first shown, before a unit is chosen, and following
        the two-line message then left the panel stacked under the episodes (a 1920×1080 screen) three rows and
        a scroll bar. The QTextBrowser it replaced asked for 256 × 192."""
        line = self.fontMetrics().lineSpacing()
        return QSize(256, max(super().sizeHint().height(), 18 * line + 6))

    def setText(self, html: str) -> None:  # noqa: N802 - the QLabel name the panel has always used
        """A message (rich text), wrapped."""
        if html != self._html:
            self._html = html
            self.view.show_message(html)

    def text(self) -> str:
        """What is shown, as rich text."""
        return self._html

    def plain_text(self) -> str:
        """What is shown, as plain text: a line for the title, the step and each row (label, tab, value)."""
        if self.view.texts is None:
            return QTextDocumentFragment.fromHtml(self._html).toPlainText().strip()
        title, step, rows = self.view.texts
        lines = [QTextDocumentFragment.fromHtml(title).toPlainText(), step]
        return "\n".join(lines + [f"{label}\t{' · '.join(values)}" for label, values in rows])

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.plain_text())

    def show_rows(self, title: str, step: str, rows: list[tuple[str, str]]) -> None:
        """``title`` (rich text) and ``step`` on two lines, then a table of (label, value) rows; a value's
        parts joined by ' · ' go on lines of their own."""
        html = _rows_html(title, step, rows)
        if html != self._html:
            self._html = html
            self.view.show_rows(title, step, [(label, value.split(" · ")) for label, value in rows])


class _RowsView(QWidget):
    """The panel's content: a message, or a title, a step line and rows of (label, value lines)."""

    LABEL_GAP = 11.0  # between the label column and the values (the table's cell paddings and 8 px)

    def __init__(self):
        super().__init__()
        self.setAutoFillBackground(False)
        self._message: QStaticText | None = None
        self._title: QStaticText | None = None
        self._step: QStaticText | None = None
        self._rows: list[tuple[QStaticText, list[QStaticText]]] = []
        self._texts: tuple | None = None  # (title, step, [(label, lines)]) shown
        self._places: list[QRectF] = []  # each box (the title and the step line, then the rows), stacked
        self._column = 0.0  # where the values start
        self._label_heights: list[float] = []
        self._line_heights: list[list[float]] = []  # each row's value lines, as laid out
        self._height = 0

    # -- content ----------------------------------------------------------------------------------------
    @property
    def texts(self) -> tuple | None:
        """(title, step, [(label, value lines)]) shown, or None when a message is."""
        return self._texts

    def show_message(self, html: str) -> None:
        self._texts = None
        self._message = _static(html, Qt.TextFormat.RichText)
        self._lay_out()
        self.update()

    def show_rows(self, title: str, step: str, rows: list[tuple[str, list[str]]]) -> None:
        old = self._texts
        self._texts = (title, step, rows)
        self._message = None
        if old is None or old[0] != title or [label for label, _ in old[2]] != [label for label, _ in rows]:
            self._title = _static(title, Qt.TextFormat.RichText)
            self._step = _static(step)
            self._rows = [(_static(label), [_static(line) for line in lines]) for label, lines in rows]
            self._lay_out()
            self.update()
            return
        changed = []  # the boxes to lay out and paint again
        if step != old[1]:
            self._step = _static(step)
            changed.append(1)
        for row, ((_, lines), (_, old_lines)) in enumerate(zip(rows, old[2])):
            if lines != old_lines:
                self._rows[row] = (self._rows[row][0], [_static(line) for line in lines])
                changed.append(row + 2)
        heights = [box.height() for box in self._places]
        for index in changed:
            heights[index] = self._box_height(index)
        if heights != [box.height() for box in self._places]:  # a value wraps onto another number of lines
            self._stack(heights)
            self.update()
            return
        for index in changed:
            self.update(self._places[index].toAlignedRect())

    # -- layout -----------------------------------------------------------------------------------------
    def _box_height(self, index: int) -> float:
        """Lay the box's texts out at the width; its height (only new texts are laid out: 0.05 ms each)."""
        width = max(float(self.width()), 40.0)
        font = self.font()  # laid out in the font they are drawn in
        if index < 2:
            text = self._title if index == 0 else self._step
            text.setTextWidth(width)
            text.prepare(QTransform(), font)
            return text.size().height()
        _, lines = self._rows[index - 2]
        room = max(width - self._column, 20.0)
        heights = []
        for line in lines:
            line.setTextWidth(room)
            line.prepare(QTransform(), font)
            heights.append(line.size().height())
        self._line_heights[index - 2] = heights
        return max(self._label_heights[index - 2], sum(heights)) + 2  # the cells' padding above and below

    def _lay_out(self) -> None:
        """Every text laid out at the width and the boxes stacked."""
        if self._message is not None:
            self._message.setTextWidth(max(float(self.width()), 40.0))
            self._message.prepare(QTransform(), self.font())
            self._stack([self._message.size().height()])
        elif self._title is not None:
            for label, _ in self._rows:
                label.prepare(QTransform(), self.font())
            sizes = [label.size() for label, _ in self._rows]
            self._column = max((size.width() for size in sizes), default=0.0) + self.LABEL_GAP
            self._label_heights = [size.height() for size in sizes]
            self._line_heights = [[] for _ in self._rows]
            self._stack([self._box_height(index) for index in range(2 + len(self._rows))])
        else:
            self._stack([])

    def _stack(self, heights: list[float]) -> None:
        """The boxes one under the other; asks the scroll area for a new height only when the content's height
        changed (never at a plain hour step)."""
        width = max(float(self.width()), 40.0)
        places, y = [], 0.0
        for height in heights:
            places.append(QRectF(0, y, width, height))
            y += height
        self._places = places
        height = int(math.ceil(y))
        if height != self._height:
            self._height = height
            self.updateGeometry()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self._height  # as laid out at its width (a new width lays it out again: resizeEvent)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(200, self._height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(40, self._height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.size().width() != event.oldSize().width():
            self._lay_out()
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FontChange:
            self._lay_out()
            self.update()
        super().changeEvent(event)

    # -- painting ---------------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        exposed = QRectF(event.rect())
        text = self.palette().color(self.foregroundRole())
        painter.setPen(text)
        if self._message is not None:
            painter.drawStaticText(QPointF(0, 0), self._message)
            painter.end()
            return
        for index, box in enumerate(self._places):
            if not box.intersects(exposed):
                continue
            if index < 2:
                painter.drawStaticText(box.topLeft(), self._title if index == 0 else self._step)
                continue
            label, lines = self._rows[index - 2]
            painter.setPen(_LABEL)
            painter.drawStaticText(QPointF(box.left(), box.top() + 1), label)
            painter.setPen(text)
            x, y = box.left() + self._column, box.top() + 1
            for line, height in zip(lines, self._line_heights[index - 2]):
                painter.drawStaticText(QPointF(x, y), line)
                y += height
        painter.end()


_LABEL = QColor("#555555")


def _static(text: str, form: Qt.TextFormat = Qt.TextFormat.PlainText) -> QStaticText:
    static = QStaticText(text)
    static.setTextFormat(form)
    static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
    return static


def _rows_html(title: str, step: str, rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td style='color:#555;padding-right:8px'>{escape(label)}</td>"
                    f"<td>{escape(value).replace(' · ', '<br>')}</td></tr>" for label, value in rows)
    return f"{title}<br>{escape(step)}<table cellspacing='0' cellpadding='1'>{cells}</table>"


class UnitPanelDock(QDockWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(self.tr("城市数值"), parent)
        self.setObjectName("UnitPanelDock")
        self.state = state
        self.label = PanelText()
        self.setWidget(self.label)
        # a panel behind another dock's tab (still isVisible(), but not on screen) is written when it comes up,
        # not at every hour
        self._on_screen, self._stale = False, True
        for signal in (state.evaluationChanged, state.selectionChanged, state.hoveredUnitChanged, state.hourChanged):
            signal.connect(self.refresh)
        self.visibilityChanged.connect(self._visibility)

    def _visibility(self, shown: bool) -> None:
        self._on_screen = shown
        if shown and self._stale:
            self.refresh()

    def shown_unit(self) -> str:
        state = self.state
        return state.selected_units[0] if state.selected_units else state.hovered_unit

    def refresh(self, *_) -> None:
        if not self._on_screen:
            self._stale = True
            return
        self._stale = False
        state = self.state
        unit = self.shown_unit()
        if state.evaluation is None:
            self.label.setText(self.tr("未加载预报。"))
            return
        if not unit:
            self.label.setText(self.tr("单击地图上的城市，这里显示它在当前时次的浓度、AQI、首要污染物、日均值、等级和气象。"))
            return
        numbers = numbers_for(state, unit)
        region = state.scheme.region_of.get(unit) if state.scheme is not None else None
        where = region_label(state.scheme, region) if region else self.tr("联动范围外")
        title = QCoreApplication.translate("Docks", "%1（%2）").replace("%1", f"<b>{escape(unit_label(unit))}</b>") \
            .replace("%2", escape(where))  # "Chengdu (Chengdu Plain)" in English
        step = step_text(state.evaluation, state.hour)
        texts, more = doubts(state, unit)  # the map's tooltip says the same under its hatch
        texts += more_doubts(more)
        if numbers is None:
            said = "".join(f"<br>{escape(text)}" for text in texts)
            self.label.setText(f"{title}<br>{escape(step)}<br>" + self.tr("无预报数据") + said)
            return
        facts = number_rows(numbers, state.evaluation.mode, level_name)
        stations = self.station_text(unit)
        if stations:
            facts.insert(0, (self.tr("国控站点"), stations))
        if texts:
            facts.append((self.tr("数据存疑"), " · ".join(texts)))
        self.label.show_rows(title, step, facts)

    def station_text(self, unit: str) -> str:
        """At an observed hour from the national network's station files: how many stations gave the unit's
        value ("" at a forecast hour, or when the observations are city tables)."""
        from app.gui.timefmt import is_observed

        state = self.state
        observed, evaluation = state.observed, state.evaluation
        if observed is None or observed.station_counts is None or not is_observed(evaluation, state.hour):
            return ""
        times = observed.forecast.times
        t = evaluation.times[state.hour]
        col = int(times.get_indexer([t.normalize() if observed.is_daily else t])[0])
        if col < 0 or unit not in observed.forecast.units:
            return self.tr("无站点数据")
        count = int(observed.station_counts[observed.forecast.units.index(unit), col])
        if count < 0:
            return self.tr("城市表数据（站点数未知）")
        return self.tr("本时次 %n 个站点有效值", "", count) if count else self.tr("本时次无有效站点值")
