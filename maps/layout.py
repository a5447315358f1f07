"""A matplotlib page layout for meeting maps: the 59 units coloured by a layer, with everything a printed or
projected map needs — title, forecast and issue time, legend, scale bar, north arrow, linkage-region and province
outlines, unit labels, source and disclaimer footer — on A4 or A3 landscape.

The figure is built once (:class:`MeetingMap`); :meth:`MeetingMap.draw` only recolours the units and replaces the
texts and legend, so a series of 168 hourly frames costs one layout. No pyplot (no global figure state, safe in a
worker thread) and no Qt. Fonts come from the caller as matplotlib rcParams (``app.export.fonts``), because this
layer sits below the exports.

Geometry is drawn in the basin projection (:data:`maps.projection.BASIN_CRS`, Lambert conformal, metres): the
scale bar measures projected metres, true to within the projection's ~0.15 % scale error over the two provinces;
the north arrow points to true north at the map's centre (meridians converge by a few degrees across the map).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from maps.lambert import north_angle_deg
from maps.mpl import (
    Figure,
    FigureCanvasAgg,
    Line2D,
    Patch,
    PathCollection,
    Polygon,
    Rectangle,
    patheffects,
    rc_context,
)
from maps.mpl import Path as MplPath
from maps.page import (  # noqa: F401  (the page's data and look, re-exported: maps.layout is where they were)
    CENTRAL_CHONGQING,
    DEFAULT_DISCLAIMER,
    HALO_WIDTH,
    INSET_TITLE,
    LABEL_PT,
    NO_DATA_RGB,
    NOTE_RGB,
    OUTSIDE_EDGE,
    OUTSIDE_HATCH,
    OUTSIDE_LABEL,
    PAPER_MM,
    PROVINCE_EDGE,
    PROVINCE_LINE_LABEL,
    PROVINCE_STYLE,
    PROVINCE_WIDTH,
    REGION_EDGE,
    REGION_LINE_LABEL,
    REGION_STYLE,
    REGION_TABLE_TITLE,
    REGION_WIDTH,
    SCALE_STEPS_KM,
    UNIT_EDGE,
    UNIT_WIDTH,
    LegendEntry,
    MapTexts,
    RegionRow,
    nice_scale_km,
    unlabelled_note,
)
from maps.png import encode_png

if TYPE_CHECKING:
    from maps.boundaries import Boundaries
    from maps.drawing import DrawingGeometry, Rings

def unit_path(geometry) -> MplPath:
    """One compound path per unit (all parts, holes included) for a PathCollection."""
    import shapely  # only here: the drawing data's paths (the map command's) need no shapely

    vertices, codes = [], []
    for polygon in shapely.get_parts(geometry):
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=MplPath.code_type)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def outline_paths(geometries) -> list[MplPath]:
    return [unit_path(g) for g in geometries if g is not None and not g.is_empty]


@dataclass
class MapShapes:
    """What the page draws of the units, in the basin's metric CRS, at one level of detail: from a
    :class:`~maps.boundaries.Boundaries` (geopandas; merged and simplified now) or from the drawing data the
    window reads (:mod:`maps.derived`: shipped or cached, milliseconds)."""

    names: list[str]
    regions: list[str]  # linkage region per unit, "" outside the linkage
    short_names: list[str]
    areas_km2: np.ndarray
    label_xy: np.ndarray  # (units, 2)
    unit_paths: list[MplPath]
    province_paths: list[MplPath]
    region_paths: list[MplPath]

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return _bounds(self.unit_paths)

    def bounds_of(self, names: Sequence[str]) -> tuple[float, float, float, float] | None:
        paths = [p for n, p in zip(self.names, self.unit_paths) if n in names]
        return _bounds(paths) if paths else None

    @classmethod
    def from_boundaries(cls, boundaries: Boundaries, detail: str = "fine") -> MapShapes:
        regions = boundaries.gdf["region"].to_numpy()
        points = boundaries.label_points().values
        return cls(names=list(boundaries.names), regions=[r if isinstance(r, str) else "" for r in regions],
                   short_names=[str(x) for x in boundaries.gdf["short_name"].to_numpy()],
                   areas_km2=boundaries.projected.geometry.area.to_numpy() / 1e6,
                   label_xy=np.array([[p.x, p.y] for p in points], dtype=np.float64).reshape(-1, 2),
                   unit_paths=[unit_path(g) for g in boundaries.lod(detail).values],
                   province_paths=outline_paths(boundaries.province_outlines(detail).values),
                   region_paths=outline_paths(boundaries.region_outlines(detail).values))

    @classmethod
    def from_drawing(cls, geometry: DrawingGeometry, detail: str = "fine") -> MapShapes:
        """The window's drawing data: the same simplified rings; the province line is the Sichuan–Chongqing
        border the window draws (not the two provinces' whole outlines)."""
        return cls(names=list(geometry.names), regions=list(geometry.regions), short_names=list(geometry.short_names),
                   areas_km2=np.asarray(geometry.areas, dtype=np.float64) / 1e6,
                   label_xy=np.asarray(geometry.label_points, dtype=np.float64),
                   unit_paths=rings_paths(geometry.lods[detail], len(geometry.names)),
                   province_paths=[p for p in rings_paths(geometry.province_rings[detail], 1, closed=False) if p],
                   region_paths=[p for p in rings_paths(geometry.region_rings[detail], len(geometry.region_names))
                                 if p])


def _overlaps(path: MplPath, x0: float, y0: float, x1: float, y1: float) -> bool:
    """Whether the path's bounding box meets the box (x0, y0)–(x1, y1)."""
    xy = path.vertices
    return bool(xy[:, 0].max() >= x0 and xy[:, 0].min() <= x1 and xy[:, 1].max() >= y0 and xy[:, 1].min() <= y1)


def _bounds(paths: Sequence[MplPath]) -> tuple[float, float, float, float]:
    xy = np.concatenate([p.vertices for p in paths])
    return float(xy[:, 0].min()), float(xy[:, 1].min()), float(xy[:, 0].max()), float(xy[:, 1].max())


def rings_paths(rings: Rings, count: int, *, closed: bool = True) -> list[MplPath | None]:
    """One compound path per owner 0…count-1 (None for an owner without rings), as :func:`unit_path` builds
    it from the geometry: each ring MOVETO, LINETO…, then CLOSEPOLY when ``closed`` (open lines end LINETO)."""
    coords, offsets, owner = rings.coords, rings.offsets, rings.owner
    codes = np.full(len(coords), MplPath.LINETO, dtype=MplPath.code_type)
    codes[offsets[:-1]] = MplPath.MOVETO
    if closed:
        codes[offsets[1:] - 1] = MplPath.CLOSEPOLY
    paths: list[MplPath | None] = []
    for index in range(count):
        mine = np.flatnonzero(owner == index)
        if not len(mine):
            paths.append(None)
            continue
        spans = [slice(offsets[i], offsets[i + 1]) for i in mine]
        paths.append(MplPath(np.concatenate([coords[sl] for sl in spans]), np.concatenate([codes[sl] for sl in spans])))
    return paths


class MeetingMap:
    """A reusable landscape page: build once, :meth:`draw` per frame, :meth:`save` as PNG / PDF / SVG."""

    def __init__(self, boundaries: Boundaries | DrawingGeometry | MapShapes, *, paper: str = "A4",
                 rc: Mapping | None = None, label_min_km2: float = 500.0, detail: str = "fine"):
        if paper not in PAPER_MM:
            raise ValueError(f"unknown paper {paper!r}; expected one of {', '.join(PAPER_MM)}")
        self.paper = paper
        self.rc = dict(rc or {})
        if not isinstance(boundaries, MapShapes):
            from maps.drawing import DrawingGeometry

            boundaries = (MapShapes.from_drawing(boundaries, detail) if isinstance(boundaries, DrawingGeometry)
                          else MapShapes.from_boundaries(boundaries, detail))
        self.units = list(boundaries.names)
        width_mm, height_mm = PAPER_MM[paper]
        self.scale = width_mm / PAPER_MM["A4"][0]  # type sizes grow with the paper
        with rc_context(self.rc):
            self.figure = Figure(figsize=(width_mm / 25.4, height_mm / 25.4))
            FigureCanvasAgg(self.figure)
            self._build(boundaries, width_mm, height_mm, label_min_km2)

    # --- layout -------------------------------------------------------------------------------------------
    def _frac(self, x_mm: float, y_mm: float) -> tuple[float, float]:
        width_mm, height_mm = PAPER_MM[self.paper]
        return x_mm / width_mm, y_mm / height_mm

    def _build(self, shapes: MapShapes, width_mm: float, height_mm: float, label_min_km2: float) -> None:
        s = self.scale
        margin, head, foot, side = 10 * s, 28 * s, 14 * s, 70 * s
        left, bottom = self._frac(margin, margin + foot)
        w, h = self._frac(width_mm - 2 * margin - side, height_mm - 2 * margin - head - foot)
        ax = self.figure.add_axes((left, bottom, w, h))
        box_aspect = (h * height_mm) / (w * width_mm)  # height / width of the map frame on paper
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_linewidth(0.8)
        self.ax = ax

        self._units = PathCollection(shapes.unit_paths, edgecolors=UNIT_EDGE,
                                     linewidths=UNIT_WIDTH * s, facecolors=[np.array(NO_DATA_RGB) / 255], zorder=1)
        ax.add_collection(self._units)
        # units outside the linkage: hatched on every layer, so they never read as "linkage, no warning"
        self.outside = [n for n, r in zip(self.units, shapes.regions) if not r]
        outside_paths = [p for p, r in zip(shapes.unit_paths, shapes.regions) if not r]
        if outside_paths:
            ax.add_collection(PathCollection(outside_paths, facecolors="none",
                                             edgecolors=OUTSIDE_EDGE, linewidths=0, hatch=OUTSIDE_HATCH, zorder=2))
        ax.add_collection(PathCollection(shapes.province_paths,
                                         facecolors="none", edgecolors=PROVINCE_EDGE, linewidths=PROVINCE_WIDTH * s,
                                         linestyles=PROVINCE_STYLE, zorder=3))
        ax.add_collection(PathCollection(shapes.region_paths,
                                         facecolors="none", edgecolors=REGION_EDGE, linewidths=REGION_WIDTH * s,
                                         linestyles=REGION_STYLE, zorder=4))
        x0, y0, x1, y1 = shapes.bounds
        pad = 0.03 * max(x1 - x0, y1 - y0)
        x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
        # widen the data range to the frame's shape, so one metre is as long across as up (equal aspect)
        if (y1 - y0) / (x1 - x0) < box_aspect:
            grow = ((x1 - x0) * box_aspect - (y1 - y0)) / 2
            y0, y1 = y0 - grow, y1 + grow
        else:
            grow = ((y1 - y0) / box_aspect - (x1 - x0)) / 2
            x0, x1 = x0 - grow, x1 + grow
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        self._labels(shapes, label_min_km2)
        self._scale_bar(x0, y0, x1 - x0, y1 - y0)
        self._north_arrow((x0 + x1) / 2, (y0 + y1) / 2)

        top = 1 - self._frac(0, margin)[1]
        self._title = self.figure.text(0.5, top, "", ha="center", va="top", fontsize=18 * s, fontweight="bold")
        self._subtitle = self.figure.text(0.5, top - self._frac(0, 11 * s)[1], "", ha="center", va="top",
                                          fontsize=10 * s)
        self._note = self.figure.text(0.5, top - self._frac(0, 17.5 * s)[1], "", ha="center", va="top",
                                      fontsize=8 * s, color=NOTE_RGB, wrap=True)
        foot_y = self._frac(0, margin)[1]
        self.figure.add_artist(Line2D([left, 1 - left], [foot_y + self._frac(0, 9 * s)[1]] * 2, color="#444444",
                                      linewidth=0.6, transform=self.figure.transFigure))
        self._source = self.figure.text(left, foot_y + self._frac(0, 4.5 * s)[1], "", ha="left", va="center",
                                        fontsize=LABEL_PT * s, color="#333333")
        self._disclaimer = self.figure.text(left, foot_y, "", ha="left", va="bottom", fontsize=LABEL_PT * s,
                                            color="#333333")
        # the side column: legend on top, the central-Chongqing inset, the table of the regions' levels
        legend_left = left + w + self._frac(5 * s, 0)[0]
        column_w = 1 - legend_left - left
        inset_h = self._frac(0, 52 * s)[1]
        table_h = self._frac(0, 30 * s)[1]
        self._table_ax = self.figure.add_axes((legend_left, bottom, column_w, table_h))
        self._table_ax.set_axis_off()
        inset_bottom = bottom + table_h + self._frac(0, 3 * s)[1]
        self._inset(shapes, (legend_left, inset_bottom, column_w, inset_h), label_min_km2)
        legend_bottom = inset_bottom + inset_h + self._frac(0, 2 * s)[1]
        self._legend_ax = self.figure.add_axes((legend_left, legend_bottom, column_w, bottom + h - legend_bottom))
        self._legend_ax.set_axis_off()

    def _labels(self, shapes: MapShapes, label_min_km2: float) -> None:
        halo = [patheffects.withStroke(linewidth=HALO_WIDTH * self.scale, foreground="white")]
        self.unlabelled = []
        self.in_inset = [n for n in self.units if n in CENTRAL_CHONGQING]
        for name, (x, y), area, text in zip(self.units, shapes.label_xy, shapes.areas_km2, shapes.short_names):
            if name in CENTRAL_CHONGQING:
                continue  # labelled in the inset
            if area < label_min_km2:
                self.unlabelled.append(name)
                continue
            self.ax.text(x, y, text, ha="center", va="center", fontsize=LABEL_PT * self.scale,
                         color="#111111", path_effects=halo, zorder=6, clip_on=True)

    def _inset(self, shapes: MapShapes, rect, label_min_km2: float) -> None:
        """主城区放大图: the central Chongqing districts, each labelled, in the side column; a frame on the map
        shows where it is."""
        s = self.scale
        ax = self.figure.add_axes(rect)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_linewidth(0.6)
        central = shapes.bounds_of(CENTRAL_CHONGQING)
        if central is None:
            self._inset_index = np.arange(len(self.units))
            self._inset_units = PathCollection(shapes.unit_paths)
            ax.add_collection(self._inset_units)
            ax.set_visible(False)
            return
        x0, y0, x1, y1 = central
        pad = 0.06 * max(x1 - x0, y1 - y0)
        x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
        fig_w, fig_h = PAPER_MM[self.paper]
        aspect = (rect[3] * fig_h) / (rect[2] * fig_w)
        if (y1 - y0) / (x1 - x0) < aspect:
            grow = ((x1 - x0) * aspect - (y1 - y0)) / 2
            y0, y1 = y0 - grow, y1 + grow
        else:
            grow = ((y1 - y0) / aspect - (x1 - x0)) / 2
            x0, x1 = x0 - grow, x1 + grow
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        # only the units that reach into the inset (25 of 59): Agg rasterises a clipped path whole
        margin = 0.02 * (x1 - x0)
        self._inset_index = np.array([i for i, p in enumerate(shapes.unit_paths)
                                      if _overlaps(p, x0 - margin, y0 - margin, x1 + margin, y1 + margin)], dtype=int)
        self._inset_units = PathCollection([shapes.unit_paths[i] for i in self._inset_index], edgecolors="#5a5a5a",
                                           linewidths=0.4 * s, facecolors=[np.array(NO_DATA_RGB) / 255], zorder=1)
        ax.add_collection(self._inset_units)
        ax.add_collection(PathCollection(shapes.region_paths, facecolors="none",
                                         edgecolors=REGION_EDGE, linewidths=REGION_WIDTH * s, linestyles=REGION_STYLE,
                                         zorder=4))
        halo = [patheffects.withStroke(linewidth=HALO_WIDTH * s, foreground="white")]
        for name, (x, y), text in zip(self.units, shapes.label_xy, shapes.short_names):
            if x0 < x < x1 and y0 < y < y1:
                ax.text(x, y, text, ha="center", va="center", fontsize=LABEL_PT * s, color="#111111",
                        path_effects=halo, zorder=6, clip_on=True,
                        fontweight="bold" if name in CENTRAL_CHONGQING else "normal")
        ax.set_title(INSET_TITLE, fontsize=LABEL_PT * s + 1, loc="left", pad=2)
        self.ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor="none", edgecolor="#222222",
                                    linewidth=0.7, zorder=9))

    def _scale_bar(self, x: float, y: float, width: float, height: float) -> None:
        km = nice_scale_km(width)
        x0, y0 = x + 0.04 * width, y + 0.05 * height
        bar_h = 0.012 * height
        for i in range(4):
            part = km * 1000 / 4
            self.ax.add_patch(Rectangle((x0 + i * part, y0), part, bar_h, facecolor="black" if i % 2 == 0 else "white",
                                        edgecolor="black", linewidth=0.6, zorder=7))
        for value in (0, km // 2, km):
            self.ax.text(x0 + value * 1000, y0 + bar_h * 1.6, str(value), ha="center", va="bottom",
                         fontsize=LABEL_PT * self.scale, zorder=7)
        self.ax.text(x0 + km * 1000 + 0.01 * width, y0 + bar_h / 2, "千米", ha="left", va="center",
                     fontsize=LABEL_PT * self.scale, zorder=7)
        self.scale_km = km

    def _north_arrow(self, cx: float, cy: float) -> None:
        self.north_angle = north_angle_deg(cx, cy)
        a = math.radians(self.north_angle)
        # arrow in axes fraction, top right, rotated clockwise by the convergence angle
        ox, oy, size = 0.94, 0.86, 0.06
        tip = (ox + size * math.sin(a), oy + size * math.cos(a))
        side = size * 0.35
        left = (ox - side * math.cos(a), oy + side * math.sin(a))
        right = (ox + side * math.cos(a), oy - side * math.sin(a))
        self.ax.add_patch(Polygon([tip, left, (ox, oy)], closed=True, facecolor="black", edgecolor="black",
                                  linewidth=0.6, transform=self.ax.transAxes, zorder=8))
        self.ax.add_patch(Polygon([tip, right, (ox, oy)], closed=True, facecolor="white", edgecolor="black",
                                  linewidth=0.6, transform=self.ax.transAxes, zorder=8))
        self.ax.text(tip[0] + 0.012 * math.sin(a), tip[1] + 0.012 * math.cos(a), "北", ha="center", va="bottom",
                     fontsize=9 * self.scale, fontweight="bold", transform=self.ax.transAxes, zorder=8)

    # --- per frame ----------------------------------------------------------------------------------------
    def draw(self, colours: Mapping[str, tuple[int, int, int]], texts: MapTexts,
             legend: Sequence[LegendEntry], regions: Sequence[RegionRow] = ()) -> None:
        """Colour each unit (units absent from ``colours`` are grey, "no data"), set texts, legend and the table
        of the regions' levels."""
        rgb = np.array([colours.get(name, NO_DATA_RGB) for name in self.units], dtype=float) / 255.0
        s = self.scale
        with rc_context(self.rc):
            self._units.set_facecolor(rgb)
            self._inset_units.set_facecolor(rgb[self._inset_index])
            self._title.set_text(texts.title)
            self._subtitle.set_text(texts.subtitle)
            self._note.set_text(texts.note)
            self._source.set_text(texts.source)
            self._disclaimer.set_text(texts.disclaimer + unlabelled_note(self.unlabelled))
            _empty(self._legend_ax)
            handles = [Patch(facecolor=np.array(e.rgb) / 255, edgecolor="#5a5a5a", linewidth=0.4) for e in legend]
            labels = [e.label for e in legend]
            if self.outside:
                handles.append(Patch(facecolor="none", edgecolor=OUTSIDE_EDGE, hatch=OUTSIDE_HATCH, linewidth=0.4))
                labels.append(OUTSIDE_LABEL)
            handles += [Line2D([], [], color=REGION_EDGE, linewidth=REGION_WIDTH * s, linestyle=REGION_STYLE),
                        Line2D([], [], color=PROVINCE_EDGE, linewidth=PROVINCE_WIDTH * s, linestyle=PROVINCE_STYLE)]
            labels += [REGION_LINE_LABEL, PROVINCE_LINE_LABEL]
            self._legend_ax.legend(handles, labels, loc="upper left", title=texts.legend_title, frameon=False,
                                   fontsize=8 * s, title_fontsize=9.5 * s,
                                   alignment="left", handlelength=2.2, borderaxespad=0)
            self._region_table(regions)

    def _region_table(self, regions: Sequence[RegionRow]) -> None:
        ax = self._table_ax
        _empty(ax)
        if not regions:
            return
        s = self.scale
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        row_h = 1 / (len(regions) + 1)
        ax.text(0, 1, REGION_TABLE_TITLE, ha="left", va="top", fontsize=8.5 * s, fontweight="bold")
        for i, row in enumerate(regions):
            y = 1 - (i + 1.5) * row_h
            ax.add_patch(Rectangle((0, y - row_h * 0.32), 0.1, row_h * 0.64, facecolor=np.array(row.rgb) / 255,
                                   edgecolor="#5a5a5a", linewidth=0.4))
            ax.text(0.14, y, row.region, ha="left", va="center", fontsize=8 * s)
            ax.text(1.0, y, row.level_label, ha="right", va="center", fontsize=8 * s)

    def save(self, target, *, format: str, dpi: int = 300) -> None:
        """Write the page to a path or binary file object as ``png``, ``pdf`` or ``svg``."""
        if format == "png":  # the pixels as savefig draws them, encoded by maps.png (a sixth of Pillow's time)
            data = encode_png(self._pixels(dpi), dpi=dpi, text=_metadata("png"))
            if hasattr(target, "write"):
                target.write(data)
            else:
                with open(target, "wb") as out:
                    out.write(data)
            return
        with rc_context(self.rc):
            self.figure.savefig(target, format=format, dpi=dpi, metadata=_metadata(format))

    def _pixels(self, dpi: int) -> np.ndarray:
        """The page drawn at ``dpi``: height × width × 4 uint8 pixels, top row first (what savefig writes); a
        view of the canvas's buffer, valid until the next draw."""
        canvas, before = self.figure.canvas, self.figure.dpi
        try:
            with rc_context(self.rc):
                self.figure.dpi = dpi
                canvas.draw()
                return np.asarray(canvas.buffer_rgba())
        finally:
            self.figure.dpi = before


def _empty(ax) -> None:
    """Take away what the last frame drew in a side axes (the legend; the table's texts and patches): all that
    ``clear()`` would, without rebuilding the axes' ticks, spines and grid lines — 20–40 ms each time, for axes
    that are off (issue 26)."""
    if ax.legend_ is not None:
        ax.legend_.remove()
    for artist in [*ax.texts, *ax.patches]:
        artist.remove()


def _metadata(format: str) -> dict:
    if format == "png":
        return {"Software": "HazeDesk"}
    if format == "pdf":
        return {"Creator": "HazeDesk", "CreationDate": None}  # no timestamp: same map, same bytes
    if format == "svg":
        return {"Creator": "HazeDesk", "Date": None}
    return {}
