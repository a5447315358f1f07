"""Help → 使用说明 (F1) in the window: Chinese with its pictures, English when the interface is English; the keys
the guide names are the window's."""

from __future__ import annotations

import re

from PySide6.QtGui import QKeySequence, QTextDocument

from app.desk.guide import guide_html


def _images_loaded(browser) -> int:
    document = browser.document()
    names = re.findall(r"<img src='([^']+)'", guide_html("zh")) or re.findall(r"<img src='([^']+)'", guide_html("en"))
    from PySide6.QtCore import QUrl

    return sum(1 for name in names if document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name)))


def test_f1_opens_the_chinese_guide_with_pictures(desk, qtbot):
    window = desk.window
    window.guide_action.trigger()
    dialog = window.guide_dialog
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "HazeDesk 使用说明"
    text = dialog.browser.toPlainText()
    assert "一、打开预报" in text and "七、会话文件" in text
    assert _images_loaded(dialog.browser) == 5
    assert window.guide_action.shortcut() == QKeySequence("F1")


def test_english_interface_gets_the_english_guide(desk, qtbot):
    desk.switch_language("en")
    window = desk.window
    window.guide_action.trigger()
    dialog = window.guide_dialog
    assert dialog.windowTitle() == "HazeDesk user guide"
    assert "1. Open a forecast" in dialog.browser.toPlainText()
    desk.switch_language("zh")


def test_shortcuts_named_in_the_guide_are_bound(desk):
    window = desk.window
    bound = {k.toString() for action in window.actions() for k in action.shortcuts()}
    bound |= {k.toString() for action in window.findChildren(type(window.guide_action)) for k in action.shortcuts()}
    for lang in ("zh", "en"):
        named = set(re.findall(r"Ctrl\+(?:Shift\+)?[A-Z0-9]\b", guide_html(lang)))
        named -= {"Ctrl+C"}  # the standard copy key: the tables take it themselves (data quality)
        missing = sorted(k for k in named if QKeySequence(k).toString() not in bound)
        assert not missing, (lang, missing)
