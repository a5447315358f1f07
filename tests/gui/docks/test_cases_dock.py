"""The 案例 dock and the review dialog: a letter recorded puts its warnings in force in the window, a case
reopened restores them, the review replays forecast | observed, the officer's text autosaves, the report is
written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDateTime, Qt

from app.domain.proposal import OfficerFields, build_proposal
from app.export.letters import export_proposal
from app.export.review_report import report_blocks
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
    names = lambda: [curve.name for curve in timeline.plot.curves]  # noqa: E731
    assert not any("实测" in (n or "") for n in names())
    sample.state.set_observations(load_observations(OBSERVED))
    assert any("实测" in (n or "") for n in names())
    observed = timeline._observed_daily("成都市")
    assert observed.shape == (len(sample.state.evaluation.times),) and not observed[:24].size == 0



def _at(text: str) -> QDateTime:
    return QDateTime.fromString(text, Qt.DateFormat.ISODate)


def test_city_notices_typed_corrected_deleted_and_reported(dock, sample, tmp_path, qtbot):
    panel = dock.notices
    assert not panel.add_button.isEnabled()  # no case open: nothing to write into
    dock.new_case("过程")
    assert len(panel.cities) == 40 and "万州区" in panel.cities and "自贡市" in panel.cities
    assert panel.city.completer().model().rowCount() == 40
    panel.city.setCurrentText("自贡")  # short name, as typed
    panel.time.setDateTime(_at("2026-01-12T08:00:00"))
    panel.level.setCurrentIndex(panel.level.findData("orange"))
    assert panel.add_notice()
    panel.city.setCurrentText("北京市")  # not a linkage city: named, nothing written
    assert not panel.add_notice()
    said = dock.message.text()  # the finding in the interface language (English under the test's locale)
    assert "北京市" in said and ("不是联动区域的城市" in said or "not one of the linkage cities" in said)
    panel.city.setCurrentText("成都")
    panel.time.setDateTime(_at("2026-01-12T12:00:00"))
    panel.level.setCurrentIndex(panel.level.findData("yellow"))
    panel.note.setText("县区同步")
    assert panel.add_notice()
    assert panel.table.rowCount() == 2 and panel.table.item(0, 0).text() == "自贡市"
    assert "城市通报 2 条" in dock.details.text()

    panel.table.selectRow(0)  # the row goes into the form, is corrected there
    assert panel.city.currentText() == "自贡市" and panel.level.currentData() == "orange"
    panel.level.setCurrentIndex(panel.level.findData("red"))
    panel.time.setDateTime(_at("2026-01-12T09:00:00"))
    assert panel.update_selected()
    assert [(n["city"], n["time"][:16], n["level"]) for n in dock.library.city_notices(dock.current)] == [
        ("自贡市", "2026-01-12T09:00", "red"), ("成都市", "2026-01-12T12:00", "yellow")]
    panel.table.selectRow(1)
    assert panel.delete_selected()
    assert [n["city"] for n in dock.library.city_notices(dock.current)] == ["自贡市"]

    table = tmp_path / "notices.csv"  # the table import sits beside the form and adds to the same list
    table.write_text("城市,时间,级别\n万州,2026-01-13 10:00,黄色\n", encoding="utf-8")
    assert panel.import_table(str(table)) == 1 and panel.table.rowCount() == 2

    dock.record_letter(first_letter(sample.state, tmp_path))
    dialog = dock.open_review()
    qtbot.addWidget(dialog)
    assert "通报 2 条" in dialog.response_label.text()  # section four says the notices print there
    panel.city.setCurrentText("泸州")
    panel.time.setDateTime(_at("2026-01-14T08:00:00"))
    assert panel.add_notice() and "通报 3 条" in dialog.response_label.text()  # counted while the dialog is open
    panel.table.selectRow(panel.table.rowCount() - 1)
    assert panel.city.currentText() == "泸州市" and panel.delete_selected()
    assert dialog.load_observations(str(OBSERVED))
    blocks = report_blocks(dialog.review, sample.state.scheme, case=dock.library.case(dock.current))
    four = next(i for i, b in enumerate(blocks) if b.kind == "h1" and b.text.startswith("四"))
    table_rows = next(b.rows for b in blocks[four:] if b.kind == "table")
    assert table_rows[1][:3] == ["自贡市", "1月12日09时", "红色"] and table_rows[2][:3] == ["万州区", "1月13日10时", "黄色"]


def test_warnings_typed_in_the_in_force_dock_are_kept_in_the_case(dock, sample, tmp_path, qtbot):
    from app.gui.controller import Controller
    from app.gui.docks.cases_dock import CasesDock
    from app.gui.docks.inforce_dock import InForceDock
    from app.gui.state import AppState

    state = sample.state
    inforce = InForceDock(state, sample)
    qtbot.addWidget(inforce)
    dock.new_case("过程")
    dock.record_letter(first_letter(state, tmp_path))
    lettered = list(state.in_force)
    assert dock.library.hand_warnings(dock.current) == []  # the letter's own warnings: not "by hand"
    # the officer corrects the first warning's level by hand and adds a region without a letter
    inforce.table.selectRow(0)
    inforce.level.setCurrentIndex(inforce.level.findData("red"))
    inforce.update_selected()
    spare = next(r.name for r in state.scheme.regions if r.name not in {w.region for w in state.in_force})
    inforce.region.setCurrentIndex(inforce.region.findData(spare))
    inforce.add_warning()
    assert inforce.message.text() == ""
    hand = {h["region"]: h["level"] for h in dock.library.hand_warnings(dock.current)}
    assert hand == {lettered[0].region: "red", spare: inforce.level.currentData()}
    assert "手工录入（无函件）" in dock.details.text() and "已存入当前案例" in dock.message.text()
    assert len(dock.library.letters(dock.current)) == 1  # no letter invented for them

    fresh = Controller(AppState())  # another session reopens the case: the window's list comes back
    fresh.load_forecast_now(sample.state.forecast_path)
    other = CasesDock(fresh.state, fresh, library_path=tmp_path / "cases.sqlite")
    qtbot.addWidget(other)
    other.open_case(dock.current)
    assert sorted((w.region, w.level) for w in fresh.state.in_force) == \
        sorted((w.region, w.level) for w in state.in_force)
    origins = dict((w.region, o) for w, o in other.library.in_force_with_origin(dock.current))
    assert origins[spare] == "hand" and origins[lettered[0].region] == "hand"
    assert {o for r, o in origins.items() if r not in (spare, lettered[0].region)} <= {"letter"}

    dialog = dock.open_review()  # the report names them, apart from the letters it scores
    qtbot.addWidget(dialog)
    assert dialog.load_observations(str(OBSERVED))
    text = [b.text for b in report_blocks(dialog.review, state.scheme, case=dock.library.case(dock.current))
            if b.kind == "p" and "手工录入的现行预警" in (b.text or "")]
    assert len(text) == 1 and spare in text[0] and "以下对比只计已发函件" in text[0]


def test_case_library_location_is_settable_and_remembered(dock, tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from app.gui.settings import Settings

    dock.new_case("旧库里的案例")
    old = dock.library_path
    settings = Settings(tmp_path / "hazedesk.ini")
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(blocker / "cases.sqlite"), ""))
    dock.ask_library_path(settings)  # a folder that is a file: cannot be created
    assert warned and "无法使用该案例库" in warned[0] and str(blocker) in warned[0]
    assert dock.library_path == old and dock.table.rowCount() == 1 and settings.case_library == ""
    garbage = tmp_path / "not-a-db.sqlite"
    garbage.write_bytes(b"this is not SQLite at all" * 100)
    assert not dock.set_library_path(garbage) and dock.library_path == old

    new = tmp_path / "shared" / "office.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(new), ""))
    dock.ask_library_path(settings)
    assert dock.library_path == new and new.is_file() and dock.table.rowCount() == 0 and dock.current is None
    assert Settings(tmp_path / "hazedesk.ini").case_library == str(new)  # remembered


def test_the_window_closes_the_case_library_when_it_goes(qtbot, tmp_path):
    """hazedesk gui freezes the start's objects (exit never frees them): the library's database is closed by
    the window itself — on a language switch and on dispose — and its write-ahead log folded into the file."""
    import sqlite3

    from app.gui.app import HazeDesk
    from app.gui.settings import Settings

    settings = Settings(tmp_path / "settings.ini")
    settings.case_library = str(tmp_path / "cases.sqlite")
    desk = HazeDesk("zh", settings)
    first = desk.window.docks["CasesDock"]
    assert first.new_case("过程")
    old_conn = first.library.conn
    try:
        desk.switch_language("en")
        with pytest.raises(sqlite3.ProgrammingError):
            old_conn.execute("SELECT 1")
        conn = desk.window.docks["CasesDock"].library.conn
        assert [r["title"] for r in conn.execute("SELECT title FROM cases")] == ["过程"]
        desk.dispose()
    finally:
        from app.gui.i18n import install_language

        install_language("zh")  # the translator is the application's: the tests after this one read Chinese
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")
    assert not (tmp_path / "cases.sqlite-wal").exists()


def per_side_letters(tmp_path):
    """The sample's first episode as three start letters (the joint one, 四川省's, 重庆市's) in one combined
    .docx and .pdf."""
    from app.cli import main

    docx, pdf = tmp_path / "p.docx", tmp_path / "p.pdf"
    assert main(["proposal", str(DEFAULT_SAMPLE), "--episode", "1", "--per-side", "--docx", str(docx), "--pdf",
                 str(pdf), "--date", "2026-01-09", "--doc-number",
                 "川渝联防办〔2026〕5号；川环函〔2026〕17号；渝环函〔2026〕8号"]) == 0
    return [str(docx), str(pdf)]


def test_a_combined_file_is_recorded_letter_by_letter(dock, tmp_path):
    """The letters of one file each have their line in the case: number, sender (a side's bureau), where in the
    file they stand; recording the file again adds nothing."""
    import re

    files = per_side_letters(tmp_path)
    dock.new_case("过程")
    assert dock.record_letter(files)
    assert "已记录函件 p.docx 中的 3 件函" in dock.message.text()
    lines = [line for line in dock.details.text().splitlines() if "首次预警" in line]
    assert [line.split()[1] for line in lines] == ["川渝联防办〔2026〕5号", "川环函〔2026〕17号", "渝环函〔2026〕8号"]
    assert "四川省生态环境厅" in lines[1] and "重庆市生态环境局" in lines[2] and "生态环境厅" not in lines[0]
    pages = [re.search(rf"p\.docx、p\.pdf 第 {k}/3 件，PDF 第 (\d+)–(\d+) 页", line) for k, line in
             enumerate(lines, start=1)]
    assert all(pages) and pages[0].group(1) == "1"
    assert [int(m.group(1)) for m in pages[1:]] == [int(m.group(2)) + 1 for m in pages[:-1]]  # one after another
    assert dock.table.item(0, 5).text().startswith("3/")
    assert dock.record_letter(files)
    assert "已在当前案例中，未重复记录" in dock.message.text() and dock.table.item(0, 5).text().startswith("3/")


def test_the_offer_after_saving_records_every_letter(dock, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    files = per_side_letters(tmp_path)
    dock.new_case("过程")
    dock.offer_letter(files)
    offer = dock.letter_offer
    assert "p.docx 等 3 件函" in offer.text() and "逐件记入" in offer.text()
    offer.button(QMessageBox.StandardButton.Yes).click()
    assert [x["number"] for x in dock.library.letters(dock.current)] == [
        "川渝联防办〔2026〕5号", "川环函〔2026〕17号", "渝环函〔2026〕8号"]


def _window_on_library(qtbot, tmp_path, titles=()):
    from app.cases.library import open_library
    from app.gui.app import HazeDesk
    from app.gui.settings import Settings

    path = tmp_path / "cases.sqlite"
    cases = []
    if titles:
        library = open_library(path)
        cases = [library.create_case(t) for t in titles]
        library.close()
    settings = Settings(tmp_path / "settings.ini")
    settings.case_library = str(path)
    desk = HazeDesk("zh", settings)
    desk.window.resize(1400, 900)
    desk.window.show()
    qtbot.waitExposed(desk.window)
    qtbot.wait(50)
    return desk, cases


def test_in_the_window_the_library_is_listed_when_its_tab_is_brought_up(qtbot, tmp_path):
    """The dock starts as a tab behind the timeline: the window's start neither opens nor lists the library;
    bringing the tab up lists it."""
    desk, _ = _window_on_library(qtbot, tmp_path, ["已有案例"])
    try:
        dock = desk.window.docks["CasesDock"]
        assert dock._library is None and dock.table.rowCount() == 0
        desk.window.show_dock("CasesDock")
        qtbot.waitUntil(lambda: dock.table.rowCount() == 1, timeout=3000)
        assert dock.table.item(0, 0).text() == "已有案例"
    finally:
        desk.dispose()


def test_a_case_opened_behind_the_tab_is_named_when_first_needed(qtbot, tmp_path):
    desk, [case] = _window_on_library(qtbot, tmp_path, ["已有案例"])
    try:
        dock = desk.window.docks["CasesDock"]
        desk.state.set_current_case(case)  # e.g. a session restored: not listed yet
        assert dock._library is None
        assert dock._current_title() == "已有案例"  # the letter offer's question names it
        assert "已有案例" in dock.current_label.text()
    finally:
        desk.dispose()


def test_a_new_library_is_not_created_by_the_window_start(qtbot, tmp_path):
    desk, _ = _window_on_library(qtbot, tmp_path)
    try:
        assert not (tmp_path / "cases.sqlite").exists()
    finally:
        desk.dispose()


def test_city_notice_form_starts_at_the_forecasts_first_hour_with_observations(dock, sample):
    """With observations spliced before the forecast (spec §7) the series starts days earlier: a new case's notice
    form defaulted to the first observed hour (2025-11-28 for the 12-15 forecast in the season walk)."""
    sample.load_observed([str(SAMPLES_DIR / "stations-regional-orange")])
    assert sample.state.evaluation.observed_hours > 0
    dock.new_case("过程")
    assert dock.notices.time.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-01-10 00:00"
