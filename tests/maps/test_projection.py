"""The basin projection: metric, conformal, small scale error over both provinces."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Proj

from maps.projection import BASIN_CRS, to_basin


def test_metric_and_conformal_over_both_provinces():
    assert BASIN_CRS.is_projected and BASIN_CRS.axis_info[0].unit_name == "metre"
    lon, lat = np.meshgrid(np.linspace(97.3, 110.2, 14), np.linspace(26.0, 34.3, 10))
    factors = Proj(BASIN_CRS).get_factors(lon.ravel(), lat.ravel())
    assert np.nanmax(np.abs(factors.angular_distortion)) < 1e-4  # degrees: shapes preserved
    assert np.allclose(factors.meridional_scale, factors.parallel_scale, atol=1e-8)
    assert np.all(np.abs(np.asarray(factors.parallel_scale) - 1.0) < 0.0016)  # within 0.16 %


def test_to_basin_needs_a_crs_and_measures_in_metres():
    one_degree = gpd.GeoSeries([shapely.LineString([(105.0, 30.0), (105.0, 31.0)])], crs="EPSG:4326")
    assert to_basin(one_degree).length.iloc[0] == pytest.approx(110_900, rel=0.003)
    with pytest.raises(ValueError, match="no CRS"):
        to_basin(gpd.GeoSeries([shapely.Point(0, 0)]))


def test_north_without_pyproj_is_pyprojs_meridian():
    """maps.lambert's true north (the page's north arrow) is the direction pyproj gives along the meridian,
    across both provinces, and its projection string is the CRS's."""
    from pyproj import Transformer

    from maps.lambert import PROJ4, north_angle_deg
    from maps.projection import BASIN_PROJ, WGS84

    assert PROJ4 == BASIN_PROJ
    to_map = Transformer.from_crs(WGS84, BASIN_CRS, always_xy=True)
    for lon in (97.3, 101.0, 105.0, 108.5, 110.2):
        for lat in (26.0, 30.0, 34.3):
            x, y = to_map.transform(lon, lat)
            nx, ny = to_map.transform(lon, lat + 0.5)
            expected = np.degrees(np.arctan2(nx - x, ny - y))
            assert north_angle_deg(x, y) == pytest.approx(expected, abs=1e-7)

