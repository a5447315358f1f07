"""Derive the map's drawing data and the measured adjacency of the bundled boundaries, shipped in ``data/boundaries/``.

    .venv/bin/python -m tools.build_drawing_cache            # writes into data/boundaries/
    .venv/bin/python -m tools.build_drawing_cache --out DIR  # elsewhere (the freshness test does this)

Writes ``chuanyu-units.drawing.npz`` (the projected map geometry with its levels of detail),
``chuanyu-units.adjacency.json`` (the shared border of every pair of units, measured with the bundled scheme's
settings, before its overrides, and the boundary check's warnings, which ``hazedesk adjacency`` prints) and
``chuanyu-units.lonlat-rings.npz`` (each unit's rings in lon/lat, for a
model grid's overlap weights without geopandas), each recording the sha256 of what it was derived from; the app uses them only
while those still match (:mod:`maps.derived`). Run it after changing the GeoPackage, ``units.csv``, the scheme's
regions or adjacency settings, or the code that projects, simplifies or measures them —
``tests/test_derived_cache.py`` fails until you do. The same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.atomic import write_bytes_atomic
from app.domain.scheme import load_scheme
from app.paths import BOUNDARIES_DIR, DEFAULT_BOUNDARIES
from maps import derived, lonlat_rings
from maps.adjacency import derive_adjacency
from maps.boundaries import load_boundaries
from maps.drawing import build_drawing_geometry, write_packed


def build(out_dir: Path) -> tuple[Path, Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    geometry_path = out_dir / derived.SHIPPED_GEOMETRY.name
    adjacency_path = out_dir / derived.SHIPPED_ADJACENCY.name
    scheme = load_scheme()
    geometry = build_drawing_geometry(DEFAULT_BOUNDARIES, scheme)
    write_bytes_atomic(geometry_path, write_packed(geometry, derived.geometry_inputs(DEFAULT_BOUNDARIES, scheme)))
    settings = scheme.adjacency
    boundaries = load_boundaries()
    adjacency = derive_adjacency(boundaries.projected, settings.min_shared_km, settings.snap_gap_m)
    inputs = derived.adjacency_inputs(DEFAULT_BOUNDARIES, settings.min_shared_km, settings.snap_gap_m)
    document = derived.adjacency_document(adjacency, inputs, boundaries.warnings, str(DEFAULT_BOUNDARIES))
    write_bytes_atomic(adjacency_path, document.encode("utf-8"))
    rings_path = out_dir / lonlat_rings.SHIPPED_RINGS.name
    write_bytes_atomic(rings_path, lonlat_rings.rings_file_bytes(lonlat_rings.derive_rings(),
                                                                 lonlat_rings.rings_inputs()))
    return geometry_path, adjacency_path, rings_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BOUNDARIES_DIR, help="folder to write into")
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(f"{path}  {path.stat().st_size / 1e6:.2f} MB  sha256 {derived.sha256_of(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
