"""The pan/zoom frame's shortcuts (issue 26) give what the plain Qt calls gave: the region names' candidate
test against every label, done for all pairs at once, is QRectF.intersects pair by pair."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF

from app.gui.map.renderer import _boxes, _meets_none


def test_meets_none_is_qrectf_intersects_for_every_pair():
    rng = np.random.default_rng(26)
    for _ in range(40):
        # integer corners, so that edges touch exactly (touching is not meeting) as often as they overlap
        blocked = [QRectF(*rng.integers(-5, 40, 2).tolist(), *rng.integers(-3, 12, 2).tolist()) for _ in range(12)]
        w, h = (float(v) for v in rng.integers(0, 10, 2))
        x0, y0 = rng.integers(-5, 40, 60).astype(float), rng.integers(-5, 40, 60).astype(float)
        expected = [not any(QRectF(x, y, w, h).intersects(b) for b in blocked) for x, y in zip(x0, y0)]
        assert _meets_none(x0, y0, w, h, _boxes(blocked)).tolist() == expected
    assert _meets_none(np.array([1.0]), np.array([1.0]), 3.0, 3.0, _boxes([])).tolist() == [True]


def _stroked(paths, transform, size):
    from PySide6.QtGui import QImage, QPainter

    from app.gui.map.renderer import REGION_OUTLINE, stroke_thick

    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setTransform(transform)
    stroke_thick(painter, paths, REGION_OUTLINE, 2.6)
    painter.end()
    return image


def test_region_outlines_cut_to_the_view_draw_the_same_pixels(qapp):
    """The outline segments near a zoomed view, stroked, are the whole outlines stroked — pixel for pixel, but
    where the view holds a ring's first vertex: the cut ring is joined through it, as the closed ring was, and a
    handful of pixels there differ by 1/255 (cut at it instead, 65 pixels differed by up to 83)."""
    from app.gui.map.geometry import load_map_geometry
    from app.gui.map.view import MapView

    geometry = load_map_geometry()
    size = (900, 600)
    rings = geometry.region_rings["fine"]
    first_vertices = [rings.coords[rings.offsets[r]] for r in range(3)]
    centres = [(104000.0, 60000.0), *((float(x), float(y)) for x, y in first_vertices)]
    for (cx, cy), scale in zip(centres, (1 / 250.0, 1 / 150.0, 1 / 300.0, 1 / 120.0)):
        view = MapView(cx, cy, scale)
        transform = view.transform(*size)
        lod = view.lod()
        world = transform.inverted()[0].mapRect(QRectF(-8, -8, size[0] + 16, size[1] + 16))
        cut = geometry.region_outline_in(lod, world.left(), world.top(), world.right(), world.bottom())
        whole = geometry.region_paths(lod)
        assert cut.elementCount() < sum(p.elementCount() for p in whole) / 3  # a fraction is stroked
        cut_image, whole_image = _stroked([cut], transform, size), _stroked(whole, transform, size)
        a = np.frombuffer(cut_image.constBits(), np.uint8).astype(int)
        b = np.frombuffer(whole_image.constBits(), np.uint8).astype(int)
        assert np.abs(a - b).max() <= 1 and np.count_nonzero(a != b) <= 16


def test_the_region_panel_shows_each_hours_levels(desk, canvas):
    """The region panel is copied from an image made once per set of levels: stepping into an episode's hour
    turns the region's chip orange, stepping out turns it back (the panel is not stale across hours)."""
    from PySide6.QtGui import QColor

    from app.gui.map import colours

    state = desk.state
    row_index, levels = next((k, state.evaluation.region_level[r.name]) for k, r in enumerate(state.scheme.regions)
                             if (state.evaluation.region_level[r.name] > 0).any())
    warned = int(np.flatnonzero(levels > 0)[0])
    quiet = int(np.flatnonzero(levels == 0)[0])

    def chip_colours(hour):
        state.set_hour(hour)
        image = canvas.grab().toImage()
        box = canvas.region_panel_rect()
        line = (box.height() - 36) / len(state.scheme.regions)
        y = int(box.top() + 32 + line * (row_index + 0.5))  # that region's row
        row = [QColor(image.pixel(int(x), y)).getRgb()[:3] for x in range(int(box.left()), int(box.right()))]
        return {c for c in row}

    from app.domain.scheme import LEVELS

    warned_rgb = tuple(colours.LEVEL_RGB[LEVELS[int(levels[warned])]])
    assert warned_rgb in chip_colours(warned)
    assert warned_rgb not in chip_colours(quiet)
    assert warned_rgb in chip_colours(warned)


def test_the_selection_outline_copied_five_times_is_the_five_strokes(qapp, monkeypatch):
    """A 3 px outline at ratio 1 or 2 is stroked once and copied at the five offsets (whole device pixels):
    the pixels of the five strokes, but for composition rounding (≤ 3/255) and the image's outermost pixels,
    where Qt cuts the directly drawn strokes at the device's edge (one pixel there differs by 20/255)."""
    from PySide6.QtGui import QColor, QImage, QPainter, QTransform

    from app.gui.map import renderer
    from app.gui.map.geometry import load_map_geometry
    from app.gui.map.view import MapView

    geometry = load_map_geometry()
    transform = MapView(*geometry.label_points[geometry.index("成都市")], scale=1 / 250.0).transform(500, 300)
    world = [geometry.unit_path("fine", geometry.index(n)) for n in ("成都市", "德阳市")]  # a shared border

    def outline(dpr, paths, painter_transform):
        image = QImage(int(500 * dpr), int(300 * dpr), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(QColor(200, 230, 40))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(painter_transform)
        renderer.stroke_thick(painter, paths, QColor(0, 102, 255), 3.0)
        painter.end()
        return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).astype(int)

    copied = renderer._copy_shifted
    for dpr in (1.0, 2.0, 1.5):
        for paths, painter_transform in (([transform.map(p) for p in world], QTransform()), (world, transform)):
            calls = []
            monkeypatch.setattr(renderer, "_copy_shifted", lambda *a, calls=calls: calls.append(1) or copied(*a))
            fast = outline(dpr, paths, painter_transform)
            assert bool(calls) == (dpr != 1.5)  # 1 px at ratio 1.5 is no whole number of device pixels
            monkeypatch.setattr(renderer, "_copy_shifted", lambda *a: False)
            five = outline(dpr, paths, painter_transform)
            drawn = np.abs(five - outline(dpr, [], painter_transform)).max(axis=2) > 0
            assert drawn.sum() > 1500 * dpr  # the outline is there
            difference = np.abs(fast - five).max(axis=2)
            assert difference[1:-1, 1:-1].max() <= 3 and difference.max() <= 32, dpr


def test_region_names_placed_from_remembered_outline_tests_are_placed_afresh(qapp):
    """Whether a region name's candidate lies inside the outline is kept per scale and reused by panned views:
    every panned view places the names where a geometry that remembers nothing places them, and panning adds
    no test (the fine outlines' tests were a sixth of a frame)."""
    from PySide6.QtGui import QFont

    from app.gui.map.geometry import load_map_geometry
    from app.gui.map.highlights import label_names
    from app.gui.map.labels import LabelPlacer
    from app.gui.map.renderer import render_view
    from app.gui.map.view import MapView

    geometry = load_map_geometry()
    labels = LabelPlacer(label_names(geometry), geometry.label_points, geometry.areas, geometry.linkage)
    font = QFont()
    font.setPixelSize(13)
    names = ["盆地东北部", "盆地中部", "盆地南部", "成都平原"]
    avoid = (QRectF(12, 300, 240, 220), QRectF(900, 70, 175, 115))
    memos = geometry._paths.setdefault("view memos", {})
    rng = np.random.default_rng(26)
    x0, y0, x1, y1 = geometry.bounds
    for scale in (1 / 250.0, 1 / 400.0, 1 / 900.0):
        view = MapView(float(rng.uniform(x0, x1)), float(rng.uniform(y0, y1)), scale)
        render_view(geometry, view, 1084, 535, 1.0, labels, font, region_names=names, avoid=avoid)
        tested = sum(len(m) for m in memos.values())
        for dx, dy in ((80, 0), (0, 80), (-160, 0), (0, -160), (240, 240)):
            view.pan(dx, dy)
            remembered = render_view(geometry, view, 1084, 535, 1.0, labels, font, region_names=names, avoid=avoid)
            saved = dict(memos)
            memos.clear()
            afresh = render_view(geometry, view, 1084, 535, 1.0, labels, font, region_names=names, avoid=avoid)
            memos.clear()
            memos.update(saved)
            assert remembered.region_name_rects == afresh.region_name_rects and afresh.region_name_rects
        # five panned views test again only candidates a moved legend or panel newly frees (4 names × 5 otherwise)
        assert sum(len(m) for m in memos.values()) <= tested + 8


def test_the_highlight_layer_covers_every_highlight(desk, canvas):
    """The highlights (doubtful units, an episode's hatched cluster, edits, hover, selection) are drawn into an
    image over the highlighted units only: placed on the widget, it is the widget-sized layer drawn before."""
    from PySide6.QtGui import QImage, QPainter

    from app.gui.map.highlights import draw_highlights

    state = desk.state
    cases = [lambda: state.set_selection(["成都市", "德阳市"]), lambda: state.set_hovered("眉山市"),
             lambda: state.set_episode(0), lambda: canvas.pan_by(37, -21), lambda: canvas.zoom_by(1.25)]
    for k, change in enumerate(cases):
        change()
        canvas.repaint()
        layer = canvas._highlights
        assert layer is not None
        if k < 2:  # the selection and a hovered neighbour: a part of the widget
            assert layer.width() * layer.height() < 0.9 * canvas.width() * canvas.height()
        placed = QImage(canvas._layer_image(lambda p: None))  # transparent, widget-sized
        painter = QPainter(placed)
        painter.drawImage(canvas._highlights_at, layer)
        painter.end()
        whole = canvas._layer_image(lambda p: draw_highlights(p, state, canvas._unit_path))
        a = np.frombuffer(placed.constBits(), np.uint8)
        b = np.frombuffer(whole.constBits(), np.uint8)
        assert np.count_nonzero(b) > 1000 and np.array_equal(a, b), k


def test_label_boxes_for_all_at_once_are_each_labels_rect(qapp):
    """The renderer takes every label's box from one numpy step: the numbers ``LabelPlacer.rect`` gives, to the
    last bit, for the map's placer and the inset's nudging one."""
    from PySide6.QtGui import QFont

    from app.gui.map.geometry import load_map_geometry
    from app.gui.map.highlights import label_names
    from app.gui.map.inset import _NudgingPlacer
    from app.gui.map.labels import LabelPlacer

    geometry = load_map_geometry()
    font = QFont()
    font.setPixelSize(13)
    args = (label_names(geometry), geometry.label_points, geometry.areas, geometry.linkage)
    placer, nudging = LabelPlacer(*args), _NudgingPlacer(*args)  # the inset's: names moved off their points
    for labels, scale in ((placer, 1 / 250.0), (placer, 1 / 1700.0), (nudging, 1 / 1700.0)):
        metrics = labels.metrics(font)
        placed = labels.placed(scale, font)
        boxes = labels.boxes(placed, scale, 431.25, -2077.125, metrics)
        rects = [labels.rect(i, scale, 431.25, -2077.125, metrics) for i in placed]
        assert len(placed) > 3 and (labels is placer or labels.offsets)
        assert boxes.tolist() == [[r.left(), r.top(), r.width(), r.height()] for r in rects]
