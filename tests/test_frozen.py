"""The bundle keeps matplotlib's font list in the state folder, unless that folder cannot be made."""

from __future__ import annotations

from app.frozen import keep_matplotlib_cache


def test_matplotlib_cache_goes_to_the_state_folder(monkeypatch, _private_state):
    monkeypatch.setenv("MPLCONFIGDIR", "/tmp/pyinstaller-temporary")
    keep_matplotlib_cache()
    import os

    assert os.environ["MPLCONFIGDIR"] == str(_private_state / "cache" / "matplotlib")
    assert (_private_state / "cache" / "matplotlib").is_dir()


def test_no_state_folder_keeps_the_temporary_one(monkeypatch, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("HAZEDESK_HOME", str(blocked))
    monkeypatch.setenv("MPLCONFIGDIR", "/tmp/pyinstaller-temporary")
    keep_matplotlib_cache()
    import os

    assert os.environ["MPLCONFIGDIR"] == "/tmp/pyinstaller-temporary"
