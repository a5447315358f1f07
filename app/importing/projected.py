"""Grids that are rectangular in a map projection (WRF-Chem, CMAQ): exact area weights of cells in units.

A WRF or CMAQ cell is a rectangle in the model's own projection (Lambert conformal for the basin), not in
lon/lat: its edges in lon/lat curve. So the unit polygons are carried into the model's projection (after
densifying their edges to 0.01°, so that a straight lon/lat edge follows its curved image) and overlapped with
the rectangular cells exactly, by the same code as CF lon/lat grids (:func:`app.importing.weights.
overlap_weights`). Projected area becomes true area through the projection's areal scale factor at each cell
centre (the counterpart of cos φ for lon/lat cells); across one model cell it varies by well under 0.1 %.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.domain.progress import NO_PROGRESS, Progress
from app.domain.units import UnitTable
from app.importing.weights import CsrWeights, overlap_weights

DENSIFY_DEG = 0.01
_CACHE: dict = {}


@dataclass(frozen=True)
class ProjectedGrid:
    """Cell edges (increasing, metres) in a projection given as a PROJ string."""

    proj4: str
    x_edges: np.ndarray
    y_edges: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.y_edges) - 1, len(self.x_edges) - 1

    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        return (self.x_edges[1:] + self.x_edges[:-1]) / 2, (self.y_edges[1:] + self.y_edges[:-1]) / 2

    def to_lonlat(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        return _transformer(self.proj4, inverse=True).transform(x, y)

    def from_lonlat(self, lon, lat) -> tuple[np.ndarray, np.ndarray]:
        return _transformer(self.proj4, inverse=False).transform(lon, lat)


def project_point(proj4: str, lon: float, lat: float) -> tuple[float, float]:
    """One point carried into the projection by PROJ (a model grid's centre or origin, from which its cell edges
    follow), kept in the state folder under the projection and the point's exact bits: a later run on the same
    model domain gets the same two numbers without importing pyproj (~0.05–0.15 s of each ``consult``, issue 26).
    The weights cache (:func:`projected_weights`) is keyed by the edges these give, so they must be PROJ's own."""
    from maps.derived import cached_arrays

    lon, lat = float(lon), float(lat)
    inputs = {"kind": "projected-point", "format": 1, "proj4": proj4, "lon": lon.hex(), "lat": lat.hex()}

    def compute() -> dict:
        x, y = _transformer(proj4, inverse=False).transform(lon, lat)
        return {"xy": np.array([x, y], dtype=np.float64)}

    xy = cached_arrays(inputs, compute)["xy"]
    return float(xy[0]), float(xy[1])


def near_from_lonlat(proj4: str, lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Points carried into the projection to well within a millimetre of PROJ: by :func:`lambert_sphere` when the
    projection is a Lambert conformal conic on a sphere (WRF's MAP_PROJ 1, CMAQ's GDTYP 2), else by PROJ. For
    checks with a tolerance (a wrfout's XLAT/XLONG against its attributes), not for numbers kept."""
    forward = lambert_sphere(proj4)
    if forward is None:
        return _transformer(proj4, inverse=False).transform(lon, lat)
    return forward(np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64))


LAMBERT_KEYS = {"proj", "lat_1", "lat_2", "lat_0", "lon_0", "a", "b", "x_0", "y_0", "units", "no_defs"}


def lambert_sphere(proj4: str):
    """``forward(lon, lat) -> (x, y)`` of a ``+proj=lcc`` PROJ string on a sphere (``+a`` = ``+b``, metres, no
    other parameters), else None. Snyder, *Map Projections — A Working Manual* (USGS 1987), eq. 15-1 to 15-3 and
    14-1, 14-2: n = ln(cos φ1 / cos φ2) / ln(tan(π/4 + φ2/2) / tan(π/4 + φ1/2)) (sin φ1 for one standard
    parallel), F = cos φ1 · tanⁿ(π/4 + φ1/2) / n, ρ = R·F / tanⁿ(π/4 + φ/2), θ = n(λ − λ0),
    x = ρ sin θ + x0, y = ρ0 − ρ cos θ + y0."""
    params: dict[str, str] = {}
    for token in proj4.split():
        key, _, value = token.lstrip("+").partition("=")
        params[key] = value
    if params.get("proj") != "lcc" or not set(params) <= LAMBERT_KEYS or params.get("units", "m") != "m":
        return None
    try:
        radius = float(params["a"])
        if float(params["b"]) != radius or not radius > 0:
            return None
        lat1 = np.radians(float(params["lat_1"]))
        lat2 = np.radians(float(params.get("lat_2", params["lat_1"])))
        lat0, lon0 = np.radians(float(params.get("lat_0", 0.0))), np.radians(float(params.get("lon_0", 0.0)))
        x0, y0 = float(params.get("x_0", 0.0)), float(params.get("y_0", 0.0))
    except (KeyError, ValueError):
        return None

    def cone(phi):
        return np.tan(np.pi / 4 + phi / 2)

    if abs(lat1 - lat2) < 1e-10:
        n = np.sin(lat1)
    else:
        n = np.log(np.cos(lat1) / np.cos(lat2)) / np.log(cone(lat2) / cone(lat1))
    if not np.isfinite(n) or n == 0:
        return None
    big_f = np.cos(lat1) * cone(lat1) ** n / n
    rho0 = radius * big_f / cone(lat0) ** n

    def forward(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        theta = n * ((np.radians(lon) - lon0 + np.pi) % (2 * np.pi) - np.pi)
        rho = radius * big_f / cone(np.radians(lat)) ** n
        return rho * np.sin(theta) + x0, rho0 - rho * np.cos(theta) + y0

    return forward


def _transformer(proj4: str, *, inverse: bool):
    from pyproj import CRS, Transformer

    crs = CRS.from_proj4(proj4)
    return Transformer.from_crs(crs, "EPSG:4326", always_xy=True) if inverse else \
        Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def areal_scale(grid: ProjectedGrid, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    from pyproj import Proj

    return np.asarray(Proj(grid.proj4).get_factors(lon, lat).areal_scale, dtype=float)


def project_polygons(grid: ProjectedGrid, polygons) -> list:
    import shapely

    forward = _transformer(grid.proj4, inverse=False)

    def carry(xy: np.ndarray) -> np.ndarray:
        x, y = forward.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    dense = shapely.segmentize(np.asarray(polygons, dtype=object), DENSIFY_DEG)
    return list(shapely.transform(dense, carry))


PROJECTED_WEIGHTS_FORMAT = 1  # bump when the weights or the areas change meaning: cached copies are recomputed


def projected_weights(grid: ProjectedGrid, units: UnitTable, progress: Progress = NO_PROGRESS):
    """``(W, names, full_area)``: W[u, row * nx + col] is the true area (m²) of cell (row, col) in unit u, rows
    running with y; ``full_area`` each unit's whole true area on the same scale (to tell partial coverage).

    Computed once per grid layout and kept: in this process, and in the state folder keyed by the projection,
    the cell edges and the boundaries' and units' hashes (:func:`maps.derived.cached_arrays`), as for CF grids —
    a later run reading a WRF-Chem or CMAQ file on the same grid neither reads the boundaries nor projects a
    polygon (issue 26: ~1.4 s of each ``consult`` of the samples)."""
    import hashlib
    import json

    from app.paths import DEFAULT_BOUNDARIES
    from maps.derived import array_sha256, boundaries_sha256, cached_arrays

    unit_names = [u.name for u in units]
    inputs = {"kind": "projected-grid-weights", "format": PROJECTED_WEIGHTS_FORMAT, "proj4": grid.proj4,
              "x_edges_sha256": array_sha256(np.asarray(grid.x_edges, dtype=np.float64)),
              "y_edges_sha256": array_sha256(np.asarray(grid.y_edges, dtype=np.float64)),
              "densify_deg": DENSIFY_DEG, "boundaries_sha256": boundaries_sha256(DEFAULT_BOUNDARIES),
              "units_sha256": hashlib.sha256("\n".join(unit_names).encode()).hexdigest()}
    key = json.dumps(inputs, sort_keys=True)
    if key not in _CACHE:
        arrays = cached_arrays(inputs, lambda: _derive_weights(grid, unit_names, progress))
        weights = CsrWeights(arrays["data"], arrays["indices"], arrays["indptr"], tuple(arrays["shape"]))
        _CACHE.clear()  # one grid layout at a time, as for CF grids
        _CACHE[key] = (weights, [str(n) for n in arrays["names"]], np.asarray(arrays["full_area"], dtype=np.float64))
    progress.report(1.0, "weights ready")
    return _CACHE[key]


def _derive_weights(grid: ProjectedGrid, unit_names: list[str], progress: Progress) -> dict:
    import shapely

    from maps.boundaries import load_boundaries

    boundaries = load_boundaries()
    present = set(boundaries.names)
    names = [n for n in unit_names if n in present]
    polygons = project_polygons(grid, boundaries.gdf.loc[names].geometry.values)
    progress.report(0.1, "weighting grid cells by unit area")
    xc, yc = grid.centres()
    xx, yy = np.meshgrid(xc, yc)
    lon, lat = grid.to_lonlat(xx, yy)
    scale = 1.0 / areal_scale(grid, lon, lat)
    weights = overlap_weights(grid.x_edges, grid.y_edges, polygons, progress=progress.sub(0.2, 1.0),
                              area_scale=scale).tocsr()
    centroids = shapely.centroid(boundaries.gdf.loc[names].geometry.values)
    full = shapely.area(np.asarray(polygons, dtype=object)) / areal_scale(
        grid, shapely.get_x(centroids), shapely.get_y(centroids))
    return {"data": weights.data, "indices": weights.indices, "indptr": weights.indptr,
            "shape": np.array(weights.shape, dtype=np.int64), "names": np.array(names, dtype=str),
            "full_area": np.asarray(full, dtype=np.float64)}
