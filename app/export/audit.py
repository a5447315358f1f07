"""The local audit log: one JSON line per export in ``user_state_dir()/audit.jsonl``.

Each entry says what left the desk and from what: time, app version, scheme id and version, the forecast's
sha256, the what-if edits applied, every output path with its sha256. The log is rewritten atomically (old
lines + the new one, then rename), so a crash never leaves a torn line.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from app import __version__
from app.atomic import write_text_atomic
from app.domain.scheme import BEIJING
from app.paths import user_state_dir

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


def record_export(kind: str, outputs: Sequence[str | Path], *, scheme_id: str = "", scheme_version: str = "",
                  forecast_sha256: str = "", forecast_path: str = "", edits: Sequence[str] = (),
                  details: dict | None = None) -> dict:
    """Append one entry for an export that has been written; returns the entry."""
    entry = {
        "time": datetime.now(BEIJING).isoformat(timespec="seconds"),
        "app_version": __version__,
        "kind": kind,
        "scheme": {"id": scheme_id, "version": scheme_version},
        "forecast": {"path": forecast_path, "sha256": forecast_sha256},
        "edits": list(edits),
        "outputs": [{"path": str(Path(p).resolve()), "sha256": file_sha256(p)} for p in outputs],
    }
    if details:
        entry["details"] = details
    line = json.dumps(entry, ensure_ascii=False)
    with _lock:
        path = audit_path()
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old and not old.endswith("\n"):
            old += "\n"
        write_text_atomic(path, old + line + "\n")
    return entry


def read_audit() -> list[dict]:
    path = audit_path()
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
