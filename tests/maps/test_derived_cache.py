"""Derived boundary data (maps.derived): the shipped copies are up to date and used only when their inputs
match; other boundary files are derived once and cached by their hash; a state folder that cannot be written
never fails the command."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from maps import derived
from maps.drawing import read_packed

STALE = f"the shipped drawing data is stale: run `{derived.REBUILD_COMMAND}` and commit data/boundaries/"
ROOT = Path(__file__).resolve().parents[2]


class _Derived(Exception):
    pass


def _derive_instead(*_args, **_kwargs):
    raise _Derived


def _count_derivations(monkeypatch) -> dict:
    """Count the slow derivations while letting them run."""
    import maps.adjacency
    import maps.drawing

    counts = {"drawing": 0, "adjacency": 0}
    real_drawing, real_adjacency = maps.drawing.build_drawing_geometry, maps.adjacency.derive_adjacency

    def drawing(*args, **kwargs):
        counts["drawing"] += 1
        return real_drawing(*args, **kwargs)

    def adjacency(*args, **kwargs):
        counts["adjacency"] += 1
        return real_adjacency(*args, **kwargs)

    monkeypatch.setattr(maps.drawing, "build_drawing_geometry", drawing)
    monkeypatch.setattr(maps.adjacency, "derive_adjacency", adjacency)
    return counts


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    from tools.build_drawing_cache import build

    return build(tmp_path_factory.mktemp("drawing-cache"))


# -- the shipped copies ----------------------------------------------------------------------------------------
def test_shipped_geometry_is_what_the_build_derives_now(rebuilt):
    geometry_path = rebuilt[0]
    fresh_inputs, fresh = read_packed(geometry_path)
    shipped_inputs, shipped = read_packed(derived.SHIPPED_GEOMETRY)
    assert shipped_inputs == fresh_inputs == derived.geometry_inputs(), STALE
    fresh_arrays, shipped_arrays = fresh.arrays(), shipped.arrays()
    assert fresh_arrays.keys() == shipped_arrays.keys(), STALE
    for key, array in fresh_arrays.items():
        assert array.dtype == shipped_arrays[key].dtype and np.array_equal(array, shipped_arrays[key]), \
            f"{key} differs; {STALE}"
    assert derived.SHIPPED_GEOMETRY.stat().st_size < 3_000_000  # the plain arrays take 6.4 MB


def test_shipped_adjacency_is_what_the_build_derives_now(rebuilt):
    adjacency_path = rebuilt[1]
    assert derived.SHIPPED_ADJACENCY.read_bytes() == adjacency_path.read_bytes(), STALE


def test_shipped_lonlat_rings_are_what_the_build_derives_now(rebuilt):
    from maps.lonlat_rings import SHIPPED_RINGS

    assert SHIPPED_RINGS.read_bytes() == rebuilt[2].read_bytes(), STALE
    assert SHIPPED_RINGS.stat().st_size < 2_000_000  # shared border vertices once: the plain coordinates take 3 MB


def test_cached_adjacency_is_the_derived_one_with_the_schemes_overrides():
    from app.domain.scheme import load_scheme
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    cached, fresh = derived.cached_scheme_adjacency(scheme), scheme_adjacency(scheme)
    assert cached.pairs == fresh.pairs and cached.measured == fresh.measured and cached.names == fresh.names
    assert cached.neighbours == fresh.neighbours
    assert derived.scheme_neighbours(scheme) == fresh.neighbours


def test_fresh_install_reads_the_shipped_files_without_deriving(monkeypatch, _private_state):
    import maps.adjacency
    import maps.drawing
    from app.domain.scheme import load_scheme

    monkeypatch.setattr(maps.drawing, "build_drawing_geometry", _derive_instead)
    monkeypatch.setattr(maps.adjacency, "derive_adjacency", _derive_instead)
    geometry = derived.drawing_geometry()
    assert len(geometry.names) == 59 and geometry.lods["full"].coords.shape == (194_167, 2)
    assert "渝中区" in derived.scheme_neighbours(load_scheme())["江北区"]
    cache = _private_state / "cache"  # nothing derived: only the drawing arrays' plain copy (read fast next time)
    assert not cache.exists() or [p.suffix for p in cache.iterdir()] == [".plain"]


def test_a_scheme_edit_outside_regions_and_adjacency_keeps_the_shipped_data(monkeypatch, tmp_path):
    """Letters, thresholds or approval routes change often; the drawing data and adjacency do not depend on them."""
    import maps.adjacency
    import maps.drawing
    from app.domain.scheme import load_scheme
    from app.paths import DEFAULT_SCHEME

    edited = tmp_path / "scheme.toml"
    edited.write_text(DEFAULT_SCHEME.read_text("utf-8") + "\n# an office's note\n", "utf-8")
    scheme = load_scheme(edited)
    monkeypatch.setattr(maps.drawing, "build_drawing_geometry", _derive_instead)
    monkeypatch.setattr(maps.adjacency, "derive_adjacency", _derive_instead)
    derived.drawing_geometry(scheme=scheme)
    derived.scheme_neighbours(scheme)


def test_geometry_recorded_from_other_inputs_is_ignored(monkeypatch, tmp_path):
    import maps.drawing

    tampered = tmp_path / "drawing.npz"
    with np.load(derived.SHIPPED_GEOMETRY, allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    inputs = json.loads(str(arrays["derived_from"]))
    inputs["boundaries_sha256"] = "0" * 64
    arrays["derived_from"] = np.array(json.dumps(inputs))
    np.savez(tampered, **arrays)
    monkeypatch.setattr(derived, "SHIPPED_GEOMETRY", tampered)
    monkeypatch.setattr(maps.drawing, "build_drawing_geometry", _derive_instead)
    with pytest.raises(_Derived):
        derived.drawing_geometry()


def test_damaged_shipped_files_are_derived_again(monkeypatch, tmp_path):
    from app.domain.scheme import load_scheme

    damaged_geometry, damaged_adjacency = tmp_path / "drawing.npz", tmp_path / "adjacency.json"
    damaged_geometry.write_bytes(derived.SHIPPED_GEOMETRY.read_bytes()[:100_000])
    damaged_adjacency.write_text(derived.SHIPPED_ADJACENCY.read_text("utf-8")[:3000], "utf-8")
    monkeypatch.setattr(derived, "SHIPPED_GEOMETRY", damaged_geometry)
    monkeypatch.setattr(derived, "SHIPPED_ADJACENCY", damaged_adjacency)
    counts = _count_derivations(monkeypatch)
    assert len(derived.drawing_geometry().names) == 59
    assert "渝中区" in derived.scheme_neighbours(load_scheme())["江北区"]
    assert counts == {"drawing": 1, "adjacency": 1}


def test_other_adjacency_settings_are_measured_once_then_cached(monkeypatch):
    from app.domain.scheme import load_scheme
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    stricter = dataclasses.replace(scheme, adjacency=dataclasses.replace(scheme.adjacency, min_shared_km=30.0))
    counts = _count_derivations(monkeypatch)
    first = derived.scheme_neighbours(stricter)
    assert derived.scheme_neighbours(stricter) == first == scheme_adjacency(stricter).neighbours
    assert counts["adjacency"] == 2  # once through the cache (then read back), once by scheme_adjacency itself
    assert first != derived.scheme_neighbours(scheme)


# -- an office's own boundaries ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def office_file(tmp_path_factory):
    """The shipped units simplified and saved as a GeoJSON: other bytes, same units."""
    from maps.boundaries import load_boundaries

    shipped = load_boundaries()
    frame = shipped.gdf[["adcode", "name"]].copy()
    frame = frame.set_geometry(shipped.lod("medium").to_crs("EPSG:4326").to_numpy(), crs="EPSG:4326")
    path = tmp_path_factory.mktemp("office") / "office-units.geojson"
    frame.reset_index(drop=True).to_file(path, driver="GeoJSON", engine="pyogrio")
    return path


def test_user_boundaries_are_cached_by_their_hash(monkeypatch, office_file, tmp_path, _private_state):
    from app.domain.scheme import load_scheme

    scheme = load_scheme()
    counts = _count_derivations(monkeypatch)
    geometry = derived.drawing_geometry(office_file)
    neighbours = derived.scheme_neighbours(scheme, office_file)
    assert counts == {"drawing": 1, "adjacency": 1}
    cache = sorted((p.name.split("-")[0], p.suffix) for p in (_private_state / "cache").iterdir())
    assert cache == [("adjacency", ".json"), ("drawing", ".npz"), ("drawing", ".plain")]  # packed, and plain to read
    # the same bytes under another name and date: read from the cache
    moved = tmp_path / "renamed.geojson"
    moved.write_bytes(office_file.read_bytes())
    again = derived.drawing_geometry(moved)
    assert derived.scheme_neighbours(scheme, moved) == neighbours
    assert counts == {"drawing": 1, "adjacency": 1}
    assert np.array_equal(again.lods["fine"].coords, geometry.lods["fine"].coords)
    # an edited file is derived again
    moved.write_bytes(office_file.read_bytes().replace(b'"name"', b'"name" ', 1))
    derived.scheme_neighbours(scheme, moved)
    assert counts["adjacency"] == 2


def test_a_state_folder_that_cannot_be_written_never_fails_the_command(monkeypatch, office_file, tmp_path):
    from app.domain.scheme import load_scheme

    scheme = load_scheme()
    blocked = tmp_path / "state"
    blocked.mkdir()
    (blocked / "cache").write_text("a file where the cache folder should be")
    monkeypatch.setenv("HAZEDESK_HOME", str(blocked))
    assert "渝中区" in derived.scheme_neighbours(scheme, office_file)["江北区"]
    assert len(derived.drawing_geometry(office_file).names) == 59
    not_a_folder = tmp_path / "plain-file"
    not_a_folder.write_text("x")
    monkeypatch.setenv("HAZEDESK_HOME", str(not_a_folder))  # the state folder itself cannot be made
    assert "渝中区" in derived.scheme_neighbours(scheme, office_file)["江北区"]


def test_a_damaged_user_cache_entry_is_derived_again(monkeypatch, office_file, _private_state):
    from app.domain.scheme import load_scheme

    scheme = load_scheme()
    derived.scheme_neighbours(scheme, office_file)
    (entry,) = (_private_state / "cache").glob("adjacency-*.json")
    entry.write_text("{not json", "utf-8")
    counts = _count_derivations(monkeypatch)
    assert "渝中区" in derived.scheme_neighbours(scheme, office_file)["江北区"]
    assert counts["adjacency"] == 1
    json.loads(entry.read_text("utf-8"))  # rewritten whole


def test_cli_adjacency_reads_the_cache_for_the_bundled_and_user_files(monkeypatch, office_file, capsys):
    import maps.adjacency
    from app.cli import main

    assert main(["adjacency", "--boundaries", str(office_file)]) == 0  # derived and cached
    first = capsys.readouterr().out
    monkeypatch.setattr(maps.adjacency, "derive_adjacency", _derive_instead)
    assert main(["adjacency", "--boundaries", str(office_file)]) == 0
    assert capsys.readouterr().out == first
    assert main(["adjacency"]) == 0
    assert "渝中区,江北区," in capsys.readouterr().out


# -- no Qt, no circle ----------------------------------------------------------------------------------------
def test_the_cache_imports_neither_qt_nor_the_window_nor_geopandas():
    code = ("import sys\nfrom app.domain.scheme import load_scheme\nfrom maps import derived\n"
            "derived.scheme_neighbours(load_scheme()); derived.drawing_geometry()\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'geopandas', 'shapely', 'pyogrio')"
            " or m.startswith('app.gui')]\nprint(bad)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
