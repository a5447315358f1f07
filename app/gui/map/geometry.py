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

    def unit_bounds(self, lod: str) -> np.ndarray:
        """(units, 4): each unit's xmin, ymin, xmax, ymax at this level of detail (world metres)."""
        key = ("bounds", lod)
        if key not in self._paths:
            self._paths[key] = _bounds_per_owner(self.lods[lod], len(self.names))
        return self._paths[key]

    def region_paths(self, lod: str) -> list:
        key = ("regions", lod)
        if key not in self._paths:
            self._paths[key] = _paths_per_owner(self.region_rings[lod], len(self.region_names))
        return self._paths[key]

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


def _path_from_rings(rings: Rings, which: np.ndarray):
    """A QPainterPath (odd-even fill, so holes stay holes) built by streaming its binary form.

    Adding 200 000 points one ``lineTo`` at a time costs a quarter of a second in Python; Qt's QDataStream
    form of a path (element count, then type/x/y per element, then the last subpath start and the fill rule)
    is written with numpy in one go instead.
    """
    from PySide6.QtCore import QByteArray, QDataStream, QIODevice
    from PySide6.QtGui import QPainterPath

    path = QPainterPath()
    if len(which) == 0:
        return path
    starts, ends = rings.offsets[which], rings.offsets[which + 1]
    xy = np.concatenate([rings.coords[s:e] for s, e in zip(starts, ends)])
    kind = np.ones(len(xy), dtype=">i4")  # LineToElement
    ring_starts = np.concatenate([[0], np.cumsum(ends - starts)[:-1]])
    kind[ring_starts] = 0  # MoveToElement
    elements = np.empty(len(xy), dtype=[("type", ">i4"), ("x", ">f8"), ("y", ">f8")])
    elements["type"], elements["x"], elements["y"] = kind, xy[:, 0], xy[:, 1]
    blob = (struct.pack(">i", len(xy)) + elements.tobytes()
            + struct.pack(">ii", int(ring_starts[-1]), 0))  # last subpath start; Qt::OddEvenFill
    data = QByteArray(blob)  # kept in a name: the stream only refers to it
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    stream >> path
    return path
