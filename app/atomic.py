"""File writes that lose nothing: a regular file is replaced atomically, a device or a pipe is written into.

- A regular file (or a new path) is written to a temporary file beside it, fsynced, then renamed over it: a
  crash or a full disk never leaves a half-written file, and the old one stays as it was. A symbolic link is
  followed (its target is replaced, the link stays).
- ``-``, ``/dev/stdout`` and anything else under ``/dev`` or ``/proc``, a character device (``/dev/null``) or a
  FIFO is written *in place*: renaming over it would replace the device node or pipe by a regular file.
  Block devices and sockets are refused, as are folders.
- Every operating-system failure (ENOSPC, EACCES, EROFS, …) becomes a :class:`~app.errors.WriteError` naming
  the path and the reason, and no temporary file is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from app.errors import InputError, Problem, WriteError

_REASONS = {
    errno.ENOSPC: "no space left on the disk",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EFBIG: "the file is too large for this file system",
    errno.ENOTDIR: "a file stands where a folder should be",
    errno.ENOENT: "the folder does not exist",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "no space left on the disk"
# errors of the write itself, which a caller's own work inside the ``with`` (reading a font, …) does not raise
_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)})


def reason_of(exc: OSError) -> str:
    """Why a write failed, in words the catalogue translates when they are the common ones."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__


def write_error(path: str | os.PathLike, exc: OSError, doing: str = "write") -> WriteError:
    """The project's error for an OS failure while writing ``path``."""
    reason = reason_of(exc)
    if doing == "replace":
        problem = Problem(f"cannot replace the file (locked or read-only?): {reason}", file=str(path))
    else:
        problem = Problem(f"cannot write here: {reason}", file=str(path))
    return WriteError(problem, path=str(path), errno=exc.errno)


def target_kind(path: str | os.PathLike) -> str:
    """"stdout" for ``-``, "new", "regular", "folder", "in-place" (character device, FIFO, /dev, /proc) or
    "refused" (block device, socket)."""
    text = str(path)
    if text == "-":
        return "stdout"
    try:
        mode = os.stat(text).st_mode
    except FileNotFoundError:
        return "in-place" if text.startswith(("/dev/", "/proc/")) else "new"
    except OSError:
        return "new"
    if stat.S_ISDIR(mode):
        return "folder"
    if text.startswith(("/dev/", "/proc/")) or stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return "in-place"
    if stat.S_ISREG(mode):
        return "regular"
    return "refused"


def is_special(path: str | os.PathLike) -> bool:
    """True for outputs written in place (stdout, devices, FIFOs): they have no content to hash afterwards."""
    return target_kind(path) in ("stdout", "in-place")


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:
    kind = target_kind(path)
    if kind == "stdout":
        sys.stdout.flush()
        stream = sys.stdout if "b" not in mode else getattr(sys.stdout, "buffer", sys.stdout)
        yield stream  # never closed: the program may write more
        stream.flush()
        return
    if kind == "folder":
        raise WriteError(Problem("this is a folder, not a file", file=str(path), expected="a file name"),
                         path=str(path))
    if kind == "refused":
        raise WriteError(Problem("this is a block device or a socket: not written", file=str(path),
                                 expected="a file name"), path=str(path))
    if kind == "in-place":
        with _in_place(path, mode, encoding) as handle:
            yield handle
        return
    target = Path(os.path.realpath(path)) if kind == "regular" else Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise WriteError(Problem("folder does not exist", file=str(path)), path=str(path))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise write_error(path, exc) from exc
    try:
        _set_normal_mode(fd, target)
        try:
            with os.fdopen(fd, mode, encoding=encoding) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            if exc.errno in _WRITE_ERRNOS:  # the disk, not the caller: say which file and why
                raise write_error(path, exc) from exc
            raise
        try:
            os.replace(tmp_name, target)
        except OSError as exc:
            raise write_error(path, exc, "replace") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


@contextlib.contextmanager
def _in_place(path, mode: str, encoding: str | None) -> Iterator[IO]:
    try:
        handle = open(path, mode, encoding=encoding)  # noqa: SIM115 - closed below, errors translated
    except OSError as exc:
        raise write_error(path, exc) from exc
    try:
        with handle:
            yield handle
            handle.flush()
    except OSError as exc:
        if exc.errno in _WRITE_ERRNOS:
            raise write_error(path, exc) from exc
        raise


def check_output_folder(path: str | os.PathLike) -> None:
    """Before long work that ends in writing ``path``: its folder exists and a file can be created there (a
    probe file, removed at once). Raises :class:`WriteError` naming the path and why not."""
    kind = target_kind(path)
    if kind in ("stdout", "in-place"):
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if kind == "folder":
        raise WriteError(Problem("this is a folder, not a file", file=str(path), expected="a file name"),
                         path=str(path))
    if not folder.is_dir():
        raise WriteError(Problem("folder does not exist", file=str(path)), path=str(path))
    try:
        fd, probe = tempfile.mkstemp(prefix=".hazedesk-probe.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise write_error(path, exc) from exc
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)


def _set_normal_mode(fd: int, target: Path) -> None:
    """mkstemp makes 0600 files: give the new file the old one's mode, or what the umask allows (0666 & ~umask)."""
    if not hasattr(os, "fchmod"):  # Windows: permissions come from the folder's ACL
        return
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.fchmod(fd, mode)


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    with atomic_write(path, "wb") as handle:
        handle.write(data)


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    with atomic_write(path, "w", encoding="utf-8") as handle:
        handle.write(text)


__all__ = ["InputError", "WriteError", "atomic_write", "check_output_folder", "is_special", "target_kind",
           "write_bytes_atomic", "write_error", "write_text_atomic"]
