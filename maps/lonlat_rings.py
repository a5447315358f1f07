"""The units' outlines in lon/lat as oriented rings: what the exact grid overlap weights need
(:mod:`app.importing.weights`), read without geopandas or shapely.

A model grid's first run on a layout derives its weights from these rings. Reading them from the GeoPackage
costs half a second (geopandas' import, the coverage check, reprojection) and would be paid on every new grid
layout; the rings are derived once at build time and shipped beside the drawing cache
(``data/boundaries/chuanyu-units.lonlat-rings.npz``, ``python -m tools.build_drawing_cache``), recording the
hashes of the boundaries and the unit table they come from. When those no longer match, they are derived again
into the state folder (:func:`maps.derived.cached_arrays`).

Rings are closed, exteriors anticlockwise and holes clockwise (the orientation Green's theorem needs), in the
order shapely gives them: each unit's edges are bit for bit those of its polygon. Vertices shared by two units'
borders are stored once (an index per ring vertex, delta-coded), which halves the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.paths import BOUNDARIES_DIR, DEFAULT_BOUNDARIES, UNITS_TABLE

FORMAT = 1  # bump when the rings' order, orientation or the unit areas change meaning
SHIPPED_RINGS = BOUNDARIES_DIR / "chuanyu-units.lonlat-rings.npz"


@dataclass(frozen=True)
class UnitRings:
    names: tuple[str, ...]
    coords: np.ndarray  # (n, 2) lon, lat of every ring's vertices, each ring closed (first vertex repeated)
    ring_offsets: np.ndarray  # (rings + 1,) where each ring starts in coords
    unit_offsets: np.ndarray  # (units + 1,) where each unit's rings start in ring_offsets
    full_area: np.ndarray  # (units,) each unit's area in deg² · cos φ, φ the latitude of each part's centroid

    def index(self, name: str) -> int:
        return self.names.index(name)

    def edges(self, name: str) -> np.ndarray:
        """The unit's ring edges as an (m, 4) array x1, y1, x2, y2, ring after ring."""
        u = self.index(name)
        first, last = int(self.unit_offsets[u]), int(self.unit_offsets[u + 1])
        start, stop = int(self.ring_offsets[first]), int(self.ring_offsets[last])
        xy = self.coords[start:stop]
        if len(xy) < 2:
            return np.empty((0, 4))
        pairs = np.hstack([xy[:-1], xy[1:]])
        ring_ends = self.ring_offsets[first + 1:last + 1] - 1 - start  # a ring's last vertex starts no edge
        keep = np.ones(len(pairs), dtype=bool)
        keep[ring_ends[ring_ends < len(pairs)]] = False
        return pairs[keep]


def oriented_rings(geometry) -> list[np.ndarray]:
    """A (Multi)Polygon's rings as closed (m, 2) arrays: exteriors anticlockwise, holes clockwise."""
    import shapely

    rings = shapely.get_rings(shapely.orient_polygons(shapely.get_parts(geometry)))
    return [shapely.get_coordinates(ring) for ring in rings]


def part_weighted_area(geometry) -> float:
    """Σ over the parts of area × cos(latitude of the part's centroid): deg² on the weights' scale."""
    import shapely

    return float(sum(p.area * np.cos(np.radians(p.centroid.y)) for p in shapely.get_parts(geometry)))


def rings_inputs(boundaries_path: Path | None = None) -> dict:
    from maps.derived import boundaries_sha256, sha256_of

    return {"kind": "lonlat-rings", "format": FORMAT,
            "boundaries_sha256": boundaries_sha256(boundaries_path or DEFAULT_BOUNDARIES),
            "units_sha256": sha256_of(UNITS_TABLE)}


def derive_rings(boundaries_path: Path | None = None) -> UnitRings:
    """The rings of every unit of a boundary file (slow: geopandas and the file's checks)."""
    from maps.boundaries import load_boundaries

    boundaries = load_boundaries(boundaries_path)
    names = tuple(str(n) for n in boundaries.names)
    geometries = boundaries.gdf.loc[list(names)].geometry.values
    coords, ring_offsets, unit_offsets, areas = [], [0], [0], []
    for geometry in geometries:
        rings = oriented_rings(geometry)
        coords.extend(rings)
        ring_offsets.extend(ring_offsets[-1] + np.cumsum([len(r) for r in rings], dtype=np.int64))
        unit_offsets.append(unit_offsets[-1] + len(rings))
        areas.append(part_weighted_area(geometry))
    return UnitRings(names, np.vstack(coords) if coords else np.empty((0, 2)),
                     np.asarray(ring_offsets, dtype=np.int64), np.asarray(unit_offsets, dtype=np.int64),
                     np.asarray(areas, dtype=np.float64))


def pack(rings: UnitRings, inputs: dict) -> dict[str, np.ndarray]:
    """The arrays to store: distinct vertices in the order first met, and a delta-coded index per vertex."""
    distinct, first_seen, inverse = np.unique(rings.coords, axis=0, return_index=True, return_inverse=True)
    order = np.argsort(first_seen, kind="stable")
    number = np.empty_like(order)
    number[order] = np.arange(len(order))
    indices = number[inverse.ravel()]
    return {"names": np.array(rings.names, dtype=str), "vertices": distinct[order],
            "vertex_deltas": np.diff(indices, prepend=0).astype(np.int32),
            "ring_offsets": rings.ring_offsets, "unit_offsets": rings.unit_offsets,
            "full_area": rings.full_area, "derived_from": np.array(json.dumps(inputs, sort_keys=True))}


def unpack(arrays) -> tuple[dict, UnitRings]:
    """``(inputs, rings)`` from stored arrays; raises KeyError/ValueError when they do not fit together."""
    coords = arrays["vertices"][np.cumsum(arrays["vertex_deltas"], dtype=np.int64)]
    rings = UnitRings(tuple(str(n) for n in arrays["names"]), coords, np.asarray(arrays["ring_offsets"]),
                      np.asarray(arrays["unit_offsets"]), np.asarray(arrays["full_area"], dtype=np.float64))
    if (int(rings.ring_offsets[-1]) != len(coords) or len(rings.unit_offsets) != len(rings.names) + 1
            or int(rings.unit_offsets[-1]) != len(rings.ring_offsets) - 1 or len(rings.full_area) != len(rings.names)):
        raise ValueError("lon/lat rings: offsets do not match the vertices")
    return json.loads(str(arrays["derived_from"])), rings


def rings_file_bytes(rings: UnitRings, inputs: dict) -> bytes:
    """The shipped file's bytes (the same inputs give the same bytes)."""
    from maps.drawing import npz_bytes

    return npz_bytes(pack(rings, inputs))


_memo: dict[str, UnitRings] = {}


def unit_rings(boundaries_path: Path | None = None) -> UnitRings:
    """The rings of ``boundaries_path`` (default: the bundled boundaries): the shipped copy while it matches,
    else the state folder's, else derived now (and kept there)."""
    from maps.derived import DAMAGED, cached_arrays

    inputs = rings_inputs(boundaries_path)
    key = json.dumps(inputs, sort_keys=True)
    if key in _memo:
        return _memo[key]
    rings = None
    if SHIPPED_RINGS.exists() and boundaries_path in (None, DEFAULT_BOUNDARIES):
        try:
            with np.load(SHIPPED_RINGS, allow_pickle=False) as data:
                recorded, shipped = unpack({k: data[k] for k in data.files})
            rings = shipped if recorded == inputs else None
        except DAMAGED:
            rings = None  # damaged: derived again below
    if rings is None:
        stored = cached_arrays(inputs, lambda: {k: v for k, v in pack(derive_rings(boundaries_path), inputs).items()
                                                if k != "derived_from"})
        try:
            rings = unpack({**stored, "derived_from": np.array(json.dumps(inputs, sort_keys=True))})[1]
        except DAMAGED:  # a state-folder entry that reads but does not fit together
            rings = derive_rings(boundaries_path)
    _memo.clear()
    _memo[key] = rings
    return rings
