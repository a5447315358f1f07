"""Warnings-in-force dock: "从已发建议函导入…" takes the warnings from a letter HazeDesk exported, after showing
the officer what changes; a lift letter removes the warning; a file that is not ours leaves the list alone."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.domain.proposal import OfficerFields, build_followup, build_proposal
from app.domain.recommend import WarningInForce
from app.export.letters import export_proposal
from app.gui.docks.inforce_dock import InForceDock

OFFICER = OfficerFields(doc_number="川渝联防办〔2026〕7号")


@pytest.fixture
def dock(qtbot, state, controller):
    dock = InForceDock(state, controller)
    qtbot.addWidget(dock)
    dock.show()
    return dock


@pytest.fixture
def officer_answers(monkeypatch):
    """The file the officer picks and the answer to the confirmation; records what the confirmation said."""
    asked = {"path": "", "answer": QMessageBox.StandardButton.Ok, "texts": []}

    def pick(*args, **kwargs):
        return asked["path"], ""

    def confirm(parent, title, text, *args):
        asked["texts"].append(text)
        return asked["answer"]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(confirm))
    return asked


def _export(state, proposal, path):
    export_proposal(proposal, scheme=state.scheme, meta=state.forecast.meta, **{path.suffix[1:]: path})
    return str(path)


def test_take_the_warnings_from_an_issued_letter(dock, state, qtbot, tmp_path, officer_answers):
    episodes = state.evaluation.episodes
    assert episodes
    letter = build_proposal(state.evaluation, state.forecast.meta, state.scheme,
                            episodes=list(range(len(episodes))), officer=OFFICER)
    officer_answers["path"] = _export(state, letter, tmp_path / "letter.pdf")

    officer_answers["answer"] = QMessageBox.StandardButton.Cancel
    qtbot.mouseClick(dock.letter_button, Qt.MouseButton.LeftButton)
    assert state.in_force == [] and len(officer_answers["texts"]) == 1  # the officer said no: nothing changes

    officer_answers["answer"] = QMessageBox.StandardButton.Ok
    with qtbot.waitSignal(state.inForceChanged):
        qtbot.mouseClick(dock.letter_button, Qt.MouseButton.LeftButton)
    shown = officer_answers["texts"][-1]
    assert OFFICER.doc_number in shown and shown.count("添加：") == len(episodes)
    assert [(w.region, w.level, pd.Timestamp(w.start), pd.Timestamp(w.end)) for w in state.in_force] == \
        [(e.region, e.level, pd.Timestamp(e.start), pd.Timestamp(e.end)) for e in episodes]
    assert dock.table.rowCount() == len(episodes) and "已按" in dock.message.text()
    assert len(state.evaluation.recommendations) == len(episodes)  # the engine advises on them at once

    qtbot.mouseClick(dock.letter_button, Qt.MouseButton.LeftButton)  # the same letter again: nothing to do
    assert len(officer_answers["texts"]) == 2 and "无需修改" in dock.message.text()


def test_a_lift_letter_ends_the_warning(dock, state, controller, qtbot, tmp_path, officer_answers):
    first = state.evaluation.times[0].to_pydatetime() - timedelta(days=1)  # in effect (spec §7)
    quiet = next(r.name for r in state.scheme.regions if r.name not in {e.region for e in state.evaluation.episodes})
    controller.set_in_force([WarningInForce(quiet, "yellow", first)])
    advice = state.evaluation.recommendations[0]
    assert advice.action == "lift"
    letter = build_followup(state.evaluation, state.forecast.meta, state.scheme, recommendation=0, officer=OFFICER)
    officer_answers["path"] = _export(state, letter, tmp_path / "lift.docx")
    with qtbot.waitSignal(state.inForceChanged):
        dock.ask_and_import_letter()
    assert "解除：" in officer_answers["texts"][-1]
    # spec §7: the lifted warning stays listed, ending the hour before the lift, until the advice says it has
    # ended (so a return within 36 h would be an extension of it, not a second start letter)
    (lifted,) = state.in_force
    assert lifted.region == quiet and lifted.end == advice.from_time - timedelta(hours=1)
    assert [r.action for r in state.evaluation.recommendations] == ["ended"]


def test_a_file_that_is_not_a_letter_keeps_the_list(dock, state, controller, tmp_path, officer_answers):
    first = state.evaluation.times[0].to_pydatetime()
    controller.set_in_force([WarningInForce(state.scheme.regions[0].name, "yellow", first)])
    other = tmp_path / "notes.docx"
    Document().save(str(other))
    officer_answers["path"] = str(other)
    dock.ask_and_import_letter()
    assert len(state.in_force) == 1 and officer_answers["texts"] == []
    assert "无法导入" in dock.message.text() and "notes.docx" in dock.message.text()


def test_in_english(qapp, dock, state, tmp_path, officer_answers):
    from app.gui.i18n import install_language

    assert install_language("en")
    try:
        english = InForceDock(state, dock.controller)
        assert english.letter_button.text() == "From an issued proposal…"
        letter = build_proposal(state.evaluation, state.forecast.meta, state.scheme, episodes=[0], officer=OFFICER)
        officer_answers["path"] = _export(state, letter, tmp_path / "letter.docx")
        english.ask_and_import_letter()
        shown = officer_answers["texts"][-1]
        region = state.scheme.region(state.evaluation.episodes[0].region).name_en
        assert "changes the warnings in force as follows" in shown and f"Add: {region} orange warning from" in shown
        assert english.message.text().startswith("Warnings in force updated from")
        english.deleteLater()
    finally:
        install_language("zh")


def test_a_file_holding_several_letters_is_applied_letter_by_letter(dock, state, controller, qtbot, tmp_path,
                                                                     officer_answers):
    """A combined file (``hazedesk proposal`` without --split): the confirmation lists each letter's changes in
    order, and the list ends as after the letters one by one."""
    first = state.evaluation.times[0].to_pydatetime() - timedelta(days=1)  # in effect (spec §7)
    quiet = next(r.name for r in state.scheme.regions if r.name not in {e.region for e in state.evaluation.episodes})
    controller.set_in_force([WarningInForce(quiet, "yellow", first)])
    lift = build_followup(state.evaluation, state.forecast.meta, state.scheme, recommendation=0, officer=OFFICER)
    start = build_proposal(state.evaluation, state.forecast.meta, state.scheme, episodes=[0],
                           officer=OfficerFields(doc_number="川渝联防办〔2026〕8号"))
    path = tmp_path / "both.pdf"
    export_proposal([lift, start], scheme=state.scheme, meta=state.forecast.meta, pdf=path)
    officer_answers["path"] = str(path)
    with qtbot.waitSignal(state.inForceChanged):
        dock.ask_and_import_letter()
    shown = officer_answers["texts"][-1]
    assert "该文件含 2 件函" in shown
    assert shown.index("川渝联防办〔2026〕7号") < shown.index("解除：") < shown.index("川渝联防办〔2026〕8号") \
        < shown.index("添加：")
    assert [w.region for w in state.in_force] == [quiet, start.episodes[0].region]  # the lifted one, then the new
    assert state.in_force[0].end is not None and state.in_force[0].end < state.evaluation.times[0]
    assert "等2件" in dock.message.text()


def test_a_downgrade_letter_says_from_when_the_new_level_applies(dock, state, controller, qtbot, tmp_path,
                                                                 officer_answers):
    """The walk of 12-15/16 on the season sample: importing the downgrade letters (red → orange from 15日0时) the
    confirmation said "红色 → 橙色，自 2025-12-13 00:00 起" — the warning's own start, not the downgrade's."""
    from app.gui.docks.texts import fmt_time

    first = state.evaluation.times[0].to_pydatetime() - timedelta(days=1)  # in effect (spec §7)
    region = state.evaluation.episodes[0].region
    controller.set_in_force([WarningInForce(region, "red", first)])
    rec = state.evaluation.recommendations[0]
    assert rec.action == "downgrade" and rec.from_time > state.evaluation.times[0]
    letter = build_followup(state.evaluation, state.forecast.meta, state.scheme, recommendation=0, officer=OFFICER)
    officer_answers["path"] = _export(state, letter, tmp_path / "downgrade.pdf")
    with qtbot.waitSignal(state.inForceChanged):
        dock.ask_and_import_letter()
    shown = officer_answers["texts"][-1]
    assert f"红色 → 橙色，自 {fmt_time(rec.from_time, True)} 起" in shown, shown
    assert fmt_time(first, True) not in shown
    warning = state.in_force[0]
    assert (warning.level, warning.previous_level) == ("orange", "red")
    assert pd.Timestamp(warning.change_at) == pd.Timestamp(rec.from_time)
