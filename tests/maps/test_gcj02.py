"""GCJ-02 ↔ WGS-84: the iterative inverse undoes the public forward formula to well under 1 cm."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from pyproj import Geod

from maps.gcj02 import gcj02_to_wgs84, geometry_to_wgs84, wgs84_to_gcj02

GEOD = Geod(ellps="WGS84")

# Points across both provinces: Chengdu, Chongqing (渝中), Ganzi west edge, Panzhihua, Guangyuan, Wushan,
# Xiushan, Aba north, Yibin, Dazhou.
POINTS = [(104.066, 30.572), (106.570, 29.557), (97.60, 31.50), (101.72, 26.58), (105.84, 32.44),
          (109.88, 31.07), (108.99, 28.45), (102.22, 33.90), (104.64, 28.75), (107.47, 31.21)]
# Basin cities from the Chengdu plain to Chongqing: the offset is about 360–500 m there (it grows eastward,
# ~505 m at Dazhou, ~570 m at Xiushan; westward it shrinks, ~240 m in northern Aba).
BASIN = [(104.066, 30.572), (106.570, 29.557), (105.84, 31.0), (104.64, 28.75), (106.10, 30.80),
         (105.06, 29.58), (103.76, 29.55), (105.44, 28.87)]


def _metres(lon1, lat1, lon2, lat2) -> np.ndarray:
    return np.asarray(GEOD.inv(lon1, lat1, lon2, lat2)[2])


def test_round_trip_is_below_one_centimetre_across_both_provinces():
    lon, lat = np.array(POINTS).T
    wgs_lon, wgs_lat = gcj02_to_wgs84(lon, lat)
    back_lon, back_lat = wgs84_to_gcj02(wgs_lon, wgs_lat)
    assert _metres(lon, lat, back_lon, back_lat).max() < 0.01


def test_round_trip_on_a_dense_grid():
    lon, lat = np.meshgrid(np.linspace(97.3, 110.2, 40), np.linspace(26.0, 34.3, 40))
    wgs = gcj02_to_wgs84(lon.ravel(), lat.ravel())
    back = wgs84_to_gcj02(*wgs)
    assert _metres(lon.ravel(), lat.ravel(), *back).max() < 0.01


@pytest.mark.parametrize("lon,lat", BASIN)
def test_offset_in_the_basin_is_360_to_500_metres(lon, lat):
    wgs_lon, wgs_lat = gcj02_to_wgs84(lon, lat)
    offset = float(_metres(lon, lat, wgs_lon, wgs_lat))
    assert 360.0 <= offset <= 500.0


def test_offset_over_the_whole_area_stays_plausible():
    lon, lat = np.array(POINTS).T
    offset = _metres(lon, lat, *gcj02_to_wgs84(lon, lat))
    assert np.all((offset > 200.0) & (offset < 600.0))


def test_inverse_moves_points_the_opposite_way_of_the_forward_offset():
    lon, lat = 104.066, 30.572
    fwd_lon, fwd_lat = wgs84_to_gcj02(lon, lat)
    inv_lon, inv_lat = gcj02_to_wgs84(lon, lat)
    assert np.sign(fwd_lon - lon) == -np.sign(inv_lon - lon)
    assert np.sign(fwd_lat - lat) == -np.sign(inv_lat - lat)


def test_geometry_conversion_keeps_structure_and_moves_every_vertex():
    square = shapely.Polygon([(104, 30), (104.1, 30), (104.1, 30.1), (104, 30.1)], holes=[
        [(104.02, 30.02), (104.05, 30.02), (104.05, 30.05)]])
    out = geometry_to_wgs84(shapely.MultiPolygon([square]))
    assert out.geom_type == "MultiPolygon" and out.is_valid
    assert shapely.get_num_coordinates(out) == shapely.get_num_coordinates(square)
    before, after = shapely.get_coordinates(square), shapely.get_coordinates(out)
    moved = _metres(before[:, 0], before[:, 1], after[:, 0], after[:, 1])
    assert np.all((moved > 300) & (moved < 600))


def test_far_outside_china_the_inverse_refuses_rather_than_guesses():
    with pytest.raises(ValueError, match="did not converge"):
        gcj02_to_wgs84(np.array([np.nan]), np.array([30.0]))
