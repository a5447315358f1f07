"""The "无法保存工作状态" banner: shown at start when the state folder cannot be written (and whenever the audit
log, an autosave or a draft fails later). The window keeps working; 重试 checks the folder again."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app import state_faults
from app.gui.i18n import ui_language

translate = QCoreApplication.translate


class StateBanner(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StateBanner")
        self.setStyleSheet("#StateBanner { background: #fde2e1; border-bottom: 1px solid #c0392b; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 4, 3)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        retry = QPushButton(translate("StateBanner", "重试"))
        retry.clicked.connect(self.check)
        layout.addWidget(retry)
        self.hide()
        self._unsubscribe = state_faults.subscribe(self.show_fault)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def show_fault(self, fault: state_faults.StateFault) -> None:
        self.label.setText(translate("StateBanner", "无法保存工作状态：%1。可以继续工作，但自动保存、建议函草稿和审计日志"
                                                    "暂时无法写入；请检查该文件夹后点“重试”。")
                           .replace("%1", fault.line(ui_language())))
        self.show()

    def check(self) -> bool:
        """True (and hidden) when the state folder can be written now."""
        fault = state_faults.check_state_folder()
        if fault is None:
            self.hide()
            return True
        self.show_fault(fault)
        return False
