"""Derived data kept between runs so the window opens fast: map geometry and the scheme's adjacency.

Every entry is keyed by what it was derived from (file sizes and modification times, settings) and by the
app's version (the code that derived it), so an edited boundary file or scheme, or a new release, derives it
again rather than reading it stale. Entries live in the user state folder.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from app.atomic import write_text_atomic

_VERSION = 1


def file_key(path: Path) -> str:
    stat = Path(path).stat()
    return f"{Path(path).resolve()}|{stat.st_size}|{stat.st_mtime_ns}"


def cache_file(kind: str, *key_parts: object, suffix: str = ".json") -> Path:
    from app import __version__
    from app.paths import user_state_dir

    digest = hashlib.sha1("|".join([str(_VERSION), __version__, *map(str, key_parts)]).encode()).hexdigest()[:16]
    folder = user_state_dir() / "cache"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{kind}-{digest}{suffix}"


def scheme_neighbours(scheme) -> dict[str, set[str]]:
    """``maps.adjacency.scheme_adjacency(scheme).neighbours``: from the user cache when up to date, else the
    copy shipped with the app when it was derived from this very scheme file, else derived."""
    from app.paths import DEFAULT_BOUNDARIES

    settings = scheme.adjacency
    path = cache_file("adjacency", file_key(DEFAULT_BOUNDARIES), file_key(Path(scheme.source_path)),
                      settings.min_shared_km, settings.snap_gap_m, settings.overrides)
    if path.exists():
        try:
            return {name: set(others) for name, others in json.loads(path.read_text("utf-8")).items()}
        except (OSError, ValueError):
            pass  # damaged: derive again
    from app.gui.map.shipped import shipped_neighbours

    neighbours = shipped_neighbours(scheme)  # derived at build time for the bundled scheme and boundaries
    if neighbours is None:
        neighbours = derive_neighbours(scheme)
    write_text_atomic(path, json.dumps({k: sorted(v) for k, v in neighbours.items()}, ensure_ascii=False))
    return neighbours


def derive_neighbours(scheme) -> dict[str, set[str]]:
    from maps.adjacency import scheme_adjacency

    return {name: set(others) for name, others in scheme_adjacency(scheme).neighbours.items()}
