"""A dock's title bar that can fold the dock to a strip: ▾ (or a double-click on the title) hides its content
and leaves the title line, so on a 1366×768 screen the map gets the room back without closing the dock; ▸
unfolds it at the height it had. The float and close buttons are those Qt's own title bar has.

A floating dock is a window of its own: it does not fold (a strip of a window, its buttons apart from it, was
what a double-click on its title made of it); a double-click on its title puts it back in the main window, as
on Qt's own title bar.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

translate = QCoreApplication.translate
UNLIMITED = 16777215  # QWIDGETSIZE_MAX


class FoldingTitle(QWidget):
    def __init__(self, dock: QDockWidget):
        super().__init__(dock)
        self.dock = dock
        self.folded = False
        self._height = 0  # the dock's height before folding
        self.fold_button = QToolButton()
        self.fold_button.setAutoRaise(True)
        self.fold_button.clicked.connect(self.toggle)
        self.label = QLabel(dock.windowTitle())
        dock.windowTitleChanged.connect(self.label.setText)
        style = self.style()
        self.float_button = QToolButton()
        self.float_button.setAutoRaise(True)
        self.float_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_TitleBarNormalButton))
        self.float_button.setToolTip(translate("DockTitle", "浮动/停靠"))
        self.float_button.clicked.connect(lambda: dock.setFloating(not dock.isFloating()))
        self.close_button = QToolButton()
        self.close_button.setAutoRaise(True)
        self.close_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self.close_button.setToolTip(translate("DockTitle", "关闭（在“视图”菜单中重新打开）"))
        self.close_button.clicked.connect(dock.close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(2)
        layout.addWidget(self.fold_button)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.float_button)
        layout.addWidget(self.close_button)
        dock.topLevelChanged.connect(self._floated)
        self._show_state()

    def _floated(self, floating: bool) -> None:
        if floating:
            self.set_folded(False)
        self.fold_button.setVisible(not floating)

    def _show_state(self) -> None:
        self.fold_button.setArrowType(Qt.ArrowType.RightArrow if self.folded else Qt.ArrowType.DownArrow)
        self.fold_button.setToolTip(translate("DockTitle", "展开") if self.folded else
                                    translate("DockTitle", "折叠为标题栏（把地方让给地图；双击标题也可）"))

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.dock.isFloating():
            self.dock.setFloating(False)
            self.dock.raise_()  # back in its tab group, in front
        else:
            self.toggle()

    def toggle(self) -> None:
        self.set_folded(not self.folded)

    def set_folded(self, folded: bool) -> None:
        dock, content = self.dock, self.dock.widget()
        if folded == self.folded or content is None:
            return
        self.folded = folded
        window = dock.parentWidget()
        # the docks tabbed with it share its area: they are held to the strip too, or the area keeps their height
        group = [dock, *(window.tabifiedDockWidgets(dock) if hasattr(window, "tabifiedDockWidgets") else [])]
        if folded:
            self._height = dock.height()
            content.setMaximumHeight(0)  # squeezed, not hidden: a hidden content lets the dock shrink sideways too
            for member in group:
                member.setMaximumHeight(self.sizeHint().height() + 2)
        else:
            for member in group:
                member.setMaximumHeight(UNLIMITED)
            content.setMaximumHeight(UNLIMITED)
            if self._height and hasattr(window, "resizeDocks") and not dock.isFloating():
                window.resizeDocks([dock], [self._height], Qt.Orientation.Vertical)
        self._show_state()


def install(dock: QDockWidget) -> FoldingTitle:
    title = FoldingTitle(dock)
    dock.setTitleBarWidget(title)
    return title
