"""The review replay (issue 25.2): a hit on the episode at the wrong level is not a plain 命中, and the 评分 tab
names the forecast it scores. 成都平原: forecast and warned red, observed orange."""

from __future__ import annotations

import pytest

from app.export.review_report import report_blocks
from app.paths import SAMPLES_DIR
from tests.gui.docks.test_cases_dock import first_letter


@pytest.fixture
def dialog(qtbot, tmp_path):
    from app.gui.controller import Controller
    from app.gui.docks.cases_dock import CasesDock
    from app.gui.state import AppState

    controller = Controller(AppState())
    controller.load_forecast_now(SAMPLES_DIR / "sample-red-plain-south.csv")
    dock = CasesDock(controller.state, controller, library_path=tmp_path / "cases.sqlite")
    qtbot.addWidget(dock)
    dock.new_case("12月过程")
    dock.record_letter(first_letter(controller.state, tmp_path))
    dialog = dock.open_review()
    qtbot.addWidget(dialog)
    assert dialog.load_observations(str(SAMPLES_DIR / "observed-red-plain-south.csv"))
    return dialog


def test_a_hit_one_level_too_high_says_so(dialog):
    [line] = [x for x in dialog.region_text.text().splitlines() if x.startswith("成都平原地区")]
    assert "预报 命中（等级偏高一级）" in line and "已发预警 命中（等级偏高一级）" in line
    south = next(x for x in dialog.region_text.text().splitlines() if x.startswith("盆地南部地区"))
    assert "预报 命中；" in south  # red observed, red forecast: a plain hit
    rows = [b.rows for b in report_blocks(dialog.review, dialog.state.scheme) if b.kind == "table"]
    cells = [row for table in rows for row in table if row[0] == "成都平原地区" and row[2][:2] in ("命中", "漏报")]
    assert cells and all(row[2] == "命中（等级偏高一级）" for row in cells)


def test_the_scores_tab_names_its_forecast(dialog):
    name = dialog.forecast_choice.currentText()
    assert name == "sample-red-plain-south"
    assert dialog.scores_title.text().startswith("评分的预报：sample-red-plain-south（发布 2026-12-19 10:00）")


def test_outcome_text_in_english(dialog):
    from app.gui.i18n import install_language

    match = next(m for m in dialog.review.regions["成都平原地区"].issued_matches if m.outcome == "hit")
    try:
        assert install_language("en")
        assert dialog.outcome_text(match) == "hit (one level too high)"
    finally:
        install_language("zh")
