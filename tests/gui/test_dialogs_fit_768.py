"""Issue 25.4: on a 1366×768 screen with a taskbar (728 pixels free) every large dialog, frame included, fits
and its buttons stay on the screen; the proposal form scrolls instead of pushing them off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from app.gui.dialogs import fit

LAPTOP = QRect(0, 0, 1366, 728)  # 768 less a 40-pixel taskbar


@pytest.fixture
def laptop_screen(monkeypatch):
    monkeypatch.setattr(fit, "free_area", lambda widget: LAPTOP)


@pytest.fixture
def state(qtbot):
    from app.gui.controller import Controller
    from app.gui.state import AppState
    from app.paths import DEFAULT_SAMPLE

    controller = Controller(AppState())
    controller.load_forecast_now(DEFAULT_SAMPLE)
    return controller.state


def fits(dialog) -> bool:
    width, height = fit.FRAME_ALLOWANCE
    return dialog.width() + width <= LAPTOP.width() and dialog.height() + height <= LAPTOP.height()


def test_proposal_dialog_fits_a_768_screen_with_a_taskbar(laptop_screen, state, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    from app.gui.dialogs.proposal_dialog import ProposalDialog

    dialog = ProposalDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert fits(dialog), dialog.size()
    assert dialog.minimumSizeHint().height() <= 400  # the form scrolls: the buttons are never pushed down
    button = dialog.pdf_button
    assert button.isVisible() and button.mapTo(dialog, button.rect().bottomLeft()).y() <= dialog.height()


def test_guide_and_multiples_fit(laptop_screen, state, qtbot):
    from app.gui.dialogs.guide_dialog import GuideDialog
    from app.gui.dialogs.multiples_dialog import MultiplesDialog
    from app.gui.map.geometry import load_map_geometry

    for dialog in (GuideDialog(), MultiplesDialog(state, load_map_geometry())):
        qtbot.addWidget(dialog)
        assert fits(dialog), (type(dialog).__name__, dialog.size())
