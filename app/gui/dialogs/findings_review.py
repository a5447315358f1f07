"""The data-quality part of the proposal review dialog: the findings about the forecast, shown before export,
and the officer's acknowledgement. With warnings present, the letter is written only once the officer has
ticked that they saw them; the findings then go into the letter's machine record (not its body text)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.gui.i18n import ui_language

COLOURS = {"error": QColor(0xB0, 0x00, 0x20), "warning": QColor(0x9A, 0x60, 0x00), "note": QColor(0x50, 0x50, 0x50)}


class FindingsReview(QWidget):
    changed = Signal()

    def __init__(self, state, parent: QWidget | None = None):
        super().__init__(parent)
        quality = getattr(state, "quality", None)
        self.findings = list(quality.findings) if quality is not None else []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        warned = sum(f.severity != "note" for f in self.findings)
        self.heading = QLabel(self.tr("数据质量：%1 条发现（其中警告 %2 条），导出时记入建议函的机器记录和审计日志。")
                              .replace("%1", str(len(self.findings))).replace("%2", str(warned)))
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setMaximumHeight(120)
        self.list.setWordWrap(True)  # whole sentences, not a line cut off at the dialog's edge
        lang = ui_language()
        from app.errors import SEVERITY_ZH
        from app.gui.quality import short_text

        for finding in self.findings:
            severity = SEVERITY_ZH[finding.severity] if lang == "zh" else finding.severity
            text = short_text(finding, lang, quality)
            item = QListWidgetItem(f"{severity}{'：' if lang == 'zh' else ': '}{text}")
            item.setForeground(COLOURS[finding.severity])
            item.setToolTip(quality.render(finding, lang) if quality is not None else finding.render(lang))
            self.list.addItem(item)
        self.accept_box = QCheckBox(self.tr("我已查看以上数据问题，仍据此预报发函"))
        self.accept_box.toggled.connect(self.changed)
        for widget in (self.heading, self.list, self.accept_box):
            layout.addWidget(widget)
        self.accept_box.setVisible(warned > 0)
        self.setVisible(bool(self.findings))

    def needs_acceptance(self) -> bool:
        return any(f.severity != "note" for f in self.findings)

    def accepted(self) -> bool:
        return not self.needs_acceptance() or self.accept_box.isChecked()
