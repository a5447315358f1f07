"""The state folder's plain copy of the drawing arrays (maps.drawing.write_plain/read_plain through
maps.derived.drawing_geometry): written at the first read, read at the next ones instead of inflating the packed
file, the same arrays as the shipped file; damaged or recorded from other inputs, it is read no more and written
again."""

from __future__ import annotations

import numpy as np
import pytest

import maps.drawing
from maps import derived
from maps.drawing import read_packed, read_plain


def _plain_copy(state):
    copies = list((state / "cache").glob("drawing-*.plain"))
    assert len(copies) == 1
    return copies[0]


def _same(a, b) -> None:
    left, right = a.arrays(), b.arrays()
    assert left.keys() == right.keys()
    for key in left:
        assert left[key].dtype == right[key].dtype and left[key].shape == right[key].shape, key
        assert np.array_equal(left[key], right[key]), key


def _no_packed_reads(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("the packed file was read")

    monkeypatch.setattr(maps.drawing, "read_packed", refuse)


def test_the_first_read_writes_the_plain_copy_and_the_next_reads_only_it(monkeypatch, _private_state):
    first = derived.drawing_geometry()
    copy = _plain_copy(_private_state)
    _, shipped = read_packed(derived.SHIPPED_GEOMETRY)
    _same(first, shipped)
    _no_packed_reads(monkeypatch)
    again = derived.drawing_geometry()
    _same(again, shipped)
    assert again.lods["full"].coords.flags.writeable  # as arrays read from the packed file
    inputs, _ = read_plain(copy)
    assert inputs == derived.geometry_inputs()


@pytest.mark.parametrize("damage", ["truncated", "garbage", "too long an array", "other inputs"])
def test_a_damaged_or_stale_plain_copy_is_not_used_and_is_written_again(monkeypatch, _private_state, damage):
    derived.drawing_geometry()
    copy = _plain_copy(_private_state)
    good = copy.read_bytes()
    if damage == "truncated":
        copy.write_bytes(good[: len(good) // 2])
    elif damage == "garbage":
        copy.write_bytes(b"\0" * 4096)
    elif damage == "too long an array":  # the header claims more vertices than the file holds
        copy.write_bytes(good.replace(b'"lod_full_coords": ["<f8", [194167, 2]', b'"lod_full_coords": ["<f8", [994167, 2]'))
        assert copy.read_bytes() != good
    else:
        copy.write_bytes(good.replace(derived.geometry_inputs()["units_sha256"].encode(), b"0" * 64))
        assert copy.read_bytes() != good
    if damage != "other inputs":
        with pytest.raises(derived.DAMAGED):
            read_plain(copy)
    reads = []
    real = maps.drawing.read_packed
    monkeypatch.setattr(maps.drawing, "read_packed", lambda *a, **k: reads.append(a) or real(*a, **k))
    geometry = derived.drawing_geometry()
    assert reads  # the packed file was read instead
    _same(geometry, real(derived.SHIPPED_GEOMETRY)[1])
    assert copy.read_bytes() == good  # and the plain copy written again


def test_a_full_disk_while_writing_the_plain_copy_leaves_the_map_drawn_and_no_partial_copy(monkeypatch, _private_state):
    """The plain copy is an optimisation: a state folder that cannot take it (disk full) costs the next start
    the packed read again, never the map, and leaves no half-written copy to be read later."""
    import errno

    import app.atomic

    real_replace = app.atomic.os.replace

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(app.atomic.os, "replace", disk_full)
    geometry = derived.drawing_geometry()
    _same(geometry, read_packed(derived.SHIPPED_GEOMETRY)[1])
    cache = _private_state / "cache"
    assert not [f.name for f in cache.iterdir() if "plain" in f.name]  # nothing partial left behind, hidden or not
    monkeypatch.setattr(app.atomic.os, "replace", real_replace)
    derived.drawing_geometry()
    _plain_copy(_private_state)  # written once the disk takes it
