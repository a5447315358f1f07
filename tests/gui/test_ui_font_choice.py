"""The window's font is chosen from the machine's own Chinese families; the bundled faces the desk registers to
draw a page (the map page's sans, the letters') never change that choice. After a map was drawn, a window built
later (a language switch) took the map's font, and the window tests that followed the map page's depended on it."""

from __future__ import annotations

from app.gui.fonts import BUNDLED_PREFIX, chinese_families, choose_ui_family


def test_a_page_font_registered_later_does_not_change_the_ui_family(qapp):
    from app.export_qt.map_page import map_font_family

    before = choose_ui_family()
    family = map_font_family()  # what drawing a map page registers
    assert family.startswith(BUNDLED_PREFIX) and family in chinese_families()
    assert choose_ui_family() == before
    system = [f for f in chinese_families() if not f.startswith(BUNDLED_PREFIX)]
    assert (before in system) if system else before.startswith(BUNDLED_PREFIX)
