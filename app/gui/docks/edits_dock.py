"""The what-if edits dock: a banner that says whether the forecast shown is edited, the list of edits, the edited
units, and buttons to add an edit (the what-if dialog), undo, redo and remove one.

Undo and redo are the controller's undo stack (``controller.undo_stack``), so the dock, the Edit menu and
Ctrl+Z / Ctrl+Shift+Z always agree. An edited forecast is never mistaken for the original: the banner turns
amber and names the number of edits and the units they touch.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.whatif import describe, edited_units
from app.gui.docks.texts import english, fill, translate, unit_list
from app.gui.state import AppState

ORIGINAL_STYLE = "QLabel { background:#E6F2E8; color:#1B4D24; padding:6px; border-radius:3px; }"
EDITED_STYLE = "QLabel { background:#FFE2A8; color:#5A3300; padding:6px; border-radius:3px; font-weight:bold; }"


def banner_text(edits: list) -> str:
    """The 'edited forecast' wording (also for anything else that shows the evaluated forecast)."""
    if not edits:
        return translate("Docks", "原始预报（未做情景修改）")
    return fill(translate("Docks", "已修改的预报：%1 项情景修改已计入评估（%2），结果不是原始预报的"), len(edits),
                unit_list(sorted(edited_units(edits))))


class EditsDock(QDockWidget):
    def __init__(self, state: AppState, controller, parent: QWidget | None = None):
        super().__init__(self.tr("情景修改"), parent)
        self.setObjectName("EditsDock")
        self.state, self.controller = state, controller
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        stack = controller.undo_stack
        self.add_button = self._button(self.tr("新增修改…"), self.tr("修改所选城市在某时段的预报（按比例、增减或设为某值）"),
                                       self.ask_and_apply)
        self.undo_button = self._button("", "", stack.undo)
        self.redo_button = self._button("", "", stack.redo)
        self.remove_button = self._button(self.tr("删除所选"), self.tr("删除列表中选中的修改（可撤销）"),
                                          self.remove_selected)
        # Removing one edit out of the middle needs the what-if stack of app.gui.undo; the plain QUndoStack
        # can only undo the latest.
        self.remove_button.setVisible(hasattr(stack, "remove_edit"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.undo_button, self.redo_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        self.setWidget(body)
        stack.indexChanged.connect(self._update_buttons)
        stack.cleanChanged.connect(self._update_buttons)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        state.editsChanged.connect(self.refresh)
        state.forecastChanged.connect(self.refresh)
        self.refresh()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(slot)
        return button

    @property
    def lang(self) -> str:
        return "en" if english() else "zh"

    # -- showing ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        edits = list(self.state.edits)
        self.banner.setText(banner_text(edits))
        self.banner.setStyleSheet(EDITED_STYLE if edits else ORIGINAL_STYLE)
        self.list.clear()
        for i, edit in enumerate(edits, start=1):
            item = QListWidgetItem(f"{i}. {describe(edit, self.lang)}")
            item.setToolTip(edit.note or describe(edit, self.lang))
            self.list.addItem(item)
        self._update_buttons()

    def _update_buttons(self, *_) -> None:
        stack = self.controller.undo_stack
        self.add_button.setEnabled(self.state.forecast is not None)
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())
        self.undo_button.setText(self.tr("撤销"))
        self.redo_button.setText(self.tr("重做"))
        self.undo_button.setToolTip(self.tr("撤销：%1（Ctrl+Z）").replace("%1", stack.undoText()) if stack.canUndo() else "")
        self.redo_button.setToolTip(self.tr("重做：%1（Ctrl+Shift+Z）").replace("%1", stack.redoText())
                                    if stack.canRedo() else "")
        self.remove_button.setEnabled(bool(self.list.selectedItems()))

    # -- actions ------------------------------------------------------------------------------------------
    def ask_and_apply(self) -> None:
        """Open the what-if dialog; apply its edits as one undo step."""
        from app.gui.dialogs.whatif_dialog import WhatIfDialog

        if self.state.forecast is None:
            return
        dialog = WhatIfDialog(self.state, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.apply(dialog.edits())

    def apply(self, edits: list) -> None:
        stack = self.controller.undo_stack
        if len(edits) == 1:
            self.controller.apply_edit(edits[0], describe(edits[0], self.lang))
            return
        stack.beginMacro(self.tr("%1 项修改：%2").replace("%1", str(len(edits)))
                         .replace("%2", unit_list(e.unit for e in edits)))
        try:
            for edit in edits:
                self.controller.apply_edit(edit, describe(edit, self.lang))
        finally:
            stack.endMacro()

    def remove_selected(self) -> None:
        rows = [self.list.row(item) for item in self.list.selectedItems()]
        if rows:
            self.controller.undo_stack.remove_edit(rows[0])
