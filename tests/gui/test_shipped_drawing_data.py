"""The drawing data shipped in data/boundaries/: up to date with the code and data, and used only when it matches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from app.gui.map import geometry as geometry_module
from app.gui.map import shipped
from app.paths import DEFAULT_BOUNDARIES

STALE = f"the shipped drawing data is stale: run `{shipped.REBUILD_COMMAND}` and commit data/boundaries/"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    from tools.build_drawing_cache import build

    return build(tmp_path_factory.mktemp("drawing-cache"))


def test_shipped_geometry_is_what_the_build_derives_now(rebuilt):
    geometry_path, _ = rebuilt
    assert shipped.recorded_inputs(shipped.SHIPPED_GEOMETRY) == shipped.recorded_inputs(geometry_path), STALE
    fresh = shipped.read_geometry(geometry_path).arrays()
    shipped_arrays = shipped.read_geometry(shipped.SHIPPED_GEOMETRY).arrays()
    assert fresh.keys() == shipped_arrays.keys(), STALE
    for key, array in fresh.items():
        assert array.dtype == shipped_arrays[key].dtype and np.array_equal(array, shipped_arrays[key]), \
            f"{key} differs; {STALE}"


def test_shipped_geometry_round_trips_exactly_and_stays_small():
    derived = geometry_module.build_map_geometry(DEFAULT_BOUNDARIES).arrays()
    read = shipped.read_geometry(shipped.SHIPPED_GEOMETRY).arrays()
    for key, array in derived.items():
        assert np.array_equal(array, read[key]), key
    assert shipped.SHIPPED_GEOMETRY.stat().st_size < 3_000_000  # the plain arrays take 6.4 MB


def test_shipped_adjacency_is_what_the_build_derives_now(rebuilt):
    _, adjacency_path = rebuilt
    fresh = json.loads(adjacency_path.read_text("utf-8"))
    assert json.loads(shipped.SHIPPED_ADJACENCY.read_text("utf-8")) == fresh, STALE


def test_fresh_install_reads_the_shipped_files_without_deriving(monkeypatch):
    from app.domain.scheme import load_scheme
    from app.gui.cache import scheme_neighbours

    def refuse(*_):
        raise AssertionError("derived although the shipped data matches")

    monkeypatch.setattr(geometry_module, "build_map_geometry", refuse)
    monkeypatch.setattr("app.gui.cache.derive_neighbours", refuse)
    geometry = geometry_module.load_map_geometry()
    assert len(geometry.names) == 59 and geometry.lods["full"].coords.shape == (194_167, 2)
    neighbours = scheme_neighbours(load_scheme())
    assert "渝中区" in neighbours["江北区"]


class _Derived(Exception):
    pass


def _derive_instead(*_):
    raise _Derived


def test_geometry_recorded_from_other_inputs_is_ignored(monkeypatch, tmp_path):
    tampered = tmp_path / "drawing.npz"
    with np.load(shipped.SHIPPED_GEOMETRY, allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    inputs = json.loads(str(arrays["derived_from"]))
    inputs["boundaries_sha256"] = "0" * 64
    arrays["derived_from"] = np.array(json.dumps(inputs))
    np.savez(tampered, **arrays)
    assert shipped.shipped_geometry(DEFAULT_BOUNDARIES, tampered) is None
    monkeypatch.setattr(shipped, "SHIPPED_GEOMETRY", tampered)
    monkeypatch.setattr(geometry_module, "build_map_geometry", _derive_instead)
    with pytest.raises(_Derived):
        geometry_module.load_map_geometry()


def test_damaged_shipped_geometry_is_ignored(tmp_path):
    damaged = tmp_path / "drawing.npz"
    damaged.write_bytes(shipped.SHIPPED_GEOMETRY.read_bytes()[:100_000])
    assert shipped.shipped_geometry(DEFAULT_BOUNDARIES, damaged) is None


def test_user_boundaries_never_use_the_shipped_geometry(monkeypatch, tmp_path):
    copy = tmp_path / "office-boundaries.gpkg"
    shutil.copyfile(DEFAULT_BOUNDARIES, copy)  # same bytes, but the user's file: derived from it
    monkeypatch.setattr(geometry_module, "build_map_geometry", _derive_instead)
    with pytest.raises(_Derived):
        geometry_module.load_map_geometry(copy)


def test_neighbours_of_another_scheme_or_settings_are_derived(monkeypatch, tmp_path):
    import dataclasses

    from app.domain.scheme import load_scheme
    from app.gui.cache import scheme_neighbours

    scheme = load_scheme()
    stricter = dataclasses.replace(scheme, adjacency=dataclasses.replace(scheme.adjacency, min_shared_km=5.0))
    assert shipped.shipped_neighbours(scheme) is not None
    assert shipped.shipped_neighbours(stricter) is None  # settings differ from what the file was derived with
    edited = tmp_path / "scheme.toml"
    edited.write_text(Path(scheme.source_path).read_text("utf-8") + "\n# edited\n", "utf-8")
    assert shipped.shipped_neighbours(dataclasses.replace(scheme, source_path=str(edited))) is None
    monkeypatch.setattr("app.gui.cache.derive_neighbours", _derive_instead)
    with pytest.raises(_Derived):
        scheme_neighbours(stricter)
