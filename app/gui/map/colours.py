"""Per-hour colour tables for the indexed map raster: one row of 256 ARGB values per forecast hour and layer.

Raster index 0 is the background, index i + 1 is unit ``geometry.names[i]``. A step of the time bar only picks
another row (the geometry is never touched). Units outside the linkage keep their colour; the renderer hatches
them (as the exported maps do).
"""

from __future__ import annotations

import numpy as np

from app.domain.aqi import CATEGORIES, category_index

BACKGROUND = (0xF4, 0xF6, 0xF8)
NO_DATA = (0xC8, 0xCC, 0xD0)  # no forecast for this unit/hour
INSUFFICIENT = (0x9A, 0xA4, 0xAE)  # daily AQI with fewer valid hours than the scheme asks (spec §3)
LEVEL_RGB = {  # none / yellow / orange / red warning
    "none": (0xE6, 0xEE, 0xE9),
    "yellow": (0xFF, 0xD8, 0x00),
    "orange": (0xFF, 0x8C, 0x00),
    "red": (0xE0, 0x10, 0x1E),
}
MUTE = 0.55  # share of white mixed into units outside the linkage (small maps of the consultation view)
# The main map draws as the exported meeting maps do (app.export.map_layers, maps.layout): units outside the
# linkage keep their colour and are hatched; on the warning layer a linkage city without a warning is paper
# white and a unit outside the linkage grey, so the two kinds of "no warning" never look alike.
LINKAGE_NONE = (250, 248, 240)  # = app.export.map_layers.LINKAGE_NONE_RGB
OUTSIDE = (214, 214, 214)  # = app.export.map_layers.OUTSIDE_RGB
OUTSIDE_HATCH = (140, 140, 140)  # = maps.layout.OUTSIDE_EDGE

_CATEGORY_RGB = np.array([NO_DATA, *(c.rgb for c in CATEGORIES)], dtype=np.float64)  # index by category 0…6
_LEVEL_RGB = np.array(list(LEVEL_RGB.values()), dtype=np.float64)


def _argb(rgb: np.ndarray) -> np.ndarray:
    rgb = np.clip(np.rint(rgb), 0, 255).astype(np.uint32)
    return (0xFF000000 | (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]).astype(np.uint32)


def unit_rgb(evaluation, layer: str, pm25_category: np.ndarray | None = None) -> np.ndarray:
    """(units in evaluation order, hours, 3) float colours of one layer. The PM2.5 layer needs the category of
    each hour's concentration (``app.desk.numbers.pm25_categories``): the evaluation has no concentrations."""
    if layer == "pm25":
        if pm25_category is None:
            pm25_category = np.zeros(evaluation.hourly_aqi.shape, dtype=np.int8)
        return _CATEGORY_RGB[pm25_category]
    if layer == "aqi":
        return _CATEGORY_RGB[category_index(evaluation.hourly_aqi)]
    if layer == "daily":
        rgb = _CATEGORY_RGB[category_index(evaluation.daily_aqi)]
        rgb[np.asarray(evaluation.daily_insufficient, dtype=bool)] = INSUFFICIENT
        return rgb
    if layer == "warning":
        # Outside the linkage a unit only has its own level; inside, warned_level already includes it.
        level = np.maximum(evaluation.warned_level, evaluation.city_level).astype(np.intp)
        rgb = _LEVEL_RGB[level]
        rgb[level == 0] = LINKAGE_NONE  # outside the linkage: OUTSIDE (colour_tables knows which units)
        no_data = np.isnan(evaluation.daily_aqi) & ~np.asarray(evaluation.daily_insufficient, dtype=bool)
        rgb[no_data] = NO_DATA
        return rgb
    raise ValueError(layer)


def colour_tables(evaluation, layer: str, map_names: list[str], linkage: np.ndarray,
                  pm25_category: np.ndarray | None = None) -> np.ndarray:
    """(hours, 256) uint32 ARGB: row h is the raster's colour table at hour h.

    Units on the map with no row in the evaluation get the no-data colour at every hour.
    """
    hours = len(evaluation.times)
    rgb = np.empty((len(map_names), hours, 3))
    rgb[:] = NO_DATA
    rows = {name: i for i, name in enumerate(evaluation.units)}
    have = [i for i, n in enumerate(map_names) if n in rows]
    layer_rgb = unit_rgb(evaluation, layer, pm25_category)
    rgb[have] = layer_rgb[[rows[map_names[i]] for i in have]]
    if layer == "warning":
        outside = ~np.asarray(linkage, dtype=bool)
        paper = np.all(rgb == np.array(LINKAGE_NONE, dtype=float), axis=-1)
        rgb[outside[:, None] & paper] = OUTSIDE
    tables = np.zeros((hours, 256), dtype=np.uint32)
    tables[:, 0] = _argb(np.array(BACKGROUND, dtype=np.float64))
    tables[:, 1:len(map_names) + 1] = _argb(rgb).T
    return tables


def empty_table(count: int, linkage: np.ndarray) -> np.ndarray:
    """Colour table before any forecast is loaded: every unit in the no-data colour (outside ones hatched)."""
    rgb = np.tile(np.array(NO_DATA, dtype=np.float64), (count, 1, 1))
    table = np.zeros(256, dtype=np.uint32)
    table[0] = _argb(np.array(BACKGROUND, dtype=np.float64))
    table[1:count + 1] = _argb(rgb[:, 0])
    return table
