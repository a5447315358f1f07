"""Drawing data derived from the bundled boundaries ahead of time and shipped in ``data/boundaries/``.

The very first start on a fresh install would otherwise import geopandas, project and simplify the GeoPackage
and measure the scheme's adjacency (seconds) before the map can be drawn. ``python -m tools.build_drawing_cache``
derives the same data at build time; each file records what it was derived from (sha256 of the GeoPackage,
``units.csv`` and the scheme, the geometry format, the adjacency settings) and is used only while those still
match the files actually present — otherwise the data is derived as before. User-supplied boundaries never
use it. ``tests/gui/test_shipped_drawing_data.py`` rebuilds both files and fails when they are stale.

The geometry file stores every distinct vertex once (shared borders and the simplified levels of detail reuse
the full geometry's vertices) plus, per ring array, the vertex numbers as deltas: exact, and under half the
size of the plain arrays.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import zipfile
from pathlib import Path

import numpy as np

from app.paths import BOUNDARIES_DIR, DEFAULT_BOUNDARIES, DEFAULT_SCHEME, UNITS_TABLE

SHIPPED_GEOMETRY = BOUNDARIES_DIR / "chuanyu-units.drawing.npz"
SHIPPED_ADJACENCY = BOUNDARIES_DIR / "chuanyu-units.adjacency.json"
REBUILD_COMMAND = ".venv/bin/python -m tools.build_drawing_cache"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # so the same arrays give the same bytes


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def geometry_inputs() -> dict:
    """What the bundled map geometry is derived from (the scheme gives each unit's linkage region)."""
    from app.gui.map.geometry import _CACHE_VERSION

    return {"format": _CACHE_VERSION, "boundaries_sha256": sha256_of(DEFAULT_BOUNDARIES),
            "units_sha256": sha256_of(UNITS_TABLE), "scheme_sha256": sha256_of(DEFAULT_SCHEME)}


def adjacency_inputs(scheme) -> dict:
    """What ``scheme``'s neighbours are derived from: the bundled boundaries and the scheme's own settings."""
    settings = json.loads(json.dumps(dataclasses.asdict(scheme.adjacency), ensure_ascii=False, default=str))
    return {"boundaries_sha256": sha256_of(DEFAULT_BOUNDARIES), "units_sha256": sha256_of(UNITS_TABLE),
            "scheme_sha256": sha256_of(Path(scheme.source_path)), "adjacency": settings}


# -- map geometry --------------------------------------------------------------------------------------------
def write_geometry(geometry, inputs: dict, path: Path = SHIPPED_GEOMETRY) -> None:
    from app.atomic import write_bytes_atomic

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
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for key in sorted(arrays):
            info = zipfile.ZipInfo(f"{key}.npy", date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as member:
                np.lib.format.write_array(member, np.asarray(arrays[key]), allow_pickle=False)
    write_bytes_atomic(path, buffer.getvalue())


def recorded_inputs(path: Path = SHIPPED_GEOMETRY) -> dict:
    with np.load(path, allow_pickle=False) as data:
        return json.loads(str(data["derived_from"]))


def read_geometry(path: Path = SHIPPED_GEOMETRY):
    """The MapGeometry stored at ``path``, whatever it was derived from (see :func:`shipped_geometry`)."""
    from app.gui.map.geometry import MapGeometry

    with np.load(path, allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    coords = arrays.pop("vertices")[np.cumsum(arrays.pop("vertex_deltas"), dtype=np.int64)]
    start = 0
    for key in (str(k) for k in arrays.pop("coord_keys")):
        count = int(arrays[key.removesuffix("_coords") + "_offsets"][-1])
        arrays[key] = coords[start:start + count]
        start += count
    if start != len(coords):
        raise ValueError(f"{path}: {len(coords)} vertices stored, {start} used")
    return MapGeometry.from_arrays(arrays)


def shipped_geometry(gpkg: Path, path: Path | None = None):
    """The shipped geometry if ``gpkg`` is the bundled GeoPackage and the file's recorded inputs still match."""
    path = path or SHIPPED_GEOMETRY
    if Path(gpkg).resolve() != DEFAULT_BOUNDARIES.resolve() or not path.exists():
        return None
    try:
        if recorded_inputs(path) != geometry_inputs():
            return None
        return read_geometry(path)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None  # damaged: derived instead


# -- scheme adjacency ----------------------------------------------------------------------------------------
def write_adjacency(neighbours: dict[str, set[str]], inputs: dict, path: Path = SHIPPED_ADJACENCY) -> None:
    from app.atomic import write_text_atomic

    document = {"derived_from": inputs, "neighbours": {k: sorted(v) for k, v in sorted(neighbours.items())}}
    write_text_atomic(path, json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def shipped_neighbours(scheme, path: Path | None = None) -> dict[str, set[str]] | None:
    """The shipped neighbours if they were derived from this scheme file, its settings and the bundled data."""
    path = path or SHIPPED_ADJACENCY
    if not path.exists():
        return None
    try:
        document = json.loads(path.read_text("utf-8"))
        if document["derived_from"] != adjacency_inputs(scheme):
            return None
        return {name: set(others) for name, others in document["neighbours"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return None
