"""The load-errors dialog shows each problem in the interface language (Chinese from app.domain.messages_zh)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from app.errors import InputError, Problem
from app.gui.dialogs.load_errors import LoadErrorsDialog
from app.gui.i18n import error_text, ui_language

ERROR = InputError(Problem("text in a number cell", file="f.csv", row=3, column="pm25", value="abc",
                           expected="a concentration in µg/m³ (≥ 0)"),
                   [Problem("a city-hour given twice", file="f.csv", row=9, value="成都市 2026-01-10 00:00")])


@pytest.fixture
def locale():
    before = QLocale()

    def use(language):
        QLocale.setDefault(QLocale(language))

    yield use
    QLocale.setDefault(before)


def cells(dialog, row):
    return [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]


def test_chinese_interface_shows_chinese_problems(qtbot, locale):
    locale(QLocale.Language.Chinese)
    assert ui_language() == "zh"
    dialog = LoadErrorsDialog("f.csv", ERROR, kept_previous=True)
    qtbot.addWidget(dialog)
    assert cells(dialog, 0) == ["f.csv", "3", "pm25", "abc", "以 µg/m³ 为单位的浓度（≥ 0）", "不是数字"]
    assert cells(dialog, 1)[5] == "城市-小时重复"
    assert dialog.problems[0].message == "text in a number cell"  # the problems themselves stay as raised
    assert error_text(ERROR).startswith("文件 f.csv，第 3 行，列 pm25：不是数字")


def test_english_interface_keeps_the_english(qtbot, locale):
    locale(QLocale.Language.English)
    dialog = LoadErrorsDialog("f.csv", ERROR, kept_previous=False)
    qtbot.addWidget(dialog)
    assert cells(dialog, 0)[4:] == ["a concentration in µg/m³ (≥ 0)", "text in a number cell"]
    assert error_text(ERROR) == str(ERROR)
