"""The seams of an adopted 会商 decision: it goes into the case open (a new case offered when none is), the
letter recorded afterwards finds its sources, and closing and reopening the window (autosave, case) brings the
consensus back."""

from __future__ import annotations

import numpy as np
import pytest

from app.domain import session
from app.paths import SAMPLES_DIR

FILES = ["sample-red-plain-south.csv", "consult-sichuan-daily-range.csv", "consult-chongqing.csv"]


@pytest.fixture
def adopted(desk, qtbot):
    """The officer adopts a majority (k = 2) consensus with no case open and names the new case offered."""
    dialog = desk.window.open_consultation()
    qtbot.waitExposed(dialog)
    dialog.load_now([str(SAMPLES_DIR / f) for f in FILES])
    dialog.method.setCurrentIndex(dialog.method.findData("majority"))
    dialog.k.setValue(2)
    dialog.recorder.setText("值班员甲")
    dialog.apply_consensus()
    offer = desk.window.docks["CasesDock"].offer  # not modal: the window stays usable
    from PySide6.QtCore import Qt

    assert offer.isVisible() and offer.windowModality() != Qt.WindowModality.ApplicationModal
    asked = [offer.textValue()]
    offer.setTextValue("2026年12月会商过程")
    offer.accept()
    return dialog, asked


def test_adopting_records_the_decision_in_a_new_case(desk, adopted):
    dialog, asked = adopted
    cases = desk.window.docks["CasesDock"]
    assert asked and asked[0].endswith("区域重污染过程")  # a title from the consultation's first day
    assert desk.state.current_case and cases.current == desk.state.current_case
    case = cases.library.case(cases.current)
    assert case["case"]["title"] == "2026年12月会商过程"
    [stored] = case["consultations"]
    import json

    data = json.loads(stored["data"])
    assert data["consensus"]["method"] == "majority" and data["consensus"]["k"] == 2
    assert data["decision"]["recorded_by"] == "值班员甲"
    names = sorted(f["name"] for f in case["forecasts"])  # the sources, not the consensus (it has no file)
    assert names == sorted(s.name for s in dialog.sources)
    assert "会商结论已记入案例" in cases.message.text()


def test_adopting_again_goes_to_the_case_open_without_asking(desk, adopted):
    dialog, asked = adopted
    cases = desk.window.docks["CasesDock"]
    first_offer = cases.offer
    dialog.k.setValue(1)
    dialog.apply_consensus()
    assert cases.offer is first_offer  # the case was open: not asked again
    assert len(cases.library.case(cases.current)["consultations"]) == 2


def test_declining_the_new_case_records_nothing(desk, qtbot):
    dialog = desk.window.open_consultation()
    dialog.load_now([str(SAMPLES_DIR / f) for f in FILES])
    dialog.apply_consensus()
    cases = desk.window.docks["CasesDock"]
    cases.offer.reject()
    assert cases.current is None and cases.library.list_cases() == []
    assert desk.state.consultation is not None  # the consensus is still shown
    assert "未记入案例库" in cases.message.text()


def test_a_letter_recorded_from_the_consensus_goes_into_the_case(desk, adopted, tmp_path):
    from tests.gui.docks.test_cases_dock import first_letter

    cases = desk.window.docks["CasesDock"]
    assert cases.record_letter(first_letter(desk.state, tmp_path))  # used to fail: the consensus has no file
    case = cases.library.case(cases.current)
    assert len(case["letters"]) == 1 and desk.state.in_force
    assert len(case["consultations"]) == 1  # the same decision is not stored twice


def _levels(state):
    return [(e.region, e.level, e.start, e.end) for e in state.evaluation.episodes]


def test_the_autosave_brings_the_consensus_and_the_case_back(desk, adopted):
    from app.gui.app import HazeDesk
    from app.gui.autosave import restore, working_state
    from app.gui.settings import Settings

    state = desk.state
    shown, case = _levels(state), state.current_case
    session.save(working_state(state))
    plan = session.previous_session()
    assert plan is not None and plan.same_data
    other = HazeDesk("zh", Settings(desk.settings.path))
    try:
        restore(plan, other.controller)
        again = other.state
        assert again.consultation is not None and again.consultation.method == "majority"
        assert again.consultation.consensus["k"] == 2 and again.forecast.meta.source_format == "consensus"
        assert _levels(again) == shown
        assert again.current_case == case and other.window.docks["CasesDock"].current == case
        assert "【会商结论】" in other.window.windowTitle()
    finally:
        other.dispose()


def test_opening_the_case_shows_its_consensus_again(desk, adopted):
    state = desk.state
    shown, case = _levels(state), state.current_case
    dock = desk.window.docks["CasesDock"]
    dock.current = None  # the case closed first: a forecast opened while a case is open joins it (issue 28)
    desk.controller.load_forecast_now(SAMPLES_DIR / "sample-clean-week.csv")
    assert state.consultation is None
    dock.open_case(case)
    assert state.consultation is not None and state.consultation.method == "majority"
    assert _levels(state) == shown
    np.testing.assert_equal(state.forecast.meta.source_format, "consensus")


def test_a_session_file_keeps_the_consensus(desk, adopted, tmp_path):
    from app.export.drafts import ProposalDraft, load_draft, save_draft

    state = desk.state
    shown, sha = _levels(state), state.forecast.meta.sha256
    save_draft(sha, ProposalDraft(doc_number="〔2026〕6号"))
    sessions = desk.window.sessions
    path = sessions.save_as(str(tmp_path / "会商.hazedesk"))
    save_draft(sha, ProposalDraft())  # changed after saving: the session brings the saved draft back
    desk.controller.load_forecast_now(SAMPLES_DIR / "sample-clean-week.csv")
    assert state.consultation is None
    assert sessions.open(str(path))  # used to ask for the consensus's "file", which does not exist
    assert state.consultation is not None and state.consultation.consensus["k"] == 2
    assert _levels(state) == shown and state.forecast.meta.sha256 == sha
    assert load_draft(sha)[0].doc_number == "〔2026〕6号"


def test_the_letter_draft_of_a_consensus_comes_back(desk, adopted, qtbot):
    """The consensus has no file; its identity (a digest of sources and method) keys the letter's draft — with an
    empty key the draft was saved but never found again."""
    from app.export.drafts import load_draft
    from app.gui.dialogs.proposal_dialog import ProposalDialog

    state = desk.state
    sha = state.forecast.meta.sha256
    assert len(sha) == 64
    dialog = ProposalDialog(state)
    qtbot.addWidget(dialog)
    dialog.doc_number.setText("川渝联防办〔2026〕5号")
    qtbot.waitUntil(lambda: load_draft(sha)[0].doc_number == "川渝联防办〔2026〕5号", timeout=3000)
    again = ProposalDialog(state)
    qtbot.addWidget(again)
    assert again.doc_number.text() == "川渝联防办〔2026〕5号"


def test_a_letter_saved_with_a_case_open_is_offered_to_the_case(desk, adopted, tmp_path, monkeypatch):
    """File → 生成预警建议函…: the letter saved (Word and PDF) is offered to the case open; yes records it and
    its warnings come into force — the case used to get the letter only by picking its files again."""
    from PySide6.QtWidgets import QMessageBox

    from app.gui import main_window
    from app.gui.dialogs.proposal_dialog import ProposalDialog

    def exec_and_save(dialog):
        dialog.doc_number.setText("川渝联防办〔2026〕1号")
        dialog.save_as("docx", str(tmp_path / "first.docx"))
        dialog.save_as("pdf", str(tmp_path / "first.pdf"))
        return 0

    monkeypatch.setattr(ProposalDialog, "exec", exec_and_save)
    monkeypatch.setattr("app.gui.dialogs.proposal_dialog.confirm_saved", lambda *a, **k: None)
    cases = desk.window.docks["CasesDock"]
    main_window._proposal(desk.state, desk.window)
    offer = cases.letter_offer
    assert offer.isVisible() and "first.docx" in offer.text() and "2026年12月会商过程" in offer.text()
    offer.button(QMessageBox.StandardButton.Yes).click()
    case = cases.library.case(cases.current)
    [letter] = case["letters"]
    assert letter["number"] == "川渝联防办〔2026〕1号" and letter["forecast_sha256"] == desk.state.forecast.meta.sha256
    assert sorted(w.region for w in desk.state.in_force) == sorted({e.region for e in desk.state.evaluation.episodes})
