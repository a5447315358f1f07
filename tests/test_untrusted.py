"""app.untrusted: the one check for values from files made elsewhere that become paths (issue 22, item 1)."""

from __future__ import annotations

import os

import pytest

from app import untrusted
from app.errors import InputError

SHA = "0123456789abcdef" * 4


@pytest.mark.parametrize("value", ["../x", "..", ".", "/etc/passwd", "a/b", "a\\b", "C:\\x", "C:x", "\\\\srv\\s",
                                   "x\x00y", "x\ny", "CON", "nul.txt", "LPT1", "name.", "name ", "", "é" * 101, 7,
                                   None])
def test_names_that_could_leave_their_folder_are_refused(value):
    with pytest.raises(InputError) as caught:
        untrusted.name_in_folder(value, field="f", file="case.hzcase")
    assert caught.value.problem.column == "f" and caught.value.problem.file == "case.hzcase"


@pytest.mark.parametrize("value", ["0123456789abcdef.csv", "预报.nc", "a b-c_d.xlsx", "é" * 100])
def test_plain_names_pass(value):
    assert untrusted.name_in_folder(value, field="f") == value


@pytest.mark.parametrize("value", [SHA.upper(), SHA[:-1], SHA + "0", "g" * 64, " " + SHA[1:], b"x", None, 1])
def test_a_sha256_is_64_lower_case_hex_digits_and_nothing_else(value):
    with pytest.raises(InputError):
        untrusted.sha256(value, field="sha256")
    assert untrusted.sha256(SHA, field="sha256") == SHA
    assert untrusted.sha256("", field="sha256", empty=True) == ""


@pytest.mark.parametrize("recorded, suffix", [("/a/b/f.csv", ".csv"), ("C:\\data\\f.NC", ".NC"), ("f", ""),
                                              ("/a/f.csv;rm -rf", ""), ("/a/f.c/sv", ""), ("f.toolongsuffix", "")])
def test_the_suffix_of_a_recorded_path_is_plain_or_nothing(recorded, suffix):
    assert untrusted.suffix_of(recorded) == suffix


def test_inside_refuses_a_symlink_and_a_name_that_resolves_elsewhere(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    assert untrusted.inside(folder, "a.csv") == folder / "a.csv"
    (folder / "link.csv").symlink_to(tmp_path / "elsewhere.csv")
    with pytest.raises(InputError, match="symbolic link"):
        untrusted.inside(folder, "link.csv")
    with pytest.raises(InputError):
        untrusted.inside(folder, "../a.csv")


@pytest.mark.skipif(os.name == "nt", reason="FIFOs are POSIX")
def test_read_bounded_refuses_what_is_not_a_regular_file_and_reads_at_most_the_limit(tmp_path):
    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="named pipe"):
        untrusted.read_bounded(fifo, "session")
    with pytest.raises(InputError, match="this is a folder"):
        untrusted.read_bounded(tmp_path, "session")
    with pytest.raises(InputError, match="no such file"):
        untrusted.read_bounded(tmp_path / "none", "session")
    small = tmp_path / "s.json"
    small.write_bytes(b"{}")
    assert untrusted.read_bounded(small, "session") == b"{}"
    assert not untrusted.is_regular_file(fifo) and untrusted.is_regular_file(small)
    assert not untrusted.is_regular_file("x\x00y")
