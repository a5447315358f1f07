"""The 案例 dock and the review dialog: a letter recorded puts its warnings in force in the window, a case
reopened restores them, the review replays forecast | observed, the officer's text autosaves, the report is
written."""

from __future__ import annotations

import pytest

from app.domain.proposal import OfficerFields, build_proposal
from app.export.letters import export_proposal
from app.paths import DEFAULT_SAMPLE, SAMPLES_DIR

OBSERVED = SAMPLES_DIR / "observed-regional-orange.csv"


@pytest.fixture
def sample(qtbot):
    from app.gui.controller import Controller
    from app.gui.state import AppState

    controller = Controller(AppState())
    controller.load_forecast_now(DEFAULT_SAMPLE)
    return controller


@pytest.fixture
def dock(qtbot, sample, tmp_path):
    from app.gui.docks.cases_dock import CasesDock

    dock = CasesDock(sample.state, sample, library_path=tmp_path / "cases.sqlite")
    qtbot.addWidget(dock)
    dock.show()
    return dock


def first_letter(state, tmp_path):
    letter = build_proposal(state.evaluation, state.forecast.meta, state.scheme,
                            episodes=list(range(len(state.evaluation.episodes))),
                            officer=OfficerFields(doc_number="川渝联防办〔2026〕1号"))
    docx, pdf = tmp_path / "first.docx", tmp_path / "first.pdf"
    export_proposal(letter, scheme=state.scheme, meta=state.forecast.meta, docx=docx, pdf=pdf)
    return [str(docx), str(pdf)]


def test_recording_a_letter_puts_its_warnings_in_force(dock, sample, tmp_path):
    state = sample.state
    assert dock.new_case("2026年1月过程")
    assert dock.record_letter(first_letter(state, tmp_path))
    regions = sorted({e.region for e in state.evaluation.episodes})
    assert sorted(w.region for w in state.in_force) == regions
    assert dock.table.rowCount() == 1 and dock.table.item(0, 5).text() == f"1/{len(regions)}"
    assert "已记录函件" in dock.message.text()
    assert "川渝联防办〔2026〕1号  首次预警：" in dock.details.text() and "预报 1 份" in dock.details.text()
    case = dock.library.case(dock.current)
    [row] = case["forecasts"]  # the forecast used, kept with the case
    assert row["sha256"] == state.original_forecast.meta.sha256
    [evaluation] = case["evaluations"]  # and the evaluation the letter was based on
    assert evaluation["scheme_id"] == state.scheme.id and evaluation["edition"] == state.evaluation.aqi_edition


def test_reopening_a_case_restores_its_warnings(dock, sample, tmp_path, qtbot):
    from app.gui.controller import Controller
    from app.gui.docks.cases_dock import CasesDock
    from app.gui.state import AppState

    dock.new_case("过程")
    dock.record_letter(first_letter(sample.state, tmp_path))
    fresh = Controller(AppState())
    fresh.load_forecast_now(SAMPLES_DIR / "sample-clean-week.csv")
    other = CasesDock(fresh.state, fresh, library_path=tmp_path / "cases.sqlite")
    qtbot.addWidget(other)
    other.table.selectRow(0)
    with qtbot.waitSignal(fresh.loaded, timeout=20000):
        other.open_selected()
    assert [w.region for w in fresh.state.in_force] == [w.region for w in sample.state.in_force]
    assert fresh.state.original_forecast.meta.sha256 == sample.state.original_forecast.meta.sha256


def test_bad_case_file_is_shown_not_raised(dock, tmp_path):
    bad = tmp_path / "x.hzcase"
    bad.write_text("{}", encoding="utf-8")
    assert dock.import_file(str(bad)) is None
    assert "无法完成" in dock.message.text() and "x.hzcase" in dock.message.text()


def test_review_replays_scores_autosaves_and_writes_the_report(dock, sample, tmp_path, qtbot):
    state = sample.state
    dock.new_case("过程")
    dock.record_letter(first_letter(state, tmp_path))
    dialog = dock.open_review()
    qtbot.addWidget(dialog)
    assert dialog.load_observations(str(OBSERVED))
    assert len(dialog.split.days) == 7 and dialog.split.slider.maximum() == 6
    dialog.split.slider.setValue(4)
    assert dialog.split.day_label.text() == "2026-01-14"
    assert dialog.split.right.values["成都市"] == pytest.approx(dialog.review.observed_window.aqi[
        dialog.review.observed_window.row("成都市"), 4])
    assert dialog.scores.rowCount() == 40
    assert "盆地中部地区" in dialog.region_text.text() and "实测不完整" in dialog.region_text.text()
    assert state.observations is dialog.observations  # the timeline draws the observed lines
    assert "遂宁市" in dialog.obs_label.text() or "部分结果" in dialog.obs_label.text()

    dialog.editors["problems"].setPlainText("首报对过程开始时间预报偏早。")
    qtbot.waitUntil(lambda: dock.library.report_texts(dock.current).get("problems") == "首报对过程开始时间预报偏早。",
                    timeout=5000)
    assert dock.library.latest_review(dock.current)["regions"]["盆地中部地区"]["partial"] is True

    dialog.export(tmp_path / "review.docx", tmp_path / "review.pdf", wait=True)
    assert (tmp_path / "review.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "review.docx").stat().st_size > 10000
    assert "评估报告已导出" in dialog.saved_label.text()


def test_timeline_draws_observed_lines(qtbot, sample):
    from app.gui.docks.timeline_dock import TimelineDock
    from app.importing.observed import load_observations

    timeline = TimelineDock(sample.state)
    qtbot.addWidget(timeline)
    timeline.show()
    sample.state.set_selection(["成都市"])
    timeline._build_plot()
    names = lambda: [item.name() for item in timeline.plot.getPlotItem().listDataItems()]  # noqa: E731
    assert not any("实测" in (n or "") for n in names())
    sample.state.set_observations(load_observations(OBSERVED))
    assert any("实测" in (n or "") for n in names())
    observed = timeline._observed_daily("成都市")
    assert observed.shape == (len(sample.state.evaluation.times),) and not observed[:24].size == 0
