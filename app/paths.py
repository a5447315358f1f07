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


def user_state_dir() -> Path:
    """Per-user writable folder (autosave, drafts, audit log). ``HAZEDESK_HOME`` overrides it (tests use it)."""
    override = os.environ.get("HAZEDESK_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home())) / "HazeDesk"
    else:
        base = Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state")) / "hazedesk"
    base.mkdir(parents=True, exist_ok=True)
    return base
