"""Atomic file writes: write a temporary file beside the target, fsync, then rename over it.

A crash or a full disk never leaves a half-written file; a locked or read-only target gives a clear
:class:`~app.errors.InputError` and the old file stays as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from app.errors import InputError, Problem


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(Problem("folder does not exist", file=str(target)))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(Problem(f"cannot write here: {exc.strerror}", file=str(target))) from exc
    try:
        _set_normal_mode(fd, target)
        with os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.replace(tmp_name, target)
        except OSError as exc:
            raise InputError(
                Problem(f"cannot replace the file (locked or read-only?): {exc.strerror}", file=str(target))
            ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


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
