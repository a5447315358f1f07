"""Derived boundary data kept between runs: the drawing arrays and the measured adjacency of a boundary file.

Deriving either from a GeoPackage takes seconds (geopandas, projection, simplification, border measurement);
reading it back takes milliseconds. Each entry records what it was derived from — the sha256 of the boundary
file (with a Shapefile's side files) and of ``units.csv``, the derivation's format, and the settings that
matter (region membership for drawing; ``min_shared_km`` and ``snap_gap_m`` for adjacency) — and is used only
while those match. Lookup order:

0. for the drawing arrays, the state folder's plain copy (``cache/drawing-….plain``, uncompressed: read in a few
   milliseconds at every window start), written from whichever copy below was read;
1. the copy derived at build time and shipped in ``data/boundaries/`` (``python -m tools.build_drawing_cache``);
2. the user state folder's ``cache/`` (any boundary file, the office's own too, keyed by those hashes);
3. derived now, then written to the state folder — a failure to write there (read-only, full, missing) is
   ignored: the command still gets its data, the next run derives again.

Adjacency is cached before the scheme's named overrides, which are applied on every read, so editing a
scheme (other than its two adjacency numbers) never invalidates it. Qt-free: the CLI, the exports and the
window all read through here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
import zipfile
from pathlib import Path

from app.paths import BOUNDARIES_DIR, DEFAULT_BOUNDARIES, UNITS_TABLE

DAMAGED = (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile)  # what a damaged entry raises

SHIPPED_GEOMETRY = BOUNDARIES_DIR / "chuanyu-units.drawing.npz"
SHIPPED_ADJACENCY = BOUNDARIES_DIR / "chuanyu-units.adjacency.json"
REBUILD_COMMAND = ".venv/bin/python -m tools.build_drawing_cache"
ADJACENCY_FORMAT = 3  # 3: with the boundary file's warnings
_SIDE_FILES = (".shx", ".dbf", ".prj", ".cpg")  # a Shapefile's content is spread over these

_hash_memo: dict[tuple, str] = {}
_lock = threading.Lock()


# -- what a derivation depends on ----------------------------------------------------------------------------
def sha256_of(path: Path) -> str:
    """sha256 of a file's bytes, remembered per (path, size, mtime) within the process."""
    path = Path(path).resolve()
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    with _lock:
        if key not in _hash_memo:
            _hash_memo[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        return _hash_memo[key]


def boundaries_sha256(path: Path) -> str:
    """The boundary file's hash; for a Shapefile, over the .shp and its side files together."""
    path = Path(path)
    if path.suffix.lower() != ".shp":
        return sha256_of(path)
    parts = [sha256_of(path)] + [f"{suffix}:{sha256_of(side)}" for suffix in _SIDE_FILES
                                 if (side := path.with_suffix(suffix)).exists()]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def geometry_inputs(boundaries_path: Path | None = None, scheme=None) -> dict:
    """What the drawing data depends on: the boundaries, the unit table and the scheme's region membership."""
    from app.domain.scheme import load_scheme

    scheme = scheme or load_scheme()
    regions = [[r.name, sorted(n for n, region in scheme.region_of.items() if region == r.name)]
               for r in scheme.regions]
    from maps.drawing import FORMAT

    return {"kind": "drawing", "format": FORMAT,
            "boundaries_sha256": boundaries_sha256(boundaries_path or DEFAULT_BOUNDARIES),
            "units_sha256": sha256_of(UNITS_TABLE),
            "regions_sha256": hashlib.sha256(json.dumps(regions, ensure_ascii=False).encode()).hexdigest()}


def adjacency_inputs(boundaries_path: Path | None, min_shared_km: float, snap_gap_m: float) -> dict:
    """What the measured adjacency depends on: the boundaries, the unit table and the two measuring settings."""
    return {"kind": "adjacency", "format": ADJACENCY_FORMAT,
            "boundaries_sha256": boundaries_sha256(boundaries_path or DEFAULT_BOUNDARIES),
            "units_sha256": sha256_of(UNITS_TABLE),
            "min_shared_km": float(min_shared_km), "snap_gap_m": float(snap_gap_m)}


# -- the state folder -------------------------------------------------------------------------------------
def user_cache_file(inputs: dict, suffix: str) -> Path | None:
    """Where the state folder keeps the entry for ``inputs``; None when there is no usable state folder."""
    from app import __version__
    from app.paths import user_state_dir

    digest = hashlib.sha256(json.dumps([__version__, inputs], sort_keys=True).encode()).hexdigest()[:20]
    try:
        return user_state_dir() / "cache" / f"{inputs['kind']}-{digest}{suffix}"
    except OSError:
        return None


def _store(path: Path | None, data: bytes) -> None:
    """Write a cache entry; never fails the command (the cache is an optimisation)."""
    if path is None:
        return
    from app.atomic import write_bytes_atomic
    from app.errors import InputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, data)
    except (OSError, InputError):
        pass


# -- drawing geometry ---------------------------------------------------------------------------------------
def drawing_geometry(boundaries_path: Path | None = None, scheme=None, cls=None):
    """The drawing data of ``boundaries_path`` (default: the bundled boundaries) as ``cls`` (a
    :class:`maps.drawing.DrawingGeometry` unless given)."""
    from maps.drawing import (
        DrawingGeometry,
        build_drawing_geometry,
        read_packed,
        read_plain,
        write_packed,
        write_plain,
    )

    cls = cls or DrawingGeometry

    path = Path(boundaries_path or DEFAULT_BOUNDARIES)
    inputs = geometry_inputs(path, scheme)
    cached, plain = user_cache_file(inputs, ".npz"), user_cache_file(inputs, ".plain")
    # the state folder's plain copy first (read in milliseconds), then the packed shipped or derived copies
    for candidate, read in ((plain, read_plain), (SHIPPED_GEOMETRY, read_packed), (cached, read_packed)):
        if candidate is not None and candidate.exists():
            try:
                recorded, geometry = read(candidate, cls)
            except DAMAGED:
                continue  # damaged: another copy, or derive again
            if recorded == inputs:
                if candidate != plain:
                    _store(plain, write_plain(geometry, inputs))
                return geometry
    geometry = build_drawing_geometry(path, scheme, cls)
    _store(cached, write_packed(geometry, inputs))
    _store(plain, write_plain(geometry, inputs))
    return geometry


# -- adjacency ----------------------------------------------------------------------------------------------
def measured_adjacency(boundaries_path: Path | None = None, min_shared_km: float = 1.0,
                       snap_gap_m: float = 100.0, boundaries=None):
    """``maps.adjacency.derive_adjacency`` of the boundary file, before any override, through the cache.

    ``boundaries`` (a loaded :class:`maps.boundaries.Boundaries` of that file) saves reading it again when the
    adjacency has to be derived.
    """
    return _measured(boundaries_path, min_shared_km, snap_gap_m, boundaries)[0]


def _measured(boundaries_path, min_shared_km: float, snap_gap_m: float, boundaries=None):
    """(the measured adjacency, the boundary file's warnings as ``load_boundaries`` reports them), cached."""
    path = Path(boundaries_path or DEFAULT_BOUNDARIES)
    if boundaries_path is not None and boundaries is None:
        _check_boundary_file(path)  # before hashing it: a missing file or a FIFO is bad input, not a hang
    source = str(DEFAULT_BOUNDARIES if path.resolve() == DEFAULT_BOUNDARIES.resolve() else path)
    inputs = adjacency_inputs(path, min_shared_km, snap_gap_m)
    cached = user_cache_file(inputs, ".json")
    for candidate in (SHIPPED_ADJACENCY, cached):
        if candidate is not None and candidate.exists():
            try:
                document = json.loads(candidate.read_text("utf-8"))
                if document["derived_from"] == inputs:
                    return _adjacency_from_json(document), _warnings_from_json(document, source)
            except DAMAGED:
                continue
    from maps.adjacency import derive_adjacency
    from maps.boundaries import load_boundaries

    boundaries = boundaries or load_boundaries(path)
    adjacency = derive_adjacency(boundaries.projected, min_shared_km, snap_gap_m)
    _store(cached, adjacency_document(adjacency, inputs, boundaries.warnings, source).encode("utf-8"))
    return adjacency, list(boundaries.warnings)


def _check_boundary_file(path: Path) -> None:
    """What ``maps.boundaries.read_boundaries`` refuses before reading: a missing file, a FIFO, a folder."""
    from app import untrusted
    from app.errors import InputError, Problem

    if not path.exists():
        raise InputError(Problem("boundary file not found", file=str(path)))
    untrusted.check_regular(path, "boundaries", expected="a GeoPackage, Shapefile or GeoJSON file")


def cached_scheme_adjacency(scheme, boundaries_path: Path | None = None, boundaries=None):
    """What ``maps.adjacency.scheme_adjacency`` gives (the scheme's settings, then its overrides), cached."""
    return scheme_adjacency_and_warnings(scheme, boundaries_path, boundaries)[0]


def scheme_adjacency_and_warnings(scheme, boundaries_path: Path | None = None, boundaries=None):
    """(:func:`cached_scheme_adjacency`, the boundary file's warnings): all ``hazedesk adjacency`` prints,
    without loading the boundaries (geopandas, pyproj: ~1 s) while the cache holds them."""
    from maps.adjacency import apply_overrides, require_pairs

    settings = scheme.adjacency
    measured, warnings = _measured(boundaries_path, settings.min_shared_km, settings.snap_gap_m, boundaries)
    return require_pairs(apply_overrides(measured, settings.overrides), boundaries_path), warnings


def scheme_neighbours(scheme, boundaries_path: Path | None = None) -> dict[str, set[str]]:
    """Each unit's neighbours under ``scheme`` (the engine's input), cached."""
    return cached_scheme_adjacency(scheme, boundaries_path).neighbours


def adjacency_document(adjacency, inputs: dict, warnings=(), source: str | None = None) -> str:
    """The JSON of a measured adjacency: one pair per line, so a rebuild's diff shows which borders changed;
    with the boundary file's ``warnings`` (their ``file`` left out where it is ``source``, the file itself)."""
    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def rows(pairs: dict) -> str:
        return "[\n" + ",\n".join(f"  {dumps([a, b, km])}" for (a, b), km in pairs.items()) + "\n ]"

    found = [{k: v for k, v in dataclasses.asdict(p).items() if not (k == "file" and v == source)}
             for p in warnings]
    return (f'{{"derived_from": {dumps(inputs)},\n "names": {dumps(adjacency.names)},\n'
            f' "min_shared_km": {dumps(adjacency.min_shared_km)}, "snap_gap_m": {dumps(adjacency.snap_gap_m)},\n'
            f' "pairs": {rows(adjacency.pairs)},\n "measured": {rows(adjacency.measured)},\n'
            f' "boundary_warnings": {dumps(found)}}}\n')


def _warnings_from_json(document: dict, source: str) -> list:
    from app.errors import Problem

    return [Problem(**{"file": source, **entry}) for entry in document["boundary_warnings"]]


def _adjacency_from_json(document: dict):
    from maps.adjacency import Adjacency

    return Adjacency([str(n) for n in document["names"]],
                     {(str(a), str(b)): float(km) for a, b, km in document["pairs"]},
                     {(str(a), str(b)): float(km) for a, b, km in document["measured"]},
                     float(document["min_shared_km"]), float(document["snap_gap_m"]))


# -- any other arrays derived from the boundaries (grid overlap weights, …) -----------------------------------
def cached_arrays(inputs: dict, compute) -> dict:
    """``compute()``'s named numpy arrays, kept in the state folder under ``inputs`` (which must hold "kind" and
    everything the arrays depend on — hashes, not file names); read back while the recorded inputs match."""
    import io

    import numpy as np

    path = user_cache_file(inputs, ".npz")
    if path is not None and path.exists():
        try:
            with np.load(path, allow_pickle=False) as data:
                if json.loads(str(data["derived_from"])) == inputs:
                    return {key: data[key] for key in data.files if key != "derived_from"}
        except DAMAGED:
            pass  # damaged: computed again
    arrays = compute()
    buffer = io.BytesIO()
    np.savez(buffer, derived_from=np.array(json.dumps(inputs, sort_keys=True)), **arrays)
    _store(path, buffer.getvalue())
    return arrays


def array_sha256(array) -> str:
    """A content hash of an array (values, dtype and shape), for cache keys."""
    import numpy as np

    array = np.ascontiguousarray(array)
    digest = hashlib.sha256(f"{array.dtype.str}|{array.shape}|".encode())
    digest.update(array.tobytes())
    return digest.hexdigest()
