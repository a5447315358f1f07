"""The 数据质量 dock: every finding about the loaded forecast (importer, engine, region notes), sortable by any
column, copyable (Ctrl+C or the button: tab-separated, pastes into Excel/WPS), with the units it concerns.
Choosing a row selects those units on the map."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import ACTION_ZH, SEVERITY_ZH
from app.gui.i18n import ui_language

SEVERITY_COLOUR = {"error": QColor(0xB0, 0x00, 0x20), "warning": QColor(0x9A, 0x60, 0x00),
                   "note": QColor(0x50, 0x50, 0x50)}


class _RankItem(QTableWidgetItem):
    """Sorts by a hidden key (severity rank, row number) instead of the text shown."""

    def __init__(self, text: str, key):
        super().__init__(text)
        self.key = key

    def __lt__(self, other) -> bool:
        if isinstance(other, _RankItem):
            return self.key < other.key
        return super().__lt__(other)


class DataQualityDock(QDockWidget):
    COLUMNS = 7

    def __init__(self, state, parent: QWidget | None = None):
        super().__init__(self.tr("数据质量"), parent)
        self.setObjectName("DataQualityDock")
        self.state = state
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, self.COLUMNS)
        # what was found first (the dock is narrow); where, what was read and expected after it
        self.table.setHorizontalHeaderLabels([self.tr("级别"), self.tr("发现"), self.tr("涉及城市"), self.tr("处理"),
                                              self.tr("位置"), self.tr("读到"), self.tr("应为")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # worst first, in file order
        self.table.itemSelectionChanged.connect(self._select_units)
        copy = QPushButton(self.tr("复制全部"))
        copy.setToolTip(self.tr("以制表符分隔复制到剪贴板，可直接粘贴到 Excel/WPS"))
        copy.clicked.connect(lambda: self.copy(all_rows=True))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(copy)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.setWidget(body)
        self.refresh()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy(all_rows=False)
            return
        super().keyPressEvent(event)

    def refresh(self) -> None:
        quality = getattr(self.state, "quality", None)
        findings = list(quality.findings) if quality is not None else []
        lang = ui_language()
        self.table.setSortingEnabled(False)
        self.table.clearContents()
        self.table.setRowCount(len(findings))
        for row, finding in enumerate(findings):
            local = quality.in_language(finding, lang)
            severity = SEVERITY_ZH[finding.severity] if lang == "zh" else finding.severity
            action = (ACTION_ZH if lang == "zh" else {a: a for a in ACTION_ZH}).get(finding.action or "", "")
            short = replace(finding, file=Path(finding.file).name) if finding.file else finding
            cells = [_RankItem(severity, (finding.rank, row)), QTableWidgetItem(local.message),
                     QTableWidgetItem(("、" if lang == "zh" else ", ").join(quality.unit_names(finding.units, lang))), QTableWidgetItem(action),
                     _RankItem(short.place(lang), (finding.file or "", finding.row or 0, row)),
                     QTableWidgetItem(finding.value or ""), QTableWidgetItem(local.expected or "")]
            cells[0].setForeground(SEVERITY_COLOUR[finding.severity])
            for column, item in enumerate(cells):
                item.setToolTip(quality.render(finding, lang))
                item.setData(Qt.ItemDataRole.UserRole, row)
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        for column in (1, 2, 4, 6):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 360 if column == 1 else 200))
        self._findings = findings
        if not findings:
            self.summary.setText(self.tr("未发现数据问题。") if self.state.evaluation is not None else "")
        else:
            counts = quality.counts
            self.summary.setText(self.tr("共 %1 条：警告 %2，提示 %3。有标记（紫色斜线）的城市着色所依据的数据存疑。")
                                 .replace("%1", str(len(findings)))
                                 .replace("%2", str(counts["warning"] + counts["error"]))
                                 .replace("%3", str(counts["note"])))

    def _select_units(self) -> None:
        rows = {item.data(Qt.ItemDataRole.UserRole) for item in self.table.selectedItems()}
        units = [u for r in sorted(rows) for u in self._findings[r].units]
        names = [u for u in dict.fromkeys(units)]
        if names:
            self.state.set_selection(names)

    def copy(self, all_rows: bool = True) -> str:
        """Tab-separated text of the rows (all, or the selected ones), with the header; also to the clipboard."""
        rows = range(self.table.rowCount()) if all_rows else sorted({i.row() for i in self.table.selectedItems()})
        header = [self.table.horizontalHeaderItem(c).text() for c in range(self.COLUMNS)]
        lines = ["\t".join(header)]
        for r in rows:
            lines.append("\t".join((self.table.item(r, c).text() if self.table.item(r, c) else "")
                                   for c in range(self.COLUMNS)))
        text = "\n".join(lines) + "\n"
        QGuiApplication.clipboard().setText(text)
        return text
