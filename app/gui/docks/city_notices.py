"""The open case's cities' 启动预警情况通报 in the 案例 dock: a list, a one-line form (city from the 40 linkage
cities with completion, time, level, note) to add, correct or delete a notice, and the table import.

The panel holds no data of its own: every change is written to the case library at once and the list re-read
from it, so what the window shows is what the review report's section four prints.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.cases.notices import linkage_cities, linkage_city
from app.domain.scheme import BEIJING
from app.gui.docks.texts import level_colour, level_name
from app.gui.hour_edit import HourEdit

NOTICE_LEVELS = ("yellow", "orange", "red", "none")  # "none": the city lifted its warning


class CityNoticesPanel(QWidget):
    changed = Signal()  # a notice was added, corrected, deleted or imported

    def __init__(self, dock, parent: QWidget | None = None):
        super().__init__(parent)
        self.dock = dock  # the 案例 dock: its library, current case, guard and message line
        self.cities = linkage_cities(dock.state.scheme) if dock.state.scheme is not None else []
        self._rows: list[dict] = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("城市"), self.tr("启动时间"), self.tr("级别"), self.tr("备注")])
        self.table.setToolTip(self.tr("选中一行即可在下方修改；写入评估报告第四部分"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.city = QComboBox()
        self.city.setEditable(True)
        self.city.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.city.addItems(self.cities)
        self.city.setCurrentIndex(-1)
        self.city.lineEdit().setPlaceholderText(self.tr("城市（如 自贡）"))
        completer = QCompleter(self.cities, self.city)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.city.setCompleter(completer)
        self.time = HourEdit()
        self.time.setToolTip(self.tr("北京时间，可直接键入，例如 2026-01-12 08"))
        self.time.setDateTime(QDateTime.fromString(pd.Timestamp.now(tz=BEIJING).strftime("%Y-%m-%dT%H:00:00"),
                                                   Qt.DateFormat.ISODate))
        self.level = QComboBox()
        for level in NOTICE_LEVELS:
            self.level.addItem(self.tr("解除") if level == "none" else level_name(level), level)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("备注（可空）"))
        self.add_button = QPushButton(self.tr("添加通报"))
        self.update_button = QPushButton(self.tr("修改所选"))
        self.delete_button = QPushButton(self.tr("删除所选"))
        self.import_button = QPushButton(self.tr("导入通报表…"))
        self.import_button.setToolTip(self.tr("CSV 表：城市,时间,级别[,备注]（UTF-8 或 GBK）"))
        for button, slot in ((self.add_button, self.add_notice), (self.update_button, self.update_selected),
                             (self.delete_button, self.delete_selected), (self.import_button, self.ask_import)):
            button.clicked.connect(lambda *_, s=slot: s())
        top = QHBoxLayout()  # title and the row actions share a line: the bottom dock is short at 1366 × 768
        top.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("各城市启动预警情况通报"))
        title.setToolTip(self.tr("写入评估报告第四部分"))
        top.addWidget(title, 1)
        for button in (self.update_button, self.delete_button, self.import_button):
            top.addWidget(button)
        form = QHBoxLayout()
        form.setContentsMargins(0, 0, 0, 0)
        self.city.setMinimumWidth(120)
        form.addWidget(self.city, 3)
        form.addWidget(self.time, 3)
        form.addWidget(self.level, 2)
        form.addWidget(self.note, 2)
        form.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        self._defaults_for: str | None = None  # the case the form's time was set for
        self.refresh()

    # -- showing ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        case = self.dock.current
        rows = [] if case is None else self.dock._guard(lambda: self.dock.library.city_notices(case)) or []
        self._rows = rows
        self.table.setRowCount(len(rows))
        for r, n in enumerate(rows):
            level = n["level"]
            cells = [n["city"], n["time"][:16].replace("T", " "), self.tr("解除") if level == "none"
                     else level_name(level), n["note"]]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 2 and level != "none":
                    item.setBackground(level_colour(level))
                self.table.setItem(r, c, item)
        for widget in (self.add_button, self.import_button, self.city, self.time, self.level, self.note):
            widget.setEnabled(case is not None)
        if case is not None and case != self._defaults_for:
            self._defaults_for = case
            self._default_time(case, rows)
        self._update_buttons()

    def _default_time(self, case: str, rows: list[dict]) -> None:
        """The form's time near the episode, not today: the last notice, else the case's first warning, else
        the forecast's first hour (a case is often written up weeks later)."""
        when = rows[-1]["time"] if rows else None
        if when is None:
            warnings = (self.dock._guard(lambda: self.dock.library.case(case)) or {}).get("warnings", [])
            when = warnings[0]["start"] if warnings else None
        evaluation = self.dock.state.evaluation
        if when is None and evaluation is not None and len(evaluation.times):  # f, not the first observed hour
            first = pd.Timestamp(evaluation.forecast_start or evaluation.times[0])
            when = first.tz_convert(BEIJING).isoformat()
        if when is not None:
            self.time.setDateTime(QDateTime.fromString(when[:13] + ":00:00", Qt.DateFormat.ISODate))

    def _selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows and rows[0].row() < len(self._rows) else None

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.update_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _row_chosen(self) -> None:
        notice = self._selected()
        self._update_buttons()
        if notice is None:
            return
        self.city.setCurrentText(notice["city"])
        self.time.setDateTime(QDateTime.fromString(notice["time"][:16] + ":00", Qt.DateFormat.ISODate))
        self.level.setCurrentIndex(self.level.findData(notice["level"]))
        self.note.setText(notice["note"])

    # -- changes ------------------------------------------------------------------------------------------
    def form_notice(self) -> tuple[str, datetime, str, str]:
        """The form as (city, time, level, note); a city that is not one of the linkage cities is refused."""
        city = linkage_city(self.city.currentText(), self.cities)
        time = datetime.fromisoformat(self.time.dateTime().toString("yyyy-MM-ddTHH:00:00")).replace(tzinfo=BEIJING)
        return city, time, self.level.currentData(), self.note.text().strip()

    def _done(self, text: str) -> None:
        self.refresh()
        self.changed.emit()
        self.dock._say(text)

    def add_notice(self) -> bool:
        case = self.dock.current
        if case is None:
            return False
        notice = self.dock._guard(self.form_notice)
        if notice is None:
            return False
        if not self._write(lambda: self.dock.library.add_city_notice(case, *notice)):
            return False
        self._done(self.tr("已记录 %1 的启动预警情况。").replace("%1", notice[0]))
        return True

    def _write(self, work) -> bool:
        """Run a library write under the dock's guard; True when it went through."""
        def run():
            work()
            return True

        return bool(self.dock._guard(run))

    def update_selected(self) -> bool:
        chosen, case = self._selected(), self.dock.current
        if chosen is None or case is None:
            return False
        notice = self.dock._guard(self.form_notice)
        if notice is None:
            return False
        if not self._write(lambda: self.dock.library.update_city_notice(case, chosen["id"], *notice)):
            return False
        self._done(self.tr("已修改 %1 的启动预警情况。").replace("%1", notice[0]))
        return True

    def delete_selected(self) -> bool:
        chosen, case = self._selected(), self.dock.current
        if chosen is None or case is None:
            return False
        if not self._write(lambda: self.dock.library.delete_city_notice(case, chosen["id"])):
            return False
        self._done(self.tr("已删除 %1 %2 的通报。").replace("%1", chosen["city"])
                   .replace("%2", chosen["time"][:16].replace("T", " ")))
        return True

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择启动预警情况通报表（城市,时间,级别）"), "",
                                              self.tr("表格 (*.csv *.txt)"))
        if path:
            self.import_table(path)

    def import_table(self, path: str) -> int | None:
        from app.cases.notices import import_city_notices

        if self.dock.current is None:
            return None
        count = self.dock._guard(lambda: import_city_notices(self.dock.library, self.dock.current, path))
        if count is not None:
            self._done(self.tr("已导入 %1 条城市启动预警情况。").replace("%1", str(count)))
        return count
