"""Reading the input file itself: size limits, checksum, and what kind of file it really is (by its bytes,
not only its name: an .xlsx renamed .csv is still read as a workbook).
"""

from __future__ import annotations

import hashlib
import stat as stat_mode
import threading
from collections.abc import Callable
from pathlib import Path

from app.errors import InputError, Problem
from app.untrusted import special_kind

MB = 1024 * 1024
MAX_TABLE_BYTES = 64 * MB  # a year of hourly values for 59 units with every pollutant is about 40 MB
MAX_GRID_BYTES = 8 * 1024 * MB

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
_NETCDF_MAGIC = (b"CDF\x01", b"CDF\x02", b"CDF\x05", b"\x89HDF\r\n\x1a\n")


def check_readable(path: Path) -> int:
    """The file's size; InputError when it is missing, a folder, not a regular file (a FIFO or a device such as
    /dev/zero would be read without end) or unreadable. Looks at the file's type only: nothing is read."""
    name = str(path)
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise InputError(Problem("no such file", file=name, expected="an existing forecast file")) from exc
    except OSError as exc:
        raise InputError(Problem(f"cannot open the file: {exc.strerror}", file=name)) from exc
    if stat_mode.S_ISDIR(stat.st_mode):
        raise InputError(Problem("this is a folder, not a file", file=name, expected="a forecast file"))
    if not stat_mode.S_ISREG(stat.st_mode):
        raise InputError(Problem(f"this is a {special_kind(stat.st_mode)}, not a regular file", file=name,
                                 expected="a forecast file saved on disk"))
    return stat.st_size


def sniff(path: Path) -> str:
    """``"xlsx"``, ``"xls"``, ``"netcdf"`` or ``"text"``, from the first bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise InputError(Problem(f"cannot read the file: {exc.strerror}", file=str(path))) from exc
    if head.startswith(_XLSX_MAGIC):
        return "xlsx"
    if head.startswith(_OLE_MAGIC):
        return "xls"
    if head.startswith(_NETCDF_MAGIC):
        return "netcdf"
    return "text"


def read_limited(path: Path, limit: int, what: str) -> bytes:
    size = check_readable(path)
    if size > limit:
        raise InputError(Problem(f"the file is {size / MB:.1f} MB; {what} up to {limit // MB} MB are accepted",
                                 file=str(path),
                                 expected="a smaller file (split the forecast, e.g. by week); a 59-unit hourly "
                                          "forecast for a month is about 3 MB"))
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # the limit holds for what is read, even if the file grows meanwhile
    except OSError as exc:
        raise InputError(Problem(f"cannot read the file: {exc.strerror}", file=str(path))) from exc
    if len(data) > limit:
        raise InputError(Problem(f"the file is over {limit // MB} MB; {what} up to {limit // MB} MB are accepted",
                                 file=str(path), expected="a smaller file (split the forecast, e.g. by week)"))
    return data


def hdf5_truncation(path: Path) -> tuple[int, int] | None:
    """(size, size the HDF5 superblock declares) when a NetCDF-4 file is shorter than its header says, else None.

    The superblock (at the file's start) records the end-of-file address: a copy cut short (a download or a
    transfer interrupted) is shorter than that."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
        size = path.stat().st_size
    except OSError:
        return None
    if not head.startswith(b"\x89HDF\r\n\x1a\n") or len(head) < 16:
        return None
    version = head[8]
    if version in (0, 1):
        offsets = head[13]
        at = 24 + (4 if version == 1 else 0) + 2 * offsets  # after base and free-space addresses
    elif version in (2, 3):
        offsets = head[9]
        at = 12 + 2 * offsets  # after base and superblock-extension addresses
    else:
        return None
    if offsets not in (4, 8) or len(head) < at + offsets:
        return None
    declared = int.from_bytes(head[at:at + offsets], "little")
    return (size, declared) if size < declared else None


def sha256_of_file(path: Path, chunk: int = 4 * MB) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def sha256_in_background(path: Path) -> Callable[[], str]:
    """Start hashing ``path`` in a thread; the returned function waits for the digest (or raises its error).

    A model grid is hundreds of MB: its hash (for the forecast's provenance) then costs as much as reading it,
    and hashlib releases the GIL, so the two run side by side.
    """
    return _in_background(lambda: sha256_of_file(path))


def bytes_sha256_in_background(data: bytes) -> Callable[[], str]:
    """The same for a table read into memory: hashing a year-long table (~60 MB) overlaps its parsing, and the
    caller can drop ``data`` once parsed (the thread lets go of it when done). A small table (≤ 1 MiB) is hashed
    at once: starting the thread cost more than the hash (a week's forecast: 0.1 ms against 1–7 ms, issue 26)."""
    if len(data) <= 1 << 20:
        digest = hashlib.sha256(data).hexdigest()
        return lambda: digest
    return _in_background(lambda: hashlib.sha256(data).hexdigest())


def _in_background(work: Callable[[], str]) -> Callable[[], str]:
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["digest"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="hazedesk-sha256", daemon=True)
    thread.start()

    def wait() -> str:
        thread.join()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["digest"]

    return wait
