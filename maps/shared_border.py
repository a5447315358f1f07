"""Length of the border each pair of polygons shares, after closing gaps up to a snap distance.

Works on the boundary segments, never by buffering polygons, in two passes:

1. **Exact matches.** In a clean coverage (the shipped data) neighbours store their common border as the same
   vertex sequence. Every segment is keyed by its two end points (rounded to 1 mm, direction ignored); a key
   held by two units is a piece of their common border. This is a sort, not a geometric search.
2. **Snapping the rest.** Segments without an exact partner (outer edges, and borders digitised separately,
   with slivers or overlaps) go into an STRtree; pairs of segments of different units within the snap distance
   are found with ``dwithin``. Each such segment is sampled every few metres, and a sample counts towards the
   other unit when its nearest point on that unit's segment is within the snap distance *across* the gap, not
   along the border: the line to the nearest point must make at least 45° with the segment. That keeps point
   contacts and the ends of a border (where the neighbour's edge turns away) from counting. The length is
   measured from both sides and averaged, so the result is symmetric.

Lengths are in the units of the input (metres in the basin projection).
"""

from __future__ import annotations

import numpy as np
import shapely

ON_BORDER_M = 0.01  # closer than this is "on the border": no direction test (it is undefined at distance 0)
_COS_45 = np.sqrt(0.5)
_CHUNK_ROWS = 400_000  # sample×candidate rows per numpy block: bounded memory for large, unclean inputs


def sample_step(snap_gap_m: float) -> float:
    """Sampling step along unmatched segments: fine enough that each end of a border is off by < ~12 m."""
    return float(min(25.0, max(snap_gap_m / 4.0, 1.0)))


def boundary_segments(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start points (n, 2), end points (n, 2) and owning polygon index (n,) of every ring segment."""
    parts, part_owner = shapely.get_parts(geoms, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    same_ring = coord_ring[:-1] == coord_ring[1:]
    start = coords[:-1][same_ring]
    end = coords[1:][same_ring]
    owner = part_owner[ring_part[coord_ring[:-1][same_ring]]]
    nonzero = np.any(start != end, axis=1)
    return start[nonzero], end[nonzero], owner[nonzero]


def exact_shared(start: np.ndarray, end: np.ndarray, owner: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(n × n symmetric matrix of exactly shared length, mask of segments that have an exact partner)."""
    a = np.round(start * 1000.0).astype(np.int64)
    b = np.round(end * 1000.0).astype(np.int64)
    swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
    lo = np.where(swap[:, None], b, a)
    hi = np.where(swap[:, None], a, b)
    order = np.lexsort((owner, hi[:, 1], hi[:, 0], lo[:, 1], lo[:, 0]))
    keys = np.column_stack([lo, hi])[order]
    new_group = np.r_[True, np.any(keys[1:] != keys[:-1], axis=1)]
    group = np.cumsum(new_group) - 1
    group_start = np.flatnonzero(new_group)
    size = np.diff(np.r_[group_start, len(order)])

    shared = np.zeros((n, n))
    matched = np.zeros(len(start), dtype=bool)
    length = np.hypot(*(end - start).T)
    owners_sorted = owner[order]
    # The usual case: a key held by exactly two segments of two different units.
    two = np.flatnonzero(size == 2)
    first, second = group_start[two], group_start[two] + 1
    distinct = owners_sorted[first] != owners_sorted[second]
    first, second = first[distinct], second[distinct]
    i, j = owners_sorted[first], owners_sorted[second]
    np.add.at(shared, (i, j), length[order[first]])
    matched[order[first]] = True
    matched[order[second]] = True
    # Rare: the same segment in three or more units (overlapping polygons). Count each distinct pair once.
    for g in np.flatnonzero(size > 2):
        members = order[group_start[g]: group_start[g] + size[g]]
        units = np.unique(owner[members])
        if len(units) < 2:
            continue
        matched[members] = True
        for x in range(len(units)):
            for y in range(x + 1, len(units)):
                shared[units[x], units[y]] += length[members[0]]
    del group
    return shared + shared.T, matched


def snapped_shared(start: np.ndarray, end: np.ndarray, owner: np.ndarray, n: int,
                   snap_gap_m: float) -> np.ndarray:
    """n × n symmetric matrix: length of unmatched border within ``snap_gap_m`` across a gap (see module doc)."""
    result = np.zeros((n, n))
    if len(start) == 0:
        return result
    reach = max(snap_gap_m, ON_BORDER_M)
    lines = shapely.linestrings(np.stack([start, end], axis=1))
    tree = shapely.STRtree(lines)
    s, t = tree.query(lines, predicate="dwithin", distance=reach)
    other = owner[s] != owner[t]
    s, t = s[other], t[other]
    if len(s) == 0:
        return result

    step = sample_step(snap_gap_m)
    seg_len = np.hypot(*(end - start).T)
    samples_per_seg = np.maximum(1, np.ceil(seg_len / step)).astype(np.int64)
    # Global id of each segment's first sample, so that a sample near several segments of one unit counts once.
    first_sample = np.r_[0, np.cumsum(samples_per_seg)[:-1]]
    rows_per_pair = samples_per_seg[s]
    bounds = np.r_[0, np.cumsum(rows_per_pair)]
    hits: list[np.ndarray] = []
    pair = 0
    while pair < len(s):
        stop = int(np.searchsorted(bounds, bounds[pair] + _CHUNK_ROWS, side="right")) - 1
        stop = max(stop, pair + 1)
        hits.append(_qualifying_samples(start, end, owner, s[pair:stop], t[pair:stop],
                                        samples_per_seg, first_sample, snap_gap_m, n))
        pair = stop
    keys = np.unique(np.concatenate(hits))
    sample_id, unit_b = np.divmod(keys, n)
    seg = np.searchsorted(first_sample, sample_id, side="right") - 1
    np.add.at(result, (owner[seg], unit_b), seg_len[seg] / samples_per_seg[seg])
    return (result + result.T) / 2.0


def _qualifying_samples(start, end, owner, s, t, samples_per_seg, first_sample, snap_gap_m, n) -> np.ndarray:
    """Keys (sample id × n + other unit) of samples on segments ``s`` that are across a gap from ``t``."""
    k = samples_per_seg[s]
    row_pair = np.repeat(np.arange(len(s)), k)
    within = np.arange(len(row_pair)) - np.repeat(np.cumsum(k) - k, k)
    seg_s, seg_t = s[row_pair], t[row_pair]
    u = (within + 0.5) / k[row_pair]
    direction = end[seg_s] - start[seg_s]
    points = start[seg_s] + u[:, None] * direction
    t0 = start[seg_t]
    t_vec = end[seg_t] - t0
    v = np.clip(np.einsum("ij,ij->i", points - t0, t_vec) / np.einsum("ij,ij->i", t_vec, t_vec), 0.0, 1.0)
    to_nearest = t0 + v[:, None] * t_vec - points
    dist = np.hypot(*to_nearest.T)
    along = np.abs(np.einsum("ij,ij->i", to_nearest, direction)) / np.hypot(*direction.T)
    across = along <= _COS_45 * dist
    ok = (dist <= ON_BORDER_M) | ((dist <= snap_gap_m) & across)
    sample_id = first_sample[seg_s[ok]] + within[ok]
    return sample_id * n + owner[seg_t[ok]]


def shared_border_lengths(geoms, snap_gap_m: float) -> np.ndarray:
    """Symmetric n × n matrix of shared border length (input units) between polygons, zero diagonal."""
    geoms = np.asarray(geoms, dtype=object)
    n = len(geoms)
    start, end, owner = boundary_segments(geoms)
    exact, matched = exact_shared(start, end, owner, n)
    free = ~matched
    snapped = snapped_shared(start[free], end[free], owner[free], n, snap_gap_m)
    total = exact + snapped
    np.fill_diagonal(total, 0.0)
    return total
