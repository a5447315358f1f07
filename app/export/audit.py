"""The local audit log: one JSON line per export in ``user_state_dir()/audit.jsonl``.

Each entry says what left the desk and from what: time, app version, scheme id and version, the forecast's
sha256, the what-if edits applied, every output path with its sha256 (None for a device, a pipe or stdout,
which cannot be read back). The log is append-only: each entry is one ``write`` of a whole line to a file
opened with ``O_APPEND``, under an exclusive OS lock (``flock``; ``msvcrt.locking`` on Windows), so processes
exporting at the same time never tear or lose a line. A failed append (disk full, read-only folder) never
fails the export that was already written: it is reported through :mod:`app.state_faults`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from app import __version__
from app.atomic import is_special, target_kind, write_error
from app.domain.scheme import BEIJING
from app.errors import WriteError
from app.paths import state_dir_path, user_state_dir

AUDIT_NAME = "audit.jsonl"
_lock = threading.Lock()


def audit_path() -> Path:
    return user_state_dir() / AUDIT_NAME


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _output(path: str | Path) -> dict:
    if str(path) == "-":
        return {"path": "-", "sha256": None, "written_in_place": "stdout"}
    if is_special(path):  # a device or a FIFO: reading it back would block or give something else
        return {"path": str(path), "sha256": None, "written_in_place": target_kind(path)}
    return {"path": str(Path(path).resolve()), "sha256": file_sha256(path)}


def record_export(kind: str, outputs: Sequence[str | Path], *, scheme_id: str = "", scheme_version: str = "",
                  forecast_sha256: str = "", forecast_path: str = "", edits: Sequence[str] = (),
                  details: dict | None = None) -> dict:
    """Append one entry for an export that has been written; returns the entry (``entry["audited"]`` is False
    when the log could not be written: the fault is reported, the export stands)."""
    entry = {
        "time": datetime.now(BEIJING).isoformat(timespec="seconds"),
        "app_version": __version__,
        "kind": kind,
        "scheme": {"id": scheme_id, "version": scheme_version},
        "forecast": {"path": forecast_path, "sha256": forecast_sha256},
        "edits": list(edits),
        "outputs": [_output(p) for p in outputs],
    }
    if details:
        entry["details"] = details
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        with _lock:
            append_line(audit_path(), line)
    except (WriteError, OSError) as exc:
        from app import state_faults

        state_faults.report("audit log", exc, state_dir_path() / AUDIT_NAME)
        return {**entry, "audited": False}
    return entry


def append_line(path: Path, line: bytes) -> None:
    """Append one whole line under an exclusive lock, with one ``write`` (a torn last line from a crash is
    closed first, so the new entry starts on its own line)."""
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        raise write_error(path, exc) from exc
    try:
        with _locked(fd):
            size = os.fstat(fd).st_size
            if size and _last_byte(fd, size) != b"\n":
                line = b"\n" + line
            written = os.write(fd, line)
            if written != len(line):  # a short write: only on a full disk; say so rather than tear the log
                raise write_error(path, OSError(28, "No space left on device"))
            os.fsync(fd)
    except OSError as exc:
        raise write_error(path, exc) from exc
    finally:
        os.close(fd)


def _last_byte(fd: int, size: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, 1, size - 1)
    os.lseek(fd, size - 1, os.SEEK_SET)  # Windows: O_APPEND still writes at the end afterwards
    return os.read(fd, 1)


@contextlib.contextmanager
def _locked(fd: int):
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for 10 s, then OSError
        try:
            yield
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)


def read_audit() -> list[dict]:
    path = audit_path()
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
