"""The main window hosts the docks and opens the export helper's dialogs from the File menu."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_docks_are_hosted_and_can_be_toggled(desk):
    window = desk.window
    assert {"EpisodesDock", "InForceDock", "EditsDock", "TimelineDock", "DayTableDock"} <= set(window.docks)
    assert window.dockWidgetArea(window.docks["TimelineDock"]) == Qt.DockWidgetArea.BottomDockWidgetArea
    toggles = [a.text() for a in window.menuBar().actions()[2].menu().actions()]
    assert all(dock.toggleViewAction().text() in toggles for dock in window.docks.values())


def test_file_menu_opens_proposal_map_export_and_print(desk, monkeypatch):
    import app.gui.dialogs.map_export_dialog as map_export
    import app.gui.dialogs.proposal_dialog as proposal
    import app.gui.printing as printing

    opened = []
    monkeypatch.setattr(proposal.ProposalDialog, "exec", lambda self: opened.append("proposal") or 0)
    monkeypatch.setattr(map_export.MapExportDialog, "exec", lambda self: opened.append("map") or 0)
    monkeypatch.setattr(printing, "print_map", lambda state, parent: opened.append("print") or False)
    window = desk.window
    for action in (window.proposal_action, window.map_export_action, window.print_action):
        action.trigger()
    assert opened == ["proposal", "map", "print"]


def test_exports_wait_for_a_forecast(desk, monkeypatch):
    import app.gui.printing as printing

    called = []
    monkeypatch.setattr(printing, "print_map", lambda state, parent: called.append(1))
    desk.state.evaluation = None
    desk.window.print_action.trigger()
    assert not called
    assert desk.window.statusBar().currentMessage()


def test_redo_keys_are_registered_once_and_work(desk, qtbot):
    """Issue 12, defect 3: Ctrl+Shift+Z was registered twice (ambiguous, so dead) and Ctrl+Y did nothing."""
    from PySide6.QtGui import QKeySequence

    from app.domain.whatif import Edit

    window = desk.window
    keys = [key.toString() for action in window.actions() if action.isEnabled() or action is window.actions_.redo
            for key in action.shortcuts() if not key.isEmpty()]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert duplicates == []
    redo_keys = [k.toString() for k in window.actions_.redo.shortcuts()]
    assert "Ctrl+Shift+Z" in redo_keys and "Ctrl+Y" in redo_keys
    platform = [k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
    assert set(platform) <= set(redo_keys)  # every key of the platform's binding, not only its first
    desk.controller.apply_edit(Edit("成都市", "2026-01-11T00:00", "2026-01-12T23:00", "scale", 0.5))
    window.activateWindow()
    for key, modifiers in ((Qt.Key.Key_Z, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier),
                           (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert desk.state.edits == []
        qtbot.keyClick(window, key, modifiers)
        assert len(desk.state.edits) == 1, QKeySequence(key | modifiers).toString()


def test_the_title_names_hazedesk_once(desk):
    """Issue 25.9: the platform appends the application's display name to each window title; the window's own
    title named HazeDesk too ("orange.csv — HazeDesk 川渝… — HazeDesk")."""
    from PySide6.QtGui import QGuiApplication

    shown = f"{desk.window.windowTitle()} — {QGuiApplication.applicationDisplayName()}"
    assert shown == "sample-regional-orange.csv — HazeDesk 川渝重污染天气预警会商台"


def test_the_application_has_its_icon_in_every_drawn_size(qapp):
    from app.gui.app import application, application_icon

    sizes = {(s.width(), s.height()) for s in application_icon().availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
    assert not application().windowIcon().isNull()


def test_bare_plus_and_minus_zoom_wherever_the_focus_is(desk, qtbot):
    """Issue 25.9: + and − zoomed only while the map had the focus; a text field still types them."""
    from PySide6.QtCore import Qt

    window, canvas = desk.window, desk.window.canvas
    table = window.docks["EpisodesDock"].table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    scale = canvas.view.scale
    qtbot.keyClick(table, Qt.Key.Key_Plus)
    assert canvas.view.scale > scale * 1.1
    qtbot.keyClick(table, Qt.Key.Key_Minus)
    assert abs(canvas.view.scale - scale) < 1e-9 * scale
    window.find_bar.open()
    field = window.find_bar.edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "a-b")
    assert field.text().endswith("a-b") and abs(canvas.view.scale - scale) < 1e-9 * scale
