"""Whether the machine has the office fonts, remembered between runs.

Finding out means reading the system's font list through matplotlib (its import alone costs 0.3 s, a first
scan seconds), which a letter export would otherwise pay at every run. The answer is kept in the state folder
with a fingerprint of the system font folders (every font file's path, size and modification time): a font
installed or removed changes the fingerprint and the list is read again. A state folder that cannot be
written only means the next run asks again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc", ".pfb", ".afm")


def font_folders() -> list[Path]:
    """The folders the system (and matplotlib's font scan) takes fonts from."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts"]
    data_home = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data_home / "fonts", home / ".fonts",
            Path("/usr/X11R6/lib/X11/fonts")]


def fingerprint(folders: list[Path]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for top, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                if name.lower().endswith(_FONT_SUFFIXES):
                    try:
                        stat = os.stat(os.path.join(top, name))
                    except OSError:
                        continue
                    digest.update(f"{top}/{name}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def remembered(key: str, compute: Callable[[], bool], folders: list[Path] | None = None) -> bool:
    """``compute()``'s answer for ``key``, reused while the font folders are unchanged."""
    from app.paths import user_state_dir

    stamp = fingerprint(folders if folders is not None else font_folders())
    try:
        path = user_state_dir() / "cache" / "system-fonts.json"
        known = json.loads(path.read_text("utf-8")) if path.exists() else {}
        if not isinstance(known, dict):
            known = {}
    except (OSError, ValueError):
        path, known = None, {}
    entry = known.get(key)
    if isinstance(entry, dict) and entry.get("fingerprint") == stamp and isinstance(entry.get("value"), bool):
        return entry["value"]
    value = bool(compute())
    if path is not None:
        from app.atomic import write_text_atomic
        from app.errors import InputError

        known[key] = {"fingerprint": stamp, "value": value}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, json.dumps(known, ensure_ascii=False))
        except (OSError, InputError):
            pass
    return value
