"""The daily reports of the open case as a city × day grid (应急响应 → 每日报送): reported, corrected, missing
after the day's deadline (red), due; the deadline as a setting (18:00 by default); the forms for a day written
to a folder; filled forms imported by choosing them or dropping files or a folder on the grid."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.gui.docks.texts import unit_label

STATE_COLOURS = {"reported": "#cfe8cc", "corrected": "#b9d7f0", "missing": "#f4a6a6", "due": "#f2f2f2"}


class ReportGridPanel(QWidget):
    def __init__(self, dialog, parent: QWidget | None = None):
        super().__init__(parent)
        self.dialog = dialog
        self._grid: dict = {"days": [], "cities": [], "cells": {}}
        self.setAcceptDrops(True)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setToolTip(self.tr("绿：已报送；蓝：已更正；红：截止时间已过仍未报送；灰：尚未到截止时间。"
                                      "把填好的报送表或其所在文件夹拖到这里即可导入。"))
        self.deadline = QTimeEdit()
        self.deadline.setDisplayFormat("HH:mm")
        t = dialog.deadline()
        self.deadline.setTime(QTime(t.hour, t.minute))
        self.deadline.timeChanged.connect(self._deadline_changed)
        self.forms_button = QPushButton(self.tr("生成报送表…"))
        self.forms_button.setToolTip(self.tr("为所选日期的每个预警城市生成一份可填写的 Excel 报送表"))
        self.forms_button.clicked.connect(lambda *_: self.ask_forms())
        self.import_button = QPushButton(self.tr("导入报送表…"))
        self.import_button.clicked.connect(lambda *_: self.ask_import())
        self.summary = QLabel()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("每日截止时间")))
        row.addWidget(self.deadline)
        row.addWidget(self.forms_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

    def days(self) -> list[str]:
        return list(self._grid["days"])

    def _deadline_changed(self, value: QTime) -> None:
        if self.dialog.settings is not None:
            self.dialog.settings.report_deadline = value.toString("HH:mm")
        self.refresh()

    def refresh(self) -> None:
        from datetime import time

        from app.cases.reports import report_grid

        deadline = time(self.deadline.time().hour(), self.deadline.time().minute())
        grid = self.dialog.guard(lambda: report_grid(self.dialog.library, self.dialog.case_id, self.dialog.scheme,
                                                     deadline=deadline))
        if grid is None:
            return
        self._grid = grid
        names = {"reported": self.tr("已报"), "corrected": self.tr("已更正"), "missing": self.tr("缺报"),
                 "due": self.tr("待报")}
        self.table.clear()
        self.table.setRowCount(len(grid["cities"]))
        self.table.setColumnCount(len(grid["days"]))
        self.table.setHorizontalHeaderLabels([d[5:] for d in grid["days"]])
        self.table.setVerticalHeaderLabels([unit_label(c) for c in grid["cities"]])
        counts = dict.fromkeys(names, 0)
        for r, city in enumerate(grid["cities"]):
            for c, day in enumerate(grid["days"]):
                state = grid["cells"].get(city, {}).get(day)
                if state is None:
                    continue
                counts[state] += 1
                item = QTableWidgetItem(names[state])
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setBackground(QColor(STATE_COLOURS[state]))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.summary.setText(self.tr("已报 %1，已更正 %2，缺报 %3，待报 %4（截止时间 %5）")
                             .replace("%1", str(counts["reported"])).replace("%2", str(counts["corrected"]))
                             .replace("%3", str(counts["missing"])).replace("%4", str(counts["due"]))
                             .replace("%5", grid["deadline"]))

    def ask_forms(self) -> None:
        day = self.dialog.day.currentText()
        if not day:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("报送表保存到"))
        if folder:
            self.write_forms(date.fromisoformat(day), Path(folder))

    def write_forms(self, day: date, folder: Path) -> list | None:
        from app.export.report_form import write_forms

        written = self.dialog.guard(lambda: write_forms(self.dialog.library, self.dialog.case_id, self.dialog.scheme,
                                                        day, folder))
        if written is not None:
            self.dialog.say(self.tr("已生成 %1 份报送表：%2").replace("%1", str(len(written))).replace("%2", str(folder)))
        return written

    def ask_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("导入报送表"), "", self.tr("Excel 报送表 (*.xlsx)"))
        if paths:
            self.import_forms(paths)

    def import_forms(self, paths: list[str]):
        """Import the forms; when some are refused, nothing is recorded and each refusal is named (the good ones
        can then be imported alone)."""
        from app.cases.reports import import_reports

        done = self.dialog.guard(lambda: import_reports(self.dialog.library, self.dialog.case_id, paths,
                                                        self.dialog.scheme))
        if done is not None:
            self.dialog.say(self.tr("报送表已导入：新增 %1，更正 %2，未变 %3")
                            .replace("%1", str(len(done.recorded))).replace("%2", str(len(done.replaced)))
                            .replace("%3", str(len(done.unchanged))))
            self.dialog.refresh()
        return done

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.import_forms(paths)
            event.acceptProposedAction()
