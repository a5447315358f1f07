"""Issue 25.8: without a display ``hazedesk`` said nothing useful — Qt aborted (exit 134) naming a missing
xcb-cursor library. Now one line says there is no display and how to do without one, exit 2; and
``hazedesk --screenshot x.png`` (no ``gui``) makes the picture."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.gui import display_problem

ROOT = Path(__file__).resolve().parents[2]


def _env(**changes) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(PYTHONPATH=str(ROOT), HAZEDESK_LANG="en", **changes)
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays are a Linux matter")
@pytest.mark.parametrize("env", [{}, {"DISPLAY": ":97"}])
def test_no_display_is_one_line_and_exit_2(env, tmp_path):
    run = subprocess.run([sys.executable, "-m", "app", *(["gui"] if env else [])], env=_env(HOME=str(tmp_path), **env),
                         capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hazedesk gui: error: no ")
    assert "--screenshot" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]


def test_display_problem_reads_the_environment(tmp_path):
    sockets = tmp_path / "x11"
    sockets.mkdir()
    (sockets / "X5").touch()
    assert display_problem({}, "linux", sockets).message.startswith("no display")
    assert display_problem({"DISPLAY": ":5"}, "linux", sockets) is None
    assert display_problem({"DISPLAY": ":5.0"}, "linux", sockets) is None
    assert "DISPLAY :6" in display_problem({"DISPLAY": ":6"}, "linux", sockets).message
    assert display_problem({"DISPLAY": "remote:6"}, "linux", sockets) is None  # not ours to probe
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", sockets) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", sockets) is None
    assert display_problem({}, "win32", sockets) is None
    assert display_problem({}, "linux", sockets).render("zh").startswith("没有可以打开窗口的显示器")


def test_screenshot_without_the_gui_command(tmp_path):
    out = tmp_path / "x.png"
    run = subprocess.run([sys.executable, "-m", "app", "--screenshot", str(out), "--size", "1000x700"],
                         env=_env(HOME=str(tmp_path)), capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
