"""Adjustments for the PyInstaller bundle, made before anything else runs (``app/__main__.py``)."""

from __future__ import annotations

import os


def keep_matplotlib_cache() -> None:
    """Keep matplotlib's font list between runs, in the state folder.

    PyInstaller's matplotlib run-time hook points ``MPLCONFIGDIR`` at a new temporary folder at every start, so
    each run that draws a map would scan the system's fonts again (seconds); a virtualenv keeps that list in
    ``~/.cache/matplotlib``. A state folder that cannot be written leaves the hook's temporary folder in place.
    """
    from app.paths import user_state_dir

    try:
        folder = user_state_dir() / "cache" / "matplotlib"
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    if os.access(folder, os.W_OK):
        os.environ["MPLCONFIGDIR"] = str(folder)
