"""Exact area weights of a regular lon/lat grid's cells in each unit polygon, as a sparse matrix.

Derived as a scipy sparse matrix; read back from the cache and applied as :class:`CsrWeights`, the same CSR
arrays in plain numpy with the same sums in the same order (bit for bit), so that reading a forecast on a known
grid does not import scipy (0.3–0.6 s: ``scipy.sparse`` loads numpy's f2py through its array API layer).

Why in lon/lat and not in the basin projection: a model grid's cells are rectangles in lon/lat; projected,
their edges would curve and a polygon approximation would add error. Overlaps are therefore computed exactly
in lon/lat, and each overlap's area in degrees² is scaled by cos(latitude of the cell centre) — the
spherical area element R² cos φ dλ dφ. Across one 0.03° cell cos φ varies by < 0.05 %, far below any model
error; the basin projection (conformal LCC) would itself distort areas by up to ~0.8 %.

Speed: no geometry operations at all. By Green's theorem the area of polygon ∩ cell [x0, x1] × [y0, y1] is
∮ (clamp(x, x0, x1) − x0) · 1[y0 ≤ y ≤ y1] dy along the polygon's rings (exterior anticlockwise, holes
clockwise). Each ring edge is cut into one piece per grid row it crosses; a piece contributes the integral of the
clamped x — exact, piecewise linear — to the columns its x-range spans, and its full width × dy to every column
left of it (one cumulative sum per row). All of it is numpy over every edge of a unit at once. Cells that no
edge touches are wholly inside or outside: their area is the winding number (rounded; 0 or 1) × the cell's
area, bit for bit what it is for a whole cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from app.domain.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from scipy import sparse


class CsrWeights:
    """Weights ``W[u, cell]`` as canonical CSR arrays (``data``, ``indices``, ``indptr``: indices sorted within a
    row, no duplicates, as scipy's ``tocsr`` leaves them), with the operations the grid readers need, each
    computing what scipy's ``csr_matrix`` computes for it, in the same order."""

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, shape: tuple[int, int]):
        self.data, self.indices, self.indptr = np.asarray(data), np.asarray(indices), np.asarray(indptr)
        self.shape = (int(shape[0]), int(shape[1]))

    def row_sums(self) -> np.ndarray:
        """Each row's sum: ``np.asarray(W.sum(axis=1)).ravel()`` (scipy reduces the non-empty rows' data)."""
        out = np.zeros(self.shape[0], dtype=self.data.dtype)
        rows = np.flatnonzero(np.diff(self.indptr))
        if rows.size:
            out[rows] = np.add.reduceat(self.data, self.indptr[rows])
        return out

    def row_sum(self, row: int) -> float:
        """Row ``row``'s sum: ``W[row].sum()``."""
        return float(self.data[self.indptr[row]:self.indptr[row + 1]].sum())

    def row(self, row: int) -> np.ndarray:
        """Row ``row`` as a dense vector (duplicates added)."""
        out = np.zeros(self.shape[1], dtype=self.data.dtype)
        span = slice(self.indptr[row], self.indptr[row + 1])
        np.add.at(out, self.indices[span], self.data[span])
        return out

    def columns(self, cells: np.ndarray) -> CsrWeights:
        """``W[:, cells]`` for ``cells`` sorted, unique and holding every column used: same entries, same order,
        columns renumbered."""
        return CsrWeights(self.data, np.searchsorted(cells, self.indices), self.indptr, (self.shape[0], len(cells)))

    def __matmul__(self, values: np.ndarray) -> np.ndarray:
        """``W @ values`` for a dense (cells, k) array: as scipy's csr_matvecs, each row's products added one
        after another in storage order (``np.add.accumulate`` is sequential; ``reduceat`` and ``sum`` are not),
        onto a zero (the final ``+ 0.0``: it only turns a −0.0 into 0.0)."""
        values = np.asarray(values)
        out = np.zeros((self.shape[0], values.shape[1]), dtype=np.result_type(self.data, values))
        for row in np.flatnonzero(np.diff(self.indptr)):
            span = slice(self.indptr[row], self.indptr[row + 1])
            products = self.data[span, None] * values[self.indices[span]]
            out[row] = np.add.accumulate(products, axis=0)[-1] + 0.0
        return out


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
    return ring_overlap_weights(lon_edges, lat_edges, [_edges_of(poly) for poly in polygons], progress=progress,
                                area_scale=area_scale)


def ring_overlap_weights(lon_edges: np.ndarray, lat_edges: np.ndarray, edge_sets, *,
                         progress: Progress = NO_PROGRESS, area_scale: np.ndarray | None = None) -> sparse.csr_matrix:
    """:func:`overlap_weights` of polygons given by their oriented ring edges (each an (m, 4) array x1, y1, x2,
    y2: exteriors anticlockwise, holes clockwise) — what :mod:`maps.lonlat_rings` keeps, so no shapely."""
    nx, ny = len(lon_edges) - 1, len(lat_edges) - 1
    if area_scale is None:
        cos_lat = np.cos(np.radians((lat_edges[1:] + lat_edges[:-1]) / 2))
        area_scale = np.broadcast_to(cos_lat[:, None], (ny, nx))
    rows, cols, vals = [], [], []
    for u, edges in enumerate(edge_sets):
        progress.report(u / max(len(edge_sets), 1), "weighting grid cells by unit area")
        cells, weights = _polygon_weights(edges, lon_edges, lat_edges, area_scale)
        rows.append(np.full(cells.size, u, dtype=np.int64))
        cols.append(cells)
        vals.append(weights)
    from scipy import sparse

    if not rows:
        return sparse.csr_matrix((0, nx * ny))
    matrix = sparse.coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                               shape=(len(edge_sets), nx * ny))
    return matrix.tocsr()


def _edges_of(poly) -> np.ndarray:
    """All ring edges of a (Multi)Polygon as an (n, 4) array x1, y1, x2, y2: exteriors anticlockwise, holes
    clockwise (the orientation Green's theorem needs)."""
    from maps.lonlat_rings import oriented_rings

    out = [np.hstack([xy[:-1], xy[1:]]) for xy in oriented_rings(poly)]
    return np.vstack(out) if out else np.empty((0, 4))


def _expand(first: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, first + k) for k < counts[owner], for every owner: ranges laid out end to end."""
    owner = np.repeat(np.arange(len(counts)), counts)
    step = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, first[owner] + step


def _polygon_weights(edges, lon_e, lat_e, scale):  # scale: (ny, nx) true area per unit of edge area
    nx = len(lon_e) - 1
    if len(edges) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0)
    # the polygon's bounds: every vertex starts an edge, so these are shapely's bounds exactly
    x0, y0 = min(edges[:, 0].min(), edges[:, 2].min()), min(edges[:, 1].min(), edges[:, 3].min())
    x1, y1 = max(edges[:, 0].max(), edges[:, 2].max()), max(edges[:, 1].max(), edges[:, 3].max())
    i0, i1 = max(np.searchsorted(lon_e, x0, "right") - 1, 0), min(np.searchsorted(lon_e, x1, "left"), nx)
    j0, j1 = max(np.searchsorted(lat_e, y0, "right") - 1, 0), min(np.searchsorted(lat_e, y1, "left"),
                                                                  len(lat_e) - 1)
    if i0 >= i1 or j0 >= j1:
        return np.empty(0, dtype=np.int64), np.empty(0)
    area, touched = _cell_areas(edges, lon_e[i0:i1 + 1], lat_e[j0:j1 + 1])
    width, height = np.diff(lon_e[i0:i1 + 1]), np.diff(lat_e[j0:j1 + 1])
    cell = height[:, None] * width[None, :]
    # a cell no edge touches: the winding number is an integer up to rounding; a touched cell that the polygon
    # only grazes comes out as ± rounding noise (≪ 1e-12 of the cell), which is no overlap
    keep = np.where(touched, area > 1e-12 * cell, area > 0.5 * cell)
    area = np.where(touched, area, cell)
    jj, ii = np.nonzero(keep)
    return (jj + j0) * nx + (ii + i0), area[jj, ii] * scale[jj + j0, ii + i0]


def _cell_areas(edges: np.ndarray, lon_e: np.ndarray, lat_e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Green's-theorem area of the polygon (given by its oriented edges) in every cell, and the mask of cells
    some edge meets (their closed box; horizontal edges included)."""
    ny, nx = len(lat_e) - 1, len(lon_e) - 1
    ex1, ey1, ex2, ey2 = edges.T
    first = np.clip(np.searchsorted(lat_e, np.minimum(ey1, ey2), "right") - 1, 0, ny - 1)
    last = np.clip(np.searchsorted(lat_e, np.maximum(ey1, ey2), "left") - 1, 0, ny - 1)
    edge, band = _expand(first, np.maximum(last, first) - first + 1)
    x1, y1, x2, y2 = ex1[edge], ey1[edge], ex2[edge], ey2[edge]
    b_lo, b_hi = lat_e[band], lat_e[band + 1]
    ys, ye = np.clip(y1, b_lo, b_hi), np.clip(y2, b_lo, b_hi)  # the piece of the edge inside the row
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (x2 - x1) / (y2 - y1)
        xs = np.where((ys == y1) | (y1 == y2), x1, x1 + (ys - y1) * slope)
        xe = np.where((ye == y2) | (y1 == y2), x2, x1 + (ye - y1) * slope)
    dy = ye - ys  # signed; 0 for a horizontal edge, which only marks the cells it runs through
    lo, hi = np.minimum(xs, xe), np.maximum(xs, xe)
    c_lo = np.clip(np.searchsorted(lon_e, lo, "right") - 1, 0, nx - 1)
    c_hi = np.maximum(np.clip(np.searchsorted(lon_e, hi, "left") - 1, 0, nx - 1), c_lo)
    # columns left of a piece: its full width × dy, summed from the right along the row
    left = np.bincount(band * (nx + 1) + c_lo, dy, ny * (nx + 1)).reshape(ny, nx + 1)
    left = np.cumsum(left[:, ::-1], axis=1)[:, ::-1][:, 1:]  # left[j, c] = Σ dy of pieces with c_lo > c
    width = np.diff(lon_e)
    area = left * width[None, :]
    # columns a piece spans: ∫ (clamp(x, x0, x1) − x0) dy, the clamp being linear between its two breaks
    piece, col = _expand(c_lo, c_hi - c_lo + 1)
    a, b, d = xs[piece], xe[piece], xe[piece] - xs[piece]
    cx0, cx1 = lon_e[col], lon_e[col + 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        t_a, t_b = (cx0 - a) / d, (cx1 - a) / d
    flat = d == 0
    t1 = np.where(flat, 0.0, np.clip(np.minimum(t_a, t_b), 0, 1))
    t2 = np.where(flat, 0.0, np.clip(np.maximum(t_a, t_b), 0, 1))

    def g(x):
        return np.clip(x, cx0, cx1) - cx0

    g0, g1, g2, g3 = g(a), g(a + t1 * d), g(a + t2 * d), g(b)
    mean = np.where(flat, g0, (t1 * (g0 + g1) + (t2 - t1) * (g1 + g2) + (1 - t2) * (g2 + g3)) / 2)
    area += np.bincount(band[piece] * nx + col, dy[piece] * mean, ny * nx).reshape(ny, nx)
    touched = np.zeros((ny, nx), dtype=bool)
    touched[band[piece], col] = True
    return area, touched
