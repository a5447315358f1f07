"""The step's text in the time bar and the status bar: held at a fixed size that every step's text fits, so an
hour step no longer lays out the tool bar, the status bar and the main window again (issue 26, hour step)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class _LayoutRequests(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_every_step_fits_and_a_step_asks_no_layout_of_the_window(desk, qtbot):
    window = desk.window
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    evaluation = desk.state.evaluation
    labels = [window.timebar.time_label, window.time_label]
    for label in labels:
        assert label.minimumSize() == label.maximumSize()  # fixed: its text changes ask nothing of the layouts
        room = label.contentsRect().width()
        for hour in range(len(evaluation.times)):
            desk.state.set_hour(hour)
            assert label.fontMetrics().horizontalAdvance(label.text()) <= room, (hour, label.text())
    for hour in range(4):  # the first steps settle the docks' first layouts
        desk.state.set_hour(hour)
        qtbot.wait(20)
    requests = _LayoutRequests()
    for widget in (window, window.time_toolbar, window.statusBar()):
        widget.installEventFilter(requests)
    for hour in range(4, 16):
        desk.state.set_hour(hour)
        qtbot.wait(5)
    assert requests.count == 0
    assert labels[0].text().startswith(f"{evaluation.times[15].tz_convert('Asia/Shanghai'):%Y-%m-%d %H:%M}")
