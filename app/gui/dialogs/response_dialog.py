"""应急响应: the response half of the open case in one window (issue 23) — each warned city's start against each
letter, the daily reports city × day (forms out and in, the deadline), the problem leads, and the 调度日报.

Thin: everything is read from and written to the case library (``app.cases``) at once; the documents are
written by ``app.export`` (the 调度日报 and the 线索推送单); bad input or a library fault is said on the
dialog's message line, never raised.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError
from app.gui.docks.texts import level_name
from app.gui.i18n import error_text

OUTCOME_COLOURS = {"on_time": "#e3f2e1", "higher": "#dde8f7", "late": "#fff1cc", "lower": "#fde0cc",
                   "not_notified": "#f8d0d0"}


class ResponseDialog(QDialog):
    def __init__(self, state, library, case_id: str, parent: QWidget | None = None, settings=None):
        super().__init__(parent)
        from app.gui.dialogs.leads_panel import LeadsPanel
        from app.gui.dialogs.report_grid_panel import ReportGridPanel

        self.state, self.library, self.case_id, self.settings = state, library, case_id, settings
        title = library.case(case_id)["case"]["title"]
        self.setWindowTitle(self.tr("应急响应 — %1").replace("%1", title))
        self.resize(1100, 640)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.starts_table = QTableWidget(0, 6)
        self.starts_table.setHorizontalHeaderLabels([self.tr("函件"), self.tr("区域"), self.tr("城市"),
                                                     self.tr("要求"), self.tr("通报"), self.tr("结果")])
        _plain_table(self.starts_table)
        self.starts_summary = QLabel()
        starts = QWidget()
        column = QVBoxLayout(starts)
        column.addWidget(self.starts_summary)
        column.addWidget(self.starts_table, 1)
        self.grid = ReportGridPanel(self)
        self.leads = LeadsPanel(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(starts, self.tr("启动情况"))
        self.tabs.addTab(self.grid, self.tr("每日报送"))
        self.tabs.addTab(self.leads, self.tr("问题线索"))
        self.day = QComboBox()
        self.daily_button = QPushButton(self.tr("调度日报…"))
        self.daily_button.setToolTip(self.tr("写出所选日期的调度日报（Word 和 PDF）"))
        self.daily_button.clicked.connect(lambda *_: self.ask_daily())
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("日期")))
        row.addWidget(self.day)
        row.addWidget(self.daily_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.refresh()

    @property
    def scheme(self):
        if self.state.scheme is not None:
            return self.state.scheme
        from app.domain.scheme import load_scheme

        return load_scheme()

    def say(self, text: str) -> None:
        self.message.setText(text)

    def guard(self, work, *args, **kwargs):
        """Run a library or export action; bad input or a fault is shown on the message line."""
        try:
            return work(*args, **kwargs)
        except InputError as exc:
            self.say(self.tr("无法完成：%1").replace("%1", error_text(exc)))
        except Exception as exc:  # sqlite3 faults (locked, disk full): the library is unchanged
            import sqlite3

            if not isinstance(exc, (sqlite3.Error, OSError)):
                raise
            self.say(self.tr("案例库出错：%1").replace("%1", str(exc)))
        return None

    def refresh(self) -> None:
        self.show_starts()
        self.grid.refresh()
        self.leads.refresh()
        days = self.grid.days()
        chosen = self.day.currentText()
        self.day.clear()
        self.day.addItems(days)
        if chosen in days:
            self.day.setCurrentText(chosen)
        elif days:
            today = date.today().isoformat()
            self.day.setCurrentText(today if today in days else days[-1])
        self.daily_button.setEnabled(bool(days))

    def show_starts(self) -> None:
        from app.cases.response import starts, summary

        items = self.guard(lambda: starts(self.library, self.case_id, self.scheme)) or []
        self.starts_table.setRowCount(len(items))
        for r, s in enumerate(items):
            asked = self.tr("解除") if s.asked_level == "none" else level_name(s.asked_level)
            told = "—" if s.notified_level is None else (
                self.tr("解除") if s.notified_level == "none" else level_name(s.notified_level))
            cells = [s.doc_number or "—", s.region, s.city, f"{asked} {s.asked_start:%m-%d %H:%M}",
                     f"{told} {s.notified_at:%m-%d %H:%M}" if s.notified_at else self.tr("未通报"),
                     self._outcome(s)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setBackground(QColor(OUTCOME_COLOURS[s.outcome]))
                self.starts_table.setItem(r, c, item)
        counts = summary(items)
        self.starts_summary.setText(self.tr("按时 %1，自身级别更高（允许）%2，滞后 %3，低于要求 %4，未通报 %5")
                                    .replace("%1", str(counts["on_time"])).replace("%2", str(counts["higher"]))
                                    .replace("%3", str(counts["late"])).replace("%4", str(counts["lower"]))
                                    .replace("%5", str(counts["not_notified"])) if items else
                                    self.tr("案例中尚无预警函件：无从对照各城市的启动情况。"))

    def _outcome(self, s) -> str:
        words = {"on_time": self.tr("按时"), "higher": self.tr("自身级别更高（允许）"), "late": self.tr("滞后"),
                 "lower": self.tr("低于要求"), "not_notified": self.tr("未通报")}[s.outcome]
        if s.outcome == "late" and s.late_minutes is not None:
            hours, minutes = divmod(s.late_minutes, 60)
            words += " " + self.tr("%1小时%2分").replace("%1", str(hours)).replace("%2", str(minutes))
        return words

    def deadline(self):
        from app.cases.reports import parse_deadline

        chosen = self.settings.report_deadline if self.settings is not None else ""
        try:
            return parse_deadline(chosen or self.scheme.report_deadline)
        except InputError:
            return parse_deadline("18:00")

    def ask_daily(self) -> None:
        day = self.day.currentText()
        if not day:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存调度日报"), f"调度日报-{day}.docx",
                                              self.tr("Word 文档 (*.docx)"))
        if path:
            self.write_daily(date.fromisoformat(day), Path(path).with_suffix(".docx"), Path(path).with_suffix(".pdf"))

    def write_daily(self, day: date, docx: Path, pdf: Path, at: datetime | None = None) -> list | None:
        from app.export.dispatch import write_daily

        written = self.guard(lambda: write_daily(self.library, self.case_id, self.scheme, day, docx=docx, pdf=pdf,
                                                 at=at, deadline=self.deadline()))
        if written:
            self.say(self.tr("调度日报已写出：%1").replace("%1", "、".join(str(p) for p in written)))
        return written


def _plain_table(table: QTableWidget) -> None:
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    table.setAlternatingRowColors(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
