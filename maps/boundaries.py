"""The 59 unit polygons: the bundled GeoPackage, or an office's own boundaries (GeoPackage, Shapefile, GeoJSON).

:func:`load_boundaries` returns a :class:`Boundaries` whose rows follow ``data/boundaries/units.csv`` and whose
index is the unit's full Chinese name. A user file is checked (:mod:`maps.validation`): a missing CRS, missing
code/name columns, unknown, missing or duplicate units and empty geometries are errors; invalid geometries are
repaired and reported; gaps and overlaps between neighbours are warnings naming the units.

Geometry for drawing (levels of detail, region outlines, label points) is derived lazily, once per loaded
object, never per frame; adjacency always uses the full-resolution ``projected`` frame.
"""

from __future__ import annotations

import threading
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from app import untrusted
from app.errors import InputError, Problem
from app.paths import DEFAULT_BOUNDARIES
from maps.projection import BASIN_CRS, WGS84, to_basin
from maps.simplify import LOD_TOLERANCE_M, simplify_coverage

ATTRIBUTES = ("adcode", "name", "short_name", "name_en", "province", "region")


class Boundaries:
    """Unit polygons in WGS-84 (``gdf``) and in the basin projection (``projected``), same rows, same index."""

    def __init__(self, gdf: gpd.GeoDataFrame, source: str, warnings: list[Problem] | None = None,
                 projected: gpd.GeoDataFrame | None = None):
        if gdf.crs is None or not gdf.crs.equals(WGS84):
            raise ValueError("Boundaries needs a WGS-84 frame")
        self.gdf = gdf
        self.source = source
        self.warnings: list[Problem] = list(warnings or [])
        self.projected: gpd.GeoDataFrame = to_basin(gdf) if projected is None else projected
        self._lock = threading.RLock()  # the GUI may ask for a level of detail from a worker thread
        self._lods: dict[str, gpd.GeoSeries] = {}
        self._memo: dict = {}

    def __len__(self) -> int:
        return len(self.gdf)

    def __repr__(self) -> str:
        return f"Boundaries({len(self)} units from {self.source}, {len(self.warnings)} warnings)"

    @property
    def names(self) -> list[str]:
        return list(self.gdf.index)

    @property
    def levels(self) -> tuple[str, ...]:
        return tuple(LOD_TOLERANCE_M)

    def memo(self, key, compute):
        """A value derived from these boundaries, computed once per object (adjacency per settings, …)."""
        with self._lock:
            if key not in self._memo:
                self._memo[key] = compute()
            return self._memo[key]

    def lod(self, level: str = "fine") -> gpd.GeoSeries:
        """Projected geometry simplified for drawing at ``level`` ("full", "fine", "medium", "coarse").

        Topology-preserving (neighbours keep one common border), computed on first use and kept.
        """
        if level not in LOD_TOLERANCE_M:
            raise KeyError(f"unknown level of detail {level!r}; one of {', '.join(LOD_TOLERANCE_M)}")
        with self._lock:
            if level not in self._lods:
                geoms = simplify_coverage(self.projected.geometry.values, LOD_TOLERANCE_M[level])
                self._lods[level] = gpd.GeoSeries(geoms, index=self.projected.index, crs=BASIN_CRS, name=level)
            return self._lods[level]

    def region_outlines(self, level: str = "fine") -> gpd.GeoSeries:
        """Projected outline of each linkage region (members dissolved), indexed by region name.

        Regions come in the order of their first member in the unit table.
        """
        return self._dissolved("region", level)

    def province_outlines(self, level: str = "fine") -> gpd.GeoSeries:
        """Projected outline of 四川省 and 重庆市 (units dissolved), indexed by province name."""
        return self._dissolved("province", level)

    def _dissolved(self, column: str, level: str) -> gpd.GeoSeries:
        key = f"{column}:{level}"
        geoms = self.lod(level)
        with self._lock:
            if key not in self._lods:
                values = self.gdf[column]
                groups = [v for v in dict.fromkeys(values) if isinstance(v, str) and v]
                # The units form a coverage, so the union is exact along shared borders (no slivers left).
                merged = [shapely.union_all(geoms.values[(values == g).to_numpy()]) for g in groups]
                self._lods[key] = gpd.GeoSeries(merged, index=groups, crs=BASIN_CRS, name=column)
            return self._lods[key]

    def label_points(self) -> gpd.GeoSeries:
        """Projected label anchor per unit: the pole of inaccessibility of its largest part (inside the shape)."""
        # polylabel on the "fine" level: the anchor moves by metres, the work shrinks by a factor of ~3
        with self._lock:
            if "labels" not in self._lods:
                from shapely.ops import polylabel

                points = []
                for geom in self.lod("fine").values:
                    parts = shapely.get_parts(geom)
                    largest = parts[int(np.argmax(shapely.area(parts)))]
                    points.append(polylabel(largest, tolerance=200.0))
                self._lods["labels"] = gpd.GeoSeries(points, index=self.projected.index, crs=BASIN_CRS)
            return self._lods["labels"]

    def prepare_for_drawing(self) -> None:
        """Compute every level of detail, the outlines and the label points now (e.g. in a worker thread)."""
        for level in self.levels:
            self.lod(level)
        self.region_outlines()
        self.province_outlines()
        self.label_points()


_default_cache: dict[str, Boundaries] = {}
_default_lock = threading.Lock()


def load_boundaries(path: str | Path | None = None) -> Boundaries:
    """The bundled boundaries (cached), or a user file checked and loaded fresh each call.

    Raises :class:`~app.errors.InputError` with file/row/column for anything unusable.
    """
    if path is None or Path(path).resolve() == DEFAULT_BOUNDARIES.resolve():
        key = str(DEFAULT_BOUNDARIES.resolve())
        with _default_lock:
            if key not in _default_cache:
                _default_cache[key] = read_boundaries(DEFAULT_BOUNDARIES)
            return _default_cache[key]
    return read_boundaries(Path(path))


def read_boundaries(path: Path) -> Boundaries:
    """Read and check a boundary file, uncached (the benchmark measures this)."""
    from maps.validation import check_coverage, normalise_units

    path = Path(path)
    if not path.exists():
        raise InputError(Problem("boundary file not found", file=str(path)))
    untrusted.check_regular(path, "boundaries", expected="a GeoPackage, Shapefile or GeoJSON file")
    notes: list[Problem] = []
    raw = _read_vector(path, notes)
    gdf, report = normalise_units(raw, str(path))
    report[:0] = notes
    projected = to_basin(gdf)
    report.extend(check_coverage(projected.geometry.values, list(gdf.index), str(path)))
    return Boundaries(gdf, str(path), report, projected)


def _read_vector(path: Path, notes: list[Problem]) -> gpd.GeoDataFrame:
    import pyogrio

    try:
        layer = None
        layers = pyogrio.list_layers(path) if path.suffix.lower() == ".gpkg" else []
        if len(layers) > 1:  # a GeoPackage may hold several layers: its one polygon layer, said so
            layer = _unit_layer(path, [(str(name), str(kind)) for name, kind in layers], notes)
        try:
            frame = gpd.read_file(path, layer=layer, engine="pyogrio")
        except UnicodeDecodeError:
            frame = None
        # A Chinese Shapefile without a .cpg is usually GBK, which GDAL then reads as Latin-1 (mojibake such
        # as "³É¶¼ÊÐ"), or fails on. GB18030 is GBK's superset.
        if frame is None or (path.suffix.lower() == ".shp" and not path.with_suffix(".cpg").exists()
                             and _looks_like_misread_gbk(frame)):
            frame = gpd.read_file(path, layer=layer, engine="pyogrio", encoding="gb18030")
        return frame
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise InputError(Problem(f"cannot read this as GeoPackage, Shapefile or GeoJSON: {exc}",
                                 file=str(path))) from exc
    except UnicodeDecodeError as exc:
        raise InputError(Problem("attribute text is in an unknown encoding (save it as UTF-8)",
                                 file=str(path))) from exc


def _unit_layer(path: Path, layers: list[tuple[str, str]], notes: list[Problem]) -> str:
    """The layer of a multi-layer GeoPackage that holds the units: its only polygon layer (a note names it and
    the others); several polygon layers, or none, are refused — guessing would draw the wrong units."""
    listed = ", ".join(f"{name} ({kind})" for name, kind in layers)
    polygonal = [name for name, kind in layers if kind and "polygon" in kind.lower()]
    if len(polygonal) != 1:
        raise InputError(Problem(f"the GeoPackage has {len(layers)} layers, {len(polygonal)} of them polygons: "
                                 "which holds the units is not clear", file=str(path), value=listed[:200],
                                 expected="a GeoPackage whose only polygon layer is the units (export that layer "
                                          "alone)"))
    others = ", ".join(name for name, _ in layers if name != polygonal[0])
    notes.append(Problem(f"the GeoPackage has {len(layers)} layers: the units are read from {polygonal[0]}, its only "
                         f"polygon layer ({others} not read)", severity="note", file=str(path), action="assumed"))
    return polygonal[0]


def _looks_like_misread_gbk(frame: gpd.GeoDataFrame) -> bool:
    """True when text columns hold Latin-1 letters but no CJK at all: GBK bytes decoded as Latin-1."""
    texts = [str(v) for c in frame.columns if c != frame.geometry.name and frame[c].dtype.kind in "OUT"
             for v in frame[c].head(200) if isinstance(v, str)]
    joined = "".join(texts)
    has_latin1_high = any("\u0080" <= ch <= "\u00ff" for ch in joined)
    has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in joined)
    return has_latin1_high and not has_cjk
