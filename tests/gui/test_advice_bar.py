"""The advice line over the map (issue 28, the desk): per region what is in force and what the forecast advises,
one line at 1366×768 (elided, the whole in the tooltip), each region a link that opens the proposal dialog on its
letter."""

from __future__ import annotations

from datetime import datetime

from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING

IN_FORCE = [WarningInForce("盆地中部地区", "red", datetime(2026, 1, 8, tzinfo=BEIJING)),
            WarningInForce("盆地南部地区", "orange", datetime(2026, 1, 8, tzinfo=BEIJING))]


def test_line_says_in_force_and_advice_and_fits_one_line_at_1366(desk, qtbot):
    window, bar = desk.window, desk.window.advice_bar
    assert bar.isVisible()  # the sample needs start letters: the line says so with nothing in force
    assert "成都平原 13日起达到橙色，需发启动函" in bar.full_text()
    desk.controller.set_in_force(IN_FORCE)
    window.resize(1366, 768)
    qtbot.wait(50)
    assert "盆地南部 橙色（1月8日起）→ 建议解除 10日0时；12日起再次达到橙色，需另发启动函" in bar.toolTip()
    assert bar.height() <= 2 * bar.fontMetrics().height()
    assert bar.label.fontMetrics().horizontalAdvance(bar.label.text()) > 0
    shown = bar.label.text()
    assert 'href="rec:0"' in shown and "…" in shown  # the third region does not fit: elided, never wrapped
    assert window.canvas.height() >= 300


def test_clicking_a_region_opens_the_dialog_on_its_letter(desk, monkeypatch):
    from app.gui.dialogs.proposal_dialog import ProposalDialog

    desk.controller.set_in_force(IN_FORCE)
    opened = []
    monkeypatch.setattr(ProposalDialog, "exec", lambda self: opened.append(
        (self.letter_combo.currentData(), self.current_draft().episodes)) or 0)
    desk.window.advice_bar.label.linkActivated.emit("rec:1")
    assert opened[-1][0] == "rec:1"
    new = next(i for i in desk.window.advice_bar.items if i.letter.startswith("new:"))
    desk.window.advice_bar.label.linkActivated.emit(new.letter)
    assert opened[-1] == ("start", [int(new.letter[4:]) + 1])


def test_hidden_when_nothing_to_say(desk):
    from app.paths import SAMPLES_DIR

    desk.controller.load_forecast_now(SAMPLES_DIR / "sample-clean-week.csv")
    assert desk.state.evaluation.new_warnings == [] and not desk.window.advice_bar.items
    assert desk.window.advice_bar.isHidden()


def test_a_lift_overdue_in_the_observed_hours_reads_as_past_and_the_tooltip_says_what_observed_means(desk):
    """The orange sample with its station files spliced (01-06…01-09 observed): 盆地南部's yellow 过程 ended on
    the 8th, so its orange warning's lift is overdue; 盆地中部's ended the hour before the forecast (no mark)."""
    from app.paths import SAMPLES_DIR

    bar = desk.window.advice_bar
    desk.controller.set_in_force(IN_FORCE)
    assert "实况" not in bar.toolTip()  # nothing observed: no mark, no legend
    desk.controller.load_observed([str(SAMPLES_DIR / "stations-regional-orange")])
    south = next(i for i in bar.items if i.region == "盆地南部地区")
    assert south.text == ("盆地南部 橙色（1月8日起）→ 过程已于8日24时结束（实况），应补发解除函（10日0时起解除）；"
                          "12日起再次达到橙色，需另发启动函")
    assert south.observed and south.letter == "rec:1"
    middle = next(i for i in bar.items if i.region == "盆地中部地区")
    assert middle.text.startswith("盆地中部 红色（1月8日起）→ 建议解除 10日0时；") and not middle.observed
    assert "（实况）：预报首时次之前的监测实况中已经出现，不是预报" in bar.toolTip()


def test_the_observed_marks_in_english(desk):
    from app.gui.i18n import install_language
    from app.paths import SAMPLES_DIR

    assert install_language("en")
    try:
        desk.controller.set_in_force(IN_FORCE)
        desk.controller.load_observed([str(SAMPLES_DIR / "stations-regional-orange")])
        bar = desk.window.advice_bar
        bar.refresh()
        south = next(i for i in bar.items if i.region == "盆地南部地区")
        assert "orange (from Jan 8) → episode over since 8th 24:00 (observed): lift letter overdue, lift from " \
               "10th 00:00; orange again from 12th 00:00: a new start letter needed" in south.text
        assert "(observed): seen in the observations before the forecast's first hour, not forecast" in bar.toolTip()
    finally:
        install_language("zh")


def test_the_line_says_a_level_change_the_letters_advised(desk):
    """A warning taken from a downgrade letter (red → orange from the 9th, 12:00) reads so on the line."""
    downgraded = [WarningInForce("盆地中部地区", "orange", datetime(2026, 1, 8, tzinfo=BEIJING),
                                 previous_level="red", change_at=datetime(2026, 1, 9, 12, tzinfo=BEIJING))]
    desk.controller.set_in_force(downgraded)
    assert "盆地中部 橙色（1月8日起，9日12时降级）→ " in desk.window.advice_bar.toolTip()
