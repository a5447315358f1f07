"""The previous implementation of app.importing.weights (shapely overlaps of boundary cells, an even-odd scanline
for the rest), kept as an independent reference the Green's-theorem weights are tested against.

Exact area weights of a regular lon/lat grid's cells in each unit polygon, as a sparse matrix.

Why in lon/lat and not in the basin projection: a model grid's cells are rectangles in lon/lat; projected,
their edges would curve and a polygon approximation would add error. Overlaps are therefore computed exactly
in lon/lat (shapely), and each overlap's area in degrees² is scaled by cos(latitude of the cell centre) — the
spherical area element R² cos φ dλ dφ. Across one 0.03° cell cos φ varies by < 0.05 %, far below any model
error; the basin projection (conformal LCC) would itself distort areas by up to ~0.8 %.

Speed: a cell either touches a unit's boundary (then its overlap is computed with shapely, against the
polygon pre-cut into one strip per grid row), or it does not (then it is wholly inside or outside, decided
for its centre by an even-odd scanline over the polygon's edges, vectorised with numpy). Only the ~2 % of
cells on boundaries need geometry operations.
"""

from __future__ import annotations

import numpy as np
import shapely
from scipy import sparse

from app.domain.progress import NO_PROGRESS, Progress


def cell_edges(centres: np.ndarray) -> np.ndarray:
    """Cell edges from increasing cell centres (midpoints inside, half a step outside)."""
    c = np.asarray(centres, dtype=float)
    if c.size == 1:
        return np.array([c[0] - 0.5, c[0] + 0.5])
    mid = (c[1:] + c[:-1]) / 2
    return np.concatenate([[c[0] - (mid[0] - c[0])], mid, [c[-1] + (c[-1] - mid[-1])]])


def overlap_weights(lon_edges: np.ndarray, lat_edges: np.ndarray, polygons, *,
                    progress: Progress = NO_PROGRESS, area_scale: np.ndarray | None = None) -> sparse.csr_matrix:
    """``W[u, j * n_lon + i]`` = area (deg² · cos φ) of cell (lat j, lon i) inside polygon ``u``.

    Edges must increase. Polygons are shapely (Multi)Polygons in lon/lat (WGS-84).

    ``area_scale`` (shape ``(ny, nx)``) replaces cos φ for grids that are rectangular in a map projection
    (WRF, CMAQ): edges and polygons are then in the projection's x/y, and the scale turns projected area into
    true area (1 / the projection's areal scale factor at each cell centre).
    """
    nx, ny = len(lon_edges) - 1, len(lat_edges) - 1
    if area_scale is None:
        cos_lat = np.cos(np.radians((lat_edges[1:] + lat_edges[:-1]) / 2))
        area_scale = np.broadcast_to(cos_lat[:, None], (ny, nx))
    rows, cols, vals = [], [], []
    for u, poly in enumerate(polygons):
        progress.report(u / max(len(polygons), 1), "weighting grid cells by unit area")
        cells, weights = _polygon_weights(poly, lon_edges, lat_edges, area_scale)
        rows.append(np.full(cells.size, u, dtype=np.int64))
        cols.append(cells)
        vals.append(weights)
    if not rows:
        return sparse.csr_matrix((0, nx * ny))
    matrix = sparse.coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                               shape=(len(polygons), nx * ny))
    return matrix.tocsr()


def _edges_of(poly) -> np.ndarray:
    """All ring edges of a (Multi)Polygon as an (n, 4) array x1, y1, x2, y2."""
    rings = shapely.get_rings(shapely.get_parts(poly))
    out = []
    for ring in rings:
        xy = shapely.get_coordinates(ring)
        out.append(np.hstack([xy[:-1], xy[1:]]))
    return np.vstack(out) if out else np.empty((0, 4))


def _polygon_weights(poly, lon_e, lat_e, scale):  # scale: (ny, nx) true area per unit of edge area
    nx = len(lon_e) - 1
    x0, y0, x1, y1 = poly.bounds
    i0, i1 = max(np.searchsorted(lon_e, x0, "right") - 1, 0), min(np.searchsorted(lon_e, x1, "left"), nx)
    j0, j1 = max(np.searchsorted(lat_e, y0, "right") - 1, 0), min(np.searchsorted(lat_e, y1, "left"),
                                                                  len(lat_e) - 1)
    if i0 >= i1 or j0 >= j1:
        return np.empty(0, dtype=np.int64), np.empty(0)
    edges = _edges_of(poly)
    sub_lon, sub_lat = lon_e[i0:i1 + 1], lat_e[j0:j1 + 1]
    touched = _boundary_cells(edges, sub_lon, sub_lat)
    inside = _inside_centres(edges, sub_lon, sub_lat)
    inside[touched] = False
    jj, ii = np.nonzero(inside)
    area = np.diff(sub_lon)[ii] * np.diff(sub_lat)[jj]
    cells = [(jj + j0) * nx + (ii + i0)]
    weights = [area * scale[jj + j0, ii + i0]]
    tj, ti = np.nonzero(touched)
    if tj.size:
        strips = _row_strips(poly, sub_lon[0], sub_lon[-1], sub_lat)
        boxes = shapely.box(sub_lon[ti], sub_lat[tj], sub_lon[ti + 1], sub_lat[tj + 1])
        overlap = shapely.area(shapely.intersection(np.asarray(strips, dtype=object)[tj], boxes))
        keep = overlap > 0
        cells.append((tj[keep] + j0) * nx + (ti[keep] + i0))
        weights.append(overlap[keep] * scale[tj[keep] + j0, ti[keep] + i0])
    return np.concatenate(cells).astype(np.int64), np.concatenate(weights)


def _boundary_cells(edges: np.ndarray, lon_e: np.ndarray, lat_e: np.ndarray) -> np.ndarray:
    """Mask of cells whose closed box meets a polygon edge (exact: a segment is monotonic in x per band)."""
    ny, nx = len(lat_e) - 1, len(lon_e) - 1
    mask = np.zeros((ny, nx), dtype=bool)
    ex1, ey1, ex2, ey2 = edges.T
    ylo, yhi = np.minimum(ey1, ey2), np.maximum(ey1, ey2)
    first = np.clip(np.searchsorted(lat_e, ylo, "right") - 1, 0, ny - 1)
    last = np.clip(np.searchsorted(lat_e, yhi, "left") - 1, 0, ny - 1)
    last = np.maximum(last, first)
    counts = last - first + 1
    edge = np.repeat(np.arange(len(edges)), counts)
    band = np.repeat(first, counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
    b_lo, b_hi = lat_e[band], lat_e[band + 1]
    x1, y1, x2, y2 = ex1[edge], ey1[edge], ex2[edge], ey2[edge]
    dy = y2 - y1
    with np.errstate(divide="ignore", invalid="ignore"):
        t_lo = np.where(dy != 0, (b_lo - y1) / dy, 0.0)
        t_hi = np.where(dy != 0, (b_hi - y1) / dy, 1.0)
    t_a = np.clip(np.minimum(t_lo, t_hi), 0, 1)
    t_b = np.clip(np.maximum(t_lo, t_hi), 0, 1)
    xa, xb = x1 + t_a * (x2 - x1), x1 + t_b * (x2 - x1)
    c_lo = np.clip(np.searchsorted(lon_e, np.minimum(xa, xb), "right") - 1, 0, nx - 1)
    c_hi = np.clip(np.searchsorted(lon_e, np.maximum(xa, xb), "left") - 1, 0, nx - 1)
    c_hi = np.maximum(c_hi, c_lo)
    spans = c_hi - c_lo + 1
    rows = np.repeat(band, spans)
    cols = np.repeat(c_lo, spans) + (np.arange(spans.sum()) - np.repeat(np.cumsum(spans) - spans, spans))
    mask[rows, cols] = True
    return mask


def _inside_centres(edges: np.ndarray, lon_e: np.ndarray, lat_e: np.ndarray) -> np.ndarray:
    """Even-odd test of every cell centre against the polygon's edges, one scanline per grid row."""
    cx = (lon_e[1:] + lon_e[:-1]) / 2
    cy = (lat_e[1:] + lat_e[:-1]) / 2
    ex1, ey1, ex2, ey2 = edges.T
    lo, hi = np.minimum(ey1, ey2), np.maximum(ey1, ey2)
    first = np.searchsorted(cy, lo, "left")  # centre rows with lo <= cy < hi (half-open: no double count)
    last = np.searchsorted(cy, hi, "left")
    counts = np.maximum(last - first, 0)
    edge = np.repeat(np.arange(len(edges)), counts)
    row = np.repeat(first, counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
    y = cy[row]
    x = ex1[edge] + (y - ey1[edge]) * (ex2[edge] - ex1[edge]) / (ey2[edge] - ey1[edge])
    order = np.lexsort((x, row))
    row, x = row[order], x[order]
    inside = np.zeros((len(cy), len(cx)), dtype=bool)
    starts = np.searchsorted(row, np.arange(len(cy)), "left")
    ends = np.searchsorted(row, np.arange(len(cy)), "right")
    for r in np.flatnonzero(ends > starts):
        crossings = x[starts[r]:ends[r]]
        inside[r] = np.searchsorted(crossings, cx, "right") % 2 == 1
    return inside


def _row_strips(poly, xmin: float, xmax: float, lat_e: np.ndarray) -> list:
    """The polygon cut into one piece per grid row, by recursive halving (O(n log rows) vertex work)."""
    out: list = [None] * (len(lat_e) - 1)

    def split(geom, a: int, b: int) -> None:
        if b - a == 1:
            out[a] = geom
            return
        m = (a + b) // 2
        lower = shapely.clip_by_rect(geom, xmin, lat_e[a], xmax, lat_e[m])
        upper = shapely.clip_by_rect(geom, xmin, lat_e[m], xmax, lat_e[b])
        split(lower, a, m)
        split(upper, m, b)

    split(poly, 0, len(lat_e) - 1)
    return out
