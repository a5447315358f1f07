"""The proposal dialog's default letters with warnings in force follow spec §7 (issue 28): one follow-up per
advice that needs a letter, one start letter per new warning — never a start letter for a region's ongoing 过程.
The issue's case: the orange sample with 盆地中部 red and 盆地南部 orange in force from 01-08 gives two lifts
(10日0时) and three orange start letters (盆地中部 and 盆地南部 from 12日, 成都平原 from 13日)."""

from __future__ import annotations

from datetime import datetime

from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING

IN_FORCE = [WarningInForce("盆地中部地区", "red", datetime(2026, 1, 8, tzinfo=BEIJING)),
            WarningInForce("盆地南部地区", "orange", datetime(2026, 1, 8, tzinfo=BEIJING))]


def _dialog(desk, qtbot):
    from app.gui.dialogs.proposal_dialog import ProposalDialog

    dialog = ProposalDialog(desk.state, desk.window)
    qtbot.addWidget(dialog)
    return dialog


def test_default_letters_with_warnings_in_force_are_the_s7_set(desk, qtbot):
    desk.controller.set_in_force(IN_FORCE)
    evaluation = desk.state.evaluation
    dialog = _dialog(desk, qtbot)
    assert dialog.letter_combo.currentData() == "s7"
    assert "后续函 2 件，启动函 3 件" in dialog.letter_combo.currentText()
    assert "§" not in dialog.letter_combo.currentText()  # the project's spec section, not the plan's (no §7 there)
    letters = dialog.letters
    assert [letter.kind for letter in letters] == ["lift", "lift", "start", "start", "start"]
    assert [letter.recommendation.region for letter in letters[:2]] == ["盆地中部地区", "盆地南部地区"]
    starts = [(e.region, e.level, e.start.day) for letter in letters[2:] for e in letter.episodes]
    assert starts == [("盆地中部地区", "orange", 12), ("盆地南部地区", "orange", 12), ("成都平原地区", "orange", 13)]
    # the episodes that are no new warning are not checked (none here: both warnings are lifted first)
    checked = dialog.current_draft().episodes
    assert sorted(n - 1 for n in checked) == sorted(w.episode_index for w in evaluation.new_warnings)


def test_an_ongoing_process_gets_no_start_letter(desk, qtbot):
    keep = [WarningInForce("盆地中部地区", "orange", datetime(2026, 1, 12, tzinfo=BEIJING),
                           datetime(2026, 1, 15, 23, tzinfo=BEIJING))]
    desk.controller.set_in_force(keep)
    evaluation = desk.state.evaluation
    process = evaluation.recommendations[0].episode_index
    assert process is not None
    dialog = _dialog(desk, qtbot)
    assert "现行预警的过程" in dialog.episode_list.item(process).text()
    assert process + 1 not in dialog.current_draft().episodes
    regions = [e.region for letter in dialog.letters if letter.kind == "start" for e in letter.episodes]
    assert "盆地中部地区" not in regions and "成都平原地区" in regions


def test_without_warnings_in_force_the_start_letter_as_before(desk, qtbot):
    dialog = _dialog(desk, qtbot)
    assert dialog.letter_combo.findData("s7") < 0
    assert dialog.letter_combo.currentData() == "start"
    assert len(dialog.current_draft().episodes) == len(desk.state.evaluation.episodes)


def test_unchecking_a_new_warning_drops_its_start_letter_only(desk, qtbot):
    from PySide6.QtCore import Qt

    desk.controller.set_in_force(IN_FORCE)
    dialog = _dialog(desk, qtbot)
    chengdu = next(w.episode_index for w in desk.state.evaluation.new_warnings if w.region == "成都平原地区")
    dialog.episode_list.item(chengdu).setCheckState(Qt.CheckState.Unchecked)
    dialog.update_preview()
    assert [letter.kind for letter in dialog.letters] == ["lift", "lift", "start", "start"]
    regions = [e.region for letter in dialog.letters if letter.kind == "start" for e in letter.episodes]
    assert regions == ["盆地中部地区", "盆地南部地区"]


def test_the_letter_date_takes_a_date_typed_over_it(desk, qtbot):
    """The walk: the 成文日期 showed today; selecting it and typing "2025-12-15" left today's date (a QDateEdit
    refuses digits over a selection spanning several sections), so the letter went out misdated or the officer
    clicked through the calendar."""
    from PySide6.QtCore import Qt

    dialog = _dialog(desk, qtbot)
    field = dialog.letter_date
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "2025-12-15")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.date().toString("yyyy-MM-dd") == "2025-12-15"
    assert dialog.current_draft().date == "2025-12-15"


def test_the_letter_choices_and_episodes_read_in_english(desk, qtbot):
    """The walk in English: the letter choice read "Upgrade：盆地中部地区（橙色→红色）" and the episode list
    "1  盆地中部地区  黄色  2025年12月4日00时—…" (the letters themselves stay Chinese: they are official documents)."""
    import re

    from app.gui.i18n import install_language

    desk.controller.set_in_force(IN_FORCE)
    assert install_language("en")
    try:
        dialog = _dialog(desk, qtbot)
        texts = [dialog.letter_combo.itemText(i) for i in range(dialog.letter_combo.count())]
        texts += [dialog.episode_list.item(i).text() for i in range(dialog.episode_list.count())]
        assert "Lift: Central Basin (red → No warning)" in texts
        chinese = [t for t in texts if re.search(r"[\u4e00-\u9fff（）：]", t)]
        assert not chinese, chinese
    finally:
        install_language("zh")
    dialog = _dialog(desk, qtbot)  # Chinese as before
    assert "解除：盆地中部地区（红色→无预警）" in [dialog.letter_combo.itemText(i) for i in range(dialog.letter_combo.count())]
