"""Find a unit (Ctrl+F): a search box over the map. Type 渝中, yuzhong, yz or 500103; Enter (or a click on a
match) selects the unit and the map pans and zooms to it; Esc closes the box.

Matching is :class:`app.desk.find.UnitFinder` (Chinese, former names, pinyin, initials, English, adcode).

The box is an empty frame until it is first opened: its field, its list and the finder (the pinyin table) are
made then, not at every start of the window, which has no use for them before the officer presses Ctrl+F.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from app.domain.units import load_units
from app.gui.docks.texts import english, region_label, unit_label


class FindBar(QFrame):
    def __init__(self, state, canvas):
        super().__init__(canvas)
        self.state, self.canvas = state, canvas
        self.finder = None
        self.setObjectName("FindBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.hide()

    def _build(self) -> None:
        from app.desk.find import UnitFinder

        self.finder = UnitFinder(names=list(self.canvas.geometry.names))
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("查找城市：名称、拼音（如 yuzhong）或行政区划代码"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(self.choose_current)
        self.edit.installEventFilter(self)
        self.matches = QListWidget()
        self.matches.itemActivated.connect(self._chosen)
        self.matches.itemClicked.connect(self._chosen)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.matches)

    def open(self) -> None:
        if self.finder is None:
            self._build()
        width = min(420, self.canvas.width() - 24)
        self.setFixedWidth(width)
        self.move((self.canvas.width() - width) // 2, 8)
        self._search(self.edit.text())
        self.show()
        self.raise_()
        self.edit.setFocus()
        self.edit.selectAll()

    def _search(self, text: str) -> None:
        self.matches.clear()
        found = self.finder.find(text, limit=8)
        units = load_units()
        for match in found:
            unit = units.by_name.get(match.unit)
            region = self.state.scheme.region_of.get(match.unit) if self.state.scheme is not None else None
            where = region_label(self.state.scheme, region) if region else self.tr("联动范围外")
            name = unit_label(match.unit) + (f" {match.unit}" if english() else "")
            item = QListWidgetItem(f"{name}  ·  {unit.adcode if unit else ''}  ·  {where}")
            item.setData(Qt.ItemDataRole.UserRole, match.unit)
            self.matches.addItem(item)
        if found:
            self.matches.setCurrentRow(0)
        self.status.setText("" if found or not text.strip() else self.tr("未找到“%1”。").replace("%1", text.strip()))
        self.status.setVisible(bool(self.status.text()))
        self.matches.setVisible(bool(found))
        rows = min(len(found), 8)
        self.matches.setFixedHeight(rows * (self.matches.sizeHintForRow(0) if rows else 0) + 6)
        self.adjustSize()

    def choose_current(self) -> None:
        item = self.matches.currentItem()
        if item is not None:
            self._chosen(item)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.go_to(item.data(Qt.ItemDataRole.UserRole))

    def go_to(self, unit: str) -> None:
        self.state.set_selection([unit])
        self.canvas.focus_unit(unit)
        self.hide()
        self.canvas.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.hide()
                self.canvas.setFocus()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.matches.count():
                row = self.matches.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.matches.setCurrentRow(max(0, min(row, self.matches.count() - 1)))
                return True
        return super().eventFilter(watched, event)
