"""The map's geometry, in packed numpy arrays, and the Qt paths drawn from it.

Built once from ``maps.boundaries.load_boundaries()`` (projected to the basin's metric CRS, y up, with its
levels of detail) and cached as one ``.npz`` in the user state folder, so that a later start reads a few
arrays instead of importing geopandas and simplifying polygons. For the bundled boundaries a copy derived at
build time ships with the app (:mod:`app.gui.map.shipped`), so even the first start skips that work. Paths are made per level of detail on first
use, in world coordinates (metres); the canvas draws them through a world → screen transform.
"""

from __future__ import annotations

import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

LODS = ("coarse", "medium", "fine", "full")
_CACHE_VERSION = 2


@dataclass
class Rings:
    """Rings (or open lines): ``coords[offsets[i]:offsets[i + 1]]`` is ring i, owned by feature ``owner[i]``."""

    coords: np.ndarray  # (n, 2) float64
    offsets: np.ndarray  # (rings + 1,) int64
    owner: np.ndarray  # (rings,) int32

    @classmethod
    def from_geometries(cls, geometries) -> Rings:
        import shapely

        coords, offsets, owner = [], [0], []
        for index, geom in enumerate(geometries):
            for part in shapely.get_parts(geom):
                if part is None or part.is_empty:
                    continue
                lines = [part] if part.geom_type == "LineString" else [part.exterior, *part.interiors]
                for ring in lines:
                    xy = np.asarray(ring.coords, dtype=np.float64)[:, :2]
                    coords.append(xy)
                    offsets.append(offsets[-1] + len(xy))
                    owner.append(index)
        return cls(np.concatenate(coords) if coords else np.zeros((0, 2)), np.asarray(offsets, np.int64),
                   np.asarray(owner, np.int32))

    def rings_of(self, index: int) -> np.ndarray:
        return np.flatnonzero(self.owner == index)


@dataclass
class MapGeometry:
    names: list[str]  # full unit names; raster index = position + 1
    short_names: list[str]
    regions: list[str]  # linkage region per unit, "" outside the linkage
    label_points: np.ndarray  # (units, 2) world coordinates
    areas: np.ndarray  # (units,) m²
    lods: dict[str, Rings]  # level of detail -> unit rings
    region_names: list[str]
    region_rings: dict[str, Rings]  # level of detail -> region outlines, owner = index into region_names
    province_rings: dict[str, Rings]  # level of detail -> the Sichuan–Chongqing border line (owner 0)
    _paths: dict = field(default_factory=dict, repr=False)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        xy = self.lods["coarse"].coords
        return float(xy[:, 0].min()), float(xy[:, 1].min()), float(xy[:, 0].max()), float(xy[:, 1].max())

    @property
    def linkage(self) -> np.ndarray:
        return np.array([bool(r) for r in self.regions])

    def index(self, name: str) -> int:
        return self.names.index(name)

    # -- Qt paths, made once per level of detail ------------------------------------------------------------
    def unit_paths(self, lod: str) -> list:
        key = ("units", lod)
        if key not in self._paths:
            self._paths[key] = _paths_per_owner(self.lods[lod], len(self.names))
        return self._paths[key]

    def region_paths(self, lod: str) -> list:
        key = ("regions", lod)
        if key not in self._paths:
            self._paths[key] = _paths_per_owner(self.region_rings[lod], len(self.region_names))
        return self._paths[key]

    def province_path(self, lod: str):
        key = ("province", lod)
        if key not in self._paths:
            self._paths[key] = _paths_per_owner(self.province_rings[lod], 1)[0]
        return self._paths[key]

    # -- cache ------------------------------------------------------------------------------------------
    def arrays(self) -> dict[str, np.ndarray]:
        """Everything but the Qt paths, as named arrays (the cache's and the shipped file's content)."""
        arrays = {"names": np.array(self.names), "short_names": np.array(self.short_names),
                  "regions": np.array(self.regions), "label_points": self.label_points, "areas": self.areas,
                  "region_names": np.array(self.region_names)}
        groups = {**{f"lod_{k}": v for k, v in self.lods.items()},
                  **{f"region_{k}": v for k, v in self.region_rings.items()},
                  **{f"province_{k}": v for k, v in self.province_rings.items()}}
        for key, rings in groups.items():
            arrays[f"{key}_coords"], arrays[f"{key}_offsets"], arrays[f"{key}_owner"] = (
                rings.coords, rings.offsets, rings.owner)
        return arrays

    @classmethod
    def from_arrays(cls, data) -> MapGeometry:
        def rings(key: str) -> Rings:
            return Rings(data[f"{key}_coords"], data[f"{key}_offsets"], data[f"{key}_owner"])

        return cls(names=[str(x) for x in data["names"]], short_names=[str(x) for x in data["short_names"]],
                   regions=[str(x) for x in data["regions"]], label_points=data["label_points"],
                   areas=data["areas"], lods={lod: rings(f"lod_{lod}") for lod in LODS},
                   region_names=[str(x) for x in data["region_names"]],
                   region_rings={lod: rings(f"region_{lod}") for lod in LODS},
                   province_rings={lod: rings(f"province_{lod}") for lod in LODS})

    def save(self, path: Path) -> None:
        import io

        from app.atomic import write_bytes_atomic

        buffer = io.BytesIO()
        np.savez(buffer, **self.arrays())
        write_bytes_atomic(path, buffer.getvalue())

    @classmethod
    def load(cls, path: Path) -> MapGeometry:
        with np.load(path, allow_pickle=False) as data:
            return cls.from_arrays(data)


def _paths_per_owner(rings: Rings, count: int) -> list:
    return [_path_from_rings(rings, rings.rings_of(i)) for i in range(count)]


def _path_from_rings(rings: Rings, which: np.ndarray):
    """A QPainterPath (odd-even fill, so holes stay holes) built by streaming its binary form.

    Adding 200 000 points one ``lineTo`` at a time costs a quarter of a second in Python; Qt's QDataStream
    form of a path (element count, then type/x/y per element, then the last subpath start and the fill rule)
    is written with numpy in one go instead.
    """
    from PySide6.QtCore import QByteArray, QDataStream, QIODevice
    from PySide6.QtGui import QPainterPath

    path = QPainterPath()
    if len(which) == 0:
        return path
    starts, ends = rings.offsets[which], rings.offsets[which + 1]
    xy = np.concatenate([rings.coords[s:e] for s, e in zip(starts, ends)])
    kind = np.ones(len(xy), dtype=">i4")  # LineToElement
    ring_starts = np.concatenate([[0], np.cumsum(ends - starts)[:-1]])
    kind[ring_starts] = 0  # MoveToElement
    elements = np.empty(len(xy), dtype=[("type", ">i4"), ("x", ">f8"), ("y", ">f8")])
    elements["type"], elements["x"], elements["y"] = kind, xy[:, 0], xy[:, 1]
    blob = (struct.pack(">i", len(xy)) + elements.tobytes()
            + struct.pack(">ii", int(ring_starts[-1]), 0))  # last subpath start; Qt::OddEvenFill
    data = QByteArray(blob)  # kept in a name: the stream only refers to it
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    stream >> path
    return path


# -- building from the shipped boundaries ----------------------------------------------------------------
def _cache_path(gpkg: Path) -> Path:
    from app.gui.cache import cache_file, file_key
    from app.paths import DEFAULT_SCHEME, UNITS_TABLE

    return cache_file("map-geometry", _CACHE_VERSION, file_key(gpkg), file_key(UNITS_TABLE),
                      file_key(DEFAULT_SCHEME), suffix=".npz")


def load_map_geometry(gpkg: Path | None = None) -> MapGeometry:
    """The map geometry of ``gpkg`` (default: the bundled boundaries): from the user cache when it is up to
    date, else from the copy shipped with the app when that matches (bundled boundaries only), else derived."""
    from app.paths import DEFAULT_BOUNDARIES

    gpkg = Path(gpkg or DEFAULT_BOUNDARIES)
    cache = _cache_path(gpkg)
    if cache.exists():
        try:
            return MapGeometry.load(cache)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            pass  # a damaged cache is rebuilt below
    from app.gui.map.shipped import shipped_geometry

    shipped = shipped_geometry(gpkg)
    if shipped is not None:
        return shipped  # not copied to the user cache: reading the shipped file is nearly as fast
    geometry = build_map_geometry(gpkg)
    geometry.save(cache)
    return geometry


def build_map_geometry(gpkg: Path) -> MapGeometry:
    import shapely

    from app.domain.scheme import load_scheme
    from app.domain.units import load_units
    from maps.boundaries import load_boundaries

    boundaries = load_boundaries(gpkg)
    names = list(boundaries.names)
    units = load_units()
    scheme = load_scheme()
    projected = _as_list(boundaries.lod("full"), names)
    label_points = _as_list(boundaries.label_points(), names)
    region_names = [r.name for r in scheme.regions]
    lods = {lod: _as_list(boundaries.lod(lod), names) for lod in LODS}
    return MapGeometry(
        names=names,
        short_names=[units.by_name[n].short_name if n in units.by_name else n for n in names],
        regions=[scheme.region_of.get(n, "") for n in names],
        label_points=np.array([[p.x, p.y] for p in label_points]),
        areas=np.asarray(shapely.area(np.array(projected, dtype=object)), dtype=np.float64),
        lods={lod: Rings.from_geometries(geoms) for lod, geoms in lods.items()},
        region_names=region_names,
        region_rings={lod: Rings.from_geometries(_as_list(boundaries.region_outlines(lod), region_names))
                      for lod in LODS},
        province_rings={lod: Rings.from_geometries([_province_border(geoms, units, names)])
                        for lod, geoms in lods.items()},
    )


def _province_border(geoms: list, units, names: list[str]):
    """The Sichuan–Chongqing border: where the outline of Chongqing's units meets the outline of Sichuan's."""
    import shapely

    def outline(province: str):
        parts = [g for g, n in zip(geoms, names) if n in units.by_name and units.by_name[n].province == province]
        return shapely.coverage_union_all(np.array(parts, dtype=object)).boundary

    return shapely.line_merge(shapely.intersection(outline("重庆市"), outline("四川省")))


def _as_list(collection, names: list[str]) -> list:
    """GeoSeries / dict / list → list of geometries in ``names`` order."""
    if isinstance(collection, dict):
        return [collection[n] for n in names]
    index = getattr(collection, "index", None)
    if index is not None and all(n in index for n in names):
        return [collection[n] for n in names]
    return list(collection)
