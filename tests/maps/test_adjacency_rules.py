"""Adjacency on hand-made polygons (metres): what counts as a shared border and what does not (spec §2)."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.scheme import AdjacencyOverride
from maps.adjacency import apply_overrides, derive_adjacency, pair_key
from maps.projection import BASIN_CRS


def frame(**polygons) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(geometry=list(polygons.values()), index=list(polygons), crs=BASIN_CRS)


def box(x0, y0, x1, y1):
    return shapely.box(x0, y0, x1, y1)


def test_point_contact_is_not_adjacency():
    adj = derive_adjacency(frame(a=box(0, 0, 5000, 5000), b=box(5000, 5000, 10000, 10000)))
    assert not adj.adjacent("a", "b")
    assert adj.shared_km("a", "b") == 0.0
    assert adj.isolated == ["a", "b"]


def test_point_contact_of_four_units_meeting_at_a_corner():
    adj = derive_adjacency(frame(sw=box(0, 0, 5000, 5000), se=box(5000, 0, 10000, 5000),
                                 nw=box(0, 5000, 5000, 10000), ne=box(5000, 5000, 10000, 10000)))
    assert set(adj.pairs) == {("se", "sw"), ("nw", "sw"), ("ne", "se"), ("ne", "nw")}
    assert adj.pairs[("se", "sw")] == pytest.approx(5.0)
    assert not adj.adjacent("sw", "ne") and not adj.adjacent("se", "nw")


def test_fifty_metre_sliver_gap_is_closed():
    adj = derive_adjacency(frame(a=box(0, 0, 5000, 5000), b=box(5050, 0, 10000, 5000)))
    assert adj.adjacent("a", "b")
    assert adj.pairs[("a", "b")] == pytest.approx(5.0, abs=0.05)


def test_two_hundred_metre_gap_is_not_closed():
    adj = derive_adjacency(frame(a=box(0, 0, 5000, 5000), b=box(5200, 0, 10000, 5000)))
    assert not adj.adjacent("a", "b")
    assert adj.shared_km("a", "b") == 0.0


def test_gap_limit_is_the_snap_setting():
    polygons = frame(a=box(0, 0, 5000, 5000), b=box(5200, 0, 10000, 5000))
    assert derive_adjacency(polygons, snap_gap_m=250.0).adjacent("a", "b")
    assert not derive_adjacency(polygons, snap_gap_m=150.0).adjacent("a", "b")


def test_half_kilometre_shared_edge_is_below_the_default_minimum():
    # b sits on a's right edge, overlapping it for 500 m only (y 4500–5000).
    polygons = frame(a=box(0, 0, 5000, 5000), b=box(5000, 4500, 10000, 9500))
    adj = derive_adjacency(polygons)
    assert adj.shared_km("a", "b") == pytest.approx(0.5, abs=0.03)
    assert not adj.adjacent("a", "b")
    assert derive_adjacency(polygons, min_shared_km=0.4).adjacent("a", "b")


def test_shared_edge_just_above_one_kilometre_counts_and_just_below_does_not():
    above = derive_adjacency(frame(a=box(0, 0, 5000, 5000), b=box(5000, 3950, 10000, 9000)))
    below = derive_adjacency(frame(a=box(0, 0, 5000, 5000), b=box(5000, 4050, 10000, 9000)))
    assert above.adjacent("a", "b") and above.pairs[("a", "b")] == pytest.approx(1.05, abs=0.03)
    assert not below.adjacent("a", "b") and below.shared_km("a", "b") == pytest.approx(0.95, abs=0.03)


def test_sliver_gap_short_border_ends_do_not_add_length():
    # A 50 m gap along a 900 m stretch: the corners of the gap must not push it over 1 km.
    adj = derive_adjacency(frame(a=box(0, 0, 5000, 5000), b=box(5050, 4100, 10000, 9000)))
    assert adj.shared_km("a", "b") == pytest.approx(0.9, abs=0.06)
    assert not adj.adjacent("a", "b")


def test_overlapping_neighbours_are_adjacent():
    adj = derive_adjacency(frame(a=box(0, 0, 5030, 5000), b=box(5000, 0, 10000, 5000)))
    assert adj.pairs[("a", "b")] == pytest.approx(5.0, abs=0.1)


def test_border_drawn_with_different_vertices_on_each_side():
    # Same straight border, but a has one long edge and b has it cut into 7 pieces: no exact match.
    a = shapely.Polygon([(0, 0), (5000, 0), (5000, 5000), (0, 5000)])
    right = [(5000, y) for y in range(5000, -1, -700)] + [(5000, 0)]
    b = shapely.Polygon([(10000, 0), (10000, 5000), *right])
    adj = derive_adjacency(frame(a=a, b=b.normalize()))
    assert adj.pairs[("a", "b")] == pytest.approx(5.0, abs=0.01)
    # Without any snapping the border still touches along its whole length.
    assert derive_adjacency(frame(a=a, b=b), snap_gap_m=0.0).pairs[("a", "b")] == pytest.approx(5.0, abs=0.01)
    assert not derive_adjacency(frame(a=a, b=shapely.affinity.translate(b, 30.0)), snap_gap_m=0.0).pairs


def test_enclave_shares_its_whole_outline():
    outer = box(0, 0, 10000, 10000).difference(box(4000, 4000, 6000, 6000))
    adj = derive_adjacency(frame(outer=outer, inner=box(4000, 4000, 6000, 6000)))
    assert adj.pairs[("inner", "outer")] == pytest.approx(8.0)


def test_no_self_pairs_and_symmetric_neighbours():
    adj = derive_adjacency(frame(a=box(0, 0, 5000, 5000), b=box(5000, 0, 10000, 5000),
                                 c=box(0, 5000, 10000, 8000)))
    assert all(a < b for a, b in adj.pairs)
    for name, others in adj.neighbours.items():
        assert name not in others
        assert all(name in adj.neighbours[o] for o in others)


def test_requires_a_metric_projection():
    wgs = frame(a=box(0, 0, 1, 1)).set_crs("EPSG:4326", allow_override=True)
    with pytest.raises(ValueError, match="metric projection"):
        derive_adjacency(wgs)


def test_overrides_add_and_remove_pairs_and_are_recorded():
    adj = derive_adjacency(frame(a=box(0, 0, 5000, 5000), b=box(5000, 0, 10000, 5000),
                                 c=box(20000, 0, 25000, 5000)))
    changed = apply_overrides(adj, [AdjacencyOverride("c", "a", "add", "ferry link", "river crossing"),
                                    AdjacencyOverride("a", "b", "remove", "mountain ridge")])
    assert changed.adjacent("a", "c") and changed.pairs[("a", "c")] == 0.0
    assert not changed.adjacent("a", "b")
    assert changed.override("a", "c").name == "ferry link"
    assert changed.override("b", "a").action == "remove"
    assert adj.adjacent("a", "b") and not adj.overrides  # the derived graph is left as it was
    assert changed.isolated == ["b"]


def test_induced_components_only_pass_through_members():
    adj = derive_adjacency(frame(a=box(0, 0, 5000, 5000), b=box(5000, 0, 10000, 5000),
                                 c=box(10000, 0, 15000, 5000)))
    assert adj.induced_components(["a", "c"]) == [["a"], ["c"]]
    assert adj.induced_components(["c", "b", "a"]) == [["a", "b", "c"]]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=2, max_size=12, unique=True),
       st.randoms(use_true_random=False))
def test_grid_cells_adjacent_exactly_when_they_share_a_side_in_any_order(cells, rnd):
    size = 3000
    polygons = {f"c{x}{y}": box(x * size, y * size, (x + 1) * size, (y + 1) * size) for x, y in cells}
    names = list(polygons)
    rnd.shuffle(names)
    adj = derive_adjacency(frame(**{n: polygons[n] for n in names}))
    expected = {pair_key(f"c{x}{y}", f"c{u}{v}") for x, y in cells for u, v in cells
                if abs(x - u) + abs(y - v) == 1}
    assert set(adj.pairs) == expected
    assert all(km == pytest.approx(3.0) for km in adj.pairs.values())


@settings(max_examples=40, deadline=None)
@given(gap=st.floats(0.0, 220.0), angle=st.floats(0.0, 360.0), overlap_km=st.floats(0.3, 4.0))
def test_gap_width_decides_and_rotation_does_not_matter(gap, angle, overlap_km):
    # b faces a across a gap of `gap` metres along `overlap_km` of a's right edge; the pair is then rotated.
    a = box(0, 0, 5000, 5000)
    b = box(5000 + gap, 5000 - overlap_km * 1000, 9000 + gap, 9000)
    rotated = [shapely.affinity.rotate(g, angle, origin=(0, 0)) for g in (a, b)]
    adj = derive_adjacency(frame(a=rotated[0], b=rotated[1]))
    shared = adj.shared_km("a", "b")
    if gap <= 95.0:
        # Where the gap ends at a corner, up to one gap width per end is counted as closed.
        assert overlap_km - 0.005 <= shared <= overlap_km + 2 * gap / 1000.0 + 0.005
        assert adj.adjacent("a", "b") == (shared >= 1.0)
    elif gap > 105.0:
        assert adj.shared_km("a", "b") == 0.0


def test_jagged_border_within_the_gap_counts_in_full():
    # a's edge is straight at x = 5000; b's facing edge zigzags between 20 and 80 m away from it.
    zigzag = [(5020 + 60 * (i % 2), 5000 - 250 * i) for i in range(21)]
    b = shapely.Polygon([*zigzag, (9000, 0), (9000, 5000)])
    adj = derive_adjacency(frame(a=box(0, 0, 5000, 5000), b=b))
    assert adj.pairs[("a", "b")] == pytest.approx(5.0, abs=0.15)
