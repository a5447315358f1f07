"""The 会商 window adds the same forecast once (issue 22, item 12), and names a source whose period overlaps no
other source's."""

from __future__ import annotations

import shutil

from app.paths import SAMPLES_DIR

RED = SAMPLES_DIR / "sample-red-plain-south.csv"
CQ = SAMPLES_DIR / "consult-chongqing.csv"
NOV = SAMPLES_DIR / "sample-clean-week.csv"


def test_the_consult_window_adds_the_same_file_once(desk, qtbot, tmp_path):
    dialog = desk.window.open_consultation()
    qtbot.waitExposed(dialog)
    copy = tmp_path / "copy.csv"
    shutil.copy(RED, copy)
    dialog.load_now([str(RED), str(CQ)])
    dialog.load_now([str(copy)])
    assert len(dialog.sources) == 2
    assert "已在会商中" in dialog.summary.text()
    dialog.load_now([str(NOV)])
    assert "时段与其他来源不重叠" in dialog.gaps_label.text()


def test_the_sources_gaps_read_in_english(desk, qtbot):
    """The gaps line's brackets and commas went through tr() inside an f-string, which lupdate never saw: their
    English was dropped, and the English window read "Sichuan station（not covered…）"."""
    from app.gui.i18n import install_language

    assert install_language("en")
    try:
        dialog = desk.window.open_consultation()
        qtbot.waitExposed(dialog)
        dialog.load_now([str(RED), str(CQ), str(NOV)])
        text = dialog.gaps_label.text()
        assert "（" not in text and "）" not in text and "，" not in text
        assert " (" in text and ")" in text
    finally:
        install_language("zh")


def test_one_day_not_covered_reads_in_the_singular(desk, qtbot):
    """The English gaps line said "(1 days not covered)" for two season forecasts a day apart."""
    from app.gui.i18n import install_language

    season = SAMPLES_DIR / "season-winter"
    assert install_language("en")
    try:
        dialog = desk.window.open_consultation()
        qtbot.waitExposed(dialog)
        dialog.load_now([str(season / "forecast-2025-12-16.csv"), str(season / "forecast-2025-12-15.csv")])
        assert "(1 day not covered)" in dialog.gaps_label.text()
    finally:
        install_language("zh")
    dialog.load_now([])  # the Chinese reads as before
    assert "（未覆盖 1 天）" in dialog.gaps_label.text()
