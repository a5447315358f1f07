"""Checks on a boundary file before it becomes :class:`maps.boundaries.Boundaries`.

Errors (raise :class:`~app.errors.InputError`, every problem listed at once): no CRS, no code/name column,
units missing, a unit given twice, empty or non-polygon geometry, coordinates outside the two provinces.
Warnings (kept with the loaded boundaries): geometries repaired with ``make_valid``, features that are not one
of the 59 units (ignored), gaps and overlaps between neighbours (shapely's coverage check).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from app.domain.units import load_units
from app.errors import InputError, Problem
from maps.projection import WGS84

# Accepted column names (compared case-insensitively, spaces and underscores ignored).
CODE_ALIASES = ("adcode", "code", "adcode99", "gbcode", "gb", "admincode", "areacode", "citycode", "pac",
                "区划代码", "行政区划代码", "行政代码", "代码", "编码", "区划编码")
NAME_ALIASES = ("name", "fullname", "namezh", "namecn", "namechn", "unitname", "cityname", "county",
                "名称", "全称", "地名", "区划名称", "行政区名称", "行政区划名称", "市县名称", "单位名称")

# Rough lon/lat box around Sichuan and Chongqing: data outside it means a wrong CRS or the wrong file.
AREA_BOX = (96.0, 25.0, 111.5, 35.0)


def _key(column: object) -> str:
    return str(column).strip().lower().replace("_", "").replace(" ", "").replace("-", "")


def find_column(columns, aliases: tuple[str, ...]) -> str | None:
    keyed = {_key(c): c for c in columns}
    for alias in aliases:
        if _key(alias) in keyed:
            return keyed[_key(alias)]
    return None


def normalise_units(raw: gpd.GeoDataFrame, file: str) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """The file's polygons as the 59 units in units.csv order (WGS-84, index = full name), and warnings."""
    from app.domain.scheme import load_scheme

    units = load_units()
    if raw.crs is None:
        raise InputError(Problem("the file declares no coordinate reference system (CRS)", file=file,
                                 expected="a CRS, e.g. EPSG:4326 (WGS-84) or EPSG:4490 (CGCS2000); "
                                          "for a Shapefile, the .prj file beside the .shp"))
    code_col = find_column(raw.columns, CODE_ALIASES)
    name_col = find_column(raw.columns, NAME_ALIASES)
    if code_col is None and name_col is None:
        raise InputError(Problem(
            "missing required attribute: the unit's code or name", file=file,
            value=", ".join(str(c) for c in raw.columns if c != raw.geometry.name) or "(no attribute columns)",
            expected=f"a code column ({', '.join(CODE_ALIASES[:4])}, 区划代码, …) "
                     f"or a name column ({', '.join(NAME_ALIASES[:3])}, 名称, …)"))

    errors: list[Problem] = []
    warnings: list[Problem] = []
    row_of: dict[str, int] = {}
    ignored: list[str] = []
    for i in range(len(raw)):
        row = i + 1  # 1-based feature number
        code = raw[code_col].iloc[i] if code_col else None
        name = raw[name_col].iloc[i] if name_col else None
        unit = units.resolve(code) if _present(code) else None
        if unit is None and _present(name):
            unit = units.resolve(name)
        if unit is None:
            ignored.append(str(code if _present(code) else name))
            continue
        if unit.name in row_of:
            column = code_col or name_col
            errors.append(Problem(f"{unit.name} appears twice (features {row_of[unit.name] + 1} and {row})",
                                  file=file, row=row, column=column, value=str(code if code_col else name),
                                  expected="each unit code once (merge multi-part units into one MultiPolygon)"))
            continue
        row_of[unit.name] = i

    missing = [u.name for u in units if u.name not in row_of]
    if missing:
        shown = "、".join(missing[:12]) + (f" … ({len(missing)} in all)" if len(missing) > 12 else "")
        errors.append(Problem(f"{len(missing)} of the 59 units are missing: {shown}", file=file,
                              column=code_col or name_col,
                              expected="all 21 Sichuan prefecture-level units and 38 Chongqing districts/counties"))
    if ignored:
        shown = ", ".join(ignored[:8]) + (" …" if len(ignored) > 8 else "")
        warnings.append(Problem(f"{len(ignored)} features are not among the 59 units and were ignored: {shown}",
                                file=file, column=code_col or name_col, severity="warning", action="excluded"))

    order = [row_of[u.name] for u in units if u.name in row_of]
    geoms = np.asarray(raw.geometry.values, dtype=object)[order] if order else np.array([], dtype=object)
    names = [u.name for u in units if u.name in row_of]
    for name, geom, index in zip(names, geoms, order):
        if geom is None or shapely.is_empty(geom):
            errors.append(Problem(f"{name} has an empty geometry", file=file, row=index + 1,
                                  expected="a polygon or multipolygon"))
        elif geom.geom_type not in ("Polygon", "MultiPolygon"):
            errors.append(Problem(f"{name} is not a polygon", file=file, row=index + 1, value=geom.geom_type,
                                  expected="Polygon or MultiPolygon"))
    if errors:
        raise InputError(errors[0], errors[1:])

    geoms = geoms.copy()
    valid = shapely.is_valid(geoms)
    for k, geom in enumerate(geoms):
        if not valid[k]:
            reason = shapely.is_valid_reason(geom)
            geoms[k] = _polygonal(shapely.make_valid(geom, method="structure", keep_collapsed=False))
            if geoms[k].is_empty:
                raise InputError(Problem(f"{names[k]}: invalid geometry with no area left after repair",
                                         file=file, row=order[k] + 1, value=reason,
                                         expected="a polygon that encloses an area"))
            warnings.append(Problem(f"{names[k]}: invalid geometry repaired ({reason})", file=file,
                                    row=order[k] + 1, severity="warning", action="kept", units=(names[k],)))
        elif geom.geom_type == "Polygon":
            geoms[k] = shapely.MultiPolygon([geom])

    frame = pd.DataFrame([{"adcode": u.adcode, "name": u.name, "short_name": u.short_name,
                           "name_en": u.name_en, "province": u.province} for u in units])
    region_of = load_scheme().region_of
    frame["region"] = [region_of.get(n) for n in frame["name"]]
    gdf = gpd.GeoDataFrame(frame, geometry=list(geoms), crs=raw.crs)
    if not gdf.crs.equals(WGS84):
        gdf = gdf.to_crs(WGS84)
    gdf.index = pd.Index(gdf["name"].tolist(), name="unit")
    _check_area(gdf, file)
    return gdf, warnings


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value)) and str(value).strip() != ""


def _polygonal(geom) -> shapely.MultiPolygon:
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
    nested = [q for p in shapely.get_parts(geom) if p.geom_type == "MultiPolygon" for q in p.geoms]
    return shapely.MultiPolygon(parts + nested)


def _check_area(gdf: gpd.GeoDataFrame, file: str) -> None:
    minx, miny, maxx, maxy = gdf.total_bounds
    west, south, east, north = AREA_BOX
    if not (west <= minx and maxx <= east and south <= miny and maxy <= north):
        raise InputError(Problem(
            "the geometry does not lie in Sichuan–Chongqing: is the declared CRS right?", file=file,
            value=f"lon {minx:.2f}…{maxx:.2f}, lat {miny:.2f}…{maxy:.2f} after conversion to WGS-84",
            expected=f"lon {west}…{east}, lat {south}…{north}"))


def check_coverage(projected: np.ndarray, names: list[str], file: str,
                   gap_width_m: float = 100.0) -> list[Problem]:
    """Warnings for gaps (narrower than ``gap_width_m``) and overlaps between neighbouring units.

    ``projected`` are the unit polygons in a metric CRS, in the order of ``names``. shapely's coverage check
    marks the edges that do not match a neighbour; each piece of such an edge is charged to the nearest other
    unit, as overlap where it lies inside that unit and as gap where it lies outside.
    """
    projected = np.asarray(projected, dtype=object)
    edges = shapely.coverage_invalid_edges(projected, gap_width=gap_width_m)
    flagged = np.flatnonzero(~shapely.is_empty(edges) & (shapely.length(edges) > 0))
    if not len(flagged):
        return []
    tree = shapely.STRtree(projected)
    gap_m: dict[tuple[int, int], float] = {}
    overlap_m: dict[tuple[int, int], float] = {}
    for i in flagged:
        others = [j for j in tree.query(edges[i], predicate="dwithin", distance=gap_width_m) if j != i]
        if not others:
            continue  # a narrow notch on the outer edge of the whole coverage, not between two units
        pieces = _pieces(edges[i], max_length=gap_width_m / 2.0)
        # Midpoints, not whole pieces: a piece ending on a junction touches the unit beyond it.
        midpoints = shapely.line_interpolate_point(pieces, 0.5, normalized=True)
        distances = np.column_stack([shapely.distance(midpoints, projected[j]) for j in others])
        nearest = np.argmin(distances, axis=1)
        nearest_distance = distances[np.arange(len(pieces)), nearest]
        lengths = shapely.length(pieces)
        for k, j in enumerate(others):
            mine = (nearest == k) & (nearest_distance <= gap_width_m)
            key = (min(i, j), max(i, j))
            inside = float(lengths[mine & (nearest_distance == 0)].sum())
            outside = float(lengths[mine & (nearest_distance > 0)].sum())
            # both sides of a border are flagged: keep the longer side rather than adding them up
            overlap_m[key] = max(overlap_m.get(key, 0.0), inside)
            gap_m[key] = max(gap_m.get(key, 0.0), outside)
    warnings = []
    shortest = max(gap_width_m, 1.0)  # shorter findings are the corners of a junction, not a real gap/overlap
    for key in sorted(set(gap_m) | set(overlap_m)):
        a, b = names[key[0]], names[key[1]]
        area_km2 = 0.0
        if overlap_m.get(key, 0.0) >= shortest:
            area_km2 = shapely.area(shapely.intersection(projected[key[0]], projected[key[1]])) / 1e6
        if area_km2 > 0:
            warnings.append(Problem(f"{a} and {b} overlap ({area_km2:.3f} km² along "
                                    f"{overlap_m[key] / 1000:.2f} km of border)", file=file, severity="warning",
                                    action="kept", units=(a, b)))
        if gap_m.get(key, 0.0) >= shortest:
            warnings.append(Problem(f"gap narrower than {gap_width_m:g} m between {a} and {b} "
                                    f"(along {gap_m[key] / 1000:.2f} km of border)", file=file, severity="warning",
                                    action="kept", units=(a, b)))
    return warnings


def _pieces(lines, max_length: float) -> np.ndarray:
    """Two-point line pieces no longer than ``max_length`` covering ``lines``."""
    dense = shapely.segmentize(lines, max_length)
    coords, which = shapely.get_coordinates(shapely.get_parts(dense), return_index=True)
    same = which[:-1] == which[1:]
    return shapely.linestrings(np.stack([coords[:-1][same], coords[1:][same]], axis=1))
