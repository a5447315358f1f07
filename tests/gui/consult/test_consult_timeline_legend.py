"""The 会商 window's city timeline: the sources' legend never covers the '◀ 实况 | 预报 ▶' label, at the window's
default and minimum sizes, in Chinese and in English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

from tests.cli.test_consult_observed import make_running


@pytest.fixture(params=["zh", "en"])
def desk_lang(request, qtbot, tmp_path):
    from app.gui.app import HazeDesk
    from app.gui.i18n import install_language
    from app.gui.settings import Settings
    from app.paths import DEFAULT_SAMPLE

    desk = HazeDesk(request.param, Settings(tmp_path / "settings.ini"))
    desk.controller.load_forecast_now(DEFAULT_SAMPLE)
    desk.window.resize(1366, 740)
    desk.window.show()
    qtbot.waitExposed(desk.window)
    yield desk
    desk.controller.cancel_load()
    desk.dispose()
    install_language("zh")


def _rect(timeline, thing) -> QRectF:
    """Where a widget or a plot item is drawn, in the timeline widget's coordinates."""
    if isinstance(thing, QGraphicsItem):
        view = timeline.plot
        return QRectF(view.mapTo(timeline, view.mapFromScene(thing.sceneBoundingRect()).boundingRect().topLeft()),
                      thing.sceneBoundingRect().size())
    return QRectF(thing.mapTo(timeline, thing.rect().topLeft()), thing.rect().size().toSizeF())


@pytest.mark.parametrize("size", ["default", "minimum"])
def test_the_legend_never_covers_the_observed_forecast_label(desk_lang, qtbot, tmp_path, size):
    obs, one, two = make_running(tmp_path)
    desk_lang.controller.load_observed([str(obs)])
    dialog = desk_lang.window.open_consultation()
    qtbot.waitExposed(dialog)
    dialog.load_now([str(one), str(two)])
    if size == "default":
        dialog.resize(1340, 720)  # what the window asks (fit_to_screen), on a screen that has room for it
    else:
        dialog.resize(dialog.minimumSizeHint())
    qtbot.wait(50)
    timeline = dialog.timeline
    label = timeline.now_line.label
    assert label.isVisible() and label.toPlainText().startswith("◀ ")
    label_rect = _rect(timeline, label)
    view_rect = _rect(timeline, timeline.plot.getPlotItem().vb)
    assert view_rect.contains(label_rect.center())  # drawn inside the plot, not pushed out of sight
    legend = timeline.legend
    legend_rect = _rect(timeline, legend)
    assert legend.isVisible() and legend_rect.width() > 0
    assert not legend_rect.intersects(label_rect), (size, legend_rect, label_rect)
