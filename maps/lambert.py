"""The basin projection's parameters, and what the page layout needs of it without pyproj: the direction of true
north at a projected point.

Importing pyproj (and its version report's ``importlib.metadata``) costs the ``map`` command about a tenth of a
second of its two (issue 26), for one number: the north arrow's angle. In a Lambert conformal conic projection
every meridian is a straight line through the cone's apex, which lies on the central meridian at
``ρ0`` = a·F·t(φ0)ⁿ north of the origin (Snyder, *Map Projections — A Working Manual*, eq. 15-1 to 15-10, on
the ellipsoid), so north at (x, y) points from (x, y) to (0, ρ0) — exactly, no finite difference.
:mod:`maps.projection` builds the CRS from these same numbers; a test holds the two together.
"""

from __future__ import annotations

import math

LAT_1, LAT_2 = 27.0, 33.0  # standard parallels (° N)
LAT_0, LON_0 = 30.0, 105.0  # origin
WGS84_A = 6378137.0
WGS84_F = 1 / 298.257223563
PROJ4 = (f"+proj=lcc +lat_1={LAT_1:g} +lat_2={LAT_2:g} +lat_0={LAT_0:g} +lon_0={LON_0:g} +x_0=0 +y_0=0 "
         "+datum=WGS84 +units=m +no_defs +type=crs")


def _apex_northing() -> float:
    """ρ0: the distance from the projection's origin up the central meridian to the cone's apex (metres)."""
    e = math.sqrt(WGS84_F * (2 - WGS84_F))

    def m(lat: float) -> float:
        s = math.sin(math.radians(lat))
        return math.cos(math.radians(lat)) / math.sqrt(1 - e * e * s * s)

    def t(lat: float) -> float:
        s = math.sin(math.radians(lat))
        return math.tan(math.pi / 4 - math.radians(lat) / 2) / ((1 - e * s) / (1 + e * s)) ** (e / 2)

    n = (math.log(m(LAT_1)) - math.log(m(LAT_2))) / (math.log(t(LAT_1)) - math.log(t(LAT_2)))
    return WGS84_A * m(LAT_1) / (n * t(LAT_1) ** n) * t(LAT_0) ** n


APEX_Y = _apex_northing()


def north_angle_deg(x: float, y: float) -> float:
    """Clockwise angle from the map's up direction to true north at projected point (x, y), in degrees."""
    return math.degrees(math.atan2(-x, APEX_Y - y))
