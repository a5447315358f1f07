"""Issue 25.4: on a short map (a 1366×768 screen with the bottom docks up) the 重庆主城区 inset never covers a
region's name (成都平原 was cut)."""

from __future__ import annotations

import pytest


@pytest.fixture
def english_desk(qtbot, tmp_path):
    from app.gui.app import HazeDesk
    from app.gui.i18n import install_language
    from app.gui.settings import Settings
    from app.paths import DEFAULT_SAMPLE

    desk = HazeDesk("en", Settings(tmp_path / "settings.ini"))
    desk.controller.load_forecast_now(DEFAULT_SAMPLE)
    desk.window.show()
    qtbot.waitExposed(desk.window)
    yield desk
    desk.controller.cancel_load()
    desk.dispose()
    install_language("zh")


@pytest.mark.parametrize("size", [(840, 170), (840, 240), (900, 280), (700, 340), (760, 400)])
def test_inset_never_covers_a_region_name(desk, canvas, qtbot, size):
    desk.window.resize(1366, 768)
    canvas.resize(*size)
    canvas.reset_view()
    images = canvas._ensure_images()
    rect = canvas._inset.rect
    names = images.region_name_rects
    assert names  # the regions are named
    assert rect.isEmpty() or not any(rect.intersects(n) for n in names), (size, rect, names)


@pytest.mark.parametrize("size", [(780, 290), (840, 240), (700, 340)])
def test_region_names_never_go_under_the_region_panel_or_the_legend(english_desk, size):
    """Seen at 1366×768 in English with the city × day table up: the region panel covered the callouts of
    'Central Basin' and 'Southern Basin'."""
    canvas = english_desk.window.canvas
    english_desk.window.resize(1366, 768)
    canvas.resize(*size)
    canvas.reset_view()
    images = canvas._ensure_images()
    panel, legend = canvas.region_panel_rect(), canvas.legend_rect()
    for rect in images.region_name_rects:
        assert not rect.intersects(panel) and not rect.intersects(legend), (size, rect, panel, legend)


@pytest.mark.parametrize("size", [(785, 335), (780, 290), (840, 240), (820, 320)])
def test_region_names_never_go_under_the_scale_bar_or_the_header(english_desk, size):
    """Seen under Xvfb at 1366×768 in English (the map 785 × 335): the scale bar hid the S of 'Southern Basin';
    on a shorter map a name went under the step header. Every region is still named."""
    canvas = english_desk.window.canvas
    english_desk.window.resize(1366, 768)
    canvas.resize(*size)
    canvas.reset_view()
    images = canvas._ensure_images()
    from app.gui.map.header import header_box

    canvas.repaint()  # the bar and the header as drawn
    bar = canvas.scale_bar_rect
    header = header_box(english_desk.state, canvas.width(), canvas._ui_font())  # the box draw_header fills
    assert not bar.isEmpty() and not header.isEmpty()
    assert len(images.region_name_rects) == 4
    for rect in images.region_name_rects:
        assert not rect.intersects(bar) and not rect.intersects(header), (size, rect, bar, header)


@pytest.mark.parametrize("height", [170, 200, 240])
def test_the_header_never_hides_the_legend(desk, canvas, qtbot, height):
    """Issue 25.4: on a map ~170 px tall the header box hid the legend's first row; the legend shrinks instead."""
    from app.gui.map.header import header_height

    desk.window.resize(1366, 768)
    canvas.resize(840, height)
    canvas.reset_view()
    canvas.repaint()
    legend = canvas.legend_rect()
    header_bottom = 12 + header_height(desk.state, canvas._ui_font())
    assert not legend.isEmpty() and legend.top() >= header_bottom, (legend, header_bottom)
    assert legend.bottom() <= canvas.height()


def test_zoomed_in_the_region_panel_goes_where_it_covers_least(desk, canvas, qtbot):
    """Issue 25.4: zoomed in, the panel stayed where it was at the basin view, over the cities zoomed to (达州,
    central Chongqing); it moves to the spot covering the fewest linkage units of the view."""
    import numpy as np
    from PySide6.QtCore import QPointF

    desk.window.resize(1366, 768)
    canvas.resize(600, 700)
    canvas.reset_view()
    canvas._ensure_images()
    home = canvas.region_panel_rect()
    nanchong = canvas.view.transform(canvas.width(), canvas.height()).map(
        QPointF(*canvas.geometry.label_points[canvas.geometry.index("南充市")]))
    canvas.zoom_by(2.5, nanchong)
    images = canvas._ensure_images()
    in_linkage = np.zeros(256, dtype=bool)
    in_linkage[1:len(canvas.geometry.names) + 1] = canvas.geometry.linkage

    def linkage_under(rect) -> int:
        dpr = images.device_pixel_ratio
        return int(in_linkage[images.ids[int(rect.top() * dpr):int(rect.bottom() * dpr),
                                         int(rect.left() * dpr):int(rect.right() * dpr)]].sum())

    assert linkage_under(home) > 1000  # where it was: over the cities zoomed to
    assert linkage_under(canvas.region_panel_rect()) < 0.1 * linkage_under(home)
    names = images.region_name_rects  # the names were placed clear of it where it is now
    assert not any(r.intersects(canvas.region_panel_rect()) for r in names)


@pytest.mark.parametrize("unit", ["达州市", "广安市"])
def test_a_region_name_nowhere_clear_of_the_bar_or_the_header_is_still_written(english_desk, unit):
    """Zoomed 2.5× on 达州 or 广安 (English, the map 850 × 340): one region's name finds no place clear of the scale
    bar or the header; it is written partly under them rather than left out."""
    from PySide6.QtCore import QPointF

    canvas = english_desk.window.canvas
    english_desk.window.resize(1366, 768)
    canvas.resize(850, 340)
    canvas.reset_view()
    at = canvas.view.transform(canvas.width(), canvas.height()).map(
        QPointF(*canvas.geometry.label_points[canvas.geometry.index(unit)]))
    canvas.zoom_by(2.5, at)
    assert len(canvas._ensure_images().region_name_rects) == 4
