"""Wind arrows point downwind, with length by speed; missing values are left out."""

from __future__ import annotations

import numpy as np

from app.desk.wind import arrow_length, has_wind, wind_arrows


def test_arrows_point_where_the_wind_blows(sample_evaluation):
    _, forecast, _ = sample_evaluation
    assert has_wind(forecast)
    f = forecast.copy()
    f.met["wind_dir"][:, 5] = 0.0  # a north wind blows south
    f.met["wind_dir"][1, 5] = 270.0  # a west wind blows east
    f.met["wind_speed"][2, 5] = np.nan
    arrows = wind_arrows(f, 5)
    assert len(arrows.units) == len(f.units) - 1 and f.units[2] not in arrows.units
    assert np.allclose(arrows.north[0], -1) and np.allclose(arrows.east[0], 0, atol=1e-12)
    i = arrows.units.index(f.units[1])
    assert np.allclose(arrows.east[i], 1) and np.allclose(arrows.north[i], 0, atol=1e-12)
    assert arrows.speed[0] == f.met["wind_speed"][0, 5]


def test_lengths_and_no_wind():
    assert arrow_length(np.array([0.0, 2.0, 100.0])).tolist() == [6.0, 14.0, 42.0]
    assert not has_wind(None)
