"""Issue 25.9: the linkage regions' outline was thick dark on screen but thin blue dashed in the exported maps;
one look for both — the exports draw it in the window's colour, solid."""

from __future__ import annotations

from matplotlib.colors import to_rgb

from app.gui.map.renderer import REGION_OUTLINE
from maps.layout import REGION_EDGE, REGION_STYLE


def test_exports_draw_the_region_outline_as_the_window_does():
    screen = tuple(c / 255 for c in REGION_OUTLINE.getRgb()[:3])
    assert all(abs(a - b) < 1 / 255 + 1e-9 for a, b in zip(to_rgb(REGION_EDGE), screen))
    assert REGION_STYLE == "solid"


def test_an_exported_map_draws_solid_region_outlines():
    from matplotlib.collections import PathCollection

    from maps.boundaries import load_boundaries
    from maps.layout import MeetingMap

    figure = MeetingMap(load_boundaries(), detail="coarse").figure
    outlines = [c for c in figure.findobj(PathCollection)
                if len(c.get_edgecolor()) and abs(c.get_edgecolor()[0][:3] - to_rgb(REGION_EDGE)).max() < 1e-6]
    assert outlines  # the map and its inset
    for collection in outlines:
        offset, dashes = collection.get_linestyle()[0]
        assert dashes is None, dashes  # solid, as on screen


def test_the_province_border_is_dashed_on_paper_as_on_screen():
    from matplotlib.collections import PathCollection

    from maps.boundaries import load_boundaries
    from maps.layout import PROVINCE_EDGE, MeetingMap

    figure = MeetingMap(load_boundaries(), detail="coarse").figure
    borders = [c for c in figure.findobj(PathCollection)
               if len(c.get_edgecolor()) and abs(c.get_edgecolor()[0][:3] - to_rgb(PROVINCE_EDGE)).max() < 1e-6]
    assert borders and all(c.get_linestyle()[0][1] is not None for c in borders)
