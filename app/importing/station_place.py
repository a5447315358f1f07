"""Which unit a monitoring station lies in: point in polygon on the units' outlines.

With the bundled boundaries the test runs on the shipped lon/lat rings (:mod:`maps.lonlat_rings`: no geopandas,
a few milliseconds for hundreds of stations); with loaded :class:`~maps.boundaries.Boundaries` (an office's own,
read and checked by :func:`maps.boundaries.load_boundaries`) on their polygons with shapely.
Even–odd crossing on every ring of a unit (exteriors and holes alike) is what "inside" means for polygons with
holes; a station exactly on a shared border belongs to the first unit in the table's order.
"""

from __future__ import annotations

import numpy as np


def locate(lon: np.ndarray, lat: np.ndarray, names: list[str], boundaries=None) -> np.ndarray:
    """For each point, the index into ``names`` of the unit containing it, -1 for none."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    out = np.full(lon.shape, -1, dtype=np.int64)
    if boundaries is not None and hasattr(boundaries, "gdf"):
        import shapely

        geometries = boundaries.gdf.geometry
        for k, name in enumerate(names):
            if name not in geometries.index:
                continue
            todo = out < 0
            inside = np.zeros(lon.shape, dtype=bool)
            inside[todo] = shapely.contains_xy(geometries.loc[name], lon[todo], lat[todo])
            out[inside] = k
        return out
    from pathlib import Path

    from maps.lonlat_rings import unit_rings

    rings = unit_rings(Path(boundaries) if boundaries is not None else None)
    for k, name in enumerate(names):
        if name not in rings.names:
            continue
        edges = rings.edges(name)
        if not len(edges):
            continue
        todo = np.flatnonzero((out < 0) & (lon >= edges[:, [0, 2]].min()) & (lon <= edges[:, [0, 2]].max())
                              & (lat >= edges[:, [1, 3]].min()) & (lat <= edges[:, [1, 3]].max()))
        if todo.size:
            out[todo[_inside(lon[todo], lat[todo], edges)]] = k
    return out


def _inside(x: np.ndarray, y: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Even–odd rule: a ray to the east crosses the rings an odd number of times."""
    x1, y1, x2, y2 = (edges[:, i][None, :] for i in range(4))
    px, py = x[:, None], y[:, None]
    straddles = (y1 > py) != (y2 > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        cross_x = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
    crossings = straddles & (px < cross_x)
    return (np.count_nonzero(crossings, axis=1) % 2) == 1
