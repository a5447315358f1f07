"""What changed since the last forecast, in the window (issue 28, the desk): with a case open, each forecast opened
is recorded in the case and a dismissible line over the map says per region what changed against the case's
previous forecast; no case open, no line. The comparison runs off the GUI thread: the window stays responsive, a
newer forecast supersedes a stale comparison, and a failure reads as a message."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton

from app.paths import SAMPLES_DIR

SEASON = SAMPLES_DIR / "season-winter"


def test_opening_the_next_forecast_says_what_changed(desk, qtbot):
    window, controller = desk.window, desk.controller
    controller.load_forecast_now(SEASON / "forecast-2025-12-13.csv")
    dock = window.docks["CasesDock"]
    case = dock.new_case("2025年12月过程")
    note = window.changes_note
    assert note.isHidden()
    controller.load_forecast_now(SEASON / "forecast-2025-12-14.csv")
    assert note.isVisible() and note.comparing and "正在比较" in note.text  # said at once, worked out off the GUI thread
    qtbot.waitUntil(lambda: not note.comparing, timeout=20000)
    assert note.text.startswith("与上一份预报（forecast-2025-12-13 12-13 10:00）相比：")
    assert "盆地中部 由橙色升为红色、整体推迟1天（14日0时—18日24时）" in note.text
    assert "盆地中部 由橙色升为红色" in note.toolTip()
    assert note.height() <= 2 * note.fontMetrics().height()
    forecasts = dock.library.case(case)["forecasts"]  # the case keeps every forecast opened
    assert [f["name"] for f in forecasts] == ["forecast-2025-12-13", "forecast-2025-12-14"]
    note.findChildren(QToolButton)[0].click()
    assert note.isHidden()  # dismissed, not modal


def test_no_case_no_note(desk):
    desk.controller.load_forecast_now(SEASON / "forecast-2025-12-14.csv")
    assert desk.window.changes_note.isHidden()


def _open_case(desk):
    desk.controller.load_forecast_now(SEASON / "forecast-2025-12-13.csv")
    desk.window.docks["CasesDock"].new_case("2025年12月过程")
    return desk.window.changes_note


def test_the_window_stays_responsive_while_it_compares(desk, qtbot, monkeypatch):
    """The event loop runs while the comparison works (a slow comparison: 40 × 25 ms, reporting progress)."""
    import time

    from PySide6.QtCore import QTimer

    from app.desk import forecast_changes

    real = forecast_changes.compare_with_previous

    def slow(*args, progress, **kwargs):
        for k in range(40):
            progress.report(k / 40, "slow")
            time.sleep(0.025)
        return real(*args, **kwargs)

    monkeypatch.setattr(forecast_changes, "compare_with_previous", slow)
    note = _open_case(desk)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(note.comparing))
    timer.start(10)
    desk.controller.load_forecast_now(SEASON / "forecast-2025-12-14.csv")
    qtbot.waitUntil(lambda: not note.comparing, timeout=20000)
    timer.stop()
    assert ticks.count(True) >= 10  # the GUI thread went on running timers while the comparison worked
    assert "盆地中部 由橙色升为红色" in note.text


def test_a_newer_forecast_supersedes_a_stale_comparison(desk, qtbot, monkeypatch):
    """Two races, one note: the 12-14 comparison is still working when 12-15 is opened (it is cancelled, and its
    result dropped), or it has already finished but its result is still on the way to the GUI thread when 12-15 is
    opened (dropped too). The note only ever shows 12-15 against 12-14."""
    import threading

    from PySide6.QtCore import QThreadPool

    from app.desk import forecast_changes

    real = forecast_changes.compare_with_previous
    release = threading.Event()
    started, results = [], {}

    def held(row, *args, progress, **kwargs):
        started.append(row["name"])
        if row["name"] == "forecast-2025-12-13" and len(started) == 1:  # the first one waits, deaf to cancel
            release.wait(20)
        results[row["name"]] = out = real(row, *args, **kwargs)
        return out

    monkeypatch.setattr(forecast_changes, "compare_with_previous", held)
    note = _open_case(desk)
    said = []
    monkeypatch.setattr(note, "_show", lambda changes, previous, show=note._show: (said.append(changes),
                                                                                   show(changes, previous)))
    controller = desk.controller
    controller.load_forecast_now(SEASON / "forecast-2025-12-14.csv")  # still working when the next one comes
    controller.load_forecast_now(SEASON / "forecast-2025-12-15.csv")
    qtbot.waitUntil(lambda: not note.comparing, timeout=20000)
    release.set()  # now the stale one ends too, with a result for the wrong pair
    qtbot.waitUntil(lambda: not note._stale, timeout=20000)
    assert started == ["forecast-2025-12-13", "forecast-2025-12-14"]
    assert len(said) == 1 and said[0] is results["forecast-2025-12-14"]  # 12-15 against 12-14, nothing else
    assert note.text.startswith("与上一份预报（forecast-2025-12-14 12-14 10:00）相比：")

    # finished, its result queued, when a newer forecast is opened (no event processed in between)
    controller.load_forecast_now(SEASON / "forecast-2025-12-13.csv")  # back to a first forecast: nothing to say
    said.clear()
    controller.load_forecast_now(SEASON / "forecast-2025-12-14.csv")
    assert QThreadPool.globalInstance().waitForDone(20000)  # done in its thread; its signal not yet delivered
    controller.load_forecast_now(SEASON / "forecast-2025-12-16.csv")
    qtbot.waitUntil(lambda: not note.comparing and not note._stale, timeout=20000)
    assert len(said) == 1 and said[0] is results["forecast-2025-12-15"]  # 12-16 against 12-15 only
    assert results["forecast-2025-12-13"] != said[0]
    assert note.text.startswith("与上一份预报（forecast-2025-12-15 12-15 10:00）相比：")


def test_a_missing_file_and_an_internal_error_read_as_messages(desk, qtbot, monkeypatch, tmp_path):
    """The previous forecast's file deleted and no copy kept (a library of before copies, say): a message."""
    from app.desk import forecast_changes

    previous = tmp_path / "forecast-2025-12-13.csv"
    previous.write_bytes((SEASON / "forecast-2025-12-13.csv").read_bytes())
    desk.controller.load_forecast_now(previous)
    dock = desk.window.docks["CasesDock"]
    dock.new_case("2025年12月过程")
    note = desk.window.changes_note
    previous.unlink()
    dock.library.conn.execute("UPDATE forecasts SET content = NULL")
    desk.controller.load_forecast_now(SEASON / "forecast-2025-12-14.csv")
    qtbot.waitUntil(lambda: not note.comparing, timeout=20000)
    assert note.isVisible() and note.text == (f"无法与上一份预报比较：文件 {previous}："
                                              "上一份预报的文件已不在原处，案例库中也未保存其副本")

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(forecast_changes, "compare_with_previous", broken)
    desk.controller.load_forecast_now(SEASON / "forecast-2025-12-15.csv")
    qtbot.waitUntil(lambda: not note.comparing, timeout=20000)
    assert note.text.startswith("无法与上一份预报比较：内部错误（ZeroDivisionError: division by zero），详细信息已写入")
    assert "error.log" in note.text


def test_closing_the_note_cancels_the_comparison(desk, qtbot):
    note = _open_case(desk)
    desk.controller.load_forecast_now(SEASON / "forecast-2025-12-14.csv")
    assert note.comparing
    note.findChildren(QToolButton)[0].click()
    assert note.isHidden() and not note.comparing
    qtbot.waitUntil(lambda: not note._stale, timeout=20000)
    assert note.isHidden()  # the cancelled comparison never shows itself


def test_the_case_dock_counts_the_forecast_just_opened(desk, qtbot):
    """The open case's summary in the 案例 dock says how many forecasts it keeps: opening the next one counts it
    (it stayed at 预报 1 份 until the dock was listed again)."""
    window, controller = desk.window, desk.controller
    note = _open_case(desk)
    dock = window.docks["CasesDock"]
    assert "预报 1 份" in dock.details.text()
    controller.load_forecast_now(SEASON / "forecast-2025-12-14.csv")
    assert "预报 2 份" in dock.details.text()
    qtbot.waitUntil(lambda: not note.comparing, timeout=20000)
