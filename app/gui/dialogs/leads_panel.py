"""The open case's problem leads (应急响应 → 问题线索): the register (number, category, place, what, from → to,
step, due; overdue ones red), a one-line form to register a lead, one to record its next step (a step back asks
for its reason), and the 线索推送单 for the receiving side."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.cases.leads import ORIGINS, SIDES, SOURCES, STEP_ZH, STEPS


class LeadsPanel(QWidget):
    def __init__(self, dialog, parent: QWidget | None = None):
        super().__init__(parent)
        from app.gui.dialogs.response_dialog import _plain_table

        self.dialog = dialog
        self._items: list = []
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([self.tr("编号"), self.tr("类别"), self.tr("地点"), self.tr("问题"),
                                              self.tr("推送"), self.tr("环节"), self.tr("时限")])
        _plain_table(self.table)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.source, self.origin, self.found_by = QComboBox(), QComboBox(), QComboBox()
        self.source.addItems(SOURCES)
        self.origin.addItems(ORIGINS)
        self.found_by.addItems(SIDES)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        from app.domain.units import load_units

        self.unit.addItems([u.name for u in load_units().units])
        self.unit.setCurrentText("")
        self.place, self.description, self.by, self.point = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.place.setPlaceholderText(self.tr("具体位置（可选）"))
        self.point.setPlaceholderText(self.tr("经度, 纬度（可选，显示在地图上）"))
        self.description.setPlaceholderText(self.tr("发现的问题"))
        self.by.setPlaceholderText(self.tr("经办人"))
        self.add_button = QPushButton(self.tr("登记线索"))
        self.add_button.clicked.connect(lambda *_: self.add())
        self.step, self.side, self.reason = QComboBox(), QComboBox(), QLineEdit()
        for key in STEPS[1:]:
            self.step.addItem(STEP_ZH[key], key)
        self.side.addItems(SIDES)
        self.reason.setPlaceholderText(self.tr("退回原因（退回上一环节时必填）"))
        self.step_button = QPushButton(self.tr("记录环节"))
        self.step_button.clicked.connect(lambda *_: self.record_step())
        self.sheet_button = QPushButton(self.tr("推送单…"))
        self.sheet_button.setToolTip(self.tr("把推送给所选一方、尚未销号的线索写成线索推送单（Word 和 PDF）"))
        self.sheet_button.clicked.connect(lambda *_: self.ask_sheet())
        form = QGridLayout()
        for c, (label, widget) in enumerate(((self.tr("类别"), self.source), (self.tr("来源"), self.origin),
                                             (self.tr("区县"), self.unit), (self.tr("发现方"), self.found_by))):
            form.addWidget(QLabel(label), 0, 2 * c)
            form.addWidget(widget, 0, 2 * c + 1)
        form.addWidget(self.place, 1, 0, 1, 2)
        form.addWidget(self.point, 1, 2, 1, 2)
        form.addWidget(self.description, 1, 4, 1, 2)
        form.addWidget(self.by, 1, 6)
        form.addWidget(self.add_button, 1, 7)
        form.addWidget(QLabel(self.tr("所选线索")), 2, 0)
        form.addWidget(self.step, 2, 1)
        form.addWidget(QLabel(self.tr("填报方")), 2, 2)
        form.addWidget(self.side, 2, 3)
        form.addWidget(self.reason, 2, 4, 1, 2)
        form.addWidget(self.step_button, 2, 6)
        form.addWidget(self.sheet_button, 2, 7)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(form)

    def refresh(self) -> None:
        from app.cases.leads import lead_counts, leads, map_points

        items = self.dialog.guard(lambda: leads(self.dialog.library, self.dialog.case_id, self.dialog.scheme))
        if items is None:
            return
        self._items = items
        if self.dialog.state.current_case == self.dialog.case_id:
            self.dialog.state.set_lead_points(map_points(items))
        self.table.setRowCount(len(items))
        for r, x in enumerate(items):
            lead = x.lead
            due = self.tr("已销号") if x.step == "closed" else (
                (f"{x.due:%m-%d %H:%M}" if x.due else "—") + (self.tr("（逾期）") if x.overdue else ""))
            cells = [lead["number"], f"{lead['source']}／{lead['origin']}", lead["unit"] + (
                f" {lead['place']}" if lead["place"] else ""), lead["description"],
                f"{lead['found_by']}→{lead['pushed_to']}", STEP_ZH[x.step], due]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if x.overdue:
                    item.setBackground(QColor("#f4a6a6"))
                elif x.step == "closed":
                    item.setBackground(QColor("#e6e6e6"))
                self.table.setItem(r, c, item)
        counts = lead_counts(items)
        self.summary.setText(self.tr("共 %1 条，已销号 %2 条，逾期 %3 条").replace("%1", str(counts["total"]))
                             .replace("%2", str(counts["closed"])).replace("%3", str(counts["overdue"])))

    def selected(self):
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self._items[min(rows)] if rows and min(rows) < len(self._items) else None

    def _chosen(self) -> None:
        item = self.selected()
        if item is None:
            return
        at = STEPS.index(item.step)
        if at + 1 < len(STEPS):  # the next step offered first
            self.step.setCurrentIndex(self.step.findData(STEPS[at + 1]))
        self.side.setCurrentText(item.lead["pushed_to"] if STEPS[min(at + 1, 4)] in ("handling", "rectified")
                                 else item.lead["found_by"])

    def add(self):
        from app.cases.leads import add_lead, parse_point

        def register():
            lon, lat = parse_point(self.point.text())
            return add_lead(self.dialog.library, self.dialog.case_id, source=self.source.currentText(),
                            origin=self.origin.currentText(), unit=self.unit.currentText(), place=self.place.text(),
                            description=self.description.text(), found_by=self.found_by.currentText(),
                            by_name=self.by.text(), lon=lon, lat=lat)

        lead = self.dialog.guard(register)
        if lead is not None:
            self.description.clear()
            self.place.clear()
            self.point.clear()
            self.dialog.say(self.tr("线索已登记。"))
            self.dialog.refresh()
        return lead

    def record_step(self):
        from app.cases.leads import add_step

        item = self.selected()
        if item is None:
            self.dialog.say(self.tr("请先在列表中选择一条线索。"))
            return None
        done = self.dialog.guard(lambda: add_step(
            self.dialog.library, self.dialog.case_id, item.lead["id"], self.step.currentData(),
            side=self.side.currentText(), by_name=self.by.text(), reason=self.reason.text()))
        if done is not None:
            self.reason.clear()
            self.dialog.say(self.tr("已记录：%1 %2").replace("%1", item.lead["number"])
                            .replace("%2", self.step.currentText()))
            self.dialog.refresh()
        return done

    def ask_sheet(self) -> None:
        to = self.side.currentText()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存线索推送单"), f"线索推送单-{to}.docx",
                                              self.tr("Word 文档 (*.docx)"))
        if path:
            self.write_sheet(to, Path(path).with_suffix(".docx"), Path(path).with_suffix(".pdf"))

    def write_sheet(self, to: str, docx: Path, pdf: Path):
        from app.export.push_sheet import write_push_sheet

        written = self.dialog.guard(lambda: write_push_sheet(self.dialog.library, self.dialog.case_id,
                                                             self.dialog.scheme, to=to, docx=docx, pdf=pdf))
        if written:
            self.dialog.say(self.tr("线索推送单已写出：%1").replace("%1", "、".join(str(p) for p in written)))
        return written
