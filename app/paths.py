"""Where bundled data and per-user state live. Works from a source tree and from a PyInstaller bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def project_root() -> Path:
    """Root holding ``data/`` and ``resources/`` (the repository, or PyInstaller's unpack dir)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


DATA_DIR = project_root() / "data"
RESOURCES_DIR = project_root() / "resources"
BOUNDARIES_DIR = DATA_DIR / "boundaries"
SCHEMES_DIR = DATA_DIR / "schemes"
AQI_DIR = DATA_DIR / "aqi"  # HJ 633 breakpoint tables, one TOML per edition
SAMPLES_DIR = DATA_DIR / "samples"
FONTS_DIR = RESOURCES_DIR / "fonts"
TEMPLATES_DIR = RESOURCES_DIR / "templates"

DEFAULT_SCHEME = SCHEMES_DIR / "chuanyu-2025-26.toml"
DEFAULT_BOUNDARIES = BOUNDARIES_DIR / "chuanyu-units.gpkg"
UNITS_TABLE = BOUNDARIES_DIR / "units.csv"
DEFAULT_SAMPLE = SAMPLES_DIR / "sample-regional-orange.csv"


def state_dir_path() -> Path:
    """Where the per-user state folder is (not created). ``HAZEDESK_HOME`` overrides it (tests use it)."""
    override = os.environ.get("HAZEDESK_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "HazeDesk"
    return Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state")) / "hazedesk"


def user_state_dir() -> Path:
    """Per-user writable folder (autosave, drafts, audit log), created if missing. When it cannot be created
    raises :class:`app.state_faults.StateFolderError` (an OSError and an InputError) naming the folder."""
    base = state_dir_path()
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from app.state_faults import StateFolderError

        raise StateFolderError.from_os_error(base, exc) from exc
    return base
