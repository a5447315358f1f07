"""The map command's bench row (issue 26): floor, bare matplotlib, bare QPainter and the command in one loop, the
baselines drawn from the page's own geometry. Structure only — speed is read from ``hazedesk bench``, never asserted."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from app.bench import map_png
from app.paths import DEFAULT_SAMPLE


def test_floor_baseline_and_command_alternate_in_one_loop(monkeypatch):
    seconds = {"floor": [9.0, 1.0, 1.1, 0.9, 1.0, 1.0], "baseline": [9.0, 3.0, 3.2, 2.8, 3.0, 3.1],
               "qt_baseline": [9.0, 2.2, 2.1, 2.3, 2.2, 2.2], "command": [9.0, 2.5, 2.4, 2.6, 2.5, 2.5]}
    calls = []

    def run_once(argv, env=None, cwd=None, timeout=600):
        if "map" in argv:
            kind = "command"
        else:
            kind = "baseline" if "savefig" in argv[2] else ("qt_baseline" if "QPainter" in argv[2] else "floor")
        calls.append(kind)
        return seconds[kind].pop(0), 100.0

    monkeypatch.setattr(map_png, "run_once", run_once)
    monkeypatch.setattr(map_png, "write_page_geometry", lambda path, sample: None)
    command, baseline, qt_baseline = map_png.bench_map_png()
    assert calls == ["floor", "baseline", "qt_baseline", "command"] * 6 and command["order"] == calls
    assert command["name"] == "command.map_png" and command["value"] == 2.5 and command["baseline"]["value"] == 1.0
    assert command["times_floor"] == 2.5 and command["meets_goal_times_floor"] is False
    assert command["matplotlib_baseline_s"] == 3.0 and command["times_matplotlib_baseline"] == round(2.5 / 3.0, 2)
    assert baseline["name"] == "command.map_png[bare matplotlib]" and baseline["value"] == 3.0
    assert baseline["times_floor"] == 3.0 and "goal_times_floor" not in baseline  # a reference, not a goal
    assert baseline["floor_samples_s"] == command["floor_samples_s"]  # the same floors
    assert qt_baseline["name"] == "command.map_png[bare QPainter]" and qt_baseline["value"] == 2.2
    assert qt_baseline["times_floor"] == 2.2 and "goal_times_floor" not in qt_baseline
    assert qt_baseline["floor_samples_s"] == command["floor_samples_s"] and command["qt_baseline_s"] == 2.2


def test_the_baseline_draws_the_pages_map_frame_from_the_pages_geometry(tmp_path):
    geometry, out = tmp_path / "page.npz", tmp_path / "b.png"
    map_png.write_page_geometry(str(geometry), str(DEFAULT_SAMPLE))
    data = np.load(geometry)
    assert len(data["unit_bounds"]) == 60 and len(data["unit_vertices"]) > 50_000  # 59 units, the fine rings
    subprocess.run([sys.executable, "-c", map_png.MATPLOTLIB_CODE, str(geometry), str(out)], check=True)
    with Image.open(out) as image:
        assert image.size == (3507, 2480)  # A4 landscape at 300 dpi
        pixels = np.asarray(image.convert("RGB"))
    orange = (np.abs(pixels.astype(int) - (255, 126, 0)).sum(axis=2) < 8).sum()
    assert orange > 100_000  # the warning layer's orange units are filled


def test_the_qpainter_baseline_draws_the_same_page_as_the_matplotlib_one(tmp_path):
    geometry = tmp_path / "page.npz"
    map_png.write_page_geometry(str(geometry), str(DEFAULT_SAMPLE))
    pictures = []
    for code, name in ((map_png.MATPLOTLIB_CODE, "m.png"), (map_png.QT_CODE, "q.png")):
        subprocess.run([sys.executable, "-c", code, str(geometry), str(tmp_path / name)], check=True)
        with Image.open(tmp_path / name) as image:
            assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
            pictures.append(np.asarray(image.convert("RGB")).astype(int))
    matplotlib_page, qt_page = pictures
    assert qt_page.shape == matplotlib_page.shape == (2480, 3507, 3)
    # the same fills, outlines and frame in the same places: apart from antialiased edges, the pixels agree
    differs = (np.abs(qt_page - matplotlib_page).max(axis=2) > 60).mean()
    assert differs < 0.01
    orange = (np.abs(qt_page - (255, 126, 0)).sum(axis=2) < 8).sum()
    assert orange > 100_000
