"""Every file the desk reads goes through one guard (issue 22, item 4): --in-force (JSON and letters read back),
--scheme, --boundaries, --consultation, case import, city notices and session files — a FIFO does not hang, a
/dev/zero-like node is not read until memory runs out, and each kind has a size limit (a 300 MB .hzcase is
refused without being read).

A reader that reads hangs on a FIFO nobody writes, and on /dev/zero never ends, so each read runs in a thread
joined for 60 s: a hang fails the test instead of stalling the run."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.errors import InputError
from app.paths import SAMPLES_DIR

ORANGE = SAMPLES_DIR / "sample-regional-orange.csv"
ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name == "nt", reason="FIFOs and /dev/zero are POSIX")


def _session(path):
    from app.desk.session_file import load_session

    return load_session(path)


def _in_force(path):
    from app.domain.recommend import load_in_force

    return load_in_force(path)


def _letter(path):
    from app.export.proposal_readback import read_issued_letters

    return read_issued_letters(path, None)


def _scheme(path):
    from app.domain.scheme import _load_scheme_cached

    return _load_scheme_cached.__wrapped__(str(path))


def _boundaries(path):
    from maps.boundaries import read_boundaries

    return read_boundaries(Path(path))


def _consultation(path):
    from app.cli.proposal import read_consultation

    return read_consultation(str(path))


def _case(path):
    from app.cases.exchange import import_case
    from app.cases.library import open_library

    return import_case(open_library(Path(os.environ["HAZEDESK_HOME"]) / "cases.sqlite"), path)


def _notices(path):
    from app.cases.notices import read_city_notices

    return read_city_notices(path)


def _form(path):
    from app.cases.reports import read_form

    return read_form(path)


READERS = {"form": (_form, ".xlsx"), "session": (_session, ".hazedesk"), "in-force": (_in_force, ".json"), "letter-docx": (_letter, ".docx"),
           "letter-pdf": (_letter, ".pdf"), "scheme": (_scheme, ".toml"), "boundaries": (_boundaries, ".gpkg"),
           "consultation": (_consultation, ".json"), "case": (_case, ".hzcase"), "notices": (_notices, ".csv")}


def refused_in_time(reader, path) -> InputError:
    outcome = {}

    def run():
        try:
            reader(path)
        except InputError as exc:
            outcome["error"] = exc
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcome["other"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), f"{path}: still reading after 60 s"
    assert "other" not in outcome, repr(outcome.get("other"))
    assert "error" in outcome, "accepted"
    return outcome["error"]


@pytest.mark.parametrize("kind", sorted(READERS))
def test_a_fifo_is_refused_without_blocking(tmp_path, kind):
    reader, suffix = READERS[kind]
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    error = refused_in_time(reader, fifo)
    assert "named pipe (FIFO), not a regular file" in str(error) and str(fifo) in str(error)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("kind", sorted(READERS))
def test_a_character_device_is_refused_without_reading(tmp_path, kind):
    reader, suffix = READERS[kind]
    link = tmp_path / f"zero{suffix}"  # the suffix some readers dispatch on; the node behind it is /dev/zero
    link.symlink_to("/dev/zero")
    error = refused_in_time(reader, link)
    assert "character device, not a regular file" in str(error)


@pytest.mark.parametrize("kind, size_mb", [("case", 300), ("session", 40), ("scheme", 10), ("in-force", 10),
                                           ("consultation", 60), ("notices", 100), ("letter-pdf", 100),
                                           ("form", 20)])
def test_each_kind_has_a_size_limit(tmp_path, kind, size_mb):
    reader, suffix = READERS[kind]
    big = tmp_path / f"big{suffix}"
    with big.open("wb") as handle:  # sparse: nothing is written, nothing should be read
        handle.truncate(size_mb * 1024 * 1024)
    error = refused_in_time(reader, big)
    assert f"the file is {size_mb}.0 MB" in str(error) and "are accepted" in str(error)


def hazedesk(*args, home: Path):
    env = {**os.environ, "HAZEDESK_HOME": str(home), "HAZEDESK_LANG": "en", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True,
                          timeout=180, env=env, cwd=ROOT)


@pytest.mark.parametrize("args", [
    ["evaluate", ORANGE, "--in-force", "{fifo}"],
    ["evaluate", ORANGE, "--scheme", "{fifo}"],
    ["adjacency", "--boundaries", "{fifo}"],
    ["case", "import", "{fifo}"],
    ["proposal", ORANGE, "--consultation", "{fifo}", "--docx", "{tmp}/out.docx"],
], ids=["in-force", "scheme", "boundaries", "case-import", "consultation"])
def test_the_commands_exit_2_on_a_fifo(tmp_path, args):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result = hazedesk(*[str(a).replace("{fifo}", str(fifo)).replace("{tmp}", str(tmp_path)) for a in args],
                      home=tmp_path / "home")
    assert result.returncode == 2, result.stderr
    assert "named pipe (FIFO)" in result.stderr and "Traceback" not in result.stderr


def test_a_300_mb_case_file_is_refused_and_the_library_does_not_grow(tmp_path):
    big = tmp_path / "big.hzcase"
    with big.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)
    result = hazedesk("case", "--db", tmp_path / "cases.sqlite", "import", big, home=tmp_path / "home")
    assert result.returncode == 2 and "300.0 MB" in result.stderr
    assert (tmp_path / "cases.sqlite").stat().st_size < 1024 * 1024


def test_a_report_form_that_would_expand_past_its_limit_is_refused(tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (40 * 1024 * 1024) + b"/>")
    assert bomb.stat().st_size < 1024 * 1024
    error = refused_in_time(_form, bomb)
    assert "would expand to 40 MB" in str(error) and "zip bomb" in str(error)
