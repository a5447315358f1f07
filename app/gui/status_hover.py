"""The status bar's hover text, in a place of its own.

``QStatusBar.showMessage`` hides the bar's normal widgets and paints the message from the left edge up to the
first permanent widget. The hover text is therefore a *permanent* widget: a message ("已导出 …", autosave
faults) takes the left of the bar and the name of the unit under the pointer stays readable beside it; neither
is drawn over the other. The text is elided to the label's width (the whole text is its tooltip).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MAX_SHARE = 0.25  # of the window's width: the left of the bar stays for messages


class HoverLabel(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("HoverLabel")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        super().setText(text)
        self.setToolTip(text)
        self.updateGeometry()

    def sizeHint(self):  # noqa: N802 - Qt API
        hint = super().sizeHint()
        window = self.window()
        cap = int(window.width() * MAX_SHARE) if window is not None and window is not self else hint.width()
        hint.setWidth(max(self.minimumWidth(), min(hint.width(), cap)))
        return hint

    def minimumSizeHint(self):  # noqa: N802 - Qt API
        hint = super().minimumSizeHint()
        hint.setWidth(self.minimumWidth())
        return hint

    def shown_text(self) -> str:
        """The text as drawn: elided on the right when the label is narrower than it."""
        room = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, max(room, 0))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.contentsRect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.shown_text())
        painter.end()
