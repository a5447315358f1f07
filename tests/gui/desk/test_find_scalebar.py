"""Ctrl+F finds a unit by name, pinyin or adcode, selects it and brings it into view; the live scale bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt


def _type_and_enter(desk, qtbot, text: str) -> None:
    window = desk.window
    window.find_action.trigger()
    bar = window.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    bar.edit.clear()
    if text.isascii():
        qtbot.keyClicks(bar.edit, text)
    else:  # QTest cannot type characters outside Latin-1 (an input method would)
        bar.edit.insert(text)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)


@pytest.mark.parametrize("text", ["渝中", "yuzhong", "500103"])
def test_find_selects_and_pans_to_the_unit(desk, qtbot, text):
    canvas, state = desk.window.canvas, desk.state
    home_scale = canvas.view.scale
    _type_and_enter(desk, qtbot, text)
    assert state.selected_units == ["渝中区"]
    assert not desk.window.find_bar.isVisible()
    assert canvas.view.scale > home_scale  # zoomed in on a small district
    canvas.repaint()
    centre = QPointF(canvas.width() / 2, canvas.height() / 2)
    assert canvas.unit_at(centre) == "渝中区"


def test_no_match_says_so_and_escape_closes(desk, qtbot):
    bar = desk.window.find_bar
    desk.window.find_action.trigger()
    qtbot.keyClicks(bar.edit, "xyzzy")
    assert "未找到" in bar.status.text() and bar.matches.count() == 0
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # nothing to choose: stays open, selection unchanged
    assert bar.isVisible() and desk.state.selected_units == []
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_arrow_keys_choose_among_matches(desk, qtbot):
    bar = desk.window.find_bar
    desk.window.find_action.trigger()
    qtbot.keyClicks(bar.edit, "5001")
    assert bar.matches.count() == 8
    qtbot.keyClick(bar.edit, Qt.Key.Key_Down)
    second = bar.matches.item(1).data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert desk.state.selected_units == [second]


def test_scale_bar_follows_zoom():
    from app.gui.map.scalebar import length_text, nice_length

    metres, px = nice_length(1 / 1000.0)  # 1 km per pixel: 100 km fits in 120 px
    assert (metres, round(px)) == (100_000, 100) and length_text(metres) == "100 km"
    assert nice_length(1 / 30.0)[0] == 2000 and length_text(500) == "500 m"


def test_scale_bar_is_drawn_beside_the_legend(desk):
    canvas = desk.window.canvas
    canvas.repaint()
    before = canvas.scale_bar_rect
    assert before.left() >= canvas.legend_rect().right() and before.bottom() <= canvas.height()
    canvas.zoom_by(4)
    canvas.repaint()
    from app.gui.map.scalebar import nice_length

    assert nice_length(canvas.view.scale)[0] < nice_length(canvas.view.scale / 4)[0]


def test_a_large_unit_found_after_a_small_one_is_shown_whole(desk, qtbot):
    """Issue 25.9: find kept the previous zoom — 达州 was half shown after 渝中."""
    canvas = desk.window.canvas
    _type_and_enter(desk, qtbot, "渝中")
    _type_and_enter(desk, qtbot, "达州")
    assert desk.state.selected_units == ["达州市"]
    box = canvas.view.transform(canvas.width(), canvas.height()).mapRect(
        canvas.geometry.unit_paths("coarse")[canvas.geometry.index("达州市")].boundingRect())
    assert canvas.rect().toRectF().contains(box), (box, canvas.rect())
