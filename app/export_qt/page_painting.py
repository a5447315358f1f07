"""One drawing of the Qt meeting-map page (:class:`app.export_qt.map_page.QtMeetingMap`) at one resolution.

At 300 dpi Qt's antialiased stroker is slow on long lines (the four region outlines, 19 000 vertices 6.7 px
wide, took 150 ms as four paths; the 59 unit outlines at 1.25 px 140 ms). So:

- every unit border is drawn once (a border two units share is one line), as one-pixel lines, which Qt draws
  with its fast cosmetic line stroker (5 ms a pass): the matplotlib page's 0.3 pt (1.25 px at 300 dpi) as two
  such lines a quarter pixel apart;
- the thick outlines are stroked in pieces of :data:`maps.page_geometry.PIECE` edges (25 ms), with Qt's square
  ends, which close the join between two pieces;
- the fills are not antialiased: every edge of a unit lies under its antialiased border line;
- a label's white halo is the label drawn white around a small circle, from Qt's cached glyph images, then the
  label on top (stroking the glyphs' outlines took four times as long);
- pens are cosmetic (widths in device pixels) so that the map is drawn in world coordinates through one
  transform, from paths made once per page.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPolygonF, QTransform

from maps.page import (
    HALO_WIDTH,
    INSET_TITLE,
    LABEL_PT,
    NOTE_RGB,
    OUTSIDE_EDGE,
    OUTSIDE_LABEL,
    PROVINCE_EDGE,
    PROVINCE_LINE_LABEL,
    PROVINCE_WIDTH,
    REGION_EDGE,
    REGION_LINE_LABEL,
    REGION_TABLE_TITLE,
    REGION_WIDTH,
    UNIT_EDGE,
    UNIT_WIDTH,
    unlabelled_note,
)
from maps.page_geometry import wrap

MM, PT = 25.4, 72.0  # millimetres, points an inch
INSET_EDGE_PT = 0.4  # the inset's unit borders (magnified), as the matplotlib page draws them
HALO_STEPS = 16  # white copies of a label around it: its halo
HATCH_PER_INCH = 12  # the matplotlib page's "////" hatch: lines 1/12 inch apart across a row of pixels
HATCH_WIDTH = 1.0  # points (matplotlib's hatch.linewidth)
# maps.page.PROVINCE_STYLE (5 on, 2.5 off, in line widths) drawn with Qt's square ends, which lengthen each
# dash by one line width
DASHES = [4.0, 3.5]
NO_BRUSH = QBrush()


class PagePainting:
    """Draws the page on ``painter`` (device pixels; :meth:`mm` and :meth:`pt` convert)."""

    def __init__(self, page, painter: QPainter, dpi: float):
        self.page, self.p, self.dpi = page, painter, dpi
        self.s = page.scale
        self.texts: list[tuple[str, float, float]] = []
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)

    def mm(self, value: float) -> float:
        return value * self.dpi / MM

    def pt(self, value: float) -> float:
        return value * self.dpi / PT

    def box(self, box) -> QRectF:
        left, top, width, height = box
        return QRectF(self.mm(left), self.mm(top), self.mm(width), self.mm(height))

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont(self.page.family)
        font.setPixelSize(max(1, round(self.pt(points))))
        font.setBold(bold)
        return font

    def pen(self, colour, points: float | None = None, pixels: float | None = None) -> QPen:
        """A pen as wide as given in device pixels whatever the painter's transform (cosmetic)."""
        pen = QPen(QColor(colour))
        pen.setWidthF(pixels if pixels is not None else self.pt(points))
        pen.setCosmetic(True)
        return pen

    # --- the page ------------------------------------------------------------------------------------------
    def draw_page(self) -> list[tuple[str, float, float]]:
        """Draw everything; the texts drawn, (text, x, y) in pixels (x, y: where ``ha``/``va`` placed it)."""
        page = self.page
        frame = self.box(page.boxes.frame)
        to_px, world = self.transform(page.limits, frame)
        self.p.save()
        self.p.setClipRect(frame)
        self.map_body(world, inset=False)
        self.labels(to_px, page.labels)
        self.scale_bar(to_px)
        self.north_arrow(frame)
        if page.inset_limits is not None:  # where the inset is
            x0, y0, x1, y1 = page.inset_limits
            (left, top), (right, bottom) = to_px(np.array([[x0, y1], [x1, y0]]))
            self.p.setPen(self.pen("#222222", 0.7))
            self.p.setBrush(NO_BRUSH)
            self.p.drawRect(QRectF(QPointF(left, top), QPointF(right, bottom)))
        self.p.restore()
        self.frame_line(frame, 0.8)
        self.inset()
        self.head_and_foot()
        self.legend()
        self.region_table()
        return self.texts

    def transform(self, limits, rect: QRectF):
        """World (metres) → device pixels for a map of ``limits`` in ``rect``: a function of point arrays, and
        the same as a QTransform."""
        x0, y0, x1, y1 = limits
        k = rect.width() / (x1 - x0)
        left, top = rect.left(), rect.top()

        def to_px(xy: np.ndarray) -> np.ndarray:
            return np.column_stack([left + (xy[:, 0] - x0) * k, top + (y1 - xy[:, 1]) * k])

        return to_px, QTransform(k, 0, 0, -k, left - x0 * k, top + y1 * k)

    def map_body(self, world: QTransform, *, inset: bool) -> None:
        """Units filled (and hatched outside the linkage), their borders, the province line and the region
        outlines, in world coordinates through ``world``."""
        page, p = self.page, self.p
        p.setTransform(world)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        hatch = QBrush(self.hatch_tile())
        hatch.setTransform(world.inverted()[0])  # the hatching in device pixels, as on the legend
        for index in page.inset_units if inset else range(len(page.units)):
            path = page.unit_paths[index]
            p.fillPath(path, QColor(*page.colours[index]))
            if index in page.outside_index:
                p.fillPath(path, hatch)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(NO_BRUSH)
        if inset:  # magnified: the borders as wide as the matplotlib page's inset draws them
            self.hair_lines(page.inset_border_path, world, self.pt(INSET_EDGE_PT * self.s))
        else:
            self.hair_lines(page.border_path, world, self.pt(UNIT_WIDTH * self.s))
            province = self.pen(PROVINCE_EDGE, PROVINCE_WIDTH * self.s)
            province.setDashPattern(DASHES)
            p.setPen(province)
            p.drawPath(page.province_path)
        p.setPen(self.pen(REGION_EDGE, REGION_WIDTH * self.s))
        for piece in page.inset_region_polygons if inset else page.region_polygons:
            p.drawPolyline(piece)
        p.resetTransform()

    def hair_lines(self, path, world: QTransform, width: float) -> None:
        """The unit borders ``width`` device pixels wide, in UNIT_EDGE, by Qt's fast one-pixel line stroker:
        no wider than a pixel, one line (Agg draws matplotlib's thinner lines about as dark); wider, two lines
        (width − 1) apart (across and down, so a line at 45° to them is drawn one pixel wide)."""
        p = self.p
        if width <= 1.0:
            p.setPen(self.pen(UNIT_EDGE, pixels=1.0))
            p.drawPath(path)
            return
        reach = (width - 1.0) / 2
        p.setPen(self.pen(UNIT_EDGE, pixels=1.0))
        for shift in (-reach, reach):
            p.setTransform(world * QTransform.fromTranslate(shift, shift))
            p.drawPath(path)
        p.setTransform(world)

    def hatch_tile(self) -> QImage:
        """Four "/" lines across a transparent square that tiles the plane."""
        size = max(4, round(4 * self.dpi / HATCH_PER_INCH))
        tile = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        tile.fill(QColor(0, 0, 0, 0))
        painter = QPainter(tile)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.pen(OUTSIDE_EDGE, HATCH_WIDTH))
        for k in range(-4, 9):
            painter.drawLine(QLineF(k * size / 4, size, k * size / 4 + size, 0))
        painter.end()
        return tile

    def labels(self, to_px, labels) -> None:
        """Unit labels ((point, text, bold)) centred on their points, dark on a white halo, at whole pixels (Qt
        renders a glyph once for each position within a pixel it is drawn at)."""
        if not labels:
            return
        size = LABEL_PT * self.s
        regular, bold = self.font(size), self.font(size, bold=True)
        radius = self.pt(HALO_WIDTH * self.s) / 2
        around = list(dict.fromkeys((round(radius * math.cos(2 * math.pi * k / HALO_STEPS)),
                                     round(radius * math.sin(2 * math.pi * k / HALO_STEPS)))
                                    for k in range(HALO_STEPS)))
        at = to_px(np.array([point for point, _, _ in labels], dtype=np.float64).reshape(-1, 2))
        placed = []
        for (x, y), (_, text, strong) in zip(at.tolist(), labels):
            font = bold if strong else regular
            origin = self.origin(font, text, x, y, "center", "center")
            placed.append((round(origin.x()), round(origin.y()), text, font))
            self.texts.append((text, x, y))
        for colour, offsets in (("white", around), ("#111111", [(0, 0)])):
            self.p.setPen(QColor(colour))
            for x, y, text, font in placed:
                self.p.setFont(font)
                for dx, dy in offsets:
                    self.p.drawText(QPointF(x + dx, y + dy), text)

    def origin(self, font: QFont, text: str, x: float, y: float, ha: str, va: str) -> QPointF:
        """Where a text's baseline starts for it to sit at (x, y) as matplotlib's ``ha`` and ``va`` place it."""
        metrics = QFontMetricsF(font, self.p.device())
        width = metrics.horizontalAdvance(text)
        left = x - {"left": 0.0, "center": width / 2, "right": width}[ha]
        ascent, descent = metrics.ascent(), metrics.descent()
        base = {"top": y + ascent, "bottom": y - descent, "center": y + (ascent - descent) / 2, "baseline": y}[va]
        return QPointF(left, base)

    def text(self, text: str, x: float, y: float, points: float, *, ha: str = "left", va: str = "baseline",
             bold: bool = False, colour: str = "black") -> None:
        if not text:
            return
        font = self.font(points, bold)
        self.p.setFont(font)
        self.p.setPen(QColor(colour))
        self.p.drawText(self.origin(font, text, x, y, ha, va), text)
        self.texts.append((text, x, y))

    def frame_line(self, rect: QRectF, points: float) -> None:
        self.p.setPen(self.pen("black", points))
        self.p.setBrush(NO_BRUSH)
        self.p.drawRect(rect)

    def scale_bar(self, to_px) -> None:
        """Four black and white parts of a round length, bottom left; 0, half and the length above it."""
        x0, y0, x1, y1 = self.page.limits
        width, height = x1 - x0, y1 - y0
        km = self.page.scale_km
        bx, by, bar_h = x0 + 0.04 * width, y0 + 0.05 * height, 0.012 * height
        self.p.setPen(self.pen("black", 0.6))
        part = km * 1000 / 4
        for i in range(4):
            (left, top), (right, bottom) = to_px(np.array([[bx + i * part, by + bar_h], [bx + (i + 1) * part, by]]))
            self.p.setBrush(QColor("black" if i % 2 == 0 else "white"))
            self.p.drawRect(QRectF(QPointF(left, top), QPointF(right, bottom)))
        size = LABEL_PT * self.s
        for value in (0, km // 2, km):
            (x, y), = to_px(np.array([[bx + value * 1000, by + bar_h * 1.6]]))
            self.text(str(value), x, y, size, ha="center", va="bottom")
        (x, y), = to_px(np.array([[bx + km * 1000 + 0.01 * width, by + bar_h / 2]]))
        self.text("千米", x, y, size, va="center")

    def north_arrow(self, frame: QRectF) -> None:
        """Top right, turned clockwise by the meridians' convergence at the map's centre."""
        a = math.radians(self.page.north_angle)

        def at(fx: float, fy: float) -> QPointF:  # a fraction of the frame, y up
            return QPointF(frame.left() + fx * frame.width(), frame.bottom() - fy * frame.height())

        ox, oy, size = 0.94, 0.86, 0.06
        tip = (ox + size * math.sin(a), oy + size * math.cos(a))
        side = size * 0.35
        left = (ox - side * math.cos(a), oy + side * math.sin(a))
        right = (ox + side * math.cos(a), oy - side * math.sin(a))
        self.p.setPen(self.pen("black", 0.6))
        for corner, fill in ((left, "black"), (right, "white")):
            self.p.setBrush(QColor(fill))
            self.p.drawPolygon(QPolygonF([at(*tip), at(*corner), at(ox, oy)]))
        label = at(tip[0] + 0.012 * math.sin(a), tip[1] + 0.012 * math.cos(a))
        self.text("北", label.x(), label.y(), 9 * self.s, ha="center", va="bottom", bold=True)

    def inset(self) -> None:
        page = self.page
        if page.inset_limits is None:
            return
        rect = self.box(page.boxes.inset)
        to_px, world = self.transform(page.inset_limits, rect)
        self.p.save()
        self.p.setClipRect(rect)
        self.map_body(world, inset=True)
        self.labels(to_px, page.inset_labels)
        self.p.restore()
        self.frame_line(rect, 0.6)
        self.text(INSET_TITLE, rect.left(), rect.top() - self.pt(2), LABEL_PT * self.s + 1)

    def head_and_foot(self) -> None:
        page, s, texts = self.page, self.s, self.page.texts
        width_mm, height_mm = page.boxes.size_mm
        margin = page.boxes.margin
        centre, top = self.mm(width_mm / 2), self.mm(margin)
        self.text(texts.title, centre, top, 18 * s, ha="center", va="top", bold=True)
        self.text(texts.subtitle, centre, top + self.mm(11 * s), 10 * s, ha="center", va="top")
        if texts.note:  # what-if edits in force, in red, wrapped to the page's width
            metrics = QFontMetricsF(self.font(8 * s), self.p.device())
            y = top + self.mm(17.5 * s)
            for line in wrap(texts.note, metrics.horizontalAdvance, self.mm(width_mm - 2 * margin)):
                self.text(line, centre, y, 8 * s, ha="center", va="top", colour=NOTE_RGB)
                y += metrics.lineSpacing()
        left, right, bottom = self.mm(margin), self.mm(width_mm - margin), self.mm(height_mm - margin)
        rule = bottom - self.mm(9 * s)
        self.p.setPen(self.pen("#444444", 0.6))
        self.p.drawLine(QLineF(left, rule, right, rule))
        self.text(texts.source, left, bottom - self.mm(4.5 * s), LABEL_PT * s, va="center", colour="#333333")
        self.text(texts.disclaimer + unlabelled_note(page.unlabelled), left, bottom, LABEL_PT * s, va="bottom",
                  colour="#333333")

    def legend(self) -> None:
        """Title, the layer's colours, the hatching and the two outlines, spaced as matplotlib's legend: rows
        1.5 type sizes apart, handles 2.2 wide and 0.7 high, 0.8 from their labels."""
        page, s = self.page, self.s
        rect = self.box(page.boxes.legend)
        size = self.pt(8 * s)
        x, y = rect.left() + 0.4 * size, rect.top() + 0.4 * size
        self.text(page.texts.legend_title, x, y, 9.5 * s, va="top")
        y += self.pt(9.5 * s) * 1.2 + 0.5 * size
        handle_w, handle_h = 2.2 * size, 0.7 * size
        rows: list[tuple[str, object]] = [(e.label, QColor(*e.rgb)) for e in page.legend_entries]
        if page.outside:
            rows.append((OUTSIDE_LABEL, "hatch"))
        rows += [(REGION_LINE_LABEL, "region"), (PROVINCE_LINE_LABEL, "province")]
        for label, handle in rows:
            middle = y + size / 2
            box = QRectF(x, middle - handle_h / 2, handle_w, handle_h)
            if handle in ("region", "province"):
                pen = self.pen(REGION_EDGE, REGION_WIDTH * s) if handle == "region" else \
                    self.pen(PROVINCE_EDGE, PROVINCE_WIDTH * s)
                if handle == "province":
                    pen.setDashPattern(DASHES)
                self.p.setPen(pen)
                self.p.drawLine(QLineF(box.left(), middle, box.right(), middle))
            else:
                self.p.setPen(self.pen(OUTSIDE_EDGE if handle == "hatch" else UNIT_EDGE, 0.4))
                self.p.setBrush(QBrush(self.hatch_tile()) if handle == "hatch" else handle)
                self.p.drawRect(box)
            self.text(label, box.right() + 0.8 * size, middle, 8 * s, va="center")
            y += 1.5 * size

    def region_table(self) -> None:
        """各联动区域预警等级: each region's swatch, name and level at this step."""
        page, s = self.page, self.s
        if not page.regions:
            return
        rect = self.box(page.boxes.table)
        row_h = rect.height() / (len(page.regions) + 1)
        self.text(REGION_TABLE_TITLE, rect.left(), rect.top(), 8.5 * s, va="top", bold=True)
        for i, row in enumerate(page.regions):
            y = rect.top() + (i + 1.5) * row_h
            self.p.setPen(self.pen(UNIT_EDGE, 0.4))
            self.p.setBrush(QColor(*row.rgb))
            self.p.drawRect(QRectF(rect.left(), y - row_h * 0.32, rect.width() * 0.1, row_h * 0.64))
            self.text(row.region, rect.left() + rect.width() * 0.14, y, 8 * s, va="center")
            self.text(row.level_label, rect.right(), y, 8 * s, ha="right", va="center")
