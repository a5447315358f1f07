"""Issue 12, defect 9: writing a map or a letter says where (status bar, with "open folder"), and the next
export starts in the same folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDesktopServices


def test_exported_map_is_confirmed_with_its_path_and_the_folder_is_remembered(desk, tmp_path, monkeypatch):
    from app.gui.dialogs.map_export_dialog import MapExportDialog

    window = desk.window
    dialog = MapExportDialog(desk.state, window)
    assert Path(dialog.path.text()).parent == Path.home()  # nothing exported yet
    out = tmp_path / "maps" / "会商图.png"
    out.parent.mkdir()
    dialog.path.setText(str(out))
    written = dialog.export()
    assert written and written[0].exists()
    notice = window.saved_notice
    assert notice.isVisible() and str(written[0]) in notice.text() and "打开文件夹" in notice.text()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    notice.linkActivated.emit("open")
    assert opened == [str(out.parent.resolve())]
    assert desk.settings.export_folder == str(out.parent.resolve())
    again = MapExportDialog(desk.state, window)
    assert Path(again.path.text()).parent == out.parent.resolve()
    dialog.deleteLater()
    again.deleteLater()


def test_saved_letter_is_confirmed(desk, tmp_path):
    from app.gui.dialogs.proposal_dialog import ProposalDialog

    dialog = ProposalDialog(desk.state, desk.window)
    path = dialog.save_as("docx", str(tmp_path / "letter.docx"))
    assert path is not None and Path(path).exists() and path in desk.window.saved_notice.text()
    dialog.done(0)
