"""``hazedesk adjacency``: CSV of adjacent pairs, user boundaries, scheme overrides, exit codes."""

from __future__ import annotations

import csv
import io

import geopandas as gpd

from app import cli
from app.paths import DEFAULT_SCHEME
from maps.boundaries import load_boundaries


def run(capsys, *argv):
    code = cli.main(["adjacency", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_bundled_boundaries_to_stdout(capsys):
    code, out, err = run(capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["a", "b", "shared_km"]
    body = rows[1:]
    assert len(body) == 146
    assert ["成都市", "德阳市", "232.535"] in body
    pairs = {frozenset(r[:2]) for r in body}
    assert len(pairs) == len(body) and all(r[0] != r[1] for r in body)
    assert frozenset(("成都市", "绵阳市")) not in pairs
    assert "146 adjacent pairs among 59 units" in err


def test_csv_to_a_file(capsys, tmp_path):
    target = tmp_path / "adjacency.csv"
    code, out, _ = run(capsys, "--csv", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").splitlines()[1].startswith("成都市,")


def test_user_boundaries_and_an_override_in_the_scheme(capsys, tmp_path):
    shipped = load_boundaries()
    frame = gpd.GeoDataFrame({"adcode": shipped.gdf["adcode"].to_numpy()},
                             geometry=shipped.lod("medium").to_crs("EPSG:4326").to_numpy(), crs="EPSG:4326")
    boundaries = tmp_path / "office.gpkg"
    frame.to_file(boundaries, engine="pyogrio")
    scheme = tmp_path / "scheme.toml"
    scheme.write_text(DEFAULT_SCHEME.read_text(encoding="utf-8").replace(
        "[approval]",
        '[[adjacency.overrides]]\na = "江北区"\nb = "九龙坡区"\naction = "add"\nname = "两江联动通道"\n\n[approval]'),
        encoding="utf-8")
    code, out, err = run(capsys, "--boundaries", str(boundaries), "--scheme", str(scheme))
    assert code == 0
    assert "江北区,九龙坡区,0.000" in out.splitlines()
    assert "override add 九龙坡区–江北区: 两江联动通道" in err


def test_bad_boundary_file_exits_2_with_the_file_named(capsys, tmp_path):
    frame = gpd.GeoDataFrame({"foo": [1]}, geometry=[load_boundaries().gdf.geometry.iloc[0]], crs="EPSG:4326")
    path = tmp_path / "bad.geojson"
    frame.to_file(path, driver="GeoJSON", engine="pyogrio")
    code, out, err = run(capsys, "--boundaries", str(path))
    assert code == 2 and out == ""
    assert str(path) in err and "missing required attribute" in err and "Traceback" not in err


def test_a_unit_without_neighbours_is_reported(capsys, tmp_path):
    from shapely import affinity

    shipped = load_boundaries()
    geoms = shipped.lod("medium").copy()
    geoms["秀山土家族苗族自治县"] = affinity.translate(geoms["秀山土家族苗族自治县"], xoff=20_000.0)  # off to the east
    frame = gpd.GeoDataFrame({"name": list(geoms.index)}, geometry=geoms.to_numpy(), crs=geoms.crs)
    path = tmp_path / "moved.gpkg"
    frame.to_file(path, engine="pyogrio")
    code, out, err = run(capsys, "--boundaries", str(path))
    assert code == 0
    assert "units without a neighbour: 秀山土家族苗族自治县" in err
    assert "秀山土家族苗族自治县" not in out
