"""The metric, conformal projection all lengths, areas and drawing use.

Lambert Conformal Conic with standard parallels 27° N and 33° N, origin 30° N 105° E: the two provinces span
about 26–34.3° N and 97.3–110.2° E, so the scale error stays within about 0.15 % over the whole area and
shapes are preserved (conformal), which matters for a map duty officers read. Units are metres.
"""

from __future__ import annotations

from pyproj import CRS

from maps.lambert import PROJ4

BASIN_PROJ = PROJ4  # maps.lambert: the parameters, and true north without pyproj
BASIN_CRS = CRS.from_proj4(BASIN_PROJ)
WGS84 = CRS.from_epsg(4326)


def to_basin(gdf):
    """A GeoDataFrame/GeoSeries reprojected to :data:`BASIN_CRS` (metres). It must declare a CRS."""
    if gdf.crs is None:
        raise ValueError("geometry has no CRS; cannot project it")
    return gdf.to_crs(BASIN_CRS)


def lonlat_to_basin(lon, lat):
    """WGS-84 longitude/latitude (degrees; scalars or arrays) to the basin projection's x, y in metres."""
    return _to_basin().transform(lon, lat)


_TRANSFORMER: list = []  # made once, on first use


def _to_basin():
    if not _TRANSFORMER:
        from pyproj import Transformer

        _TRANSFORMER.append(Transformer.from_crs(WGS84, BASIN_CRS, always_xy=True))
    return _TRANSFORMER[0]
