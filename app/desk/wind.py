"""Wind arrows for the map: where the wind blows to, and how fast, per unit at one hour.

``wind_dir`` in a forecast is the meteorological direction the wind comes *from* (degrees clockwise from north,
0 = a north wind); an arrow points the other way, downwind. The map's north is the projection's north at the
basin's central meridian; the grid convergence across Sichuan–Chongqing is a few degrees, well inside the
forecast's own wind-direction uncertainty, so arrows use the direction as given.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class WindArrows:
    units: list[str]  # units with both speed and direction at this hour
    east: np.ndarray  # unit vector components of the downwind direction (x east, y north)
    north: np.ndarray
    speed: np.ndarray  # m/s


def has_wind(forecast) -> bool:
    return forecast is not None and "wind_speed" in forecast.met and "wind_dir" in forecast.met


def wind_arrows(forecast, hour: int) -> WindArrows:
    """The arrows at one step; units with a missing speed or direction are left out."""
    if not has_wind(forecast) or forecast.is_daily:
        return WindArrows([], np.zeros(0), np.zeros(0), np.zeros(0))
    speed = forecast.met["wind_speed"][:, hour].astype(float)
    direction = forecast.met["wind_dir"][:, hour].astype(float)
    ok = np.isfinite(speed) & np.isfinite(direction) & (speed >= 0)
    towards = np.radians(direction[ok] + 180.0)
    return WindArrows([u for u, keep in zip(forecast.units, ok) if keep], np.sin(towards), np.cos(towards),
                      speed[ok])


def arrow_length(speed: np.ndarray, pixels_per_ms: float = 7.0, shortest: float = 6.0,
                 longest: float = 42.0) -> np.ndarray:
    """On-screen arrow length in pixels: proportional to the speed, kept readable at both ends."""
    return np.clip(np.asarray(speed, dtype=float) * pixels_per_ms, shortest, longest)
