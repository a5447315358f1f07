"""In English the docks speak English: translated words, English unit and region names, English edit texts."""

from __future__ import annotations

import pytest

from app.domain.whatif import Edit
from app.gui.docks.edits_dock import EditsDock
from app.gui.docks.episodes_dock import EpisodesDock
from app.gui.docks.inforce_dock import InForceDock


@pytest.fixture
def english(qapp):
    from app.gui.i18n import install_language

    assert install_language("en")
    yield
    install_language("zh")


def test_episode_explanation_in_english(english, qtbot, state, shoot):
    dock = EpisodesDock(state)
    qtbot.addWidget(dock)
    dock.resize(760, 620)
    dock.show()
    state.set_episode(1)
    episode = state.evaluation.episodes[1]
    region = state.scheme.region(episode.region).name_en
    assert dock.table.item(1, 0).text() == region and dock.table.item(1, 1).text() == "Orange"
    assert "Chengdu" in dock.table.item(1, 7).text()
    text = dock.explanation.toPlainText()
    assert f"{region} orange warning" in text and "Rule:" in text and "Chengdu" in text and "成都市" not in text
    assert episode.approval_en and episode.approval_en in text and episode.approval not in text
    assert not [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]  # no Chinese left in the explanation
    shoot(dock, "episodes-dock-en")


def test_inforce_and_edits_in_english(english, qtbot, state, controller):
    inforce = InForceDock(state, controller)
    edits = EditsDock(state, controller)
    qtbot.addWidget(inforce)
    qtbot.addWidget(edits)
    assert inforce.region.currentText() == state.scheme.regions[0].name_en
    inforce.add_warning()
    assert inforce.table.item(0, 0).text() == state.scheme.regions[0].name_en
    # issue 25.9: table cells, not program words ("red", "keep"): capitalised
    assert inforce.table.item(0, 1).text() in {"Yellow", "Orange", "Red"}
    assert inforce.table.item(0, 4).text().split()[0] in {"Keep", "Upgrade", "Downgrade", "Lift", "Extend",
                                                          "Ended", "Revise", "Cancel"}
    (advice,) = state.evaluation.recommendations
    reason = inforce.table.item(0, 6).text()
    assert reason == advice.reason_en and reason.startswith("Forecast:") and "recommended" in reason
    assert not [ch for ch in reason if "\u4e00" <= ch <= "\u9fff"]
    controller.apply_edit(Edit("成都市", "2026-01-11T00:00", "2026-01-11T23:00", "scale", 0.5))
    assert edits.list.item(0).text().startswith("1. Chengdu 2026-01-11 00:00")
    assert "Chengdu" in edits.banner.text() and "成都" not in edits.banner.text()


def test_unit_panel_title_in_english(english, qtbot, state):
    """The unit's region in round brackets with a space (the Chinese title's full-width brackets read
    'Chengdu（Chengdu Plain）' in English); the copied text says the same."""
    from app.gui.docks.unit_panel_dock import UnitPanelDock

    dock = UnitPanelDock(state)
    qtbot.addWidget(dock)
    dock.show()
    state.set_selection(["成都市"])
    title = dock.label.plain_text().splitlines()[0]
    assert title == "Chengdu (Chengdu Plain)", title
