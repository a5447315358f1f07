"""Atomic writes: the new file replaces the old in one step, keeps normal permissions, and a failure leaves
the old file as it was with a clear message."""

from __future__ import annotations

import os
import stat

import pytest

from app.atomic import atomic_write, write_text_atomic
from app.errors import InputError


def test_write_replaces_content(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    write_text_atomic(target, "新内容")
    assert target.read_text(encoding="utf-8") == "新内容"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left behind


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_new_file_gets_umask_permissions_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_replaced_file_keeps_its_mode(tmp_path):
    target = tmp_path / "shared.txt"
    target.write_text("x", encoding="utf-8")
    target.chmod(0o664)
    write_text_atomic(target, "y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_failure_inside_the_block_keeps_the_old_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target, "w", encoding="utf-8") as handle:
            handle.write("half")
            raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="folder does not exist"):
        write_text_atomic(tmp_path / "no" / "a.txt", "x")
