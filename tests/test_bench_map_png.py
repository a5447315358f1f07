"""The map command's bench row (issue 26): floor, bare matplotlib and the command in one loop, the baseline drawn
from the page's own geometry. Structure only — speed is read from ``hazedesk bench``, never asserted."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from PIL import Image

from app.bench import map_png
from app.paths import DEFAULT_SAMPLE


def test_floor_baseline_and_command_alternate_in_one_loop(monkeypatch):
    seconds = {"floor": [9.0, 1.0, 1.1, 0.9, 1.0, 1.0], "baseline": [9.0, 3.0, 3.2, 2.8, 3.0, 3.1],
               "command": [9.0, 2.5, 2.4, 2.6, 2.5, 2.5]}
    calls = []

    def run_once(argv, env=None, cwd=None, timeout=600):
        kind = "command" if "map" in argv else ("baseline" if "savefig" in argv[2] else "floor")
        calls.append(kind)
        return seconds[kind].pop(0), 100.0

    monkeypatch.setattr(map_png, "run_once", run_once)
    monkeypatch.setattr(map_png, "write_page_geometry", lambda path, sample: None)
    command, baseline = map_png.bench_map_png()
    assert calls == ["floor", "baseline", "command"] * 6 and command["order"] == calls
    assert command["name"] == "command.map_png" and command["value"] == 2.5 and command["baseline"]["value"] == 1.0
    assert command["times_floor"] == 2.5 and command["meets_goal_times_floor"] is False
    assert command["matplotlib_baseline_s"] == 3.0 and command["times_matplotlib_baseline"] == round(2.5 / 3.0, 2)
    assert baseline["name"] == "command.map_png[bare matplotlib]" and baseline["value"] == 3.0
    assert baseline["times_floor"] == 3.0 and "goal_times_floor" not in baseline  # a reference, not a goal
    assert baseline["floor_samples_s"] == command["floor_samples_s"]  # the same floors


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
