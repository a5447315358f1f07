"""Faults of files: writes that fail (ENOSPC, EACCES, EROFS) become WriteError with the path and leave nothing
behind; devices, FIFOs, ``-`` and ``/dev/stdout`` are written into, never replaced; special input files are
refused at once; a truncated NetCDF-4 says so; a series that fails part-way leaves no frames."""

from __future__ import annotations

import errno
import os
import stat
import threading

import pytest

from app import atomic
from app.atomic import atomic_write, check_output_folder, write_text_atomic
from app.errors import InputError, WriteError
from app.importing import load_forecast
from app.importing.source import read_limited
from app.paths import SAMPLES_DIR

POSIX = pytest.mark.skipif(os.name == "nt", reason="FIFOs and device nodes are POSIX")


def _only(folder, *names):
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_a_write_error_naming_the_path():
    with pytest.raises(WriteError) as caught:
        write_text_atomic("/dev/full", "x" * 100_000)
    assert caught.value.path == "/dev/full" and caught.value.errno == errno.ENOSPC
    assert "no space left on the disk" in str(caught.value)
    assert "磁盘空间已满" in caught.value.render("zh")


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "no space left on the disk"),
                                             (errno.EACCES, "permission denied"),
                                             (errno.EROFS, "the file system is read-only")])
def test_os_errors_while_writing_or_renaming_keep_the_old_file_and_leave_no_tmp(tmp_path, monkeypatch, code, words):
    target = tmp_path / "letter.json"
    target.write_text("old", encoding="utf-8")

    def failing_replace(src, dst):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(WriteError) as caught:
        write_text_atomic(target, "new")
    assert str(target) in str(caught.value) and words in str(caught.value)
    assert isinstance(caught.value, InputError)  # the CLI's exit 2 with one line, the GUI's message
    assert target.read_text(encoding="utf-8") == "old"
    _only(tmp_path, "letter.json")

    monkeypatch.undo()

    def failing_mkstemp(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", failing_mkstemp)
    with pytest.raises(WriteError, match=words):
        write_text_atomic(tmp_path / "new.json", "x")
    _only(tmp_path, "letter.json")


def test_enospc_inside_the_block_is_a_write_error_and_no_tmp(tmp_path):
    target = tmp_path / "a.bin"
    with pytest.raises(WriteError, match="no space left"):
        with atomic_write(target) as handle:
            handle.write(b"x")
            raise OSError(errno.ENOSPC, "No space left on device")
    _only(tmp_path)


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


@POSIX
def test_a_fifo_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_text_atomic(fifo, "数据\n")
    reader.join(10)
    assert got == ["数据\n".encode()]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    _only(tmp_path, "out.json")


def test_dash_and_dev_stdout_write_to_stdout(capfd):
    write_text_atomic("-", "one\n")
    assert capfd.readouterr().out == "one\n"
    if os.path.exists("/dev/stdout"):
        write_text_atomic("/dev/stdout", "two\n")
        assert capfd.readouterr().out == "two\n"
        assert os.path.exists("/dev/stdout")


def test_a_folder_as_output_is_refused_with_its_name(tmp_path):
    with pytest.raises(WriteError, match="this is a folder"):
        write_text_atomic(tmp_path, "x")


def test_output_folder_is_checked_before_the_work(tmp_path):
    check_output_folder(tmp_path / "ok.png")
    _only(tmp_path)  # the probe file is gone
    with pytest.raises(WriteError, match="folder does not exist"):
        check_output_folder(tmp_path / "missing" / "map.png")


# -- special input files --------------------------------------------------------------------------------------
def _refused_fast(path, words):
    """Refused without reading: opening a FIFO for reading blocks until a writer comes and /dev/zero never ends,
    so a reader that reads hangs here and the 60 s join fails; a busy machine never takes that long to refuse
    (a wall-clock bound of 1 s could flake)."""
    outcome = {}

    def load():
        try:
            load_forecast(path)
        except InputError as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), f"{path} was read, not refused: the load hangs"
    assert "error" in outcome, "accepted instead of refused"
    assert str(path) in str(outcome["error"]) and words in str(outcome["error"])


@POSIX
def test_a_fifo_as_forecast_is_refused_without_reading(tmp_path):
    fifo = tmp_path / "forecast.csv"
    os.mkfifo(fifo)
    _refused_fast(fifo, "named pipe (FIFO), not a regular file")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_as_forecast_is_refused_without_reading():
    _refused_fast("/dev/zero", "character device, not a regular file")


def test_a_folder_as_forecast_is_refused(tmp_path):
    _refused_fast(tmp_path, "this is a folder")


def test_a_line_over_128_kb_before_the_header_is_refused(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("#" + "x" * 140_000 + "\ntime,city,pm25\n2026-01-01 00:00,成都市,50\n", encoding="utf-8")
    _refused_fast(path, "line 1 is 136 KB long before any table header")


def test_the_size_limit_holds_for_what_is_read(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 5000)
    assert read_limited(path, 5000, "text tables") == b"x" * 5000
    with pytest.raises(InputError, match="text tables up to"):
        read_limited(path, 4999, "text tables")


def test_a_truncated_netcdf4_file_says_it_is_truncated(tmp_path):
    whole = (SAMPLES_DIR / "sample-red-plain-south-grid.nc").read_bytes()
    path = tmp_path / "cut.nc"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError) as caught:
        load_forecast(path)
    text = str(caught.value)
    assert "the NetCDF-4 file is truncated" in text and str(len(whole) // 2) in text and str(path) in text
    assert "h5netcdf" not in text


# -- a series that fails part-way -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def exporter():
    from app.export.inputs import load_and_evaluate
    from app.export.maps import MapExporter

    orange = load_and_evaluate(str(SAMPLES_DIR / "sample-regional-orange.csv"))
    return MapExporter(orange.evaluation, orange.forecast.meta, orange.scheme)


@pytest.mark.parametrize("fault", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_a_series_failing_part_way_leaves_no_frames_and_no_tmp(exporter, tmp_path, monkeypatch, fault):
    from app.export import maps
    from app.export.audit import read_audit

    real, calls = maps.write_bytes_atomic, []

    def third_fails(path, data):
        calls.append(path)
        if len(calls) == 3:  # the disk fills up, or the process is killed (SIGTERM arrives as KeyboardInterrupt)
            with atomic_write(path) as handle:
                handle.write(data[:100])
                raise fault
        real(path, data)

    monkeypatch.setattr(maps, "write_bytes_atomic", third_fails)
    with pytest.raises((WriteError, KeyboardInterrupt)):
        maps.export_series(exporter, tmp_path / "d.png", layer="warning", series="daily", gif=tmp_path / "d.gif",
                           dpi=50)
    _only(tmp_path)
    assert read_audit() == []


def test_a_series_into_a_missing_folder_fails_before_rendering(exporter, tmp_path, monkeypatch):
    from app.export import maps

    rendered = []
    monkeypatch.setattr(exporter, "render", lambda frame: rendered.append(frame))
    with pytest.raises(WriteError, match="folder does not exist"):
        maps.export_series(exporter, tmp_path / "no" / "d.png", layer="warning", series="daily", dpi=50)
    assert rendered == []


def test_a_briefing_into_a_missing_folder_fails_before_drawing(exporter, tmp_path, monkeypatch):
    from app.export import briefing
    from app.export.inputs import load_and_evaluate

    drawn = []
    monkeypatch.setattr(briefing, "build_briefing", lambda *a, **k: drawn.append(1) or b"%PDF")
    orange = load_and_evaluate(str(SAMPLES_DIR / "sample-regional-orange.csv"))
    with pytest.raises(WriteError, match="folder does not exist"):
        briefing.export_briefing(orange.evaluation, orange.forecast.meta, orange.scheme, tmp_path / "no" / "b.pdf",
                                 proposal=None)
    assert drawn == []
