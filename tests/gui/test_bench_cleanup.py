"""The GUI benchmarks leave no hazedesk-bench-* folder behind."""

from __future__ import annotations

import tempfile


def test_a_benchmark_desk_removes_its_state_folder(tmp_path, monkeypatch, qapp):
    from app.bench import gui

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    desk = gui._desk()
    assert [p.name[:15] for p in tmp_path.iterdir()] == ["hazedesk-bench-"]
    gui._dispose(desk)
    assert list(tmp_path.iterdir()) == []
