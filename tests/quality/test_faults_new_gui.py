"""The window's newer writers when the disk fails: saving a session, the city × day workbook, the small multiples
and the case library each say which file and why in one message, leave the old file and no .tmp, and the window
keeps working (the next save, to a good place, succeeds)."""

from __future__ import annotations

import errno
import os

import pytest

from app.paths import DEFAULT_SAMPLE


@pytest.fixture
def desk(qtbot, tmp_path):
    from app.gui.app import HazeDesk
    from app.gui.settings import Settings

    desk = HazeDesk("zh", Settings(tmp_path / "settings.ini"))
    desk.controller.load_forecast_now(DEFAULT_SAMPLE)
    desk.window.resize(1366, 768)
    desk.window.show()
    qtbot.waitExposed(desk.window)
    yield desk
    desk.controller.cancel_load()
    desk.dispose()


@pytest.fixture
def full_disk(monkeypatch):
    """Every atomic rename fails with ENOSPC until the test calls ``room()``."""
    import app.atomic

    real = os.replace
    state = {"full": True}

    def replace(src, dst):
        if state["full"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(app.atomic.os, "replace", replace)
    return lambda: state.update(full=False)


@pytest.fixture
def warnings(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a, **k: said.append(text)))
    return said


def _no_tmp(folder) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_saving_a_session_on_a_full_disk_says_so_and_keeps_the_old_file(desk, tmp_path, full_disk, warnings):
    target = tmp_path / "work.hazedesk"
    target.write_text("previous session", encoding="utf-8")
    assert desk.window.sessions.save_as(str(target)) is None
    (text,) = warnings
    assert str(target) in text and "磁盘空间已满" in text and "Traceback" not in text
    assert target.read_text(encoding="utf-8") == "previous session" and _no_tmp(tmp_path)
    full_disk()
    assert desk.window.sessions.save_as(str(target)) == target
    assert "hazedesk-session" in target.read_text(encoding="utf-8")


def test_the_workbook_and_the_small_multiples_on_a_full_disk(desk, qtbot, tmp_path, full_disk, warnings,
                                                            monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window = desk.window
    window.day_table_action.trigger()
    dock = window.docks["DayTableDock"]
    qtbot.waitUntil(lambda: dock.table is not None)
    xlsx, png = tmp_path / "day.xlsx", tmp_path / "days.png"
    answers = iter([str(xlsx), str(png)])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (next(answers), "")))
    dock.ask_and_export()
    dialog = window.show_multiples()
    dialog.ask_and_export()
    assert len(warnings) == 2
    assert str(xlsx) in warnings[0] and str(png) in warnings[1]
    assert all("磁盘空间已满" in w for w in warnings)
    assert not xlsx.exists() and not png.exists() and _no_tmp(tmp_path)
    full_disk()
    assert dock.export_xlsx(xlsx).exists() and dialog.view.export(str(png)).exists()


def test_a_full_case_library_is_said_in_the_dock_and_the_dock_keeps_working(desk, tmp_path):
    dock = desk.window.docks["CasesDock"]
    assert dock.set_library_path(tmp_path / "cases.sqlite")
    first = dock.new_case("第一个案例")
    assert first
    conn = dock.library.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    assert dock.new_case("长" * 30_000) is None
    assert "无法写入案例库" in dock.message.text() and "磁盘空间已满" in dock.message.text()
    assert str(tmp_path / "cases.sqlite") in dock.message.text()
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert dock.new_case("腾出空间后") and len(dock.library.list_cases()) == 2
