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
