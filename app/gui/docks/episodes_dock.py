"""The episodes dock: every regional episode on one line (region, level, start, end, duration, lead time, rule,
triggering cities) and, for the chosen one, why it warns, in words, below.

One line per episode, so that a dock a few hundred pixels high lists every episode: a cell too narrow for its
text ends in "…" and shows it whole as a tooltip; the triggering cities say how many they are first, and the
chosen episode's explanation lists them all.

Choosing a row selects the episode in the shared state (the map highlights its cluster, the timeline shades its
span) and moves the time to the episode's start.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.gui.docks.texts import (
    explain_episode,
    fmt_hours,
    fmt_time,
    hour_index,
    level_colour,
    level_name,
    region_label,
    rule_name,
    unit_list,
)
from app.gui.state import AppState

SHORT_LEAD = QColor(0xB0, 0x00, 0x20)
SHORT_LEAD_MARK = "▲ "  # in the bundled CJK fonts (⚠ is not: a box on machines without a symbol font)


CITIES_COLUMN = 7
CITIES_SHARE = 0.2  # this share of the table's width goes to the triggering cities (their count first) when room
SHRINK_ORDER = (6, 4, 5, 1)  # rule, duration, lead (its ▲ stays), level (its colour stays) first; never the region
DATE_COLUMNS = (3, 2)  # end, start: only once the cities are down to their count (at 1366×768 they read "12-0…")


class _FittingTable(QTableWidget):
    """A table that never scrolls sideways and keeps each episode on one line: when the columns do not fit,
    the less needed ones give up width (their text elided, whole in the tooltip), and the triggering cities
    keep a fair share."""

    def __init__(self, rows: int, columns: int):
        super().__init__(rows, columns)
        self._fit_timer = QTimer(self)  # dies with the table (a bare singleShot could outlive it)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.timeout.connect(self.fit_columns)

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:  # the viewport, not the table: scroll bars change it too
            self._fit_timer.start(0)
        return super().viewportEvent(event)

    def fit_columns(self) -> None:
        header = self.horizontalHeader()
        available = self.viewport().width()
        if available <= 0 or self.columnCount() == 0:
            return
        metrics = self.fontMetrics()
        needed = []
        for column in range(self.columnCount() - 1):
            title = self.horizontalHeaderItem(column).text() if self.horizontalHeaderItem(column) else ""
            texts = [self.item(row, column).text() for row in range(self.rowCount()) if self.item(row, column)]
            # the cells' own text with the style's margins, whatever the style's size hint rounds to (the
            # region's name must never be cut: a hint 1 px short elided it with another font set)
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0) + 10
            needed.append(max(self.sizeHintForColumn(column), widest if column == 0 else 0,
                              metrics.horizontalAdvance(title) + 16))
        char = metrics.horizontalAdvance("渝")
        counts = [re.match(r"[^：:]*[：:]?", self.item(row, self.columnCount() - 1).text()).group()
                  for row in range(self.rowCount()) if self.item(row, self.columnCount() - 1)]
        cities_floor = max([metrics.horizontalAdvance(c + "…") + 10 for c in counts] + [2 * char])  # "37 个：…"
        cities_min = max(int(available * CITIES_SHARE), 6 * char)

        def shrink(columns, floor_of) -> None:  # give up width one column at a time, down to its floor (elided)
            for column in columns:
                excess = sum(needed) + cities_min - available
                if excess <= 0:
                    return
                needed[column] = max(needed[column] - excess, min(needed[column], floor_of(column)))

        hours = [self.item(row, 4).text().split()[0] for row in range(self.rowCount()) if self.item(row, 4)]
        hours_floor = max([metrics.horizontalAdvance(h + "…") + 10 for h in hours if h] + [0])  # "120…", not "12…"
        shrink(SHRINK_ORDER, lambda column: max(2 * char + 8, hours_floor if column == 4 else 0))
        cities_min = max(min(cities_min, available - sum(needed)), cities_floor)  # the cities down to their count
        shrink(DATE_COLUMNS, lambda column: max(needed[column] // 2, 3 * char + 12))  # the dates last
        if sum(needed) + cities_min > available:  # still too wide (a very narrow dock): all give way alike
            scale = max(available - cities_min, 1) / sum(needed)
            needed = [max(int(width * scale), 16) for width in needed]
        for column, width in enumerate(needed):
            header.resizeSection(column, width)
        header.resizeSection(self.columnCount() - 1, max(available - sum(needed), 16))


class EpisodesDock(QDockWidget):
    COLUMNS = 8

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(self.tr("区域预警过程"), parent)
        self.setObjectName("EpisodesDock")
        self.state = state
        self.table = _FittingTable(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([self.tr("区域"), self.tr("等级"), self.tr("开始"), self.tr("结束"),
                                              self.tr("时长"), self.tr("提前量"), self.tr("规则"), self.tr("触发城市")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)  # one line per episode
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # a steady width to fit
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(16)  # the style's default (about 40 px) would undo the fitting
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrowed title reads "Dur…", not "uratic"
        for column in range(self.COLUMNS):
            item = self.table.horizontalHeaderItem(column)
            item.setToolTip(item.text())
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.table.cellClicked.connect(self._row_clicked)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.explanation = QTextBrowser()
        self.explanation.setOpenLinks(False)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.empty_label)
        self.region_notes = QLabel()  # missing linkage cities that could change a region's result
        self.region_notes.setWordWrap(True)
        self.region_notes.setStyleSheet("color: #7a0090;")
        self.region_notes.hide()
        top_layout.addWidget(self.region_notes)
        top_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.explanation)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.setWidget(splitter)
        self._filling = False
        state.evaluationChanged.connect(self.refresh)
        state.episodeSelected.connect(self._show_selected)
        state.editsChanged.connect(self._explain)
        self.refresh()

    # -- filling ------------------------------------------------------------------------------------------
    def show_region_notes(self) -> None:
        """"盆地中部地区：17 个城市中 9 个无数据，结果可能偏低" for each region whose result missing data could change."""
        from app.gui.i18n import ui_language

        quality = getattr(self.state, "quality", None)
        notes = [r.finding for r in (quality.regions if quality is not None else []) if r.finding is not None]
        lang = ui_language()
        self.region_notes.setText("\n".join(quality.in_language(n, lang).message for n in notes))
        self.region_notes.setVisible(bool(notes))

    def refresh(self) -> None:
        evaluation = self.state.evaluation
        episodes = [] if evaluation is None else evaluation.episodes
        self._filling = True
        try:
            self.table.setRowCount(len(episodes))
            for row, episode in enumerate(episodes):
                self._fill_row(row, episode)
        finally:
            self._filling = False
        self.table.fit_columns()
        if evaluation is None:
            self.empty_label.setText(self.tr("未加载预报。"))
        elif not episodes:
            self.empty_label.setText(self.tr("本次预报时段内没有区域预警过程。"))
        else:
            self.empty_label.setText(self.tr("共 %1 个区域预警过程；选择一行查看原因并跳到开始时间。")
                                     .replace("%1", str(len(episodes))))
        self._show_selected(self.state.selected_episode)

    def _fill_row(self, row: int, episode) -> None:
        lead = fmt_hours(episode.lead_time_hours)
        if getattr(episode, "observed_hours", 0):  # began in the observed hours (spec §7): no lead time, not unknown
            lead = self.tr("实况")
        level = level_name(episode.level)
        cells = [region_label(self.state.scheme, episode.region), level[:1].upper() + level[1:],  # "Orange" in English
                 self._short_time(episode.start), self._short_time(episode.end),
                 self.tr("%1 小时").replace("%1", str(episode.duration_hours)),
                 (SHORT_LEAD_MARK + lead) if episode.lead_time_short else lead, rule_name(episode.rule),
                 self.tr("%1 个：%2").replace("%1", str(len(episode.trigger_cities)))
                 .replace("%2", unit_list(episode.trigger_cities))]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)  # whole, when the cell is too narrow for it
            self.table.setItem(row, column, item)
        for column, t in ((2, episode.start), (3, episode.end)):  # the year too
            self.table.item(row, column).setToolTip(fmt_time(t, True))
        level_item = self.table.item(row, 1)
        level_item.setBackground(QBrush(level_colour(episode.level)))
        level_item.setForeground(QBrush(QColor("white" if episode.level == "red" else "black")))
        if episode.lead_time_hours is not None and episode.lead_time_hours < 0:  # issued after the start
            lead_item = self.table.item(row, 5)
            lead_item.setText(SHORT_LEAD_MARK + self.tr("发布晚于开始"))
            lead_item.setForeground(QBrush(SHORT_LEAD))
            lead_item.setToolTip(self.tr("提前量为负：预报发布时间晚于过程开始时间 %1 小时，请核对发布时间")
                                 .replace("%1", f"{-episode.lead_time_hours:.0f}"))
        elif episode.lead_time_short:
            lead_item = self.table.item(row, 5)
            lead_item.setForeground(QBrush(SHORT_LEAD))
            lead_item.setToolTip(self.tr("提前量不足方案要求的 72 小时"))
        self.table.item(row, CITIES_COLUMN).setToolTip(unit_list(episode.trigger_cities))

    def _short_time(self, t) -> str:
        """"12-04 00时" / "12-04 00h": the hours are whole, and at 1366×768 "12-04 00:00" did not fit beside
        the other columns (it read "12-0…")."""
        stamp = fmt_time(t)
        return self.tr("%1 %2时").replace("%1", stamp[:5]).replace("%2", stamp[6:8]) if stamp else ""

    # -- selection ----------------------------------------------------------------------------------------
    def _row_chosen(self) -> None:
        if self._filling:
            return
        rows = self.table.selectionModel().selectedRows()
        index = rows[0].row() if rows else -1
        self.state.set_episode(index)
        evaluation = self.state.evaluation
        if index >= 0 and evaluation is not None:
            self.state.set_hour(hour_index(evaluation, evaluation.episodes[index].start))
        self._explain()

    def _row_clicked(self, row: int, _column: int) -> None:
        """Clicking the episode already chosen jumps back to its start (selection alone would not change)."""
        evaluation = self.state.evaluation
        if evaluation is not None and row == self.state.selected_episode < len(evaluation.episodes):
            self.state.set_hour(hour_index(evaluation, evaluation.episodes[row].start))

    def _show_selected(self, index: int) -> None:
        """Follow the state (the episode may be chosen elsewhere, or reset by a new evaluation)."""
        self._filling = True
        try:
            if 0 <= index < self.table.rowCount():
                self.table.selectRow(index)
            else:
                self.table.clearSelection()
        finally:
            self._filling = False
        self._explain()

    def _explain(self) -> None:
        evaluation, index = self.state.evaluation, self.state.selected_episode
        if evaluation is None or not 0 <= index < len(evaluation.episodes):
            hint = self.tr("选择上表中的一个区域预警过程，这里说明它为何预警：触发规则、触发城市群、各城市达到的条件、"
                           "按自身等级预警的城市、提前量和审批。") if evaluation is not None and evaluation.episodes else ""
            self.explanation.setHtml(f"<p style='color:#555'>{hint}</p>")
            return
        self.explanation.setHtml(explain_episode(evaluation.episodes[index], self.state.scheme,
                                                 set(self.state.edited_units)))
