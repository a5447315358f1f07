"""Topology-preserving simplification for drawing.

``shapely.coverage_simplify`` simplifies each shared border once, so neighbours keep one common edge at every
level (per-polygon ``simplify`` opens gaps and overlaps between them). Tolerances are in metres of the basin
projection; "full" is the geometry itself. Used for drawing only, never for adjacency or lengths.
"""

from __future__ import annotations

import numpy as np
import shapely

# Level → tolerance (m). "fine" suits a district-scale view (Chongqing's main urban area), "coarse" the whole
# two-province map in a small panel; the vertex counts are printed by the benchmark.
LOD_TOLERANCE_M: dict[str, float] = {"full": 0.0, "fine": 100.0, "medium": 400.0, "coarse": 1500.0}


def simplify_coverage(geoms: np.ndarray, tolerance_m: float) -> np.ndarray:
    """Simplified copies of a polygon coverage (array of shapely geometries), same order, never empty."""
    geoms = np.asarray(geoms, dtype=object)
    if tolerance_m <= 0:
        return geoms.copy()
    simplified = shapely.coverage_simplify(geoms, tolerance_m)
    # An input that is not a clean coverage (a user file with overlaps) can come back invalid: repair it, and
    # keep the original where simplification collapsed a whole unit.
    bad = ~shapely.is_valid(simplified)
    if bad.any():
        simplified[bad] = shapely.make_valid(simplified[bad])
    collapsed = shapely.is_empty(simplified) | (shapely.area(simplified) <= 0)
    simplified[collapsed] = geoms[collapsed]
    return simplified
