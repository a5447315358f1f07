"""The window shows data quality: the 99999 file raises the notice bar, marks 成都 on the map, lists the finding
in the 数据质量 dock (sortable, copyable); 无数据 is in every legend; missing linkage cities that could change a
region's result are said in the region panel and the episodes dock."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from app.gui.map.legend import legend_entries
from app.paths import DEFAULT_SAMPLE
from tests.quality.samples import write_99999, write_without


@pytest.fixture
def desk(qtbot, tmp_path):
    from app.gui.app import HazeDesk
    from app.gui.settings import Settings

    desk = HazeDesk("zh", Settings(tmp_path / "settings.ini"))
    desk.window.resize(1366, 768)
    desk.window.show()
    qtbot.waitExposed(desk.window)
    yield desk
    desk.controller.cancel_load()
    desk.dispose()


def test_the_99999_file_is_flagged_in_the_window(desk, tmp_path, qtbot):
    path, row = write_99999(tmp_path)
    desk.controller.load_forecast_now(path)
    window, state = desk.window, desk.state
    bar = window.notice_bar
    assert bar.isVisible()
    text = bar.label.text()
    assert "数据质量：警告" in text and "成都市" in text and "99999" in text and f"第 {row} 行" in text
    assert "已排除" in text or "已保留" in text  # what the program did about it
    assert "成都市" in state.quality.flagged_units
    # the map draws the mark: the highlight layer exists and differs from a map without findings
    canvas = window.canvas
    canvas.repaint()
    marked = canvas.grab().toImage()
    assert canvas._highlights is not None
    dock = window.docks["DataQualityDock"]
    assert dock.table.rowCount() == len(state.quality.findings) >= 1
    texts = [dock.table.item(r, 1).text() for r in range(dock.table.rowCount())]
    assert any("99999" in dock.table.item(r, 5).text() for r in range(dock.table.rowCount()))
    assert dock.table.item(0, 5).text() == "99999"  # worst first, in file order: the ceiling's finding
    assert all(texts)
    copied = dock.copy(all_rows=True)
    assert copied.startswith("级别\t发现\t涉及城市\t处理\t位置\t读到\t应为\n") and "99999" in copied
    assert "成都市" in copied and "f99999.csv，第" in copied
    assert QGuiApplication.clipboard().text() == copied
    # a clean file: no bar, no marks, and the map looks different from the marked one
    desk.controller.load_forecast_now(DEFAULT_SAMPLE)
    assert not bar.isVisible() and not state.quality.flagged_units
    canvas.repaint()
    assert canvas.grab().toImage() != marked


def test_the_dock_sorts_by_severity_and_the_bar_can_be_closed(desk, tmp_path):
    path, _ = write_99999(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("2026-11-02 00:00,德阳市")),
                    encoding="utf-8")
    desk.controller.load_forecast_now(path)
    dock = desk.window.docks["DataQualityDock"]
    dock.table.sortItems(0)
    severities = [dock.table.item(r, 0).text() for r in range(dock.table.rowCount())]
    assert severities == sorted(severities, key=["错误", "警告", "提示"].index)
    desk.window.notice_bar.hide()
    assert desk.window.docks["DataQualityDock"].table.rowCount() == len(severities)  # still listed


def test_no_data_is_in_every_legend():
    for layer in ("aqi", "daily", "warning", "pm25"):
        _, rows = legend_entries(layer, "calendar", "2026")
        assert any(text == "无数据" for _, text in rows), layer


def test_missing_linkage_cities_are_said_in_the_region_panel_and_the_episodes_dock(desk, tmp_path):
    central = next(r for r in desk.controller.state.scheme.regions if r.name == "盆地中部地区") \
        if desk.controller.state.scheme else None
    if central is None:
        desk.controller.load_forecast_now(DEFAULT_SAMPLE)
        central = next(r for r in desk.state.scheme.regions if r.name == "盆地中部地区")
    path = write_without(tmp_path, list(central.members[:9]))
    desk.controller.load_forecast_now(path)
    dock = desk.window.docks["EpisodesDock"]
    assert dock.region_notes.isVisibleTo(dock)
    assert "盆地中部地区：17 个城市中 9 个无数据，结果可能偏低" in dock.region_notes.text()
    from app.gui.map.header import _region_name

    assert _region_name(central, desk.state).endswith("· 9/17 无数据")
    assert set(central.members[:9]) <= desk.state.quality.flagged_units


def test_the_tooltip_of_a_marked_unit_says_why(desk, tmp_path):
    from app.gui.map.tooltip import unit_tooltip

    path, row = write_99999(tmp_path)
    desk.controller.load_forecast_now(path)
    text = unit_tooltip(desk.state, "成都市")
    assert "数据存疑：" in text and "99999" in text
    assert "数据存疑" not in unit_tooltip(desk.state, "德阳市")


def test_in_english_the_region_notes_name_the_region_in_english(qtbot, tmp_path):
    from app.domain.units import load_units
    from app.gui.app import HazeDesk
    from app.gui.i18n import install_language
    from app.gui.settings import Settings

    desk = HazeDesk("en", Settings(tmp_path / "settings.ini"))
    try:
        central = desk.state.scheme.region("盆地中部地区")
        desk.controller.load_forecast_now(write_without(tmp_path, list(central.members[:9])))
        desk.window.show()
        notes = desk.window.docks["EpisodesDock"].region_notes.text()
        assert f"{central.name_en}: 9 of 17 cities have no data; the result may be too low" in notes
        assert central.name not in notes
        table = desk.window.docks["DataQualityDock"].table
        messages = [table.item(r, 1).text() for r in range(table.rowCount())]
        assert any(m.startswith(f"{central.name_en}: 9 of 17") for m in messages)
        assert not any(central.name in m for m in messages)
        assert central.name not in desk.window.notice_bar.label.toolTip()
        bar = desk.window.notice_bar.label.text()
        gone = central.members[0]  # a unit without data, named in English too
        assert gone not in bar and load_units().by_name[gone].name_en in bar and "、" not in bar
        assert not any(gone in table.item(r, 2).text() for r in range(table.rowCount()))
    finally:
        desk.controller.cancel_load()
        desk.dispose()
        install_language("zh")


def test_at_1366_by_768_with_the_notice_bar_open_a_hatched_unit_keeps_its_label(qtbot, tmp_path):
    """德阳市 goes unnamed on the clean week at this size (larger neighbours win); marked doubtful, it is named."""
    from app.gui.app import HazeDesk
    from app.gui.settings import Settings

    desk = HazeDesk("zh", Settings(tmp_path / "settings.ini"))
    try:
        window = desk.window
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        canvas = window.canvas

        def labelled() -> set[str]:
            canvas._ensure_images()
            return {canvas.geometry.names[i] for i in canvas._labels.placed(canvas.view.scale, canvas.label_font())}

        desk.controller.load_forecast_now(write_without(tmp_path, []))
        qtbot.waitUntil(lambda: desk.state.evaluation is not None)
        assert "德阳市" not in labelled()
        path, _ = write_99999(tmp_path, city="德阳市")
        desk.controller.load_forecast_now(path)
        qtbot.waitUntil(lambda: "德阳市" in desk.state.quality.flagged_units)
        assert window.notice_bar.isVisible()
        assert "德阳市" in labelled()
        assert set(desk.state.quality.flagged_units) <= labelled()
    finally:
        desk.controller.cancel_load()
        desk.dispose()


def test_the_unit_panel_says_why_as_the_tooltip_does(desk, tmp_path, qtbot):
    """Walkthrough w10: the tooltip of 南充市 said 数据存疑：… and the 城市数值 panel for the same unit did not."""
    from app.gui.map.tooltip import unit_tooltip

    path, row = write_99999(tmp_path)
    desk.controller.load_forecast_now(path)
    desk.window.show_dock("UnitPanelDock")
    panel = desk.window.docks["UnitPanelDock"]
    desk.state.set_selection(["成都市"])
    qtbot.waitUntil(lambda: "成都市" in panel.label.plain_text(), timeout=2000)
    text = panel.label.plain_text()
    said = [line.split("：", 1)[1] for line in unit_tooltip(desk.state, "成都市").splitlines()
            if line.startswith("数据存疑：")]
    assert said and "99999" in said[0]
    row_text = next(line for line in text.splitlines() if line.startswith("数据存疑\t"))
    assert row_text.split("\t", 1)[1].split(" · ") == said
    desk.state.set_selection(["德阳市"])
    qtbot.waitUntil(lambda: "德阳市" in panel.label.plain_text(), timeout=2000)
    assert "数据存疑" not in panel.label.plain_text()
