"""Issue 12, defect 7: the window at a 1366×768 laptop's size keeps every part usable and nothing covered."""

from __future__ import annotations

import pytest


@pytest.fixture
def laptop(desk, qtbot):
    window = desk.window
    window.resize(1366, 768)
    window.default_dock_sizes()
    qtbot.wait(50)
    return desk


def test_time_slider_spans_the_window_and_reaches_every_hour_of_a_week(laptop):
    window = laptop.window
    slider = window.timebar.slider
    assert slider.width() >= 2 * 168
    assert slider.width() >= 0.5 * window.width()  # under the docks, the whole width of the window


def linkage_ids_under(canvas, rect) -> set[str]:
    """Linkage units drawn (in the hit-test raster) inside ``rect`` of the canvas."""
    images = canvas._ensure_images()
    dpr = images.device_pixel_ratio
    x0, y0 = max(int(rect.left() * dpr), 0), max(int(rect.top() * dpr), 0)
    x1, y1 = int(rect.right() * dpr), int(rect.bottom() * dpr)
    ids = {int(i) for i in images.ids[y0:y1, x0:x1].ravel()} - {0}
    names = canvas.geometry.names
    return {names[i - 1] for i in ids if canvas.geometry.regions[i - 1]}


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720), (1100, 700), (1600, 900), (960, 600)])
def test_region_panel_never_covers_a_linkage_city_after_live_resizes(laptop, qtbot, size):
    window, canvas = laptop.window, laptop.window.canvas
    window.resize(*size)
    window.default_dock_sizes()
    qtbot.wait(30)
    for width, height in ((canvas.width(), canvas.height()), (canvas.width() - 140, canvas.height()),
                          (canvas.width(), canvas.height() - 90)):
        canvas.resize(width, height)  # a live resize, as a dock is dragged
        canvas._ensure_images()
        rect = canvas.region_panel_rect()
        assert not rect.isEmpty()
        assert linkage_ids_under(canvas, rect) == set(), (size, width, height)


def test_map_header_lists_what_if_edits_and_a_stale_forecast(laptop, qtbot):
    from datetime import timedelta

    from app.domain.whatif import Edit
    from app.gui.map.header import header_height, header_lines

    state, canvas = laptop.state, laptop.window.canvas
    first = state.evaluation.times[0].to_pydatetime()
    state.clock = lambda: first  # the forecast is current
    state.evaluationChanged.emit()
    assert header_lines(state) == []
    plain = header_height(state, canvas._ui_font())
    laptop.controller.apply_edit(Edit("成都市", "2026-01-11T00:00", "2026-01-12T23:00", "scale", 0.5))
    lines = [text for text, _ in header_lines(state)]
    assert lines and "含情景修改" in lines[0] and "成都" in lines[0]
    assert header_height(state, canvas._ui_font()) > plain
    qtbot.wait(20)
    canvas._ensure_images()
    assert linkage_ids_under(canvas, canvas.region_panel_rect()) == set()
    state.clock = lambda: state.evaluation.times[-1].to_pydatetime() + timedelta(hours=1)
    state.evaluationChanged.emit()
    assert any("预报已过期" in text for text, _ in header_lines(state))
    assert "已过期" in laptop.window.age_label.text()
    state.clock = lambda: first
    state.stale_hours = 1.0  # issued more than an hour before the first step
    state.evaluationChanged.emit()
    issued = state.evaluation.issued_at
    assert issued is not None and (first - issued).total_seconds() > 3600
    assert any("超过 1 小时" in text for text, _ in header_lines(state))


def test_stale_age_limit_is_settable_and_remembered(laptop, monkeypatch):
    """Issue 12, defect 6: Settings → 预报过期时限 (default 36 h) changes the notice and is remembered."""
    from PySide6.QtWidgets import QInputDialog

    from app.gui.map.header import stale_notice

    state, window = laptop.state, laptop.window
    assert state.stale_hours == 36.0 and laptop.settings.stale_hours == 36.0
    issued = state.evaluation.issued_at
    state.clock = lambda: issued + (state.evaluation.times[0].to_pydatetime() - issued) / 2  # before the start
    state.evaluationChanged.emit()
    age = (state.clock() - issued).total_seconds() / 3600
    assert stale_notice(state) == "" or age > 36
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (max(int(age) - 1, 1), True))
    window._ask_stale_hours()
    assert laptop.settings.stale_hours == max(int(age) - 1, 1) == state.stale_hours
    assert "超过" in stale_notice(state) and "已过期" in window.age_label.text()
