"""Files made elsewhere, and the values in them that become paths: the one guard every reader uses.

A case file (``.hzcase``), a session file, a scheme, a 会商 record or a letter read back may come from another
office, or be crafted. Two things are checked here, and nowhere else:

- **Reading** (:func:`read_bounded`): only a regular file is read (a FIFO would block for ever, ``/dev/zero`` would
  be read until memory ran out), opened without blocking, and never more than the limit for its kind — checked
  on the file's size and again on what is read, so a file that grows while it is read is refused too.
  :func:`load_json` adds JSON's own faults (bad text, nesting deep enough to exhaust the parser's stack).
- **Values that become paths**: a sha256 is 64 hexadecimal digits and nothing else (:func:`sha256`); a name
  used inside one of the desk's folders (:func:`name_in_folder`) is one plain name — no separator (``/`` or
  ``\\``), no ``..``, no drive (``C:``) or UNC prefix, no NUL or control character, not overlong; a path recorded
  at another desk (:func:`recorded_path`: where the other office kept its forecast) is text only, to be looked
  at, never written; :func:`inside` joins a checked name to a folder and refuses the result when it would leave
  the folder (a symlink in the way included).

Every refusal is an :class:`~app.errors.InputError` naming the file and the field, so a caller refuses the whole
file and says where.
"""

from __future__ import annotations

import json
import os
import re
import stat as stat_mode
from pathlib import Path, PurePosixPath, PureWindowsPath

from app.errors import InputError, Problem

MB = 1024 * 1024
# size limits per kind of file (bytes); a forecast table's is app.importing.source.MAX_TABLE_BYTES
LIMITS = {
    "case": 128 * MB,  # a case with its forecasts copied in (each at most 32 MB, base64: 43 MB)
    "library": 512 * MB,  # the whole case library (hazedesk case export --all: the yearly handover)
    "session": 16 * MB,
    "scheme": 4 * MB,
    "in-force": 4 * MB,  # the JSON list of warnings in force
    "letter": 64 * MB,  # an issued letter (.docx/.pdf) read back, a briefing pack included
    "consultation": 32 * MB,
    "boundaries": 1024 * MB,
    "table": 64 * MB,  # a small table (city notices)
    "form": 16 * MB,  # a city's filled daily report form (.xlsx; the blank form is about 10 KB)
}
KIND_NAMES = {"case": "case files", "library": "case library files", "session": "session files", "scheme": "scheme files",
              "in-force": "lists of warnings in force", "letter": "letters", "consultation": "consultation records",
              "boundaries": "boundary files", "table": "tables", "form": "report forms"}
MAX_NAME_BYTES = 200  # a file name the desk writes: well under every file system's 255
MAX_PATH_CHARS = 4096
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WINDOWS_RESERVED = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)(\..*)?", re.IGNORECASE)


# -- reading ---------------------------------------------------------------------------------------------------
def read_bounded(path: str | Path, kind: str, *, expected: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``LIMITS[kind]`` bytes; InputError (naming the file) otherwise."""
    limit = LIMITS[kind]
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(name, flags)  # non-blocking: opening a FIFO nobody writes returns at once
    except FileNotFoundError as exc:
        raise InputError(Problem("no such file", file=name, expected=expected)) from exc
    except IsADirectoryError as exc:
        raise InputError(Problem("this is a folder, not a file", file=name, expected=expected)) from exc
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise InputError(Problem(f"cannot open the file: {getattr(exc, 'strerror', None) or exc}", file=name,
                                 expected=expected)) from exc
    info = os.fstat(fd)  # the file opened, not what the name points at now
    if stat_mode.S_ISDIR(info.st_mode):
        os.close(fd)
        raise InputError(Problem("this is a folder, not a file", file=name, expected=expected))
    with os.fdopen(fd, "rb") as handle:
        if not stat_mode.S_ISREG(info.st_mode):
            raise InputError(Problem(f"this is a {special_kind(info.st_mode)}, not a regular file", file=name,
                                     expected=expected if expected else "a file saved on disk"))
        if info.st_size > limit:
            raise InputError(Problem(f"the file is {info.st_size / MB:.1f} MB; {KIND_NAMES[kind]} up to "
                                     f"{limit // MB} MB are accepted", file=name, expected=expected))
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(Problem(f"cannot read the file: {exc.strerror or exc}", file=name)) from exc
    if len(data) > limit:
        raise InputError(Problem(f"the file is over {limit // MB} MB; {KIND_NAMES[kind]} up to "
                                 f"{limit // MB} MB are accepted", file=name, expected=expected))
    return data


def check_regular(path: str | Path, kind: str, *, expected: str | None = None) -> int:
    """For files a library opens itself (a GeoPackage through GDAL): a regular file within the kind's limit;
    returns its size. Nothing is read."""
    name = str(path)
    try:
        info = os.stat(name)
    except FileNotFoundError as exc:
        raise InputError(Problem("no such file", file=name, expected=expected)) from exc
    except (OSError, ValueError) as exc:
        raise InputError(Problem(f"cannot open the file: {getattr(exc, 'strerror', None) or exc}", file=name,
                                 expected=expected)) from exc
    if stat_mode.S_ISDIR(info.st_mode):
        return 0  # a folder is a data source for some readers (a shapefile's folder): they say what they need
    if not stat_mode.S_ISREG(info.st_mode):
        raise InputError(Problem(f"this is a {special_kind(info.st_mode)}, not a regular file", file=name,
                                 expected=expected if expected else "a file saved on disk"))
    if info.st_size > LIMITS[kind]:
        raise InputError(Problem(f"the file is {info.st_size / MB:.1f} MB; {KIND_NAMES[kind]} up to "
                                 f"{LIMITS[kind] // MB} MB are accepted", file=name, expected=expected))
    return info.st_size


def is_regular_file(path: str | Path) -> bool:
    """True for a regular file (following symlinks); False for what is missing, a folder, a FIFO or a device —
    for the places that look for a file that may be there (a recorded path) and must not block on it."""
    try:
        return stat_mode.S_ISREG(os.stat(str(path)).st_mode)
    except (OSError, ValueError):
        return False


def special_kind(mode: int) -> str:
    if stat_mode.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat_mode.S_ISCHR(mode):
        return "character device"
    if stat_mode.S_ISBLK(mode):
        return "block device"
    return "socket"


def load_json(data: bytes, *, file: str, expected: str):
    """JSON from bytes read with :func:`read_bounded`; InputError for bad UTF-8, bad JSON or nesting too deep."""
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(Problem("not UTF-8 text", file=file, expected=expected)) from exc
    except json.JSONDecodeError as exc:
        raise InputError(Problem(f"not valid JSON: {exc}", file=file, expected=expected)) from exc
    except RecursionError as exc:
        raise InputError(Problem("the JSON is nested too deeply to be read", file=file, expected=expected)) from exc


# -- values that become paths ----------------------------------------------------------------------------------
def _refuse(message: str, value, field: str, file: str | None, expected: str) -> InputError:
    shown = repr(value) if not isinstance(value, str) else value.encode("unicode_escape").decode("ascii")
    return InputError(Problem(message, file=file, column=field, value=shown[:80], expected=expected))


def sha256(value, *, field: str, file: str | None = None, empty: bool = False) -> str:
    """A sha256 as HazeDesk writes it: 64 hexadecimal digits (lower case); "" too when ``empty``."""
    if empty and value == "":
        return value
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise _refuse("not a sha256 checksum", value, field, file,
                      "64 hexadecimal digits (0–9, a–f)" + (", or empty" if empty else ""))
    return value


def name_in_folder(value, *, field: str, file: str | None = None) -> str:
    """One plain file name, safe to use inside a folder of the desk on Linux and on Windows."""
    expected = f"a plain file name (no folder, no '..', at most {MAX_NAME_BYTES} bytes)"
    if not isinstance(value, str) or not value:
        raise _refuse("not a file name", value, field, file, expected)
    if _CONTROL.search(value):
        raise _refuse("the name holds a NUL or control character", value, field, file, expected)
    if "/" in value or "\\" in value or ":" in value:
        raise _refuse("the name holds a folder, drive or stream separator", value, field, file, expected)
    if value in (".", "..") or value.strip(" .") == "" or value != value.rstrip(" ."):
        raise _refuse("not a file name", value, field, file, expected)
    if _WINDOWS_RESERVED.fullmatch(value):
        raise _refuse("the name is reserved by Windows", value, field, file, expected)
    if len(value.encode("utf-8")) > MAX_NAME_BYTES:
        raise _refuse("the name is too long", value, field, file, expected)
    return value


def recorded_path(value, *, field: str, file: str | None = None, empty: bool = True) -> str:
    """A path as another desk recorded it (where its forecast was): text only, looked at (``is_regular_file``,
    then its checksum), never written to. No NUL or control character, at most 4096 characters."""
    expected = "a file's path as HazeDesk recorded it"
    if not isinstance(value, str) or (not value and not empty):
        raise _refuse("not a path", value, field, file, expected)
    if _CONTROL.search(value):
        raise _refuse("the path holds a NUL or control character", value, field, file, expected)
    if len(value) > MAX_PATH_CHARS:
        raise _refuse("the path is too long", value, field, file, expected)
    return value


def suffix_of(recorded: str) -> str:
    """The suffix of a recorded path (``.csv``, ``.nc``) when it is a plain one (letters and digits, at most 8),
    else "" — whichever system's separators the path was written with."""
    name = PureWindowsPath(recorded).name if "\\" in recorded else PurePosixPath(recorded).name
    suffix = PurePosixPath(name).suffix
    return suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", suffix) else ""


def inside(folder: str | Path, name: str, *, field: str = "name", file: str | None = None) -> Path:
    """``folder / name`` for a name checked by :func:`name_in_folder`, refused when the result is not a plain
    entry of the folder: a symlink there (it could point anywhere) or a path that resolves elsewhere."""
    name_in_folder(name, field=field, file=file)
    base = Path(folder)
    target = base / name
    if target.is_symlink():
        raise _refuse("a symbolic link is in the way", str(target), field, file,
                      "a file of the desk's own folder, not a link")
    if base.exists() and target.resolve().parent != base.resolve():
        raise _refuse("the name leads out of its folder", name, field, file, "a plain file name")
    return target
