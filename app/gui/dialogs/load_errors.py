"""The dialog shown when a forecast cannot be loaded: what is wrong, where (file, row, column), what was expected.

The previous forecast stays loaded; the dialog says so.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError, Problem
from app.gui.i18n import ui_language


class LoadErrorsDialog(QDialog):
    def __init__(self, path: str, error: InputError, kept_previous: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("无法打开预报"))
        self.problems: list[Problem] = list(error.problems)
        shown = [p.localized(ui_language()) for p in self.problems]  # message and expected in the UI language
        intro = QLabel(self.tr("无法读取文件 %1：").replace("%1", path))
        intro.setWordWrap(True)
        first = QLabel(f"<b>{_escape(shown[0].message)}</b>")
        first.setWordWrap(True)
        note = QLabel(self.tr("之前的预报仍然保持打开，未做任何改动。") if kept_previous
                      else self.tr("请修正文件后重新打开。"))
        self.table = QTableWidget(len(self.problems), 6)
        self.table.setHorizontalHeaderLabels([self.tr("文件"), self.tr("行"), self.tr("列"), self.tr("值"),
                                              self.tr("应为"), self.tr("问题")])
        for row, problem in enumerate(shown):
            cells = [problem.file or "", "" if problem.row is None else str(problem.row), problem.column or "",
                     problem.value or "", problem.expected or "", problem.message]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (intro, first, self.table, note, buttons):
            layout.addWidget(widget)
        self.resize(860, 320)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
