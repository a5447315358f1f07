"""Opening forecasts: a bad file shows the errors with row/column and keeps the previous forecast; drag and
drop; recent files; the load runs in a worker and can be cancelled."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.gui.dialogs.load_errors import LoadErrorsDialog
from app.paths import SAMPLES_DIR


def bad_csv(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("time,city,pm25\n2026-01-10 00:00,成都市,80\n2026-01-10 01:00,成都市,abc\n", encoding="utf-8")
    return path


def test_bad_file_shows_row_and_column_and_keeps_previous_state(desk, qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(LoadErrorsDialog, "exec", lambda self: shown.append(self) or 0)
    state = desk.state
    before = (state.original_forecast, state.evaluation, state.forecast_path)
    path = bad_csv(tmp_path)
    with qtbot.waitSignal(desk.controller.loadFailed, timeout=10000):
        desk.window.opener.open(str(path))
    assert len(shown) == 1
    dialog = shown[0]
    problem = dialog.problems[0]
    assert problem.row is not None and problem.column
    cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert str(problem.row) in cells and problem.column in cells
    assert (state.original_forecast, state.evaluation, state.forecast_path) == before
    assert str(path) not in desk.settings.recent_files()


def test_good_file_loads_in_the_background_and_goes_into_recent_files(desk, qtbot):
    other = SAMPLES_DIR / "sample-clean-week.csv"
    with qtbot.waitSignal(desk.controller.loaded, timeout=20000):
        desk.window.opener.open(str(other))
    assert desk.state.forecast_path == str(other)
    assert desk.settings.recent_files()[0] == str(other.resolve())
    desk.window.opener.fill_recent_menu(desk.window.recent_menu)
    assert other.name in [a.text() for a in desk.window.recent_menu.actions()]
    assert "sample-clean-week.csv" in desk.window.windowTitle()


def test_drop_a_file_on_the_window_opens_it(desk, qtbot):
    other = SAMPLES_DIR / "sample-clean-week.csv"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(desk.controller.loaded, timeout=20000):
        desk.window.dropEvent(event)
    assert desk.state.forecast_path == str(other)


def test_cancelled_load_changes_nothing(desk, qtbot, monkeypatch):
    import time

    import app.importing

    def slow_load(path, progress, **_):  # runs in the worker thread; report() raises once cancelled
        for i in range(200):
            progress.report(i / 200)
            time.sleep(0.01)
        raise AssertionError("not cancelled")

    monkeypatch.setattr(app.importing, "load_forecast", slow_load)
    before = desk.state.evaluation
    with qtbot.waitSignal(desk.controller.loadCancelled, timeout=10000):
        desk.controller.open_forecast("/some/where.csv")
        desk.controller.cancel_load()
    assert desk.state.evaluation is before
    assert not desk.controller.loading


def test_a_failed_load_leaves_no_progress_box_and_the_window_takes_keys(desk, qtbot, monkeypatch):
    """Issue 12, defect 1: the progress box's delayed show must not fire inside the error dialog's exec()."""
    import time

    from PySide6.QtWidgets import QApplication, QProgressDialog

    import app.importing
    from app.errors import InputError

    def half_read_then_bad(path, progress, **_):  # progress reported (starts the show timer), then bad input
        progress.report(0.0, "opening")
        progress.report(0.42, "reading")
        time.sleep(0.05)
        raise InputError("row 3, column pm25: expected a number, read 'abc'")

    def visible_progress_boxes():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]

    seen_during_error = []

    def exec_waiting(dialog):  # stay "open" longer than the progress box's delay, in a nested event loop
        qtbot.wait(900)
        seen_during_error.extend(visible_progress_boxes())
        return 0

    monkeypatch.setattr(app.importing, "load_forecast", half_read_then_bad)
    monkeypatch.setattr(LoadErrorsDialog, "exec", exec_waiting)
    with qtbot.waitSignal(desk.controller.loadFailed, timeout=10000):
        desk.controller.open_forecast("/some/where/bad.csv")
    qtbot.wait(900)
    assert seen_during_error == []
    assert visible_progress_boxes() == []
    assert QApplication.activeModalWidget() is None
    window = desk.window
    window.activateWindow()
    hour = desk.state.hour
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert desk.state.hour == hour + 1


def test_a_load_that_ends_inside_the_progress_boxs_event_loop_does_not_delete_it_under_its_feet(desk, qtbot):
    """A shown modal progress box runs the event loop inside setValue; when the load's end arrives in there,
    the box is closed at once but deleted only after setValue returned (deleting it inside crashed the app)."""
    from PySide6.QtCore import QTimer

    opener = desk.window.opener
    path = str(SAMPLES_DIR / "sample-clean-week.csv")
    opener._started(path)
    box = opener.progress
    box.forceShow()  # shown: setValue now processes events
    seen = []

    def progress_then_end():  # as the worker's queued signals arrive, inside a running event loop
        QTimer.singleShot(0, lambda: opener._loaded(path))  # delivered inside setValue's event processing
        opener._progressed(0.5, "")
        seen.append(opener.progress is None and not box.isVisible())

    with qtbot.waitSignal(box.destroyed, timeout=5000):  # and then really deleted
        QTimer.singleShot(0, progress_then_end)
    assert seen == [True]
