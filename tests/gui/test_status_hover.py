"""A status-bar message and the hover text have places of their own: a message never covers the name of the unit
under the pointer, and the hover text never runs under the message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor


def test_message_and_hover_text_do_not_overlap(desk, qtbot):
    window = desk.window
    window.resize(1366, 740)
    status, hover = window.statusBar(), window.hover_label
    desk.state.set_hovered("重庆市渝中区")
    status.showMessage("已导出 /home/duty/桌面/sample-regional-orange-逐日小图.png", 10000)
    qtbot.waitUntil(lambda: status.currentMessage() != "", timeout=1000)
    qtbot.wait(50)  # the bar lays itself out again (the time label made way)
    status.repaint()
    assert hover.isVisible() and "渝中区" in hover.text()  # a normal widget would be hidden by the message
    # the message is painted only left of the permanent widgets: the hover label's pixels are its own
    bar = status.grab().toImage()
    rect = hover.geometry()
    own = hover.grab().toImage()
    assert bar.copy(rect).convertToFormat(own.format()) == own
    # the hover text stays within its share of the bar, so the message keeps the left of it
    assert hover.width() <= window.width() * 0.25 + 1
    assert rect.left() > status.fontMetrics().horizontalAdvance("已导出 /home/duty/桌面/sample-regional") + 6
    assert not window.time_label.isVisible()  # the hour is in the time bar: its room goes to the message
    status.clearMessage()
    assert window.time_label.isVisible() and hover.isVisible()


def test_long_hover_text_is_elided_not_cut(desk, qtbot):
    hover = desk.window.hover_label
    hover.setText("成都市 · " + "成都平原地区" * 20)
    hover.resize(200, hover.height())
    shown = hover.shown_text()
    assert shown.endswith("…") and hover.fontMetrics().horizontalAdvance(shown) <= hover.contentsRect().width()
    assert hover.toolTip() == hover.text()


def test_long_message_is_elided_with_its_whole_text_in_the_tooltip(desk, qtbot):
    """The walkthrough's bar: "已打开会话 test-session.hazedesk（预报 sample-regional-o" ran into the hover text, cut
    with nothing to say so."""
    window = desk.window
    window.resize(1366, 740)
    status, hover = window.statusBar(), window.hover_label
    desk.state.set_hovered("重庆市渝中区")
    text = "已打开会话 test-session.hazedesk（预报 sample-regional-orange.csv，日 AQI 滑动 24 小时，另有 3 条修改）"
    status.showMessage(text, 10000)
    qtbot.waitUntil(lambda: status.currentMessage() == text, timeout=1000)
    qtbot.wait(50)
    room = hover.geometry().left() - 2 - 6
    metrics = status.fontMetrics()
    assert metrics.horizontalAdvance(text) > room  # the case: the message does not fit
    assert status.toolTip() == text
    # what is painted ends where the elided line ends, short of the hover text (Qt's own drawing ran up to it)
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, room)
    assert "…" in shown and shown.startswith("已打开会话") and shown.endswith("改）")
    status.repaint()
    bar = status.grab().toImage()
    middle = status.height() // 2
    ink = [x for x in range(hover.geometry().left()) for y in range(middle - 5, middle + 5)
           if QColor(bar.pixel(x, y)).lightness() < 110]
    assert ink and max(ink) <= 6 + metrics.horizontalAdvance(shown) + 1
    assert status.shown_message() == shown
    status.clearMessage()
    assert status.toolTip() == ""
