"""The map's geometry with the Qt paths drawn from it.

The arrays (units' rings per level of detail, region and province outlines, label points) are the Qt-free
:class:`maps.drawing.DrawingGeometry`, read through :mod:`maps.derived` — the copy shipped with the app, the
user state folder's cache, or derived from the boundary file. This layer adds the QPainterPaths, made per
level of detail on first use, in world coordinates (metres); the canvas draws them through a world → screen
transform.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from maps.drawing import LODS, DrawingGeometry, Rings

__all__ = ["LODS", "MapGeometry", "Rings", "load_map_geometry"]


@dataclass
class MapGeometry(DrawingGeometry):
    _paths: dict = field(default_factory=dict, repr=False)

    # -- Qt paths, made once per level of detail (a unit's when first needed) ------------------------------
    def unit_paths(self, lod: str) -> list:
        paths = self._unit_list(lod)
        for i, path in enumerate(paths):
            if path is None:
                paths[i] = _path_from_rings(self.lods[lod], self.lods[lod].rings_of(i))
        return paths

    def unit_path(self, lod: str, i: int):
        paths = self._unit_list(lod)
        if paths[i] is None:
            paths[i] = _path_from_rings(self.lods[lod], self.lods[lod].rings_of(i))
        return paths[i]

    def _unit_list(self, lod: str) -> list:
        return self._paths.setdefault(("units", lod), [None] * len(self.names))

    def unit_paths_in(self, lod: str, units, left: float, bottom: float, right: float, top: float) -> dict:
        """Outlines of ``units`` for a view of this world rectangle: each ring without the vertices that lie,
        with both their neighbours, beyond one side of a rectangle around it (:func:`_drop_beyond`). Inside
        that rectangle they fill and stroke the same pixels as the whole outlines; a zoomed view at the fine
        level filled and stroked ~23 000 vertices, most of them off screen (阿坝 and 甘孜 alone thousands).

        The rectangle is the view's grown by a quarter of its size on every side, and kept (the last four per
        level) while later views fit in it: panning a little and zooming in reuse the paths."""
        found = self._near(("cut", lod), (left, bottom, right, top), lambda *box: self._cut_paths(lod, *box))
        # in the units' order (where outlines meet, the later unit's pixels win); wholly inside: the whole outline
        return {int(i): found[int(i)] if int(i) in found else self.unit_path(lod, int(i)) for i in units}

    def _cut_paths(self, lod: str, left: float, bottom: float, right: float, top: float) -> dict:
        """The cut outlines of the units that reach into the rectangle without lying wholly inside it."""
        rings, box = self.lods[lod], self.unit_bounds(lod)
        meets = (box[:, 2] >= left) & (box[:, 0] <= right) & (box[:, 3] >= bottom) & (box[:, 1] <= top)
        inside = (box[:, 0] >= left) & (box[:, 2] <= right) & (box[:, 1] >= bottom) & (box[:, 3] <= top)
        units = [int(i) for i in np.flatnonzero(meets & ~inside)]
        which = [rings.rings_of(i) for i in units]
        ring_ids = np.concatenate(which) if which else np.zeros(0, dtype=np.int64)
        if len(ring_ids) == 0:
            return {}
        starts, ends = rings.offsets[ring_ids], rings.offsets[ring_ids + 1]
        xy = np.concatenate([rings.coords[a:b] for a, b in zip(starts, ends)])
        xy, lengths = _drop_beyond(xy, ends - starts, left, bottom, right, top)
        firsts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        paths, ring = {}, 0
        for unit, own in zip(units, which):
            if len(own) == 0:
                continue
            first, end = int(firsts[ring]), int(firsts[ring] + lengths[ring:ring + len(own)].sum())
            paths[unit] = _path_from_xy(xy[first:end], firsts[ring:ring + len(own)] - first)
            ring += len(own)
        return paths

    def unit_bounds(self, lod: str) -> np.ndarray:
        """(units, 4): each unit's xmin, ymin, xmax, ymax at this level of detail (world metres)."""
        key = ("bounds", lod)
        if key not in self._paths:
            self._paths[key] = _bounds_per_owner(self.lods[lod], len(self.names))
        return self._paths[key]

    def view_memo(self, key: tuple) -> dict:
        """A dict for results that hold at every view of one scale (the renderer's region-name tests), kept for
        the last 32 keys."""
        memos = self._paths.setdefault("view memos", {})
        if key not in memos and len(memos) >= 32:
            del memos[next(iter(memos))]
        return memos.setdefault(key, {})

    def region_paths(self, lod: str) -> list:
        key = ("regions", lod)
        if key not in self._paths:
            self._paths[key] = _paths_per_owner(self.region_rings[lod], len(self.region_names))
        return self._paths[key]

    def region_outline_in(self, lod: str, left: float, bottom: float, right: float, top: float):
        """The linkage regions' outlines cut to the segments whose box meets this world rectangle, as one path:
        each run of such segments one open subpath. Where a run starts or ends, the vertex lies outside the
        rectangle, so a view widened by the stroke's reach draws exactly what the whole outlines drew there —
        but a zoomed view strokes a fraction of the vertices (19 000 at the fine level, five passes)."""
        rings = self.region_rings[lod]
        runs = self._runs_in(("region_segments", lod), rings, left, bottom, right, top)
        return _path_from_indices(rings.coords, runs)

    def region_outline_near(self, lod: str, left: float, bottom: float, right: float, top: float):
        """``region_outline_in`` for a rectangle around this one (grown by a quarter of its size on every side),
        kept (the last four per level) while later views fit in it: the same pixels inside, and panning a little
        or zooming in makes no new path."""
        return self._near(("region cut", lod), (left, bottom, right, top),
                          lambda *box: self.region_outline_in(lod, *box))

    def _near(self, kind: tuple, view: tuple[float, float, float, float], cut):
        """What ``cut`` makes for a rectangle around ``view`` (grown by a quarter of its size on every side),
        kept (the last four of each kind) and given again while later views fit in its rectangle."""
        left, bottom, right, top = view
        kept = self._paths.setdefault(kind, [])
        found = next((made for (x0, y0, x1, y1), made in kept if x0 <= left and y0 <= bottom and x1 >= right
                      and y1 >= top), None)
        if found is None:
            slack = max(right - left, top - bottom) / 4
            box = (left - slack, bottom - slack, right + slack, top + slack)
            found = cut(*box)
            kept.insert(0, (box, found))
            del kept[4:]
        return found

    def _runs_in(self, key, rings: Rings, left: float, bottom: float, right: float, top: float):
        """The vertex indices of each run of consecutive segments of one ring whose box meets the rectangle. A
        closed ring cut at its first vertex, with both of its ends in view, is one run
        through that vertex (the whole ring was stroked as closed there: a join, not two line ends)."""
        if key not in self._paths:
            self._paths[key] = _segment_boxes(rings)
        lo_x, lo_y, hi_x, hi_y, joined = self._paths[key]
        seen = joined & (lo_x <= right) & (hi_x >= left) & (lo_y <= top) & (hi_y >= bottom)
        edges = np.diff(np.concatenate([[0], seen.astype(np.int8), [0]]))
        first, last = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)  # vertices first … last
        ring_of = np.searchsorted(rings.offsets, first, side="right") - 1
        runs = [np.arange(a, b + 1) for a, b in zip(first, last)]
        offsets, coords = rings.offsets, rings.coords
        for k in range(len(runs) - 1, 0, -1):  # from the end, so indices stay valid as runs merge
            ring = ring_of[k]
            start, end = int(offsets[ring]), int(offsets[ring + 1])
            if ring_of[k - 1] != ring or runs[k][-1] != end - 1:
                continue
            head = next(j for j in range(k + 1) if ring_of[j] == ring)
            if head != k and runs[head][0] == start and np.array_equal(coords[start], coords[end - 1]):
                runs[head] = np.concatenate([runs[k], runs[head][1:]])
                del runs[k]
                ring_of = np.delete(ring_of, k)
        return runs

    def province_path(self, lod: str):
        key = ("province", lod)
        if key not in self._paths:
            self._paths[key] = _paths_per_owner(self.province_rings[lod], 1)[0]
        return self._paths[key]


def load_map_geometry(gpkg: Path | None = None, scheme=None) -> MapGeometry:
    """The map geometry of ``gpkg`` (default: the bundled boundaries), through :mod:`maps.derived`'s cache."""
    from maps.derived import drawing_geometry

    return drawing_geometry(gpkg, scheme, cls=MapGeometry)


def _bounds_per_owner(rings: Rings, count: int) -> np.ndarray:
    bounds = np.full((count, 4), np.nan)
    if len(rings.owner) == 0:
        return bounds
    starts = rings.offsets[:-1]
    per_ring = [np.minimum.reduceat(rings.coords[:, 0], starts), np.minimum.reduceat(rings.coords[:, 1], starts),
                np.maximum.reduceat(rings.coords[:, 0], starts), np.maximum.reduceat(rings.coords[:, 1], starts)]
    bounds[:, :2], bounds[:, 2:] = np.inf, -np.inf
    for k, (values, combine) in enumerate(zip(per_ring, (np.minimum, np.minimum, np.maximum, np.maximum))):
        combine.at(bounds[:, k], rings.owner, values)
    return bounds


def _paths_per_owner(rings: Rings, count: int) -> list:
    return [_path_from_rings(rings, rings.rings_of(i)) for i in range(count)]


def _segment_boxes(rings: Rings) -> tuple:
    """Per segment between consecutive vertices: its box (x min, y min, x max, y max), and whether it joins two
    vertices of one ring (False for the step from one ring's last vertex to the next ring's first)."""
    xy = rings.coords
    if len(xy) < 2:
        empty = np.zeros(0)
        return empty, empty, empty, empty, np.zeros(0, dtype=bool)
    a, b = xy[:-1], xy[1:]
    joined = np.ones(len(xy) - 1, dtype=bool)
    ring_ends = rings.offsets[1:-1] - 1  # the last vertex of every ring but the last
    joined[ring_ends[(ring_ends >= 0) & (ring_ends < len(joined))]] = False
    return (np.minimum(a[:, 0], b[:, 0]), np.minimum(a[:, 1], b[:, 1]), np.maximum(a[:, 0], b[:, 0]),
            np.maximum(a[:, 1], b[:, 1]), joined)


def _drop_beyond(xy: np.ndarray, lengths: np.ndarray, left: float, bottom: float, right: float,
                 top: float) -> tuple[np.ndarray, np.ndarray]:
    """Rings (``xy`` split into ``lengths``) without every vertex that lies, like both its neighbours, beyond
    one side of the rectangle — side by side, the left first. Each dropped run and the edge now joining its
    ends lie beyond that side, so for every point inside the rectangle the winding number, hence the fill,
    is unchanged, and so is every edge that reaches inside; the first and last vertex of a ring stay."""
    for axis, bound, beyond in ((0, left, np.less), (0, right, np.greater), (1, bottom, np.less),
                                (1, top, np.greater)):
        if len(xy) < 3:
            break
        out = beyond(xy[:, axis], bound)
        drop = np.zeros(len(xy), dtype=bool)
        drop[1:-1] = out[1:-1] & out[:-2] & out[2:]
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        drop[starts] = False
        drop[starts + lengths - 1] = False
        if not drop.any():
            continue
        lengths = lengths - np.add.reduceat(drop.astype(np.int64), starts)
        xy = xy[~drop]
    return xy, lengths


def _path_from_rings(rings: Rings, which: np.ndarray):
    """A QPainterPath (odd-even fill, so holes stay holes) built by streaming its binary form."""
    if len(which) == 0:
        from PySide6.QtGui import QPainterPath

        return QPainterPath()
    return _path_from_spans(rings.coords, rings.offsets[which], rings.offsets[which + 1])


def _path_from_indices(coords: np.ndarray, runs: list):
    """A QPainterPath with one subpath per array of vertex indices."""
    if not runs:
        from PySide6.QtGui import QPainterPath

        return QPainterPath()
    lengths = np.array([len(r) for r in runs])
    return _path_from_xy(coords[np.concatenate(runs)], np.concatenate([[0], np.cumsum(lengths)[:-1]]))


def _path_from_spans(coords: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """A QPainterPath with one subpath per span ``coords[start:end]``."""
    if len(starts) == 0:
        from PySide6.QtGui import QPainterPath

        return QPainterPath()
    xy = np.concatenate([coords[s:e] for s, e in zip(starts, ends)])
    return _path_from_xy(xy, np.concatenate([[0], np.cumsum(ends - starts)[:-1]]))


def _path_from_xy(xy: np.ndarray, ring_starts: np.ndarray):
    """A QPainterPath (odd-even fill) of these points, a new subpath at each of ``ring_starts``, built by
    streaming its binary form.

    Adding 200 000 points one ``lineTo`` at a time costs a quarter of a second in Python; Qt's QDataStream
    form of a path (element count, then type/x/y per element, then the last subpath start and the fill rule)
    is written with numpy in one go instead.
    """
    from PySide6.QtCore import QByteArray, QDataStream, QIODevice
    from PySide6.QtGui import QPainterPath

    path = QPainterPath()
    kind = np.ones(len(xy), dtype=">i4")  # LineToElement
    kind[ring_starts] = 0  # MoveToElement
    elements = np.empty(len(xy), dtype=[("type", ">i4"), ("x", ">f8"), ("y", ">f8")])
    elements["type"], elements["x"], elements["y"] = kind, xy[:, 0], xy[:, 1]
    blob = (struct.pack(">i", len(xy)) + elements.tobytes()
            + struct.pack(">ii", int(ring_starts[-1]), 0))  # last subpath start; Qt::OddEvenFill
    data = QByteArray(blob)  # kept in a name: the stream only refers to it
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    stream >> path
    return path
