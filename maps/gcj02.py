"""GCJ-02 ("Mars coordinates", used by Amap/高德) to WGS-84 and back.

GCJ-02 is WGS-84 plus a smooth, position-dependent offset (a few hundred metres in the Sichuan Basin). The
forward formula is public (it circulates in many open-source projects); there is no closed-form inverse, so
:func:`gcj02_to_wgs84` solves ``forward(wgs) = gcj`` by fixed-point iteration. The offset changes by less than
one part in a thousand per metre moved, so each iteration gains about three decimal digits: three or four
iterations reach millimetres.

Everything is vectorised over numpy arrays (the boundaries hold ~194,000 vertices).
"""

from __future__ import annotations

import numpy as np

# Krasovsky 1940 ellipsoid, as the formula uses it.
_A = 6378245.0
_EE = 0.00669342162296594323

# Inverse stops when the forward image is within this many degrees of the target (1e-10° ≈ 0.01 mm).
_TOLERANCE_DEG = 1e-10
_MAX_ITERATIONS = 30


def _offset_lat(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return ret


def _offset_lon(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return ret


def _delta(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The GCJ-02 offset (degrees) at a WGS-84 position."""
    dlat = _offset_lat(lon - 105.0, lat - 35.0)
    dlon = _offset_lon(lon - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Forward transform (the public formula). Valid inside mainland China, which is all we use it for."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    dlon, dlat = _delta(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Inverse transform by fixed-point iteration: WGS-84 coordinates whose GCJ-02 image is (lon, lat)."""
    gcj_lon = np.asarray(lon, dtype=float)
    gcj_lat = np.asarray(lat, dtype=float)
    wgs_lon, wgs_lat = gcj_lon.copy(), gcj_lat.copy()
    for _ in range(_MAX_ITERATIONS):
        fwd_lon, fwd_lat = wgs84_to_gcj02(wgs_lon, wgs_lat)
        err_lon, err_lat = fwd_lon - gcj_lon, fwd_lat - gcj_lat
        wgs_lon = wgs_lon - err_lon
        wgs_lat = wgs_lat - err_lat
        if max(np.max(np.abs(err_lon), initial=0.0), np.max(np.abs(err_lat), initial=0.0)) < _TOLERANCE_DEG:
            break
    else:  # the map is a contraction in China; not converging means the input is far outside it
        raise ValueError("GCJ-02 inverse did not converge; are the coordinates inside mainland China?")
    return wgs_lon, wgs_lat


def geometry_to_wgs84(geometries):
    """Shapely geometries (array or single) in GCJ-02 → the same geometries in WGS-84."""
    import shapely

    def convert(coords: np.ndarray) -> np.ndarray:
        lon, lat = gcj02_to_wgs84(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geometries, convert)
