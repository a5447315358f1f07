"""Derive the map's drawing data from the bundled boundaries and ship it in ``data/boundaries/``.

    .venv/bin/python -m tools.build_drawing_cache            # writes into data/boundaries/
    .venv/bin/python -m tools.build_drawing_cache --out DIR  # elsewhere (the freshness test does this)

Writes ``chuanyu-units.drawing.npz`` (the projected map geometry with its levels of detail, as the GUI draws
it) and ``chuanyu-units.adjacency.json`` (the bundled scheme's neighbours), each recording the sha256 of what it
was derived from; the GUI uses them only while those still match (:mod:`app.gui.map.shipped`). Run it after
changing the GeoPackage, ``units.csv``, the scheme, or the code that projects, simplifies or measures them —
``tests/gui/test_shipped_drawing_data.py`` fails until you do. The same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.domain.scheme import load_scheme
from app.gui.cache import derive_neighbours
from app.gui.map import shipped
from app.gui.map.geometry import build_map_geometry
from app.paths import BOUNDARIES_DIR, DEFAULT_BOUNDARIES


def build(out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    geometry_path = out_dir / shipped.SHIPPED_GEOMETRY.name
    adjacency_path = out_dir / shipped.SHIPPED_ADJACENCY.name
    shipped.write_geometry(build_map_geometry(DEFAULT_BOUNDARIES), shipped.geometry_inputs(), geometry_path)
    scheme = load_scheme()
    shipped.write_adjacency(derive_neighbours(scheme), shipped.adjacency_inputs(scheme), adjacency_path)
    return geometry_path, adjacency_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BOUNDARIES_DIR, help="folder to write into")
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(f"{path}  {path.stat().st_size / 1e6:.2f} MB  sha256 {shipped.sha256_of(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
