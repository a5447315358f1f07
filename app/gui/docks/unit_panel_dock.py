"""The unit panel: the numbers behind the selected unit's colour at the current hour (concentrations, hourly
AQI with its primary pollutant and AQI edition, the daily value with its PM2.5 mean, the levels, the weather).

It follows the selection (the first selected unit) and, with nothing selected, the unit under the cursor.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDockWidget, QFrame, QTextBrowser, QWidget

from app.gui.docks.texts import level_name, region_label, unit_label
from app.gui.numbers_text import number_rows, numbers_for
from app.gui.state import AppState
from app.gui.timefmt import step_text


class PanelText(QTextBrowser):
    """The panel's rich text, wrapped to the dock's width, scrolling when the dock is short; drawn on the dock's
    own background like a label. A word-wrapped QLabel in a scroll area laid its text out again and again for
    its size hints up through the dock at every hour step — most of the whole window's step (issue 26)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.viewport().setAutoFillBackground(False)  # the dock's background, as the label had
        self.document().setDocumentMargin(0)
        self.setViewportMargins(6, 2, 6, 4)
        self._html = ""

    def setText(self, html: str) -> None:  # noqa: N802 - the QLabel name the panel has always used
        if html != self._html:
            self._html = html
            self.setHtml(html)

    def text(self) -> str:
        return self._html


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
        head = f"<b>{escape(unit_label(unit))}</b>（{escape(where)}）<br>{escape(step_text(state.evaluation, state.hour))}"
        if numbers is None:
            self.label.setText(head + "<br>" + self.tr("无预报数据"))
            return
        facts = number_rows(numbers, state.evaluation.mode, level_name)
        stations = self.station_text(unit)
        if stations:
            facts.insert(0, (self.tr("国控站点"), stations))
        rows = "".join(f"<tr><td style='color:#555;padding-right:8px'>{escape(label)}</td><td>{escape(value).replace(' · ', '<br>')}</td></tr>"
                       for label, value in facts)
        self.label.setText(f"{head}<table cellspacing='0' cellpadding='1'>{rows}</table>")

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
