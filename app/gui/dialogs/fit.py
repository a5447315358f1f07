"""Dialog sizes that fit the screen: a 1366×768 laptop with a taskbar leaves about 728 pixels for a window and
its title bar, so a dialog asks for its preferred size but never more than the screen's free area less the
window frame (the dialogs' forms scroll rather than push their buttons off the screen)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_ALLOWANCE = (16, 44)  # a window manager's borders and title bar, when the frame is not known yet


def free_area(widget: QWidget) -> QRect | None:
    """The part of the widget's screen a window may take (the taskbar excluded), None without a screen."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return None if screen is None else screen.availableGeometry()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width``×``height``, shrunk to the free area of its screen (taskbar excluded)."""
    free = free_area(widget)
    if free is None:
        widget.resize(width, height)
        return
    frame_w, frame_h = FRAME_ALLOWANCE
    widget.resize(max(min(width, free.width() - frame_w), 320), max(min(height, free.height() - frame_h), 240))
