"""The map's drawing data, in packed numpy arrays: every unit's rings at each level of detail, the linkage
regions' and the Sichuan–Chongqing border's outlines, label points and areas, in the basin's metric CRS.

Derived once from a boundary file (:func:`build_drawing_geometry`: geopandas, projection, simplification —
seconds) and then read back from a file (milliseconds) through :mod:`maps.derived`. Qt-free: the window turns
the rings into QPainterPaths (``app.gui.map.geometry.MapGeometry``), the exports and the CLI use the arrays.

:func:`write_packed` / :func:`read_packed` store it compactly: every distinct vertex once (shared borders and
the simplified levels reuse the full geometry's vertices) plus, per ring array, the vertex numbers as deltas —
exact, and under half the size of the plain arrays. The same arrays give the same bytes.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

LODS = ("coarse", "medium", "fine", "full")
FORMAT = 3  # bump when the arrays' meaning or the derivation changes: every cached and shipped copy is rebuilt
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


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
class DrawingGeometry:
    names: list[str]  # full unit names; raster index = position + 1
    short_names: list[str]
    regions: list[str]  # linkage region per unit, "" outside the linkage
    label_points: np.ndarray  # (units, 2) world coordinates
    areas: np.ndarray  # (units,) m²
    lods: dict[str, Rings]  # level of detail -> unit rings
    region_names: list[str]
    region_rings: dict[str, Rings]  # level of detail -> region outlines, owner = index into region_names
    province_rings: dict[str, Rings]  # level of detail -> the Sichuan–Chongqing border line (owner 0)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        xy = self.lods["coarse"].coords
        return float(xy[:, 0].min()), float(xy[:, 1].min()), float(xy[:, 0].max()), float(xy[:, 1].max())

    @property
    def linkage(self) -> np.ndarray:
        return np.array([bool(r) for r in self.regions])

    def index(self, name: str) -> int:
        return self.names.index(name)

    def arrays(self) -> dict[str, np.ndarray]:
        """Everything as named arrays (the content of the cached and shipped files)."""
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
    def from_arrays(cls, data):
        def rings(key: str) -> Rings:
            return Rings(data[f"{key}_coords"], data[f"{key}_offsets"], data[f"{key}_owner"])

        return cls(names=[str(x) for x in data["names"]], short_names=[str(x) for x in data["short_names"]],
                   regions=[str(x) for x in data["regions"]], label_points=data["label_points"],
                   areas=data["areas"], lods={lod: rings(f"lod_{lod}") for lod in LODS},
                   region_names=[str(x) for x in data["region_names"]],
                   region_rings={lod: rings(f"region_{lod}") for lod in LODS},
                   province_rings={lod: rings(f"province_{lod}") for lod in LODS})


# -- the packed file --------------------------------------------------------------------------------------
def write_packed(geometry: DrawingGeometry, inputs: dict) -> bytes:
    """The bytes of the packed file, recording ``inputs`` (what the geometry was derived from)."""
    arrays = geometry.arrays()
    coord_keys = sorted(k for k in arrays if k.endswith("_coords"))
    every = np.concatenate([arrays.pop(k) for k in coord_keys])
    distinct, first_seen, inverse = np.unique(every, axis=0, return_index=True, return_inverse=True)
    order = np.argsort(first_seen, kind="stable")  # number vertices as met, so consecutive ones differ by 1
    number = np.empty_like(order)
    number[order] = np.arange(len(order))
    indices = number[inverse.ravel()]
    arrays["vertices"] = distinct[order]
    arrays["vertex_deltas"] = np.diff(indices, prepend=0).astype(np.int32)
    arrays["coord_keys"] = np.array(coord_keys)
    arrays["derived_from"] = np.array(json.dumps(inputs, sort_keys=True))
    return npz_bytes(arrays)


def npz_bytes(arrays: dict) -> bytes:
    """A deflated .npz of ``arrays`` whose bytes depend on nothing else (members sorted, fixed member times), so
    the shipped files are rebuilt byte for byte."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for key in sorted(arrays):
            info = zipfile.ZipInfo(f"{key}.npy", date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as member:
                np.lib.format.write_array(member, np.asarray(arrays[key]), allow_pickle=False)
    return buffer.getvalue()


def recorded_inputs(path: Path) -> dict:
    with np.load(path, allow_pickle=False) as data:
        return json.loads(str(data["derived_from"]))


def read_packed(path: Path, cls=DrawingGeometry):
    """``(inputs, geometry)`` stored at ``path``; raises OSError/ValueError/KeyError/BadZipFile when damaged."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    inputs = json.loads(str(arrays.pop("derived_from")))
    coords = arrays.pop("vertices")[np.cumsum(arrays.pop("vertex_deltas"), dtype=np.int64)]
    start = 0
    for key in (str(k) for k in arrays.pop("coord_keys")):
        count = int(arrays[key.removesuffix("_coords") + "_offsets"][-1])
        arrays[key] = coords[start:start + count]
        start += count
    if start != len(coords):
        raise ValueError(f"{path}: {len(coords)} vertices stored, {start} used")
    return inputs, cls.from_arrays(arrays)


# -- the plain file: the state folder's copy for reading fast -----------------------------------------------
PLAIN_MAGIC = b"HAZEDESK-DRAWING-PLAIN-1\n"
_ALIGN = 64


def write_plain(geometry: DrawingGeometry, inputs: dict) -> bytes:
    """Every array as the window reads it, uncompressed, after a JSON header naming each one (dtype, shape,
    where) and ``inputs``. Three times the packed file's size (6.4 MB), but read in a few milliseconds: the
    packed file's inflating and vertex numbering took 40–60 ms of every window start."""
    arrays = geometry.arrays()
    index, parts, offset = {}, [], 0
    for key in sorted(arrays):
        array = np.ascontiguousarray(arrays[key])
        if array.dtype.hasobject:
            raise ValueError(f"{key}: object array")
        pad = -offset % _ALIGN
        parts.append(b"\0" * pad + array.tobytes())
        offset += pad
        index[key] = [array.dtype.str, list(array.shape), offset]
        offset += array.nbytes
    header = json.dumps({"derived_from": inputs, "arrays": index}, sort_keys=True).encode()
    head = PLAIN_MAGIC + len(header).to_bytes(8, "little") + header
    return head + b"\0" * (-len(head) % _ALIGN) + b"".join(parts)


def read_plain(path: Path, cls=DrawingGeometry):
    """``(inputs, geometry)`` of a file made by :func:`write_plain`; raises ValueError/KeyError/TypeError/OSError
    when damaged (truncated, another format, an array that does not fit)."""
    data = bytearray(Path(path).read_bytes())  # writable arrays, as the packed file's
    start = len(PLAIN_MAGIC)
    if data[:start] != PLAIN_MAGIC or len(data) < start + 8:
        raise ValueError(f"{path}: not a plain drawing file")
    size = int.from_bytes(data[start:start + 8], "little")
    header = json.loads(bytes(data[start + 8:start + 8 + size]))
    base = start + 8 + size
    base += -base % _ALIGN
    arrays = {}
    for key, (dtype, shape, offset) in header["arrays"].items():
        dtype, count = np.dtype(dtype), int(np.prod(shape, dtype=np.int64))
        if dtype.hasobject or offset < 0 or base + offset + count * dtype.itemsize > len(data):
            raise ValueError(f"{path}: {key} does not fit the file")
        arrays[key] = np.frombuffer(data, dtype, count, base + offset).reshape(shape)
    return header["derived_from"], cls.from_arrays(arrays)


DAMAGED = (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile)  # a damaged file raises these


# -- deriving from the boundaries -------------------------------------------------------------------------
def build_drawing_geometry(boundaries_path: Path, scheme=None, cls=DrawingGeometry):
    """Derive the drawing data of a boundary file (slow: geopandas, projection, simplification)."""
    import shapely

    from app.domain.scheme import load_scheme
    from app.domain.units import load_units
    from maps.boundaries import load_boundaries

    boundaries = load_boundaries(boundaries_path)
    names = list(boundaries.names)
    units = load_units()
    scheme = scheme or load_scheme()
    projected = _as_list(boundaries.lod("full"), names)
    label_points = _as_list(boundaries.label_points(), names)
    region_names = [r.name for r in scheme.regions]
    lods = {lod: _as_list(boundaries.lod(lod), names) for lod in LODS}
    return cls(
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
