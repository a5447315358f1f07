"""The 会商 window: sources side by side, the agreement grid, consensus choice, the main views marked."""

from __future__ import annotations

import re

import numpy as np
import pytest

from app.paths import SAMPLES_DIR

FILES = ["sample-red-plain-south.csv", "consult-wrfchem-wrfout_d01.nc", "consult-cmaq-CCTM_CONC_CN36.nc",
         "consult-sichuan-daily-range.csv", "consult-chongqing.csv"]


@pytest.fixture
def dialog(desk, qtbot):
    d = desk.window.open_consultation()
    qtbot.waitExposed(d)
    d.load_now([str(SAMPLES_DIR / f) for f in FILES])
    return d


def test_sources_maps_and_grid_follow_the_comparison(dialog):
    assert dialog.sources_table.rowCount() == 5
    assert len(dialog.maps) == 6 and dialog.maps[-1].marked  # one per source + the consensus
    cmp = dialog.comparison
    assert dialog.grid.rowCount() == len(cmp.regions) and dialog.grid.columnCount() == len(cmp.days) == 7
    r, d = cmp.regions.index("成都平原地区"), 3
    y, o, red = (int(v) for v in cmp.counts()[r, d])
    assert dialog.grid.item(r, d).text().startswith(f"黄{y} 橙{o} 红{red} /")
    assert "重庆市站：未覆盖" in dialog.grid.item(r, d).toolTip()
    assert "CMAQ CN36_SC（未覆盖 4 天）" in dialog.gaps_label.text()
    assert "CMAQ CN36_SC：未覆盖 12月20日" in dialog.gaps_label.toolTip()


def test_stepping_moves_every_map_to_the_same_hour(dialog):
    dialog.set_hour(0)
    cmaq = [s.name for s in dialog.sources].index("CMAQ CN36_SC")
    assert dialog.maps[cmaq].note == "此时次无预报"  # CMAQ starts a day later
    before = dialog.maps[0]._colours.copy()
    dialog.set_hour(24 * 3 + 12)
    assert dialog.maps[cmaq].note == "" and not np.array_equal(before, dialog.maps[0]._colours)
    assert dialog.time_label.text() == "12-23 12:00"


def test_switching_the_consensus_recolours_the_grid_and_applying_marks_the_main_views(dialog, desk):
    dialog.method.setCurrentIndex(dialog.method.findData("majority"))
    majority = dialog.consensus
    assert majority.method == "majority" and "多数一致" in dialog.summary.text()
    dialog.k.setValue(1)
    assert dialog.consensus.k == 1 and int(dialog.consensus.level.max()) >= int(majority.level.max())
    dialog.method.setCurrentIndex(dialog.method.findData("source"))
    for combo in dialog.chosen.values():
        combo.setCurrentText("WRF-Chem")
    assert set(dialog.consensus.chosen.values()) == {"WRF-Chem"}
    dialog.recorder.setText("值班员甲")
    dialog.participants.setText("工作小组办公室、四川省环境监测总站")
    dialog.apply_consensus()
    state = desk.state
    assert state.consultation is not None and state.consultation.recorded_by == "值班员甲"
    assert state.consultation.participants == "工作小组办公室、四川省环境监测总站"  # into the minutes
    assert state.forecast.meta.source_format == "consensus"
    assert "【会商结论】" in desk.window.windowTitle() and "会商结论" in desk.window.source_label.text()
    desk.controller.load_forecast_now(SAMPLES_DIR / "sample-clean-week.csv")
    assert state.consultation is None and "会商结论" not in desk.window.windowTitle()


def test_renaming_a_source_keeps_names_unique(dialog):
    item = dialog.sources_table.item(0, 0)
    item.setText("WRF-Chem")  # taken
    assert dialog.sources[0].name == "西南区域空气质量预测预报中心" and "不能重复" in dialog.summary.text()
    item.setText("区域中心")
    assert dialog.comparison.names[0] == "区域中心"


def test_a_bad_file_leaves_the_sources_as_they_were(dialog, tmp_path, monkeypatch):
    bad = tmp_path / "bad.csv"
    bad.write_text("time,city,pm25\nnot a time,成都市,50\n", encoding="utf-8")
    shown = []
    monkeypatch.setattr("app.gui.consult.dialog.QMessageBox.warning", lambda *a: shown.append(a[2]))
    from app.errors import InputError

    with pytest.raises(InputError):
        dialog.load_now([str(bad)])
    assert len(dialog.sources) == 5


def test_the_letter_of_an_adopted_consensus_says_so_and_the_minutes_can_be_saved(dialog, desk, tmp_path,
                                                                                 monkeypatch):
    from app.consultation.text import basis_sentence
    from app.gui.dialogs.proposal_dialog import ProposalDialog

    dialog.method.setCurrentIndex(dialog.method.findData("majority"))
    dialog.recorder.setText("值班员乙")
    target = tmp_path / "纪要.pdf"
    monkeypatch.setattr("app.gui.consult.dialog.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.export_minutes()
    assert target.exists() and "会商纪要已保存" in dialog.summary.text()
    dialog.apply_consensus()
    letter = ProposalDialog(desk.state, desk.window)
    proposal = letter.build()
    texts = [b.text for b in proposal.blocks]
    assert basis_sentence(desk.state.consultation) in texts
    assert any(re.match(r"据\d{4}年\d+月\d+日\d{2}时(\d{2}分)?会商研判，", t) for t in texts)  # decided, not 发布
    saved = letter.save_as("pdf", str(tmp_path / "建议函.pdf"))
    assert saved and (tmp_path / "建议函-会商纪要.pdf").exists()
    letter.close()
