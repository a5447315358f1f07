"""Interface language (Chinese by default, English from the .qm), settings, and the screenshot command."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from app.cli import main
from app.gui.i18n import qm_path
from app.gui.settings import Settings
from app.paths import DEFAULT_SAMPLE


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_chinese_by_default_english_on_switch_and_state_kept(desk, qtbot):
    assert qm_path("en").exists()
    assert menu_titles(desk.window)[0] == "文件(&F)"
    desk.state.set_hour(30)
    desk.state.set_layer("warning")
    desk.state.set_selection(["成都市"])
    old = desk.window
    desk.window.actions_.languages["en"].trigger()
    window = desk.window
    assert window is not old
    assert menu_titles(window)[:3] == ["&File", "&Edit", "&View"]
    assert window.actions_.layers["warning"].text() == "Warning level"
    assert window.actions_.layers["warning"].isChecked()
    assert "Beijing time" in window.timebar.time_label.text()
    assert (desk.state.hour, desk.state.selected_units) == (30, ["成都市"])
    assert desk.settings.language == "en"
    desk.switch_language("zh")
    assert menu_titles(desk.window)[0] == "文件(&F)"


def test_settings_remember_recent_files_and_choices(tmp_path):
    settings = Settings(tmp_path / "s.ini")
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("x"), b.write_text("x")
    settings.add_recent(str(a))
    settings.add_recent(str(b))
    settings.add_recent(str(a))
    settings.layer, settings.mode, settings.language = "daily", "rolling", "en"
    settings.sync()
    again = Settings(tmp_path / "s.ini")
    assert again.recent_files() == [str(a.resolve()), str(b.resolve())]
    assert (again.layer, again.mode, again.language) == ("daily", "rolling", "en")
    b.unlink()
    assert again.recent_files() == [str(a.resolve())]  # vanished files drop out


def test_screenshot_command_writes_the_window_as_png(tmp_path, qapp):
    out = tmp_path / "shot.png"
    code = main(["gui", str(DEFAULT_SAMPLE), "--screenshot", str(out), "--size", "1000x700",
                 "--time", "2026-01-12T08:00", "--layer", "warning", "--lang", "en"])
    assert code == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)


def test_the_png_holds_exactly_the_grabbed_window(tmp_path, qapp, monkeypatch):
    """Written at zlib level 1 (fast): every pixel of the window's picture as taken (a copy of what it last
    drew, app.gui.screenshot.window_picture)."""
    from app.gui import screenshot

    grabbed, real = [], screenshot.window_picture
    monkeypatch.setattr(screenshot, "window_picture", lambda window: grabbed.append(real(window)) or grabbed[-1])
    out = tmp_path / "shot.png"
    assert main(["gui", str(DEFAULT_SAMPLE), "--screenshot", str(out), "--size", "1366x768"]) == 0
    expected = grabbed[-1]
    written = QImage(str(out)).convertToFormat(expected.format())
    assert written.size() == expected.size() and written == expected


def test_screenshot_of_a_bad_forecast_exits_2_with_the_message(tmp_path, qapp, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("time,city,pm25\n2026-01-10 00:00,没有这个城市,80\n", encoding="utf-8")
    code = main(["gui", str(bad), "--screenshot", str(tmp_path / "x.png")])
    assert code == 2
    assert "bad.csv" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_screenshot_time_outside_the_forecast_exits_2(tmp_path, qapp, capsys):
    code = main(["gui", "--screenshot", str(tmp_path / "x.png"), "--time", "2031-01-01T00:00"])
    assert code == 2
    assert "outside the forecast" in capsys.readouterr().err


def test_startup_probe_reports_the_first_coloured_map_paint(tmp_path):
    """The cold-start benchmark's probe: a fresh process opens the window, loads the sample, paints, exits."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HAZEDESK_HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, "-m", "app", "gui", "--startup-probe"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    seconds = float(proc.stdout.split("first-map-paint", 1)[1].split()[0])
    assert seconds > 0


def test_switching_language_keeps_the_docks_as_the_officer_left_them(desk, qtbot):
    """No layout saved yet (a first day): the new window takes the old one's docks — the tab in front, the
    sizes — and does not lay them out anew when it is first shown."""
    from app.gui.docks.on_screen import on_screen

    old = desk.window
    old.show_dock("DayTableDock")
    timeline = old.docks["TimelineDock"]
    old.resizeDocks([old.docks["EpisodesDock"]], [640], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    width = old.docks["EpisodesDock"].width()
    assert not on_screen(timeline) and on_screen(old.docks["DayTableDock"])
    desk.switch_language("en")
    window = desk.window
    qtbot.waitExposed(window)
    qtbot.wait(50)
    assert on_screen(window.docks["DayTableDock"]) and not on_screen(window.docks["TimelineDock"])
    assert abs(window.docks["EpisodesDock"].width() - width) <= 10  # not the first layout's 420


def test_switching_language_keeps_the_officers_view_of_the_map(desk, qtbot):
    """Walkthrough q03: zoomed in on central Chongqing, 语言 → English showed the whole basin again."""
    canvas = desk.window.canvas
    canvas.focus_unit("渝中区")
    canvas.zoom_by(1.5)
    canvas.pan_by(40, -25)
    desk.state.set_hour(41)
    desk.state.set_selection(["南岸区"])
    qtbot.wait(20)
    view = (canvas.view.cx, canvas.view.cy, canvas.view.scale)
    centre = canvas.view.to_world(canvas.width() / 2, canvas.height() / 2, canvas.width(), canvas.height())
    desk.switch_language("en")
    window = desk.window
    qtbot.waitExposed(window)
    new = window.canvas
    qtbot.waitUntil(lambda: new._images is not None and not new._highlights_dirty, timeout=3000)
    assert new is not canvas and not new._at_home
    assert abs(new.view.scale - view[2]) < 1e-12
    shown = new.view.to_world(new.width() / 2, new.height() / 2, new.width(), new.height())
    assert abs(shown[0] - centre[0]) < 1 and abs(shown[1] - centre[1]) < 1  # metres
    assert (desk.state.hour, desk.state.selected_units) == (41, ["南岸区"])
    assert new._selection is not None  # the selection is outlined in the new window
    desk.switch_language("zh")
    qtbot.waitExposed(desk.window)
    qtbot.waitUntil(lambda: desk.window.canvas._images is not None, timeout=3000)
    assert abs(desk.window.canvas.view.scale - view[2]) < 1e-12 and not desk.window.canvas._at_home
    desk.window.canvas.reset_view()  # and home is still the whole basin
    assert desk.window.canvas._at_home and desk.window.canvas.view.scale < view[2] / 4
