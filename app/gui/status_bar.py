"""The window's status bar: a message too long for its room is elided with "…" (in the middle, so the start of
the sentence and the end of a file name both stay), and its whole text is the bar's tooltip.

``QStatusBar`` paints a message clipped at the first permanent widget: "已打开会话 test-session.hazedesk（预报
sample-regional-o" ran straight into the hover text with nothing to say it was cut.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStatusBar, QStyle, QStyleOption, QWidget


class ElidingStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StatusBar")
        self.messageChanged.connect(self.setToolTip)  # the whole message; "" when it is cleared

    def message_rect(self) -> QRect:
        """Where ``QStatusBar`` paints a message: from the left up to the first visible permanent widget."""
        left, right = 6, self.width() - 12
        for widget in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if widget.isVisible() and widget.x() > left and self._is_permanent(widget):
                right = min(right, widget.x() - 2)
        return QRect(left, 0, max(right - left, 0), self.height())

    def _is_permanent(self, widget: QWidget) -> bool:
        # a message hides the normal widgets; the ones still shown beside it are the permanent ones
        return getattr(widget, "_permanent", False)

    def addPermanentWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802 - Qt API
        widget._permanent = True
        super().addPermanentWidget(widget, stretch)

    def shown_message(self) -> str:
        """The message as drawn: elided in the middle when it is wider than its room."""
        return self.fontMetrics().elidedText(self.currentMessage(), Qt.TextElideMode.ElideMiddle,
                                             self.message_rect().width())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self.currentMessage():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.message_rect(), int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
                                                  | Qt.TextFlag.TextSingleLine), self.shown_message())
        painter.end()
