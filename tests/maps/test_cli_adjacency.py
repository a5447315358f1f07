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


def test_the_bundled_boundaries_are_not_loaded_and_their_warnings_still_printed(tmp_path):
    """Issue 26: the command read the GeoPackage (geopandas, pyproj: ~1 s) only for its warnings; they are kept
    with the cached adjacency, and printed as a fresh load reports them."""
    import os
    import subprocess
    import sys

    code = ("import sys; from app import cli; code = cli.main(['adjacency', '--csv', sys.argv[1]]); "
            "print(sorted(m for m in ('geopandas', 'shapely', 'pyproj', 'pyogrio', 'matplotlib') if m in sys.modules),"
            " file=sys.stderr); sys.exit(code)")
    env = {**os.environ, "HAZEDESK_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "a.csv")], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    *printed, modules = done.stderr.splitlines()
    assert modules == "[]"
    expected = [f"warning: {problem}" for problem in load_boundaries().warnings]
    assert expected and printed[:len(expected)] == expected
    assert "gap narrower than 100 m between 巫山县 and 巫溪县" in expected[0]


def test_a_user_files_warnings_come_back_from_the_cache_under_its_own_name(capsys, tmp_path, monkeypatch):
    import maps.boundaries

    monkeypatch.setenv("HAZEDESK_HOME", str(tmp_path / "home"))
    shipped = load_boundaries()
    frame = gpd.GeoDataFrame({"adcode": shipped.gdf["adcode"].to_numpy()},
                             geometry=shipped.lod("coarse").to_crs("EPSG:4326").to_numpy(), crs="EPSG:4326")
    first = tmp_path / "office.gpkg"
    points = gpd.GeoDataFrame({"名称": ["成都站"]}, geometry=gpd.points_from_xy([104.06], [30.67]), crs="EPSG:4326")
    points.to_file(first, layer="stations", engine="pyogrio")  # a second layer: a note the command prints
    frame.to_file(first, layer="units", engine="pyogrio")
    code, out, err = run(capsys, "--boundaries", str(first))
    assert code == 0 and f"warning: {first}: the GeoPackage has 2 layers" in err
    renamed = tmp_path / "renamed.gpkg"  # same bytes: read from the cache, never loaded
    renamed.write_bytes(first.read_bytes())
    monkeypatch.setattr(maps.boundaries, "load_boundaries", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    code, again, err_again = run(capsys, "--boundaries", str(renamed))
    assert code == 0 and again == out
    assert err_again == err.replace(str(first), str(renamed))
