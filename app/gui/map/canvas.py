"""The map canvas: 59 units coloured for the current hour and layer; pan, zoom, hover, select.

An hour step only swaps the colour table of the cached unit-index raster and repaints (see
:mod:`app.gui.map.renderer`); geometry is rendered again only when the view changes (pan, zoom, resize).
Highlights (selection, the selected episode's triggering cluster, edited units, hover) and the adjacency graph
are drawn into their own cached layers (:mod:`app.gui.map.highlights`) when they change, not per hour.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QKeyEvent, QPainter, QPainterPath
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.desk.wind import has_wind
from app.gui.map import colours
from app.gui.map.geometry import MapGeometry
from app.gui.map.header import draw_header, header_box, header_height, header_lines, regions_panel_size
from app.gui.map.highlights import (
    around,
    doubtful_units,
    draw_adjacency,
    draw_highlights,
    draw_selection,
    highlighted_units,
    label_names,
)
from app.gui.map.inset import CentralInset
from app.gui.map.labels import LabelPlacer
from app.gui.map.leads import draw_leads
from app.gui.map.legend import render_legend
from app.gui.map.renderer import ViewImages, render_view
from app.gui.map.scalebar import draw_scale_bar, scale_bar_box
from app.gui.map.tooltip import unit_tooltip
from app.gui.map.view import MapView
from app.gui.map.wind import draw_wind, draw_wind_key, place_wind_key
from app.gui.state import AppState

_ZOOM_STEP = 1.25
_DRAG_THRESHOLD = 4  # pixels before a press becomes a pan


class MapCanvas(QWidget):
    firstColouredPaint = Signal()  # emitted once, after the first paint with forecast colours (startup bench)

    def __init__(self, state: AppState, geometry: MapGeometry, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.geometry = state, geometry
        self.view = MapView()
        self._fitted = False
        self._panel_at: QPointF | None = None  # region panel's corner; None: bottom right
        self._linkage_vertices = None  # outlines the region panel must keep clear of (made on first fit)
        self._all_vertices = None  # every unit's outline (panel and inset prefer empty ground)
        self._fitted_header = 0.0  # header height the home view was fitted under
        self.show_region_names = True
        self._episode_zoom = False  # the view was zoomed to an episode's cluster
        self._at_home = True  # showing the whole basin (fit again on resize) until the user zooms or pans
        self._images: ViewImages | None = None
        self._tables = colours.empty_table(len(geometry.names), geometry.linkage)[None, :]
        self._legend = None
        self._legend_shrunk = None  # (key, the legend scaled to the room it has): see _draw_legend
        self._legend_edition = "2012"
        self.scale_bar_rect = QRectF()
        self.wind_key_rect = QRectF()
        self._labels = LabelPlacer(label_names(geometry), geometry.label_points, geometry.areas, geometry.linkage)
        self._inset = CentralInset(geometry, label_names(geometry))
        self._press: QPointF | None = None
        self._drag = QPointF(0, 0)
        self._dragging = False
        self._coloured_once = False
        self._header_in_paint: float | None = None  # the header's height, made once per paint
        self._lines_in_paint: list | None = None  # and its notes
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        state.evaluationChanged.connect(self._rebuild_tables)
        state.layerChanged.connect(self._rebuild_tables)
        state.modeChanged.connect(self._drop_legend)
        state.hourChanged.connect(self._recolour)
        state.forecastChanged.connect(self._refit_if_home)
        state.windOverlayChanged.connect(self.update)
        state.leadPointsChanged.connect(self.update)
        state.editsChanged.connect(self._refit_if_header_grew)
        state.episodeSelected.connect(self._episode_chosen)
        state.evaluationChanged.connect(self._refit_if_header_grew)
        self._highlights: QImage | None = None  # selection, episode cluster, edits, hover
        self._highlights_at = QPointF(0, 0)  # where that image goes (it covers the highlighted units only)
        self._highlights_dirty = True
        self._selection: QImage | None = None  # the selection's outline again, over the borders
        self._selection_at = QPointF(0, 0)
        for signal in (state.selectionChanged, state.episodeSelected, state.editsChanged,
                       state.adjacencyOverlayChanged, state.hoveredUnitChanged, state.evaluationChanged):
            signal.connect(self._highlights_changed)
        self._rebuild_tables()

    # -- colours ------------------------------------------------------------------------------------------
    def _rebuild_tables(self, *_) -> None:
        evaluation = self.state.evaluation
        if evaluation is None:
            self._tables = colours.empty_table(len(self.geometry.names), self.geometry.linkage)[None, :]
        else:
            pm25 = None
            if self.state.layer == "pm25":
                from app.desk.numbers import pm25_categories

                pm25 = pm25_categories(self.state.forecast, evaluation, self.state.scheme.edition_switch)
            self._tables = colours.colour_tables(evaluation, self.state.layer, self.geometry.names,
                                                 self.geometry.linkage, pm25)
        self._legend = None
        self._legend_edition = "2012"
        self.scale_bar_rect = QRectF()
        self._recolour(self.state.hour)

    def _drop_legend(self, *_) -> None:
        self._legend = None
        self._legend_edition = "2012"
        self.scale_bar_rect = QRectF()
        self.update()

    def _edition_key(self) -> str:
        """The AQI edition at the current hour ("2012" | "2026"): the PM2.5 legend's limits follow it."""
        state = self.state
        if state.evaluation is None or state.scheme is None:
            return "2012"
        from app.desk.numbers import edition_at

        return edition_at(state.evaluation.times, state.hour, state.scheme.edition_switch).rsplit("-", 1)[-1]

    def _recolour(self, hour: int) -> None:
        if self.state.layer == "pm25" and self._legend is not None and self._edition_key() != self._legend_edition:
            self._legend = None  # the forecast crosses the switch of editions
        if self._images is not None:
            self._apply_colours(self._images, hour)
        self.update()

    def _apply_colours(self, images: ViewImages, hour: int) -> None:
        """Swap the colour table and expand it once to RGB32 (cheaper to draw than Indexed8 on every paint)."""
        row = self._tables[min(max(hour, 0), len(self._tables) - 1)]
        if not self._inset.rect.isEmpty():
            self._inset.recolour(row)
        images.indexed.setColorTable(row.tolist())
        images.coloured = images.indexed.convertToFormat(QImage.Format.Format_RGB32)

    # -- view ---------------------------------------------------------------------------------------------
    def reset_view(self) -> None:
        self._fit()
        self._invalidate()

    def _fit(self) -> None:
        """Fit the basin below the step header, clear of the legend, with the region panel where it covers no
        linkage city (:mod:`app.gui.map.placement`)."""
        from app.gui.map.placement import linkage_vertices, place

        if self._linkage_vertices is None:
            self._linkage_vertices = linkage_vertices(self.geometry)
            self._all_vertices = linkage_vertices(self.geometry, linkage_only=False)
        width, height = self.width(), self.height()
        self._fitted_header = self._header_height()
        top = 12 + self._fitted_header + 12
        legend = self._legend_size()
        panel = regions_panel_size(self.state, self._ui_font())
        view, self._panel_at = place(self.geometry.bounds, width, height, top,
                                     (legend.width(), legend.height()), panel, self._linkage_vertices,
                                     self._all_vertices)
        self.view.cx, self.view.cy, self.view.scale = view.cx, view.cy, view.scale  # others hold self.view
        self._fitted = self._at_home = True

    def take_view(self, other: MapCanvas) -> None:
        """Show the part of the map ``other`` shows (a language switch builds a new window over the same
        forecast): its centre and scale, unless it shows the whole basin (fitted again at this one's size)."""
        if other._at_home or not other._fitted:
            return
        self.view.cx, self.view.cy, self.view.scale = other.view.cx, other.view.cy, other.view.scale
        self._fitted, self._at_home, self._episode_zoom = True, False, other._episode_zoom
        self._invalidate()

    def region_panel_rect(self) -> QRectF:
        """Where the region panel is drawn (empty when there is none)."""
        panel_w, panel_h = regions_panel_size(self.state, self._ui_font())
        if not panel_w:
            return QRectF()
        at = self._panel_at or QPointF(self.width() - panel_w - 12, self.height() - panel_h - 12)
        return QRectF(at.x(), at.y(), panel_w, panel_h)

    def set_region_names(self, shown: bool) -> None:
        """Name the four linkage regions on the map (View → 区域名称)."""
        if bool(shown) != self.show_region_names:
            self.show_region_names = bool(shown)
            self._invalidate()

    def _region_names(self) -> list[str] | None:
        scheme = self.state.scheme
        if not self.show_region_names or scheme is None:
            return None
        from app.gui.map.header import state_language_is_chinese

        chinese = state_language_is_chinese()
        # "成都平原地区" → "成都平原": on the map the outline already says it is an area
        by_name = {r.name: (r.name.removesuffix("地区") if chinese else r.name_en) for r in scheme.regions}
        return [by_name.get(name, name) for name in self.geometry.region_names]

    def _refit_if_header_grew(self, *_) -> None:
        """The header gains a line with what-if edits or a stale notice: the home view moves the map under it."""
        if self._at_home and self._header_height() != self._fitted_header:
            self._fitted = False
            self._invalidate()

    def _refit_if_home(self) -> None:
        if self._at_home:  # the region panel appears with the first forecast
            self._fitted = False
            self._invalidate()

    def focus_unit(self, name: str) -> None:
        """Centre the map on a unit, zoomed in until it fills about a third of the view; zoomed out only as far
        as it takes to show the unit whole (达州 after 渝中 was half shown at 渝中's zoom)."""
        if name not in self.geometry.names:
            return
        if not self._fitted:
            self._fit()
        i = self.geometry.index(name)
        bounds = self.geometry.unit_paths("coarse")[i].boundingRect()
        x, y = (float(v) for v in self.geometry.label_points[i])  # the centre: inside the unit
        fill = min(self.width() / 3 / max(bounds.width(), 1.0), self.height() / 3 / max(bounds.height(), 1.0))
        reach_x = max(x - bounds.left(), bounds.right() - x, 1.0)  # the unit's farthest point from the centre
        reach_y = max(y - bounds.top(), bounds.bottom() - y, 1.0)
        whole = min(self.width() * 0.45 / reach_x, self.height() * 0.45 / reach_y)
        # at most 250 m per pixel: tiny districts keep their neighbours in view
        self.view.scale = min(max(self.view.scale, fill), whole, 1 / 250.0)
        self.view.cx, self.view.cy = x, y
        self._at_home = False
        self._invalidate()

    def zoom_to_units(self, names) -> None:
        """Fit these units (an episode's triggering cluster) below the header, clear of the legend and the
        region panel, with a margin around them; never closer than 250 m per pixel."""
        paths = [self.geometry.unit_paths("coarse")[self.geometry.index(n)] for n in names if n in self.geometry.names]
        if not paths:
            return
        if not self._fitted:
            self._fit()
        box = paths[0].boundingRect()
        for path in paths[1:]:
            box = box.united(path.boundingRect())
        pad_x, pad_y = box.width() * 0.15 + 5000, box.height() * 0.15 + 5000  # metres
        bounds = (box.left() - pad_x, box.top() - pad_y, box.right() + pad_x, box.bottom() + pad_y)
        width, height = self.width(), self.height()
        top = 12 + self._header_height() + 12
        legend = self.legend_rect()
        panel = self.region_panel_rect()
        left = legend.right() + 12 if legend.width() else 12
        right = width - (panel.width() + 24 if panel.width() else 12)
        if right - left < width * 0.4:  # a narrow canvas: use the whole width
            left, right = 12, width - 12
        view = MapView()
        view.fit(bounds, width, height, (left, top, right, height - 12))
        self.view.cx, self.view.cy = view.cx, view.cy
        self.view.scale = min(view.scale, 1 / 250.0)
        self._at_home = False
        self._episode_zoom = True
        self._invalidate()

    def _episode_chosen(self, index: int) -> None:
        evaluation = self.state.evaluation
        if evaluation is not None and 0 <= index < len(evaluation.episodes):
            self.zoom_to_units(evaluation.episodes[index].trigger_cities)
        elif self._episode_zoom:  # the episode was unselected: back to the whole basin
            self._episode_zoom = False
            self.reset_view()

    def zoom_by(self, factor: float, at: QPointF | None = None) -> None:
        at = at or QPointF(self.width() / 2, self.height() / 2)
        self.view.zoom(factor, at.x(), at.y(), self.width(), self.height())
        self._at_home = False
        self._invalidate()

    def pan_by(self, dx: float, dy: float) -> None:
        self.view.pan(dx, dy)
        self._at_home = False
        self._invalidate()

    def _invalidate(self) -> None:
        self._images = None
        self._highlights_changed()

    def quality_changed(self) -> None:
        """New data-quality findings: their units are hatched, and their names take priority on the map."""
        index = {name: i for i, name in enumerate(self.geometry.names)}
        quality = getattr(self.state, "quality", None)
        marked = [index[u] for u in (quality.flagged_units if quality is not None else ()) if u in index]
        if self._labels.prefer(marked):
            self._images = None  # labels are drawn into the cached overlay
        self._highlights_changed()

    def _highlights_changed(self, *_) -> None:
        self._highlights_dirty = True
        self.update()

    def label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(13 if self.width() >= 1400 else 12)
        return font

    def _ensure_images(self) -> ViewImages:
        if not self._fitted:
            self._fit()
        if self._images is None:
            dpr = self.devicePixelRatioF()
            self._images = self._render(dpr)
            if not self._at_home:  # zoomed in: the panel goes where it covers the fewest linkage units
                best = self._emptiest_panel_spot(self._images)
                if best is not None and best != self._panel_at:
                    self._panel_at = best
                    self._images = self._render(dpr)  # the region names keep clear of it
            self._place_inset(dpr)
            self._apply_colours(self._images, self.state.hour)
        return self._images

    def _render(self, dpr: float) -> ViewImages:
        self._legend_image()  # drawn over the map later: no region name goes under it or the panel, nor under the
        legend = self.legend_rect()  # scale bar or the header unless it finds no other place (in English at
        # 1366×768 the bar hid the S of 'Southern Basin')
        others = (scale_bar_box(self.view.scale, legend.right() + 18, self.height() - 12, self._ui_font()),
                  header_box(self.state, self.width(), self._ui_font(), self._lines_in_paint))
        return render_view(self.geometry, self.view, self.width(), self.height(), dpr, self._labels,
                           self.label_font(), region_names=self._region_names(),
                           avoid=(legend, self.region_panel_rect()), avoid_if_possible=others)

    def _emptiest_panel_spot(self, images: ViewImages) -> QPointF | None:
        """Of the right-hand corners and the bottom beside the legend, the spot for the region panel over the
        fewest pixels of linkage units in this view (zoomed in on 达州 it covered 达州 and central Chongqing)."""
        panel_w, panel_h = regions_panel_size(self.state, self._ui_font())
        if not panel_w:
            return None
        width, height, dpr = self.width(), self.height(), images.device_pixel_ratio
        top = 12 + self._header_height() + 12
        legend = self.legend_rect()
        spots = [QPointF(width - panel_w - 12, height - panel_h - 12), QPointF(width - panel_w - 12, top),
                 QPointF(width - panel_w - 12, (top + height - panel_h) / 2),
                 QPointF(legend.right() + 12 if legend.width() else 12, height - panel_h - 12)]
        in_linkage = np.zeros(256, dtype=bool)
        in_linkage[1:len(self.geometry.names) + 1] = self.geometry.linkage
        ids = images.ids

        def covered(at: QPointF) -> int:
            x0, y0 = max(int(at.x() * dpr), 0), max(int(at.y() * dpr), 0)
            return int(in_linkage[ids[y0:int((at.y() + panel_h) * dpr), x0:int((at.x() + panel_w) * dpr)]].sum())

        fits = [at for at in spots if at.x() >= 12 and at.y() >= top - 1 and at.x() + panel_w <= width]
        return min(fits, key=covered) if fits else None  # the first (bottom right) on a tie

    def _place_inset(self, dpr: float) -> None:
        """Show central Chongqing enlarged while its small districts go unnamed (:mod:`app.gui.map.inset`)."""
        inset = self._inset
        inset.rect = QRectF()
        if self.state.evaluation is None or not inset.wanted(self._labels.placed(self.view.scale, self.label_font())):
            return
        top = 12 + self._header_height() + 12
        # nor a region's name (成都平原 was cut by the inset on a short map)
        avoid = [self.legend_rect(), self.region_panel_rect(), self.scale_bar_rect, *self._images.region_name_rects]
        width, height = self.width(), self.height()
        ids, dpr_ = self._images.ids, self._images.device_pixel_ratio
        in_linkage = np.zeros(256, dtype=bool)
        in_linkage[1:len(self.geometry.names) + 1] = self.geometry.linkage
        any_unit = np.zeros(256, dtype=bool)
        any_unit[1:len(self.geometry.names) + 1] = True

        def hides(rect: QRectF, kind: np.ndarray) -> bool:  # exact, from the hit-test raster of this view
            x0, y0 = max(int(rect.left() * dpr_), 0), max(int(rect.top() * dpr_), 0)
            return bool(kind[ids[y0:int(rect.bottom() * dpr_) + 1, x0:int(rect.right() * dpr_) + 1]].any())

        for kind in (any_unit, in_linkage):  # on empty ground if it can be
            inset.rect = inset.place(width, height, top, avoid, lambda rect, k=kind: hides(rect, k))
            if not inset.rect.isEmpty():
                break
        if not inset.rect.isEmpty():
            inset.ensure(dpr, self.label_font())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        old = event.oldSize()
        self._legend = None  # its font follows the width
        if not self._at_home:
            self._panel_at = None  # zoomed in: the panel's home spot may now lie outside; back to its corner
        if self._at_home:
            self._fitted = False  # fit again when painted
        elif old.width() > 0 and old.height() > 0:
            # keep the part of the map the user zoomed to, scaled with the widget
            self.view.scale *= min(self.width() / old.width(), self.height() / old.height())
        self._invalidate()
        super().resizeEvent(event)

    # -- painting -----------------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._lines_in_paint = header_lines(self.state)  # the stale notice is written once a paint
        self._header_in_paint = header_height(self.state, self._ui_font(), self._lines_in_paint)
        try:
            self._paint()
        finally:
            self._header_in_paint = self._lines_in_paint = None

    def _paint(self) -> None:
        images = self._ensure_images()
        painter = QPainter(self)
        background = QColor(*colours.BACKGROUND)
        covered = QRectF(images.origin + self._drag, images.coloured.deviceIndependentSize())
        for strip in around(QRectF(self.rect()), covered):  # the map image covers the rest
            painter.fillRect(strip, background)
        painter.translate(self._drag)
        painter.drawImage(images.origin, images.coloured)
        if self.state.show_adjacency:  # under borders and labels, so names stay readable
            if images.adjacency is None:
                images.adjacency = self._layer_image(
                    lambda p: draw_adjacency(p, self.state, self.geometry, images.transform))
            painter.drawImage(0, 0, images.adjacency)
        if self._highlights_dirty:
            self._highlights = self._render_highlights()
            self._highlights_dirty = False
        if self._highlights is not None:  # under the borders and labels: hatching never hides a name
            painter.drawImage(self._highlights_at, self._highlights)
        painter.drawImage(images.origin, images.overlay)
        if self._selection is not None:  # over the borders: the thick region borders hid half of its outline
            painter.drawImage(self._selection_at, self._selection)
        if self.state.show_wind:  # per hour, so drawn each paint (59 arrows: well under a millisecond)
            labelled = {self.geometry.names[i] for i in self._labels.placed(self.view.scale, self.label_font())}
            draw_wind(painter, self.state, self.geometry, images.transform, labelled)
        draw_leads(painter, self.state.lead_points, images.transform, self._ui_font())
        painter.resetTransform()
        if not self._dragging:
            self._inset.draw(painter, images.transform, QCoreApplication.translate("MapInset", "重庆主城区"),
                             self.state.selected_units)
        self._draw_legend(painter)
        self.scale_bar_rect = draw_scale_bar(painter, self.view.scale, self.legend_rect().right() + 18,
                                             self.height() - 12, self._ui_font())
        if self.state.show_wind and has_wind(self.state.forecast):
            font = self._ui_font()
            left, bottom = place_wind_key(self.scale_bar_rect, font, self.width(),
                                          [self.region_panel_rect(), self.legend_rect(), self._inset.rect],
                                          top=12 + self._header_height() + 6)
            self.wind_key_rect = draw_wind_key(painter, left, bottom, font)
        else:
            self.wind_key_rect = QRectF()
        draw_header(painter, self.state, self.width(), self.height(), self._ui_font(), self._panel_at,
                    self._lines_in_paint)
        painter.end()
        if not self._coloured_once and self.state.evaluation is not None:
            self._coloured_once = True
            self.firstColouredPaint.emit()

    def _unit_path(self, name: str) -> QPainterPath | None:
        """The unit's outline in widget pixels (mapped once per view, so brush patterns stay unscaled)."""
        if name not in self.geometry.names:
            return None
        images = self._images
        cached = images.screen_paths.get(name)
        if cached is None:
            world = self.geometry.unit_path(images.lod, self.geometry.index(name))
            cached = images.screen_paths[name] = images.transform.map(world)
        return cached

    def _render_highlights(self) -> QImage | None:
        """Highlights change with the selection, not the hour: drawn once into their own layer; the selection's
        outline once more into a layer drawn over the borders (``self._selection``)."""
        state, evaluation = self.state, self.state.evaluation
        episode = evaluation is not None and 0 <= state.selected_episode < len(evaluation.episodes)
        self._selection, self._selection_at = self._layer_over(
            state.selected_units, lambda p: draw_selection(p, state, self._unit_path, self._names_written()))
        if not (episode or state.edited_units or state.hovered_unit or state.selected_units
                or doubtful_units(state)):
            return None
        layer, self._highlights_at = self._layer_over(highlighted_units(state),
                                                      lambda p: draw_highlights(p, state, self._unit_path))
        return layer

    def _names_written(self) -> list[QRectF]:
        """Where the units' and the regions' names are written on the map (the selection's outline spares them)."""
        images = self._images
        return images.label_rects + images.region_name_rects if images is not None else []

    def _layer_over(self, names, draw) -> tuple[QImage | None, QPointF]:
        """A layer painted by ``draw`` over the named units only (a widget-sized layer was filled and composed
        at every new view), its corner on a 16-device-pixel grid so that the hatch patterns keep their phase
        on the widget; (None, origin) when none of them is on the widget."""
        dpr = self.devicePixelRatioF()
        box = QRectF()
        for name in names:
            if (path := self._unit_path(name)) is not None:
                box = box.united(path.boundingRect())
        box = box.adjusted(-8, -8, 8, 8).intersected(QRectF(self.rect()))
        if box.isEmpty():
            return None, QPointF(0, 0)
        x0, y0 = int(box.left() * dpr) // 16 * 16, int(box.top() * dpr) // 16 * 16
        at = QPointF(x0 / dpr, y0 / dpr)
        return self._layer_image(draw, QRectF(at, box.bottomRight())), at

    def _layer_image(self, draw, part: QRectF | None = None) -> QImage:
        """A transparent image painted (antialiased) by ``draw(painter)`` in widget pixels: the widget, or the
        ``part`` of it whose top left lies on a whole device pixel."""
        dpr = self.devicePixelRatioF()
        part = part or QRectF(self.rect())
        image = QImage(max(int(np.ceil(part.width() * dpr)), 1), max(int(np.ceil(part.height() * dpr)), 1),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(-part.topLeft())
        draw(painter)
        painter.end()
        return image

    def _header_height(self) -> float:
        """The header's height: made once per paint (the legend, the placement and the header ask for it; each
        asking wrote the stale-forecast notice anew)."""
        if self._header_in_paint is not None:
            return self._header_in_paint
        return header_height(self.state, self._ui_font())

    def _ui_font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(14 if self.width() >= 1400 else 12)
        return font

    def _legend_image(self) -> QImage:
        if self._legend is None:
            self._legend_edition = self._edition_key()
            self._legend = render_legend(self.state.layer, self.state.mode, self._ui_font(), self.devicePixelRatioF(),
                                         self._legend_edition)
        return self._legend

    def _legend_size(self):
        """The legend's size as drawn: shrunk (never cut) to the room under the header on a short map — the
        header box hid its first row at 1366×768 with the bottom docks up."""
        size = self._legend_image().deviceIndependentSize()
        room = self.height() - (12 + self._header_height() + 8) - 12
        scale = min(1.0, max(room, 40) / max(size.height(), 1.0))
        return QSizeF(size.width() * scale, size.height() * scale)

    def _draw_legend(self, painter: QPainter) -> None:
        """Drawn unscaled from an image made at its drawn size. Drawn into a rectangle with smooth scaling at every
        paint, even at its own size, Qt handed the 239 × 224 px legend to its worker threads and waited: 2.2 ms
        of each hour step on a loaded machine (issue 26)."""
        legend = self._legend_image()
        rect = self.legend_rect()
        if rect.size() == legend.deviceIndependentSize() and rect.topLeft() == rect.toRect().topLeft():
            painter.drawImage(rect.topLeft(), legend)
            return
        # shrunk to the room under the header: scaled once, at the same fraction of a pixel as it is drawn
        dpr = legend.devicePixelRatio()
        device = QRectF(rect.left() * dpr, rect.top() * dpr, rect.width() * dpr, rect.height() * dpr)
        corner = QPointF(np.floor(device.left()), np.floor(device.top()))
        key = (legend.cacheKey(), device.translated(-corner))
        if self._legend_shrunk is None or self._legend_shrunk[0] != key:
            inside = key[1]
            shrunk = QImage(int(np.ceil(inside.right())), int(np.ceil(inside.bottom())),
                            QImage.Format.Format_ARGB32_Premultiplied)
            shrunk.fill(Qt.GlobalColor.transparent)
            scaler = QPainter(shrunk)
            scaler.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            scaler.drawImage(inside, legend, QRectF(legend.rect()))
            scaler.end()
            shrunk.setDevicePixelRatio(dpr)
            self._legend_shrunk = (key, shrunk)
        painter.drawImage(corner / dpr, self._legend_shrunk[1])

    def legend_rect(self) -> QRectF:
        if self._legend is None:
            return QRectF()
        size = self._legend_size()
        return QRectF(12, self.height() - size.height() - 12, size.width(), size.height())

    # -- hit testing, mouse and keys ----------------------------------------------------------------------
    def unit_at(self, pos: QPointF) -> str:
        images = self._ensure_images()
        inset = self._inset.unit_at(pos)
        if inset:
            return self.geometry.names[inset - 1] if inset <= len(self.geometry.names) else ""
        x, y = int(pos.x() * images.device_pixel_ratio), int(pos.y() * images.device_pixel_ratio)
        height, width = images.ids.shape
        if not (0 <= x < width and 0 <= y < height):
            return ""
        index = int(images.ids[y, x])
        return self.geometry.names[index - 1] if 0 < index <= len(self.geometry.names) else ""

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._dragging = False

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        pos = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = pos - self._press
            if self._dragging or abs(delta.x()) + abs(delta.y()) > _DRAG_THRESHOLD:
                self._dragging = True
                self._drag = delta  # move the cached images; render again on release
                self.update()
                return
        unit = self.unit_at(pos)
        self.state.set_hovered(unit)
        if unit:
            QToolTip.showText(event.globalPosition().toPoint(), unit_tooltip(self.state, unit), self)
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        if self._dragging:
            self.view.pan(self._drag.x(), self._drag.y())
            self._at_home = False
            self._drag = QPointF(0, 0)
            self._invalidate()
        else:
            self._select(self.unit_at(event.position()),
                         bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))
        self._press, self._dragging = None, False

    def _select(self, unit: str, toggle: bool) -> None:
        current = list(self.state.selected_units)
        if toggle:
            if unit:
                current = [u for u in current if u != unit] if unit in current else [*current, unit]
            self.state.set_selection(current)
        else:
            self.state.set_selection([unit] if unit else [])

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.state.set_hovered("")
        super().leaveEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(_ZOOM_STEP ** steps, event.position())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        pans = {Qt.Key.Key_Left: (80, 0), Qt.Key.Key_Right: (-80, 0), Qt.Key.Key_Up: (0, 80),
                Qt.Key.Key_Down: (0, -80)}
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(_ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / _ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.reset_view()
        elif ctrl and key in pans:
            self.pan_by(*pans[key])
        else:
            super().keyPressEvent(event)

    def current_table(self) -> np.ndarray:
        return self._tables[min(max(self.state.hour, 0), len(self._tables) - 1)]
