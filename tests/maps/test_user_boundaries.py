"""Loading an office's own boundary file: clear errors, repairs and coverage warnings naming the units."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from shapely import affinity

from app.errors import InputError
from maps.boundaries import load_boundaries
from maps.projection import BASIN_CRS


@pytest.fixture(scope="module")
def coarse():
    """The shipped units, simplified (small files, still a clean coverage), as a plain attribute table."""
    shipped = load_boundaries()
    geoms = shipped.lod("coarse").to_crs("EPSG:4326")
    return gpd.GeoDataFrame({"区划代码": shipped.gdf["adcode"].astype(int).to_numpy(),
                             "名称": shipped.gdf["name"].to_numpy()},
                            geometry=geoms.to_numpy(), crs="EPSG:4326")


def write(gdf: gpd.GeoDataFrame, path, driver=None):
    gdf.to_file(path, driver=driver, engine="pyogrio")
    return path


def problems(exc: pytest.ExceptionInfo) -> str:
    return "\n".join(str(p) for p in exc.value.problems)


@pytest.mark.parametrize("suffix,driver", [(".gpkg", "GPKG"), (".geojson", "GeoJSON")])
def test_chinese_column_aliases_in_each_format(coarse, tmp_path, suffix, driver):
    boundaries = load_boundaries(write(coarse, tmp_path / f"units{suffix}", driver))
    assert len(boundaries) == 59 and boundaries.names[0] == "成都市"
    assert boundaries.gdf.crs.to_epsg() == 4326
    assert boundaries.gdf.loc["开州区", "region"] == "盆地东北部地区"
    assert boundaries.warnings == []
    assert boundaries.source.endswith(suffix)


def test_shapefile_with_english_alias_and_codes_from_a_spreadsheet(coarse, tmp_path):
    data = coarse[["区划代码", "geometry"]].rename(columns={"区划代码": "ADCODE"})
    data["ADCODE"] = data["ADCODE"].astype(str) + ".0"
    boundaries = load_boundaries(write(data, tmp_path / "units.shp"))
    assert boundaries.names == load_boundaries().names


def test_shapefile_names_in_gbk_without_cpg(coarse, tmp_path):
    data = coarse[["名称", "geometry"]].rename(columns={"名称": "NAME"})
    path = tmp_path / "units.shp"
    data.to_file(path, engine="pyogrio", encoding="gbk")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    boundaries = load_boundaries(path)
    assert boundaries.names == load_boundaries().names


def test_name_only_file_in_a_projected_crs_in_any_row_order(coarse, tmp_path):
    data = coarse[["名称", "geometry"]].rename(columns={"名称": "NAME"}).iloc[::-1].to_crs(BASIN_CRS)
    boundaries = load_boundaries(write(data, tmp_path / "names.gpkg"))
    assert boundaries.names == load_boundaries().names
    assert boundaries.gdf.crs.to_epsg() == 4326


def test_missing_crs_is_an_error(coarse, tmp_path):
    path = write(coarse.rename(columns={"区划代码": "code", "名称": "name"}), tmp_path / "nocrs.shp")
    path.with_suffix(".prj").unlink()
    with pytest.raises(InputError) as exc:
        load_boundaries(path)
    assert "no coordinate reference system" in str(exc.value) and ".prj" in str(exc.value)
    assert exc.value.problem.file == str(path)


def test_missing_identifying_attribute_names_what_was_found(coarse, tmp_path):
    data = coarse.rename(columns={"区划代码": "foo", "名称": "bar"})
    with pytest.raises(InputError) as exc:
        load_boundaries(write(data, tmp_path / "noattr.gpkg"))
    text = str(exc.value)
    assert "missing required attribute" in text and "foo, bar" in text and "adcode" in text


def test_duplicate_code_is_an_error_naming_the_features(coarse, tmp_path):
    data = gpd.GeoDataFrame(gpd.pd.concat([coarse, coarse.iloc[[3]]]), crs=coarse.crs)
    with pytest.raises(InputError) as exc:
        load_boundaries(write(data, tmp_path / "dup.gpkg"))
    assert "泸州市 appears twice (features 4 and 60)" in problems(exc)
    assert exc.value.problem.row == 60 and exc.value.problem.column == "区划代码"


def test_empty_and_non_polygon_geometries_are_errors(coarse, tmp_path):
    data = coarse.copy()
    data.loc[0, "geometry"] = shapely.Polygon()
    data.loc[1, "geometry"] = shapely.Point(104.7, 29.3)
    with pytest.raises(InputError) as exc:
        load_boundaries(write(data, tmp_path / "empty.geojson", "GeoJSON"))
    text = problems(exc)
    assert "成都市 has an empty geometry" in text and "自贡市 is not a polygon" in text


def test_missing_units_are_listed_and_foreign_features_ignored(coarse, tmp_path):
    data = coarse[~coarse["名称"].isin(["渝中区", "梁平区"])].copy()
    with pytest.raises(InputError) as exc:
        load_boundaries(write(data, tmp_path / "missing.gpkg"))
    assert "2 of the 59 units are missing: 渝中区、梁平区" in problems(exc)

    extra = gpd.GeoDataFrame(gpd.pd.concat([coarse, gpd.GeoDataFrame(
        {"区划代码": [530100], "名称": ["昆明市"]}, geometry=[shapely.box(102.6, 24.9, 102.8, 25.1)],
        crs="EPSG:4326")]), crs="EPSG:4326")
    boundaries = load_boundaries(write(extra, tmp_path / "extra.gpkg"))
    assert len(boundaries) == 59
    assert any("not among the 59 units and were ignored: 530100" in str(w) for w in boundaries.warnings)


def test_invalid_geometry_is_repaired_and_reported(coarse, tmp_path):
    data = coarse.copy()
    index = int((data["名称"] == "渝中区").to_numpy().nonzero()[0][0])
    minx, miny, maxx, maxy = data.geometry.iloc[index].bounds
    data.loc[index, "geometry"] = shapely.Polygon([(minx, miny), (maxx, maxy), (maxx, miny), (minx, maxy)])
    boundaries = load_boundaries(write(data, tmp_path / "bowtie.gpkg"))
    assert boundaries.gdf.geometry.is_valid.all()
    repaired = [w for w in boundaries.warnings if "invalid geometry repaired" in w.message]
    assert len(repaired) == 1 and repaired[0].message.startswith("渝中区") and repaired[0].row == index + 1
    assert repaired[0].severity == "warning"


def test_geometry_with_no_area_is_an_error(coarse, tmp_path):
    data = coarse.copy()
    data.loc[5, "geometry"] = shapely.Polygon([(104, 31), (104.1, 31), (104.2, 31), (104, 31)])  # a line
    with pytest.raises(InputError, match="绵阳市: invalid geometry with no area left after repair"):
        load_boundaries(write(data, tmp_path / "flat.gpkg"))


def test_overlaps_and_gaps_between_neighbours_are_warnings_with_names(coarse, tmp_path):
    data = coarse.to_crs(BASIN_CRS)
    index = int((data["名称"] == "德阳市").to_numpy().nonzero()[0][0])
    data.loc[index, "geometry"] = affinity.translate(data.geometry.iloc[index], xoff=60.0)  # 60 m east
    boundaries = load_boundaries(write(data, tmp_path / "shifted.gpkg"))
    messages = [w.message for w in boundaries.warnings]
    assert any("德阳市" in m and "overlap" in m for m in messages)
    assert any("德阳市" in m and "gap narrower than 100 m" in m for m in messages)
    assert all(w.severity == "warning" for w in boundaries.warnings)


def test_wrong_crs_is_caught_by_the_area_check(coarse, tmp_path):
    data = coarse.set_crs("EPSG:3857", allow_override=True)  # degrees declared as metres
    with pytest.raises(InputError) as exc:
        load_boundaries(write(data, tmp_path / "wrongcrs.gpkg"))
    assert "does not lie in Sichuan–Chongqing" in str(exc.value)


def test_unreadable_and_missing_files(tmp_path):
    garbage = tmp_path / "garbage.gpkg"
    garbage.write_bytes(b"not a geopackage at all")
    with pytest.raises(InputError, match="cannot read this as GeoPackage"):
        load_boundaries(garbage)
    with pytest.raises(InputError, match="not found"):
        load_boundaries(tmp_path / "nothing.shp")


def test_user_boundaries_are_not_cached_and_leave_the_bundled_ones_alone(coarse, tmp_path):
    path = write(coarse, tmp_path / "units.gpkg")
    first, second = load_boundaries(path), load_boundaries(path)
    assert first is not second
    assert load_boundaries() is load_boundaries()
    assert shapely.get_num_coordinates(load_boundaries().gdf.geometry.values).sum() == 194_167


def test_boundaries_with_no_adjacent_pair_stop_with_exit_2(coarse, tmp_path, capsys):
    from app import cli
    from app.domain.scheme import load_scheme
    from maps.adjacency import scheme_adjacency

    apart = coarse.copy()
    apart["geometry"] = [affinity.scale(g, 0.6, 0.6, origin="centroid") for g in coarse.geometry]
    path = write(apart, tmp_path / "apart.gpkg", "GPKG")
    with pytest.raises(InputError, match="no adjacent units at all"):
        scheme_adjacency(load_scheme(), load_boundaries(path))
    code = cli.main(["adjacency", "--boundaries", str(path), "--csv", str(tmp_path / "a.csv")])
    assert code == 2 and "no adjacent units at all" in capsys.readouterr().err


def test_a_multi_layer_geopackage_reads_its_one_polygon_layer_and_says_so(coarse, tmp_path):
    """Issue 22 §12: the first layer was read without a word."""
    path = tmp_path / "layers.gpkg"
    points = gpd.GeoDataFrame({"名称": ["成都站"]}, geometry=[shapely.Point(104.06, 30.67)], crs="EPSG:4326")
    points.to_file(path, layer="stations", engine="pyogrio")
    coarse.to_file(path, layer="units", engine="pyogrio")
    boundaries = load_boundaries(path)
    assert len(boundaries) == 59
    notes = [w for w in boundaries.warnings if "layers" in w.message]
    assert len(notes) == 1 and "units" in notes[0].message and "stations not read" in notes[0].message


def test_a_geopackage_with_two_polygon_layers_is_refused_naming_them(coarse, tmp_path):
    path = tmp_path / "two.gpkg"
    coarse.to_file(path, layer="provinces", engine="pyogrio")
    coarse.to_file(path, layer="units", engine="pyogrio")
    with pytest.raises(InputError) as info:
        load_boundaries(path)
    text = problems(info)
    assert "2 of them polygons" in text and "provinces" in text and "units" in text
