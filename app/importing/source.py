"""Reading the input file itself: size limits, checksum, and what kind of file it really is (by its bytes,
not only its name: an .xlsx renamed .csv is still read as a workbook).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.errors import InputError, Problem

MB = 1024 * 1024
MAX_TABLE_BYTES = 64 * MB  # a year of hourly values for 59 units with every pollutant is about 40 MB
MAX_GRID_BYTES = 8 * 1024 * MB

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
_NETCDF_MAGIC = (b"CDF\x01", b"CDF\x02", b"CDF\x05", b"\x89HDF\r\n\x1a\n")


def check_readable(path: Path) -> int:
    """The file's size; InputError when it is missing, a folder or unreadable."""
    name = str(path)
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise InputError(Problem("no such file", file=name, expected="an existing forecast file")) from exc
    except OSError as exc:
        raise InputError(Problem(f"cannot open the file: {exc.strerror}", file=name)) from exc
    if path.is_dir():
        raise InputError(Problem("this is a folder, not a file", file=name, expected="a forecast file"))
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
        return path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(f"cannot read the file: {exc.strerror}", file=str(path))) from exc


def sha256_of_file(path: Path, chunk: int = 4 * MB) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()
