"""Test configuration shared by every test: headless Qt, a private per-test state folder, repo paths."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI must be reproducible: the same examples on every run (a failure prints its reproduction blob).
# Locally, hypothesis explores new examples each run and keeps failures in .hypothesis/.
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the tests read the English messages; a Chinese locale on the machine would print them in Chinese
os.environ["HAZEDESK_LANG"] = "en"
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def _private_state(tmp_path_factory, monkeypatch):
    """Autosave, drafts, audit log and settings go to a fresh folder per test, never the user's home."""
    home = tmp_path_factory.mktemp("hazedesk-home")
    monkeypatch.setenv("HAZEDESK_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    yield home


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture(autouse=True, scope="session")
def _empty_clipboard_at_exit():
    """Qt's offscreen clipboard crashes the process at exit (SIGSEGV after every test passed) when it still
    holds mime data set from Python (PySide6 6.11, offscreen only; xcb and Windows are fine): empty it
    before the interpreter tears the application down."""
    yield
    if "PySide6.QtGui" in sys.modules:
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.instance() is not None:
            QGuiApplication.clipboard().clear()
