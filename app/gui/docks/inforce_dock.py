"""The warnings-in-force dock: the regional warnings issued and approved (region, level, start, expected end),
entered by the officer, and for each the engine's advice on the loaded forecast (keep, upgrade, downgrade, lift
or extend) with its reason.

Every change goes to ``controller.set_in_force(list)``, which re-evaluates; the advice shown is always that of
the current evaluation (``Evaluation.recommendations``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pandas as pd
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.recommend import WarningInForce, overlap
from app.domain.scheme import BEIJING, LEVELS
from app.errors import InputError
from app.gui.docks.texts import action_name, fmt_time, level_colour, level_name, reason_label, region_label
from app.gui.hour_edit import HourEdit
from app.gui.i18n import error_text
from app.gui.state import AppState

# A warning in force started at most this long before the forecast's first hour (the longest episodes of the
# plan's winters last about two weeks); one starting after the forecast's last hour cannot be "in force".
PLAUSIBLE_BEFORE = pd.Timedelta(days=30)

ACTION_COLOURS = {"keep": "#37474F", "upgrade": "#B00020", "extend": "#B35900", "downgrade": "#1B6E20",
                  "lift": "#1B6E20", "revise": "#B35900", "cancel": "#1B6E20", "ended": "#37474F"}


def _qdatetime(t) -> QDateTime:
    t = pd.Timestamp(t).tz_convert(BEIJING)
    return QDateTime.fromString(t.strftime("%Y-%m-%dT%H:%M:00"), Qt.DateFormat.ISODate)


def _beijing(value: QDateTime) -> datetime:
    return datetime.fromisoformat(value.toString("yyyy-MM-ddTHH:mm:00")).replace(tzinfo=BEIJING)


def _cell(text: str) -> str:
    """A table cell starts with a capital in English ("Red", "Keep"; the names are lower case for sentences)."""
    return text[:1].upper() + text[1:]


class InForceDock(QDockWidget):
    COLUMNS = 7

    def __init__(self, state: AppState, controller, parent: QWidget | None = None):
        super().__init__(self.tr("现行预警"), parent)
        self.setObjectName("InForceDock")
        self.state, self.controller = state, controller
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([self.tr("区域"), self.tr("等级"), self.tr("开始"), self.tr("预计结束"),
                                              self.tr("建议"), self.tr("生效时间"), self.tr("理由")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # one line a warning: wrapped, the reason made every row two or three lines tall and the docked table at
        # 1366×768 showed two of four warnings; the whole reason is the cell's tooltip
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.region = QComboBox()
        for region in state.scheme.regions:
            self.region.addItem(region_label(state.scheme, region.name), region.name)
        self.level = QComboBox()
        for level in LEVELS[1:]:
            self.level.addItem(level_name(level), level)
        self.start = self._time_edit()
        self.has_end = QCheckBox(self.tr("预计结束"))
        self.end = self._time_edit()
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        # a start letter of an open 过程 says "预计持续至X（或更晚，以后续预报为准）": its end is "at least" X (spec §7)
        self.at_least = QCheckBox(self.tr("或更晚"))
        self.at_least.setToolTip(self.tr("函中写“预计持续至…（或更晚，以后续预报为准）”时勾选：过程可能持续到该时间之后"))
        self.at_least.setEnabled(False)
        self.has_end.toggled.connect(self.at_least.setEnabled)
        self.add_button = QPushButton(self.tr("添加"))
        self.update_button = QPushButton(self.tr("修改所选"))
        self.remove_button = QPushButton(self.tr("删除所选"))
        self.add_button.clicked.connect(self.add_warning)
        self.update_button.clicked.connect(self.update_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button = QPushButton(self.tr("从文件导入…"))
        self.import_button.setToolTip(self.tr("读入现行预警的 JSON 文件（与命令行 evaluate --in-force 相同的格式），替换当前列表"))
        self.import_button.clicked.connect(self.ask_and_import)
        self.letter_button = QPushButton(self.tr("从已发建议函导入…"))
        self.letter_button.setToolTip(self.tr("读入本软件导出的建议函（.docx 或 .pdf），按函中内容添加、变更或解除现行预警"))
        self.letter_button.clicked.connect(self.ask_and_import_letter)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.setWidget(self._layout())
        state.inForceChanged.connect(self.refresh)
        state.evaluationChanged.connect(self.refresh)
        self._defaults_for = None  # the forecast period the form's default times were set for
        state.forecastChanged.connect(self._default_times)
        state.evaluationChanged.connect(self._default_times)
        self._default_times()
        self.refresh()

    def _time_edit(self) -> HourEdit:
        edit = HourEdit()
        edit.setToolTip(self.tr("北京时间，可直接键入，例如 2026-01-12 08"))
        return edit

    def _layout(self) -> QWidget:
        form = QGridLayout()
        form.addWidget(QLabel(self.tr("区域")), 0, 0)
        form.addWidget(self.region, 0, 1)
        form.addWidget(QLabel(self.tr("等级")), 0, 2)
        form.addWidget(self.level, 0, 3)
        form.addWidget(QLabel(self.tr("开始")), 1, 0)  # 北京时间: said by the note above and the fields' tips
        form.addWidget(self.start, 1, 1)
        form.addWidget(self.has_end, 1, 2)
        form.addWidget(self.end, 1, 3)
        form.addWidget(self.at_least, 1, 4)  # beside the end it qualifies; the short 开始 label keeps the dock narrow
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.update_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        imports = QHBoxLayout()  # a row of its own: with the edit buttons the dock got too wide in English
        imports.addStretch(1)
        imports.addWidget(self.letter_button)
        imports.addWidget(self.import_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        note = QLabel(self.tr("录入已批准发布的区域预警（北京时间）；每次加载或修改预报，引擎给出维持、升级、降级、解除或延长的建议。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addLayout(imports)
        layout.addWidget(self.message)
        return body

    def _period(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """The forecast's first hour f and its last hour. With observations spliced before it (spec §7) the series
        begins days earlier; a warning's start is still judged against f, where the forecast begins."""
        evaluation = self.state.evaluation
        if evaluation is None or not len(evaluation.times):
            return None
        first = evaluation.forecast_start or evaluation.times[0]
        return pd.Timestamp(first).tz_convert(BEIJING), evaluation.times[-1].tz_convert(BEIJING)

    def _default_times(self) -> None:
        """Start at the forecast's first hour (now, before any forecast), end three days later; set once per
        forecast period, so that a re-evaluation never overwrites what the officer typed. (The forecast is
        announced before it is evaluated: the evaluation's signal brings the period.)"""
        period = self._period()
        if period is not None and period == self._defaults_for:
            return
        self._defaults_for = period
        start = period[0] if period else pd.Timestamp.now(tz=BEIJING).floor("h")
        self.start.setDateTime(_qdatetime(start))
        self.end.setDateTime(_qdatetime(start + pd.Timedelta(days=3, hours=-1)))

    def plausible_range(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """Earliest and latest start accepted: up to 30 days before the forecast, not after its last hour
        (without a forecast: 30 days either side of now)."""
        period = self._period()
        if period is None:
            now = pd.Timestamp.now(tz=BEIJING).floor("h")
            return now - PLAUSIBLE_BEFORE, now + PLAUSIBLE_BEFORE
        return period[0] - PLAUSIBLE_BEFORE, period[1]

    # -- showing ------------------------------------------------------------------------------------------
    def _advice_for(self, warning: WarningInForce):
        evaluation = self.state.evaluation
        for advice in [] if evaluation is None else evaluation.recommendations:
            if (advice.region, advice.in_force_level) == (warning.region, warning.level) and \
                    pd.Timestamp(advice.in_force_start) == pd.Timestamp(warning.start):
                return advice
        return None

    def refresh(self, *_) -> None:
        warnings = list(self.state.in_force)
        selected = self._selected_row()
        self.table.blockSignals(True)
        self.table.setRowCount(len(warnings))
        for row, warning in enumerate(warnings):
            advice = self._advice_for(warning)
            cells = [region_label(self.state.scheme, warning.region), _cell(level_name(warning.level)),
                     fmt_time(warning.start, True), self._end_text(warning),
                     _cell(action_name(advice.action)) if advice else self.tr("（未评估）"),
                     fmt_time(advice.from_time) if advice and advice.from_time else "",
                     reason_label(advice) if advice else ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if column == 6 else "")
                self.table.setItem(row, column, item)
            if warning.change_at is not None and warning.previous_level:  # a letter's upgrade or downgrade
                self.table.item(row, 1).setToolTip(
                    self.tr("自 %1 起由%2调整为%3").replace("%1", fmt_time(warning.change_at, True))
                    .replace("%2", level_name(warning.previous_level)).replace("%3", level_name(warning.level)))
                self.table.item(row, 1).setText(_cell(f"{level_name(warning.previous_level)}→{level_name(warning.level)}"))
            self.table.item(row, 1).setBackground(QBrush(level_colour(warning.level)))
            self.table.item(row, 1).setForeground(QBrush(QColor("white" if warning.level == "red" else "black")))
            if advice:
                action_item = self.table.item(row, 4)
                action_item.setForeground(QBrush(QColor(ACTION_COLOURS.get(advice.action, "#000"))))
                font = action_item.font()
                font.setBold(True)
                action_item.setFont(font)
                if advice.new_level != advice.in_force_level:
                    action_item.setText(_cell(f"{action_name(advice.action)} → {level_name(advice.new_level)}"))
        if 0 <= selected < len(warnings):
            self.table.selectRow(selected)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self._update_buttons()

    def _end_text(self, warning: WarningInForce) -> str:
        if warning.end is None:
            return "—"
        text = fmt_time(warning.end, True)
        return text + self.tr("（或更晚）") if warning.end_at_least else text

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _update_buttons(self) -> None:
        has_row = self._selected_row() >= 0
        self.update_button.setEnabled(has_row)
        self.remove_button.setEnabled(has_row)

    def _row_chosen(self) -> None:
        """Put the chosen warning into the form, ready to be changed."""
        row = self._selected_row()
        self._update_buttons()
        if not 0 <= row < len(self.state.in_force):
            return
        warning = self.state.in_force[row]
        self.region.setCurrentIndex(self.region.findData(warning.region))
        self.level.setCurrentIndex(self.level.findData(warning.level))
        self.start.setDateTime(_qdatetime(warning.start))
        self.has_end.setChecked(warning.end is not None)
        self.at_least.setChecked(warning.end_at_least)
        if warning.end is not None:
            self.end.setDateTime(_qdatetime(warning.end))

    # -- changes ------------------------------------------------------------------------------------------
    def form_warning(self) -> WarningInForce:
        start = _beijing(self.start.dateTime())
        end = _beijing(self.end.dateTime()) if self.has_end.isChecked() else None
        earliest, latest = self.plausible_range()
        if not earliest <= pd.Timestamp(start) <= latest:
            raise InputError(self.tr("开始时间 %1 不在合理范围内：应在 %2 至 %3 之间（预报开始前 30 天内，且不晚于预报结束）。")
                             .replace("%1", start.strftime("%Y-%m-%d %H:00"))
                             .replace("%2", earliest.strftime("%Y-%m-%d %H:00"))
                             .replace("%3", latest.strftime("%Y-%m-%d %H:00")))
        if end is not None and end < start:
            raise InputError(self.tr("预计结束时间早于开始时间。"))
        return WarningInForce(self.region.currentData(), self.level.currentData(), start, end,
                              end_at_least=end is not None and self.at_least.isChecked())

    def _commit(self, warnings: list[WarningInForce]) -> None:
        try:
            self.controller.set_in_force(warnings)
        except InputError as exc:
            self.message.setText(error_text(exc))
            return
        self.message.setText("")

    def _refused_overlap(self, warning: WarningInForce, row: int = -1) -> bool:
        """A region may hold several warnings (spec §7: a lifted one and its return, a pending start after it), one
        at a time: a warning whose span overlaps another of its region's (``row``: the one being changed) is
        refused with the reason."""
        if any(overlap(w, warning) for i, w in enumerate(self.state.in_force) if i != row):
            self.message.setText(self.tr("该区域已有时间重叠的现行预警；请选中它后修改（同一区域的另一预警须在其预计结束之后开始）。"))
            return True
        return False

    def add_warning(self) -> None:
        try:
            warning = self.form_warning()
        except InputError as exc:
            self.message.setText(error_text(exc))
            return
        if self._refused_overlap(warning):
            return
        self._commit([*self.state.in_force, warning])

    def update_selected(self) -> None:
        row = self._selected_row()
        if not 0 <= row < len(self.state.in_force):
            return
        try:
            warning = self.form_warning()
        except InputError as exc:
            self.message.setText(error_text(exc))
            return
        if self._refused_overlap(warning, row):
            return
        warnings = list(self.state.in_force)
        old = warnings[row]
        if old.change_at is not None and warning.level == old.level and warning.start < old.change_at:
            # the form has no field for a change of level already advised (a letter's upgrade or downgrade):
            # changing the end or the start keeps it
            warning = replace(warning, previous_level=old.previous_level, change_at=old.change_at)
        warnings[row] = warning
        self._commit(warnings)

    def remove_selected(self) -> None:
        row = self._selected_row()
        if 0 <= row < len(self.state.in_force):
            self._commit([w for i, w in enumerate(self.state.in_force) if i != row])

    def ask_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入现行预警"), "", self.tr("JSON 文件 (*.json);;所有文件 (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        """Replace the list by the warnings of a JSON file; a bad file leaves the list as it was."""
        from app.domain.recommend import load_in_force

        try:
            warnings = load_in_force(path, self.state.scheme)
        except InputError as exc:
            self.message.setText(self.tr("无法导入：%1").replace("%1", error_text(exc)))
            return
        self._commit(warnings)

    def ask_and_import_letter(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("从已发建议函导入"), "",
                                              self.tr("建议函 (*.docx *.pdf);;所有文件 (*)"))
        if path:
            self.import_letter(path)

    def import_letter(self, path: str) -> None:
        """Add, change or lift warnings as an issued HazeDesk letter says, once the officer has seen the changes;
        a file that is not such a letter leaves the list as it was."""
        from app.gui.docks.letter_import import warnings_from_letter

        try:
            warnings, note = warnings_from_letter(self, self.state, path)
        except InputError as exc:
            self.message.setText(self.tr("无法导入：%1").replace("%1", error_text(exc)))
            return
        if warnings is not None:
            self._commit(warnings)
            if self.message.text():  # the controller refused the list: its message stays
                return
        self.message.setText(note)
