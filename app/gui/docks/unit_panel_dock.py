"""The unit panel: the numbers behind the selected unit's colour at the current hour (concentrations, hourly
AQI with its primary pollutant and AQI edition, the daily value with its PM2.5 mean, the levels, the weather).

It follows the selection (the first selected unit) and, with nothing selected, the unit under the cursor.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QTextCursor, QTextTable
from PySide6.QtWidgets import QDockWidget, QFrame, QTextBrowser, QWidget

from app.gui.docks.texts import level_name, region_label, unit_label
from app.gui.numbers_text import number_rows, numbers_for
from app.gui.state import AppState
from app.gui.timefmt import step_text


class PanelText(QTextBrowser):
    """The panel's rich text, wrapped to the dock's width, scrolling when the dock is short; drawn on the dock's
    own background like a label. A word-wrapped QLabel in a scroll area laid its text out again and again for
    its size hints up through the dock at every hour step — most of the whole window's step (issue 26).

    A unit's numbers (:meth:`show_rows`) keep their rows from hour to hour: then only the values that changed
    are written into their table cells instead of the whole text parsed and built anew (1.0 → 0.8 ms of a
    step; Qt still lays the table out and repaints the panel whole, issue 26)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.viewport().setAutoFillBackground(False)  # the dock's background, as the label had
        self.document().setDocumentMargin(0)
        self.setViewportMargins(6, 2, 6, 4)
        self._html = ""
        self._shown: tuple | None = None  # (title, labels, value lines, step, values) written by show_rows

    def setText(self, html: str) -> None:  # noqa: N802 - the QLabel name the panel has always used
        if html != self._html:
            self._html = html
            self._shown = None
            self.setHtml(html)

    def text(self) -> str:
        return self._html

    def show_rows(self, title: str, step: str, rows: list[tuple[str, str]]) -> None:
        """``title`` (rich text) and ``step`` on two lines, then a table of (label, value) rows; a value's
        parts joined by ' · ' go on lines of their own."""
        html = _rows_html(title, step, rows)
        if html == self._html:
            return
        labels = tuple(label for label, _ in rows)
        values = [value.replace(" · ", "\u2028") for _, value in rows]
        lines = tuple(value.count("\u2028") for value in values)
        shown = self._shown
        self._html = html
        if shown is None or shown[:3] != (title, labels, lines):  # another unit, or other rows: written anew
            self.setHtml(html)
        else:
            self._rewrite(step if step != shown[3] else None,
                          [(row, value) for row, value in enumerate(values) if value != shown[4][row]])
        self._shown = (title, labels, lines, step, values)

    def _rewrite(self, step: str | None, cells: list[tuple[int, str]]) -> None:
        """The step line and the changed value cells replaced in place, in one edit (laid out once)."""
        document = self.document()
        table = next(frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable))
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        if step is not None:  # the title's block: "title<br>step"; the step follows its line separator
            block = document.firstBlock()
            cursor.setPosition(block.position() + block.text().rindex("\u2028") + 1)
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(step)
        for row, value in cells:
            cell = table.cellAt(row, 1)
            cursor.setPosition(cell.firstCursorPosition().position())
            cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(value)
        cursor.endEditBlock()


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
        title = f"<b>{escape(unit_label(unit))}</b>（{escape(where)}）"
        step = step_text(state.evaluation, state.hour)
        if numbers is None:
            self.label.setText(f"{title}<br>{escape(step)}<br>" + self.tr("无预报数据"))
            return
        facts = number_rows(numbers, state.evaluation.mode, level_name)
        stations = self.station_text(unit)
        if stations:
            facts.insert(0, (self.tr("国控站点"), stations))
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
