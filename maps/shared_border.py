"""Length of the border each pair of polygons shares, after closing gaps up to a snap distance.

Works on the boundary segments, never by buffering polygons, in two passes:

1. **Exact matches.** In a clean coverage (the shipped data) neighbours store their common border as the same
   vertex sequence. Every segment is keyed by its two end points (rounded to 1 mm, direction ignored); a key
   held by two units is a piece of their common border. This is a sort, not a geometric search.
2. **Snapping the rest.** Segments without an exact partner (outer edges, and borders digitised separately,
   with slivers or overlaps) are paired with nearby segments of other units through a k-d tree. For each pair
   the part of one segment lying within the snap distance of the other *across* the gap is computed exactly,
   as an interval: across means the line to the nearest point of the other segment makes at least 45° with
   this one. That keeps point contacts and the ends of a border (where the neighbour's edge turns away) from
   counting; where a gap ends at a corner, at most about one gap width per end is counted as closed. The
   intervals of one segment against all segments of one neighbour are merged (a union, not a sum), and the
   length is measured from both sides and averaged, so the result is symmetric.

Lengths are in the units of the input (metres in the basin projection).
"""

from __future__ import annotations

import numpy as np
import shapely

ON_BORDER_M = 0.01  # borders closer than this touch, even with a snap distance of 0 (floating-point noise)
_COS_45 = np.sqrt(0.5)
_CHUNK_PAIRS = 250_000  # candidate pairs per block in the interval computation (~30 float arrays each)
_PIECE_M = 250.0  # segment pieces for the neighbour search (see near_segment_pairs)


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


def _pack(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each integer point (x, y) as one int64, so that sorting segments needs two keys instead of four."""
    both = np.concatenate([a, b])
    origin = both.min(axis=0) if len(both) else np.zeros(2, dtype=np.int64)
    span = (both.max(axis=0) - origin) if len(both) else np.zeros(2, dtype=np.int64)
    if np.any(span >= 2**31):  # wider than ~2,100 km at 1 mm: keep the points as they are, pack by rank
        _, inverse = np.unique(both, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        return inverse[: len(a)], inverse[len(a):]
    packed = ((both[:, 0] - origin[0]) << 31) | (both[:, 1] - origin[1])
    return packed[: len(a)], packed[len(a):]


def exact_shared(start: np.ndarray, end: np.ndarray, owner: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(n × n symmetric matrix of exactly shared length, mask of segments that have an exact partner)."""
    a = np.round(start * 1000.0).astype(np.int64)
    b = np.round(end * 1000.0).astype(np.int64)
    pa, pb = _pack(a, b)
    lo, hi = np.minimum(pa, pb), np.maximum(pa, pb)
    order = np.lexsort((owner, hi, lo))
    keys = np.column_stack([lo, hi])[order]
    new_group = np.r_[True, np.any(keys[1:] != keys[:-1], axis=1)]
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
    return shared + shared.T, matched


def snapped_shared(start: np.ndarray, end: np.ndarray, owner: np.ndarray, n: int,
                   snap_gap_m: float) -> np.ndarray:
    """n × n symmetric matrix: length of unmatched border within ``snap_gap_m`` across a gap (see module doc)."""
    result = np.zeros((n, n))
    if len(start) == 0:
        return result
    reach = max(snap_gap_m, ON_BORDER_M)
    s, t = near_segment_pairs(start, end, owner, reach)
    if len(s) == 0:
        return result
    seg_len = np.hypot(*(end - start).T)
    parts = [_across_intervals(start, end, s[k:k + _CHUNK_PAIRS], t[k:k + _CHUNK_PAIRS],
                               owner[t[k:k + _CHUNK_PAIRS]] + n * s[k:k + _CHUNK_PAIRS], reach)
             for k in range(0, len(s), _CHUNK_PAIRS)]  # bounded temporary memory for very large inputs
    group, lo, hi = (np.concatenate(column) for column in zip(*parts))
    covered = _union_length(group, lo, hi)  # per (segment, other unit), as a fraction of the segment
    seg, unit_b = np.divmod(covered[0], n)
    np.add.at(result, (owner[seg], unit_b), covered[1] * seg_len[seg])
    return (result + result.T) / 2.0


def near_segment_pairs(start: np.ndarray, end: np.ndarray, owner: np.ndarray,
                       reach: float) -> tuple[np.ndarray, np.ndarray]:
    """Directed pairs (s, t) of segments of different owners that may come within ``reach`` of each other.

    Segments are cut into pieces of at most ``_PIECE_M``; any point of a piece is within half that of the
    piece's midpoint, so two pieces can only be within ``reach`` when their midpoints are within
    ``reach + _PIECE_M``: a k-d tree finds those pairs. A superset is fine: the intervals are computed from real distances.
    """
    from scipy.spatial import cKDTree

    length = np.hypot(*(end - start).T)
    pieces = np.maximum(1, np.ceil(length / _PIECE_M)).astype(np.int64)
    seg = np.repeat(np.arange(len(length)), pieces)
    index_in_seg = np.arange(len(seg)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    u = (index_in_seg + 0.5) / pieces[seg]
    midpoints = start[seg] + u[:, None] * (end - start)[seg]
    close = cKDTree(midpoints).query_pairs(reach + _PIECE_M, output_type="ndarray")
    a, b = seg[close[:, 0]], seg[close[:, 1]]
    keep = owner[a] != owner[b]
    a, b = a[keep], b[keep]
    # Keep pairs whose bounding boxes come within reach (cheap, and drops most of the k-d tree's superset).
    lo, hi = np.minimum(start, end), np.maximum(start, end)
    gap = np.maximum(np.maximum(lo[a] - hi[b], lo[b] - hi[a]), 0.0)
    close_enough = np.hypot(*gap.T) <= reach
    a, b = a[close_enough], b[close_enough]
    # Two segments cut into several pieces can pair more than once; the repeats only repeat an interval,
    # which the union in _union_length absorbs, so no de-duplication pass is needed.
    return np.r_[a, b], np.r_[b, a]


def _solve(lo: np.ndarray, hi: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the interval of x with lo <= a + b·x <= hi (empty as (inf, -inf))."""
    with np.errstate(divide="ignore", invalid="ignore"):
        x1, x2 = (lo - a) / b, (hi - a) / b
    flat = b == 0
    inside = (lo <= a) & (a <= hi)
    x_lo = np.where(flat, np.where(inside, -np.inf, np.inf), np.minimum(x1, x2))
    x_hi = np.where(flat, np.where(inside, np.inf, -np.inf), np.maximum(x1, x2))
    return x_lo, x_hi


def _across_intervals(start, end, s, t, group, gap) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Intervals of each segment ``s`` (as fractions 0…1 of it) lying within ``gap`` of segment ``t`` *across*.

    Along ``s`` (arc length x), the nearest point of ``t`` is either inside ``t`` (the line to it is ``t``'s
    normal: across when s and t are within 45° of parallel) or one of ``t``'s end points (across when the
    offset along ``s`` is at most the offset across it). Each of the three cases is one interval of x.
    """
    p0 = start[s]
    s_vec = end[s] - p0
    s_len = np.hypot(*s_vec.T)
    s_dir = s_vec / s_len[:, None]
    s_nrm = np.column_stack([-s_dir[:, 1], s_dir[:, 0]])
    t0, t1 = start[t], end[t]
    t_vec = t1 - t0
    t_len = np.hypot(*t_vec.T)
    t_dir = t_vec / t_len[:, None]
    t_nrm = np.column_stack([-t_dir[:, 1], t_dir[:, 0]])

    def dot(u, v):
        return np.einsum("ij,ij->i", u, v)

    # Position of the point at x projected on t: w(x) = w0 + x·k; offset from t's line: h(x) = h0 + x·m.
    w0, k = dot(p0 - t0, t_dir), dot(s_dir, t_dir)
    h0, m = dot(p0 - t0, t_nrm), dot(s_dir, t_nrm)
    zeros, lengths = np.zeros(len(s)), t_len

    pieces = []
    # Case A: nearest point inside t.
    lo_a, hi_a = _solve(zeros, lengths, w0, k)
    lo_h, hi_h = _solve(zeros - gap, zeros + gap, h0, m)
    lo, hi = np.maximum(lo_a, lo_h), np.minimum(hi_a, hi_h)
    parallel_enough = np.abs(m) <= _COS_45
    pieces.append((np.where(parallel_enough, lo, np.inf), np.where(parallel_enough, hi, -np.inf)))
    # Cases B: nearest point is t's start (w <= 0) or end (w >= len t).
    for corner, w_lo, w_hi in ((t0, zeros - np.inf, zeros), (t1, lengths, zeros + np.inf)):
        along0 = dot(p0 - corner, s_dir)  # offset along s at x = 0 is along0 + x
        across = np.abs(dot(p0 - corner, s_nrm))
        reach = np.minimum(np.sqrt(np.maximum(gap * gap - across * across, 0.0)), across)
        reach = np.where(across <= gap, reach, -1.0)
        lo_c, hi_c = -along0 - reach, -along0 + reach
        lo_w, hi_w = _solve(w_lo, w_hi, w0, k)
        pieces.append((np.maximum(lo_c, lo_w), np.minimum(hi_c, hi_w)))

    groups, los, his = [], [], []
    for lo, hi in pieces:
        lo = np.clip(lo, 0.0, s_len) / s_len
        hi = np.clip(hi, 0.0, s_len) / s_len
        keep = hi > lo
        groups.append(group[keep])
        los.append(lo[keep])
        his.append(hi[keep])
    return np.concatenate(groups), np.concatenate(los), np.concatenate(his)


def _union_length(group: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct groups, total length of the union of their intervals); intervals lie within [0, 1]."""
    if len(group) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    groups, rank = np.unique(group, return_inverse=True)
    # Shift each group by twice its rank: one running maximum then never mixes two groups.
    lo_s, hi_s = lo + 2.0 * rank, hi + 2.0 * rank
    order = np.lexsort((lo_s, rank))
    lo_s, hi_s, rank = lo_s[order], hi_s[order], rank[order]
    reached = np.r_[-np.inf, np.maximum.accumulate(hi_s)[:-1]]
    gained = np.maximum(hi_s - np.maximum(lo_s, reached), 0.0)
    return groups, np.bincount(rank, weights=gained, minlength=len(groups))


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
