"""Everything about the map that depends on the view but not on the hour, rendered once per pan/zoom/resize.

* ``ids``: an 8-bit raster of unit indices (0 background, i + 1 unit i), painted without antialiasing. Shown as
  a ``Format_Indexed8`` image whose colour table is swapped per hour, and used for hit tests.
* ``overlay``: a transparent image with the unit borders, the linkage-region outlines, the province border and
  the labels, antialiased, drawn over the colours.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QTransform,
)

from app.gui.map.geometry import MapGeometry
from app.gui.map.halo_text import SPRITES
from app.gui.map.labels import LabelPlacer
from app.gui.map.view import MapView

UNIT_BORDER = QColor(70, 74, 80, 150)
REGION_OUTLINE = QColor(24, 38, 66, 235)
PROVINCE_BORDER = QColor(70, 70, 70, 200)
LABEL_TEXT = QColor(28, 30, 34)
LABEL_HALO = QColor(255, 255, 255, 215)


@dataclass
class ViewImages:
    ids: np.ndarray  # (height, width) uint8, device pixels, for hit tests
    indexed: QImage  # Format_Indexed8 of the part of ``ids`` the map covers (colour table set per hour)
    overlay: QImage  # ARGB32 premultiplied, the same part (plus a margin for labels and outlines)
    origin: QPointF  # where both images go, in logical widget pixels
    transform: QTransform  # world → logical widget pixels
    lod: str
    device_pixel_ratio: float
    crop: np.ndarray | None = None
    coloured: QImage | None = None  # ``indexed`` expanded with the current hour's colours
    adjacency: QImage | None = None  # the adjacency graph for this view, made when first shown
    screen_paths: dict = field(default_factory=dict)  # unit name -> outline in widget pixels (highlights)
    region_name_rects: list = field(default_factory=list)  # where the regions' names are written (widget pixels)
    label_rects: list = field(default_factory=list)  # where the units' names are written (widget pixels)


def render_view(geometry: MapGeometry, view: MapView, width: int, height: int, dpr: float,
                labels: LabelPlacer, label_font: QFont, show_labels: bool = True,
                region_names: list[str] | None = None, cull: bool = True, avoid: tuple = (),
                avoid_if_possible: tuple = ()) -> ViewImages:
    """``region_names`` (one per ``geometry.region_names``, in the interface language): write them inside the
    regions' outlines, clear of the unit labels; None: no region names. ``cull``: units wholly outside the view
    are neither made into paths nor drawn (the inset, a zoomed view); False draws all (the reference). ``avoid``:
    rectangles drawn over the map later (the legend, the region panel) that no region name may go under;
    ``avoid_if_possible``: others (the scale bar, the step header) a name goes under only when it finds no other
    place (a name partly covered rather than none)."""
    transform = view.transform(width, height)
    lod = view.lod(dpr)
    if cull:  # the units that reach into the view, without their vertices far off it
        shown = units_in_view(geometry, lod, transform, width, height)
        inverse, _ = transform.inverted()
        world = inverse.mapRect(QRectF(-8, -8, width + 16, height + 16))  # y runs up: top() is the south
        paths = geometry.unit_paths_in(lod, shown, world.left(), world.top(), world.right(), world.bottom())
    else:
        paths = {i: geometry.unit_path(lod, i) for i in range(len(geometry.names))}
    pw, ph = max(int(round(width * dpr)), 1), max(int(round(height * dpr)), 1)
    ids = _paint_ids(paths, transform, pw, ph, dpr)
    # Only the part the map covers is drawn per step: the background around it is a plain fill.
    x0, y0, x1, y1 = _content_box(ids, pw, ph, margin=int(8 * dpr))
    label_rects = []  # (unit, its label's box in pixels), made once for the box, the region names and the drawing
    if show_labels:
        placed = labels.placed(view.scale, label_font)
        boxes = labels.boxes(placed, view.scale, transform.dx(), transform.dy(), labels.metrics(label_font))
        label_rects = [(i, QRectF(*box)) for i, box in zip(placed, boxes.tolist())]
        if len(boxes):  # a label may stick out of its unit at the map's edge (QRectF.adjusted(-2, -2, 2, 2)'s sums)
            left, top = boxes[:, 0] + -2.0, boxes[:, 1] + -2.0
            right, bottom = left + ((boxes[:, 2] + 2.0) - -2.0), top + ((boxes[:, 3] + 2.0) - -2.0)
            x0, y0 = max(min(x0, int(np.trunc(left * dpr).min())), 0), max(min(y0, int(np.trunc(top * dpr).min())), 0)
            x1 = min(max(x1, int(np.trunc(right * dpr).max()) + 1), pw)
            y1 = min(max(y1, int(np.trunc(bottom * dpr).max()) + 1), ph)
    spots = _region_spots(geometry, lod, transform, ids[:, :pw], dpr, [r for _, r in label_rects],
                          label_font, region_names, avoid, avoid_if_possible)
    for _, spot, _anchor in spots:  # a region's name may lie outside the map (along the outline, a callout)
        rect = spot.adjusted(-3, -3, 3, 3)
        x0, y0 = max(min(x0, int(rect.left() * dpr)), 0), max(min(y0, int(rect.top() * dpr)), 0)
        x1, y1 = min(max(x1, int(rect.right() * dpr) + 1), pw), min(max(y1, int(rect.bottom() * dpr) + 1), ph)
    crop = np.zeros((y1 - y0, (x1 - x0 + 3) // 4 * 4), dtype=np.uint8)
    crop[:, :x1 - x0] = ids[y0:y1, x0:x1]
    indexed = QImage(crop.data, x1 - x0, y1 - y0, crop.strides[0], QImage.Format.Format_Indexed8)
    indexed.setDevicePixelRatio(dpr)
    origin = QPointF(x0 / dpr, y0 / dpr)
    overlay = QImage(x1 - x0, y1 - y0, QImage.Format.Format_ARGB32_Premultiplied)
    overlay.setDevicePixelRatio(dpr)
    overlay.fill(Qt.GlobalColor.transparent)
    painter = QPainter(overlay)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _hatch_outside(painter, geometry, paths, transform, origin)
    painter.translate(-origin)
    painter.setTransform(transform, combine=True)
    if cull:  # only the outline segments near the view (a zoomed view shows a fraction of them)
        inverse, _ = transform.inverted()
        world = inverse.mapRect(QRectF(-8, -8, width + 16, height + 16))
        # world y runs up: the rectangle's top() is its southern edge
        outlines = [geometry.region_outline_near(lod, world.left(), world.top(), world.right(), world.bottom())]
    else:
        outlines = geometry.region_paths(lod)
    _stroke(painter, list(paths.values()), UNIT_BORDER, 0.7)
    _stroke(painter, [geometry.province_path(lod)], PROVINCE_BORDER, 1.6, Qt.PenStyle.DashLine)
    stroke_thick(painter, outlines, REGION_OUTLINE, 2.6)
    painter.resetTransform()
    painter.translate(-origin)
    if label_rects:
        _draw_labels(painter, labels, label_rects, label_font)
    if spots:
        draw_region_names(painter, spots, region_names, label_font)
    painter.end()
    images = ViewImages(ids, indexed, overlay, origin, transform, lod, dpr)
    images.crop = crop  # the indexed image refers to this buffer
    images.region_name_rects = [spot for _, spot, _anchor in spots]
    images.label_rects = [rect for _, rect in label_rects]
    return images


def _region_spots(geometry: MapGeometry, lod: str, transform: QTransform, ids: np.ndarray, dpr: float,
                  label_rects: list[QRectF], label_font: QFont, region_names: list[str] | None, avoid=(),
                  avoid_if_possible=()) -> list:
    if not region_names:
        return []
    taken = [r for r in avoid if not r.isEmpty()] + label_rects
    in_linkage = np.zeros(256, dtype=bool)
    in_linkage[1:len(geometry.names) + 1] = geometry.linkage
    ph, pw = ids.shape[0], ids.shape[1]

    def on_ground(rect: QRectF) -> bool:  # empty, or over units outside the linkage only
        x0, y0 = int(rect.left() * dpr), int(rect.top() * dpr)
        x1, y1 = int(rect.right() * dpr) + 1, int(rect.bottom() * dpr) + 1
        if x0 < 0 or y0 < 0 or x1 > pw or y1 > ph:
            return False
        return not in_linkage[ids[y0:y1, x0:x1]].any()

    return region_name_spots(geometry, lod, transform, region_names, region_name_font(label_font), taken, on_ground,
                             soft=[r for r in avoid_if_possible if not r.isEmpty()],
                             in_view=_InView(geometry, ids, dpr))


FILLS_VIEW = 0.25  # a region over this share of the view is named on it, wherever its usual spots lie


class _InView:
    """For a region covering much of the view whose usual name spots all lie off it (zoomed in on central
    Chongqing: 盆地中部's cities' label points and the grid over its whole outline), a spot on the view, wholly
    over the region's own units, the nearest free one to the middle of its part of the view. Read from the
    hit-test raster of this view: a coarse sample for the regions' shares, then a pixel slice per tried spot (no
    outline is tested: a frame stays cheap)."""

    def __init__(self, geometry: MapGeometry, ids: np.ndarray, dpr: float):
        owners = geometry.view_memo(("unit regions", tuple(geometry.region_names), tuple(geometry.regions)))
        if not owners:
            index = {name: k for k, name in enumerate(geometry.region_names)}
            table = np.full(256, -1, dtype=np.int16)
            table[1:len(geometry.regions) + 1] = [index.get(r, -1) for r in geometry.regions]
            owners["table"] = table
        self.owner, self.ids, self.dpr = owners["table"], ids, dpr
        self.step = max(int(8 * dpr), 1)
        self.regions = len(geometry.region_names)
        self._sample = None  # sampled when first needed: most views name every region on them the usual way
        self.view = QRectF(0, 0, ids.shape[1] / dpr, ids.shape[0] / dpr)

    @property
    def sample(self) -> np.ndarray:
        """The region (index, -1: none) of every ``step``-th device pixel across and down."""
        if self._sample is None:
            step = self.step
            self._sample = self.owner[self.ids[step // 2::step, step // 2::step]]
            self.shares = np.bincount(self._sample.ravel() + 1, minlength=self.regions + 1)[1:] \
                / max(self._sample.size, 1)
        return self._sample

    def spot(self, index: int, w: float, h: float, boxes: np.ndarray) -> QRectF | None:
        """``boxes``: :func:`_boxes` of what the name must keep clear of; None for a region under
        ``FILLS_VIEW`` of the view, or with no free spot."""
        sample = self.sample
        if self.shares[index] < FILLS_VIEW:
            return None
        step, dpr, ids = self.step, self.dpr, self.ids
        rows, cols = np.nonzero(sample == index)
        mx, my = (cols.mean() * step + step // 2) / dpr, (rows.mean() * step + step // 2) / dpr
        # a grid of centres over the view (half a name's width across, a name's height down), nearest the
        # middle of the region's part of the view first
        xs = np.arange(w / 2 + 6, self.view.width() - w / 2 - 6, max(w / 2, 8.0))
        ys = np.arange(h / 2 + 6, self.view.height() - h / 2 - 6, max(h, 8.0))
        if not len(xs) or not len(ys):
            return None
        gx, gy = (g.ravel() for g in np.meshgrid(xs, ys))
        order = np.argsort((gx - mx) ** 2 + (gy - my) ** 2, kind="stable")
        gx, gy = gx[order], gy[order]
        # over the region by the coarse sample first (a summed table of the cells that are not the region's):
        # the exact pixels are read only for the spots that pass it
        other = np.zeros((sample.shape[0] + 1, sample.shape[1] + 1), dtype=np.int32)
        other[1:, 1:] = (sample != index).cumsum(0).cumsum(1)
        cell = step / dpr  # logical pixels between samples, the first at half a cell

        def cells(low, high, count):
            first = np.clip(np.ceil(low / cell - 0.5), 0, count).astype(int)
            return first, np.clip(np.floor(high / cell - 0.5) + 1, first, count).astype(int)

        c0, c1 = cells(gx - w / 2, gx + w / 2, sample.shape[1])
        r0, r1 = cells(gy - h / 2, gy + h / 2, sample.shape[0])
        over = np.flatnonzero(other[r1, c1] - other[r0, c1] - other[r1, c0] + other[r0, c0] == 0)
        tried = 0
        for start in range(0, len(over), 128):  # the nearest first: clear of the labels, then the exact pixels
            near = over[start:start + 128]
            for k in near[_meets_none(gx[near] - w / 2, gy[near] - h / 2, w, h, boxes)]:
                x0, y0 = int((gx[k] - w / 2) * dpr), int((gy[k] - h / 2) * dpr)
                part = ids[y0:int((gy[k] + h / 2) * dpr) + 1, x0:int((gx[k] + w / 2) * dpr) + 1]
                if part.size and (self.owner[part] == index).all():
                    return QRectF(float(gx[k]) - w / 2, float(gy[k]) - h / 2, w, h)
                tried += 1
                if tried == 24:
                    return None
        return None


def units_in_view(geometry: MapGeometry, lod: str, transform: QTransform, width: float, height: float) -> list[int]:
    """The units whose outline at ``lod`` reaches into the view (its box, widened by the borders' few pixels)."""
    inverse, _ = transform.inverted()
    world = inverse.mapRect(QRectF(-4, -4, width + 8, height + 8))
    b = geometry.unit_bounds(lod)
    inside = (b[:, 2] >= world.left()) & (b[:, 0] <= world.right()) & (b[:, 3] >= world.top()) & \
        (b[:, 1] <= world.bottom())
    return [int(i) for i in np.flatnonzero(inside)]


def _hatch_outside(painter: QPainter, geometry: MapGeometry, paths: dict[int, QPainterPath], transform: QTransform,
                   origin: QPointF) -> None:
    """Units outside the linkage hatched, as in the exported maps (paths mapped to pixels first: a pattern brush
    would otherwise be scaled with the world transform)."""
    from app.gui.map.colours import OUTSIDE_HATCH

    painter.save()
    painter.translate(-origin)
    # a one-pixel line pattern gains nothing from antialiased polygon edges (the unit border is drawn over
    # them), and filling the large outside units antialiased cost most of a zoomed frame's hatching
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(*OUTSIDE_HATCH), Qt.BrushStyle.BDiagPattern))
    for i, path in paths.items():
        if not geometry.linkage[i]:
            painter.drawPath(transform.map(path))
    painter.restore()


def _content_box(ids: np.ndarray, pw: int, ph: int, margin: int) -> tuple[int, int, int, int]:
    rows = np.flatnonzero(ids[:, :pw].any(axis=1))
    cols = np.flatnonzero(ids[:, :pw].any(axis=0))
    if len(rows) == 0:
        return 0, 0, 1, 1
    return (max(int(cols[0]) - margin, 0), max(int(rows[0]) - margin, 0),
            min(int(cols[-1]) + 1 + margin, pw), min(int(rows[-1]) + 1 + margin, ph))


def _paint_ids(paths: dict[int, QPainterPath], transform: QTransform, pw: int, ph: int, dpr: float) -> np.ndarray:
    """Unit indices per device pixel: paint index i + 1 as the blue channel of an RGB32 image, read it back."""
    image = QImage(pw, ph, QImage.Format.Format_RGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setTransform(transform * QTransform.fromScale(dpr, dpr))
    for i, path in paths.items():  # in unit order, as before: where outlines meet, the later unit's pixels win
        painter.setBrush(QColor(0, 0, i + 1))
        painter.drawPath(path)
    painter.end()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(ph, image.bytesPerLine())
    stride = (pw + 3) // 4 * 4  # QImage rows are 32-bit aligned
    ids = np.zeros((ph, stride), dtype=np.uint8)
    ids[:, :pw] = pixels[:, 0:pw * 4:4]  # blue byte of each little-endian 0xAARRGGBB pixel
    return ids


def _stroke(painter: QPainter, paths: list[QPainterPath], colour: QColor, width: float,
            style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> None:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)  # width in pixels whatever the zoom
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for path in paths:
        painter.drawPath(path)


_THICK_OFFSETS = ((0.0, 0.0), (1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0))


def stroke_thick(painter: QPainter, paths: list[QPainterPath], colour: QColor, width: float) -> None:
    """A line ``width`` pixels wide drawn as a few one-pixel strokes offset around it.

    Qt's antialiased stroker is ten to forty times slower for pens wider than one pixel (50 ms for the four
    region outlines at 1600 px); five shifted thin strokes look the same and take a few milliseconds. When the
    shift is a whole number of device pixels (the selection's 3 px at ratio 1 or 2) the thin stroke is drawn
    once and its image copied five times: the same pixels, a fifth of the stroking.
    """
    reach = max((width - 1.0) / 2, 0.0)
    dpr = painter.device().devicePixelRatioF()
    if reach > 0 and paths and (reach * dpr).is_integer() and _copy_shifted(painter, paths, colour, int(reach * dpr)):
        return
    base = painter.transform()
    for dx, dy in _THICK_OFFSETS if reach > 0 else _THICK_OFFSETS[:1]:
        painter.setTransform(base * QTransform.fromTranslate(dx * reach, dy * reach))
        _stroke(painter, paths, colour, 1.0)
    painter.setTransform(base)


def _copy_shifted(painter: QPainter, paths: list[QPainterPath], colour: QColor, shift: int) -> bool:
    """The one-pixel stroke of ``paths`` drawn once into an image over their box (device pixels) and copied at
    the five offsets ``shift`` device pixels apart; False (nothing drawn) when the painter is rotated, sheared
    or scaled by other than the device's ratio, antialiasing is off, or it paints on no image."""
    device = painter.device()
    dpr = device.devicePixelRatioF()
    if not isinstance(device, QImage) or not painter.testRenderHint(QPainter.RenderHint.Antialiasing) or \
            painter.transform().type().value > QTransform.TransformationType.TxScale.value:
        return False  # a printer or PDF keeps its vector strokes
    to_device = painter.deviceTransform()
    box = QRectF()
    for path in paths:
        box = box.united(to_device.mapRect(path.controlPointRect()))
    reach = shift + 2  # the stroke's pixel and its antialiasing, and the copies' shift
    # cut to the device and a margin (the stroke is cut at the image's edge, unlike at the device's, a little
    # differently: kept out of sight)
    box = box.adjusted(-reach, -reach, reach, reach).intersected(
        QRectF(-reach, -reach, device.width() * dpr + 2 * reach, device.height() * dpr + 2 * reach))
    if box.isEmpty():
        return True
    x0, y0 = int(np.floor(box.left())), int(np.floor(box.top()))
    image = QImage(int(np.ceil(box.right())) - x0, int(np.ceil(box.bottom())) - y0,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.transparent)
    scratch = QPainter(image)
    scratch.setRenderHint(QPainter.RenderHint.Antialiasing)
    scratch.setTransform(painter.transform() * QTransform.fromTranslate(-x0 / dpr, -y0 / dpr))
    _stroke(scratch, paths, colour, 1.0)
    scratch.end()
    image.setDevicePixelRatio(1.0)
    painter.save()
    painter.setTransform(QTransform.fromScale(1 / dpr, 1 / dpr))  # device pixels: copies, no resampling
    for dx, dy in _THICK_OFFSETS:
        painter.drawImage(QPointF(x0 + dx * shift, y0 + dy * shift), image)
    painter.restore()
    return True


def _draw_labels(painter: QPainter, labels: LabelPlacer, label_rects: list, font: QFont) -> None:
    """Labels with a white halo, each copied from its image (:mod:`app.gui.map.halo_text`)."""
    ascent = QFontMetricsF(font).ascent()
    SPRITES.draw(painter, [(QPointF(rect.left(), rect.top() + ascent), labels.names[i]) for i, rect in label_rects],
                 font, LABEL_TEXT, LABEL_HALO)


REGION_NAME = QColor(16, 36, 96)


def region_name_spots(geometry: MapGeometry, lod: str, transform: QTransform, names: list[str], font: QFont,
                      taken: list[QRectF], on_ground=None, soft=(), in_view=None) -> list[tuple[int, QRectF, QPointF | None]]:
    """Where each region's name goes: inside its outline, clear of the unit labels and of each other.

    Candidates, in order: the area-weighted centre of the region's units, each unit's label point, and the
    midpoints between pairs of them (empty ground between two city names), a grid over the outline; failing
    those, just outside the outline where ``on_ground(rect)`` says no linkage unit is drawn; failing those too,
    a callout: the name on such ground nearby, with a leader line to the region (the returned anchor). All of
    them clear of ``soft`` too when one is; else as if it were not there. A region that covers much of the view
    but whose spot so found lies off it is named where ``in_view`` (:class:`_InView`) finds room on the view.
    """
    metrics = QFontMetricsF(font)
    world_outlines = geometry.region_paths(lod)
    mapped: dict[int, QPainterPath] = {}

    def outline(index: int) -> QPainterPath:  # the region's outline in pixels, mapped when first needed
        if index not in mapped:
            mapped[index] = transform.map(world_outlines[index])
        return mapped[index]

    # whether a candidate lies inside its region's outline does not change when the view pans: kept per level
    # of detail and scale (the fine outlines' tests were a sixth of a pan/zoom frame)
    inside_memo = geometry.view_memo(("region name inside", lod, round(transform.m11(), 12)))

    def inside(index: int, k: int, rect: QRectF, whole: bool) -> bool:
        key = (index, rect.width(), rect.height(), k, whole)
        found = inside_memo.get(key)
        if found is None:
            found = inside_memo[key] = outline(index).contains(rect if whole else rect.center())
        return found

    # the label points in pixels (QTransform.map's arithmetic for a scale and a translation)
    xy = geometry.label_points * np.array([transform.m11(), transform.m22()]) + np.array([transform.dx(),
                                                                                          transform.dy()])
    xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
    grid_i, grid_j = _GRID  # row by row, as before
    spots: list[tuple[int, QRectF, QPointF | None]] = []
    blocked = [r.adjusted(-3, -3, 3, 3) for r in taken]
    boxes = _boxes(blocked)
    soft_blocked = [r.adjusted(-3, -3, 3, 3) for r in soft]
    soft_boxes = _boxes(soft_blocked)
    regions = geometry.view_memo(("region members", tuple(geometry.region_names), tuple(geometry.regions)))
    if not regions:
        for index, region in enumerate(geometry.region_names):
            members = [i for i, r in enumerate(geometry.regions) if r == region]
            weights = np.asarray([geometry.areas[i] for i in members], dtype=float)
            regions[index] = (members, weights, weights.sum(), *np.triu_indices(len(members), k=1))
    widths = geometry.view_memo(("region name widths", font.key()))
    for index in range(len(geometry.region_names)):
        members, weights, weight, a, b = regions[index]
        if not members:
            continue
        mine = xy[members]
        cx = float(np.multiply(mine[:, 0], weights).sum() / weight)  # np.average's arithmetic
        cy = float(np.multiply(mine[:, 1], weights).sum() / weight)
        # candidate centres (numpy, the same arithmetic the QPointF did): the weighted centre, the label points,
        # the midpoints of every pair of them, then an 8 × 8 grid over the outline's box
        box = transform.mapRect(world_outlines[index].boundingRect())
        grid = np.stack([box.left() + box.width() * grid_i / 8, box.top() + box.height() * grid_j / 8], axis=1)
        centres = np.concatenate([[(cx, cy)], mine, (mine[a] + mine[b]) / 2, grid])
        if names[index] not in widths:
            widths[names[index]] = metrics.horizontalAdvance(names[index])
        w, h = widths[names[index]], metrics.height()

        def choose(boxes, blocked, index=index, centres=centres, w=w, h=h, box=box, cx=cx, cy=cy, mine=mine):
            free = np.flatnonzero(_meets_none(centres[:, 0] - w / 2, centres[:, 1] - h / 2, w, h, boxes))

            def rects():
                return ((int(k), QRectF(float(centres[k, 0]) - w / 2, float(centres[k, 1]) - h / 2, w, h))
                        for k in free)

            # wholly inside the outline if possible, else at least centred inside it (the name crosses its border)
            chosen = next((r for k, r in rects() if inside(index, k, r, True)), None) or \
                next((r for k, r in rects() if inside(index, k, r, False)), None)
            if chosen is None and on_ground is not None:  # along the outline, on empty ground just outside it
                along = [k / 6 for k in (3, 2, 4, 1, 5)]  # the middle of each side first
                outside = [QRectF(box.left() + box.width() * f - w / 2, box.top() - h - 2, w, h) for f in along]
                outside += [QRectF(box.left() + box.width() * f - w / 2, box.bottom() + 2, w, h) for f in along]
                outside += [QRectF(box.right() + 4, box.top() + box.height() * f - h / 2, w, h) for f in along]
                outside += [QRectF(box.left() - w - 4, box.top() + box.height() * f - h / 2, w, h) for f in along]
                chosen = next((r for r in outside if on_ground(r) and not any(r.intersects(o) for o in blocked)),
                              None)
            if chosen is None and on_ground is not None:  # a callout: the name nearby, a leader line to the region
                centre = QPointF(cx, cy) if outline(index).contains(QPointF(cx, cy)) else QPointF(*mine[0])
                for radius in (50, 80, 110, 150, 200):
                    ring = [centre + QPointF(radius * np.cos(a), radius * np.sin(a))
                            for a in np.linspace(0, 2 * np.pi, 24, endpoint=False)]
                    chosen = next((r for c in ring if on_ground(r := QRectF(c.x() - w / 2, c.y() - h / 2, w, h))
                                   and not any(r.intersects(o) for o in blocked)), None)
                    if chosen is not None:
                        return chosen, centre
            return chosen, None

        chosen, anchor = choose(np.concatenate([boxes, soft_boxes]), blocked + soft_blocked) if soft_blocked \
            else choose(boxes, blocked)
        if chosen is None and soft_blocked:  # nowhere clear of the scale bar and the header: a name partly covered
            chosen, anchor = choose(boxes, blocked)
        if in_view is not None and (chosen is None or not in_view.view.contains(chosen)):
            seen = in_view.spot(index, w, h, np.concatenate([boxes, soft_boxes])) if soft_blocked else None
            seen = seen or in_view.spot(index, w, h, boxes)
            if seen is not None:
                chosen, anchor = seen, None
        if chosen is not None:
            spots.append((index, chosen, anchor))
            blocked.append(chosen.adjusted(-3, -3, 3, 3))
            boxes = np.concatenate([boxes, _boxes(blocked[-1:])])
    return spots


_GRID = tuple(g.ravel() for g in np.meshgrid(np.arange(8) + 0.5, np.arange(8) + 0.5))


def _boxes(rects: list[QRectF]) -> np.ndarray:
    """(n, 4) left, top, right, bottom of the rectangles that are not null (QRectF.intersects's view of them:
    normalised; a rectangle without width or height meets nothing)."""
    boxes = np.array([(r.left(), r.top(), r.right(), r.bottom()) for r in rects], dtype=np.float64).reshape(-1, 4)
    boxes = np.stack([np.minimum(boxes[:, 0], boxes[:, 2]), np.minimum(boxes[:, 1], boxes[:, 3]),
                      np.maximum(boxes[:, 0], boxes[:, 2]), np.maximum(boxes[:, 1], boxes[:, 3])], axis=1)
    return boxes[(boxes[:, 0] != boxes[:, 2]) & (boxes[:, 1] != boxes[:, 3])]


def _meets_none(x0: np.ndarray, y0: np.ndarray, w: float, h: float, boxes: np.ndarray) -> np.ndarray:
    """For rectangles (x0, y0, w, h), whether each meets none of ``boxes`` (:func:`_boxes`): QRectF.intersects
    for all pairs at once (strict overlap; a null rectangle meets nothing). A region's candidates (its units'
    label points, their midpoints, a grid) against every label were ~30 000 Python calls a frame at the fine
    level (issue 26)."""
    if not len(boxes) or w == 0 or h == 0:
        return np.ones(len(x0), dtype=bool)
    x1, y1 = x0 + w, y0 + h
    left, right = np.minimum(x0, x1), np.maximum(x0, x1)
    top, bottom = np.minimum(y0, y1), np.maximum(y0, y1)
    hits = ((left[:, None] < boxes[None, :, 2]) & (boxes[None, :, 0] < right[:, None])
            & (top[:, None] < boxes[None, :, 3]) & (boxes[None, :, 1] < bottom[:, None]))
    return ~hits.any(axis=1)


def region_name_font(label_font: QFont) -> QFont:
    font = QFont(label_font)
    font.setItalic(True)
    font.setBold(True)
    font.setPixelSize(label_font.pixelSize() + 1)
    return font


def draw_region_names(painter: QPainter, spots, names: list[str], label_font: QFont) -> None:
    """The linkage regions' names at their spots: italic, dark blue, with a white halo; a callout's leader line."""
    font = region_name_font(label_font)
    ascent = QFontMetricsF(font).ascent()
    for _, rect, anchor in spots:
        if anchor is not None:
            end = QPointF(min(max(anchor.x(), rect.left()), rect.right()), min(max(anchor.y(), rect.top()), rect.bottom()))
            painter.setPen(QPen(LABEL_HALO, 3.0))
            painter.drawLine(anchor, end)
            painter.setPen(QPen(REGION_NAME, 1.2))
            painter.drawLine(anchor, end)
            painter.setBrush(REGION_NAME)
            painter.drawEllipse(anchor, 2.5, 2.5)
    SPRITES.draw(painter, [(QPointF(rect.left(), rect.top() + ascent), names[index]) for index, rect, _ in spots],
                 font, REGION_NAME, LABEL_HALO)
