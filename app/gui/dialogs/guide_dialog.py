"""Help → 使用说明 (F1): the offline user guide, in the interface's language, with pictures of the real window.

Content and HTML are :mod:`app.desk.guide`; this is only the window that shows them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.desk.guide import TITLES, guide_html
from app.gui.dialogs.fit import fit_to_screen
from app.gui.docks.texts import english


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = "en" if english() else "zh"
        self.setWindowTitle(TITLES[self.lang])
        self.setObjectName("GuideDialog")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)  # the contents' #anchors
        self.browser.setHtml(guide_html(self.lang))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 700)
