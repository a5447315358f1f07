"""The meeting map's PNG page drawn by Qt's raster painter: the page :class:`maps.layout.MeetingMap` lays out —
units coloured by a layer and hatched outside the linkage, their borders, the linkage regions' and the
Sichuan–Chongqing outlines, unit labels with a white halo, title, subtitle, legend, scale bar, north arrow, the
主城区 inset, the region table and the footer — in the same boxes (:mod:`maps.page_geometry`), colours, widths
and type sizes (:mod:`maps.page`), drawn by :mod:`app.export_qt.page_painting`. It writes the PNG files of the
``map`` command and of the window's export and print; PDF and SVG stay with the matplotlib page (vector, text
embedded or as paths).

Why (issue 26: ``map … --out m.png``, A4 at 300 dpi, within 2× the numpy + pandas import): matplotlib alone
cannot get there — importing its figure, text and Agg modules costs 0.25–0.30 s and drawing the page 0.35–0.45
s. Qt's modules load in ~0.15 s (shiboken's signature support, QtCore, QtGui; Qt's enums when the first pen is
set), the page is built in ~0.05 s and drawn in ~0.1 s, its PNG written in ~0.05 s.

Everything the map draws is made once, in world coordinates (metres), when the page is built: a frame only
recolours the units and sets the texts (a series of 168 hours costs one build).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

import numpy as np
from PySide6.QtGui import QFontDatabase, QGuiApplication, QImage, QPainter

from app.atomic import write_bytes_atomic
from app.export_qt.page_painting import PagePainting
from app.export_qt.qpaths import lines_path, polygon, rings_path
from maps.lambert import north_angle_deg
from maps.page import CENTRAL_CHONGQING, NO_DATA_RGB, LegendEntry, MapTexts, RegionRow, nice_scale_km
from maps.page_geometry import fit_limits, grown, line_boxes, meeting, page_boxes, pieces, shared_once
from maps.png import encode_png

MM = 25.4  # millimetres an inch
PNG_TEXT = {"Software": "HazeDesk"}


def gui_application() -> QGuiApplication:
    """The running Qt application, or a new one on the offscreen platform (a command draws without a display)."""
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication([sys.argv[0] if sys.argv else "hazedesk", "-platform", "offscreen"])
    return app


_families: dict[str, str] = {}


def map_font_family() -> str:
    """The bundled sans-serif family (its regular and bold faces: the matplotlib page's font), registered with
    Qt by file once — never looked up among the machine's fonts."""
    if "sans" not in _families:
        from app.export.fonts import font_path

        family = ""
        for role in ("sans", "sans-bold"):
            font_id = QFontDatabase.addApplicationFont(str(font_path(role)))
            if font_id >= 0 and not family:
                family = QFontDatabase.applicationFontFamilies(font_id)[0]
        if not family:
            raise FileNotFoundError(f"Qt could not load the bundled map font {font_path('sans')}")
        _families["sans"] = family
    return _families["sans"]


class QtMeetingMap:
    """A landscape page drawn by QPainter: build once, :meth:`draw` per frame, :meth:`save` as PNG — the
    interface of :class:`maps.layout.MeetingMap` for PNG, from the window's drawing data
    (:class:`maps.drawing.DrawingGeometry`)."""

    def __init__(self, geometry, paper: str = "A4", *, label_min_km2: float = 500.0, detail: str = "fine"):
        boxes = page_boxes(paper)  # refuses an unknown paper
        gui_application()
        self.paper, self.boxes, self.scale = paper, boxes, boxes.scale
        self.family = map_font_family()
        self.units = list(geometry.names)
        rings = geometry.lods[detail]
        coords, offsets = rings.coords, rings.offsets
        regions = list(geometry.regions)
        self.outside = [n for n, r in zip(self.units, regions) if not r]  # hatched on every layer
        self.outside_index = {i for i, r in enumerate(regions) if not r}
        self.unit_paths, self.unit_boxes = [], np.full((len(self.units), 4), np.nan)  # NaN: no rings
        for index in range(len(self.units)):
            own = [coords[offsets[r]:offsets[r + 1]] for r in np.flatnonzero(rings.owner == index)]
            self.unit_paths.append(rings_path(own))
            if own:
                points = np.concatenate(own)
                self.unit_boxes[index] = (*points.min(axis=0), *points.max(axis=0))
        # a border two units share is one line: drawn once, not as both units' outlines over each other
        self.borders = [coords[run] for run in shared_once(coords, offsets)]
        self.border_path = lines_path(self.borders)
        region = geometry.region_rings[detail]
        self.region_pieces = pieces([region.coords[a:b] for a, b in zip(region.offsets[:-1], region.offsets[1:])])
        self.region_polygons = [polygon(piece) for piece in self.region_pieces]
        province = geometry.province_rings[detail]
        self.province_path = lines_path([province.coords[a:b]
                                         for a, b in zip(province.offsets[:-1], province.offsets[1:])])
        frame = boxes.frame
        self.limits = fit_limits(*coords.min(axis=0), *coords.max(axis=0), 0.03, frame[3] / frame[2])
        self._place_labels(geometry, label_min_km2)
        self._inset(geometry)
        x0, y0, x1, y1 = self.limits
        self.scale_km = nice_scale_km(x1 - x0)
        self.north_angle = north_angle_deg((x0 + x1) / 2, (y0 + y1) / 2)
        self.colours: list[tuple[int, int, int]] = [NO_DATA_RGB] * len(self.units)
        self.texts = MapTexts("", "", "", "")
        self.legend_entries: list[LegendEntry] = []
        self.regions: list[RegionRow] = []
        self.drawn_texts: list[tuple[str, float, float]] = []  # the last drawing's texts: (text, x, y) in pixels

    def _place_labels(self, geometry, label_min_km2: float) -> None:
        points = np.asarray(geometry.label_points, dtype=np.float64)
        areas_km2 = np.asarray(geometry.areas, dtype=np.float64) / 1e6
        self.label_points, self.short_names = points, list(geometry.short_names)
        self.labels, self.unlabelled = [], []
        for name, point, area, text in zip(self.units, points, areas_km2, self.short_names):
            if name in CENTRAL_CHONGQING:
                continue  # too small here: labelled in the inset
            if area < label_min_km2:
                self.unlabelled.append(name)  # named in the footer
            else:
                self.labels.append((point, text, False))

    def _inset(self, geometry) -> None:
        """主城区放大图: the central Chongqing districts, each labelled (bold), and what reaches into them."""
        central = [i for i, n in enumerate(self.units) if n in CENTRAL_CHONGQING and not np.isnan(self.unit_boxes[i]).any()]
        self.inset_limits = None
        self.inset_labels, self.inset_units, self.inset_region_polygons = [], [], []
        self.inset_border_path = lines_path([])
        if not central:
            return
        box = self.unit_boxes[central]
        inset = self.boxes.inset
        self.inset_limits = fit_limits(*box[:, :2].min(axis=0), *box[:, 2:].max(axis=0), 0.06, inset[3] / inset[2])
        x0, y0, x1, y1 = self.inset_limits
        self.inset_labels = [(point, text, name in CENTRAL_CHONGQING)
                             for name, point, text in zip(self.units, self.label_points, self.short_names)
                             if x0 < point[0] < x1 and y0 < point[1] < y1]
        near = grown(self.inset_limits, 0.02)  # 25 of the 59 units reach into it
        self.inset_units = [int(i) for i in np.flatnonzero(meeting(self.unit_boxes, near))]
        self.inset_border_path = lines_path([self.borders[i] for i in np.flatnonzero(meeting(line_boxes(self.borders),
                                                                                             near))])
        self.inset_region_polygons = [self.region_polygons[i]
                                      for i in np.flatnonzero(meeting(line_boxes(self.region_pieces), near))]

    # --- per frame ----------------------------------------------------------------------------------------
    def draw(self, colours: Mapping[str, tuple[int, int, int]], texts: MapTexts, legend: Sequence[LegendEntry],
             regions: Sequence[RegionRow] = ()) -> None:
        """What the next :meth:`save` draws: each unit's colour (grey, "no data", when absent), the texts, the
        legend and the table of the regions' levels."""
        self.colours = [tuple(colours.get(name, NO_DATA_RGB)) for name in self.units]
        self.texts, self.legend_entries, self.regions = texts, list(legend), list(regions)

    def save(self, target, *, format: str, dpi: int = 300) -> None:
        """Write the page to a path or binary file object; PNG only (the matplotlib page writes PDF and SVG)."""
        if format != "png":
            raise ValueError(f"the Qt page writes PNG, not {format!r}")
        data = encode_png(self.pixels(dpi), dpi=dpi, text=PNG_TEXT)
        if hasattr(target, "write"):
            target.write(data)
        else:
            write_bytes_atomic(target, data)  # a killed export leaves the old file, never half a page

    def pixels(self, dpi: int) -> np.ndarray:
        """The page drawn at ``dpi``: height × width × 3 RGB, top row first, as many pixels as matplotlib's
        canvas (whole pixels, rounded down).

        Qt paints into a numpy array: numpy makes the 35 MB of an A4 page at 300 dpi white in a few
        milliseconds (in huge pages), where a new QImage's fill took 40–50 ms, most of it the first touch of
        its memory."""
        width_mm, height_mm = self.boxes.size_mm
        width, height = int(width_mm / MM * dpi), int(height_mm / MM * dpi)
        buffer = np.full((height, width), 0xFFFFFFFF, dtype=np.uint32)  # white, as 0xAARRGGBB
        image = QImage(buffer.data, width, height, width * 4, QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(round(dpi / MM * 1000))
        image.setDotsPerMeterY(round(dpi / MM * 1000))
        painter = QPainter(image)
        try:
            self.drawn_texts = PagePainting(self, painter, dpi).draw_page()
        finally:
            painter.end()
        del image
        return buffer.view(np.uint8).reshape(height, width, 4)[:, :, 2::-1]  # memory order B, G, R, A

    def image(self, dpi: int) -> QImage:
        """The page at ``dpi`` as an RGB QImage."""
        rgb = np.ascontiguousarray(self.pixels(dpi))
        return QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.shape[1] * 3, QImage.Format.Format_RGB888).copy()


def qt_page(shapes, paper: str):
    """The page factory :class:`app.export.maps.MapExporter` takes (``page=``): this page for the drawing data
    (what the exporter reads when no boundary file is given), the matplotlib page for anything else."""
    from maps.drawing import DrawingGeometry

    if isinstance(shapes, DrawingGeometry):
        return QtMeetingMap(shapes, paper)
    from app.export.maps import matplotlib_page

    return matplotlib_page(shapes, paper)


def page_for(out) -> object | None:
    """The ``page=`` for an export to ``out``: the Qt page for a PNG, None (the matplotlib page) otherwise."""
    from pathlib import Path

    return qt_page if Path(out).suffix.lower() == ".png" else None
