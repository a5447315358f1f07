"""Sessions from elsewhere (issue 22, items 8 and 10): a what-if edit for a unit not on the map is named and not
applied — no traceback, and the map header does not claim 含情景修改 — and ``gui SESSION --screenshot`` exits 2
for it, as for a 会商 session whose source moved (it gave exit 0 and an empty window)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.paths import DEFAULT_SAMPLE, SAMPLES_DIR

ROOT = Path(__file__).resolve().parents[3]


def screenshot(session: Path, out: Path):
    env = {**os.environ, "HAZEDESK_LANG": "en", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "app", "gui", str(session), "--screenshot", str(out), "--size",
                           "1000x700"], capture_output=True, text=True, timeout=180, env=env, cwd=ROOT)


def session_with_a_foreign_edit(desk, tmp_path) -> Path:
    from app.domain.whatif import Edit

    forecast = tmp_path / "f.csv"
    shutil.copy(DEFAULT_SAMPLE, forecast)
    desk.controller.load_forecast_now(str(forecast))
    times = desk.state.evaluation.times
    desk.controller.apply_edit(Edit("成都市", times[24].to_pydatetime(), times[47].to_pydatetime(), "scale", 1.5))
    path = desk.window.sessions.save_as(str(tmp_path / "work.hazedesk"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["working"]["edits"][0]["unit"] = "北京市"  # written at a desk whose map has Beijing
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    desk.controller.set_edits([])
    desk.controller.load_forecast_now(str(DEFAULT_SAMPLE))
    return path


def test_an_edit_for_a_unit_not_on_the_map_is_named_and_not_claimed(desk, tmp_path, qtbot):
    from app.gui.map.header import header_lines

    path = session_with_a_foreign_edit(desk, tmp_path)
    notices = []
    desk.controller.notice.connect(notices.append)
    sessions = desk.window.sessions
    assert sessions.open(str(path))  # the forecast, warnings and view come back; the edit does not
    assert desk.state.edits == [] and desk.state.forecast_path == str(tmp_path / "f.csv")
    assert any("北京市" in n for n in notices) and any("北京市" in f for f in sessions.failed)
    assert not any("情景修改" in text for text, _ in header_lines(desk.state))


def test_the_screenshot_of_such_a_session_exits_2_naming_the_unit(desk, tmp_path):
    path = session_with_a_foreign_edit(desk, tmp_path)
    run = screenshot(path, tmp_path / "shot.png")
    assert run.returncode == 2, run.stderr
    assert "北京市" in run.stderr and "Traceback" not in run.stderr and not (tmp_path / "shot.png").exists()


def test_the_screenshot_of_a_consultation_session_whose_source_moved_exits_2(desk, tmp_path, capsys):
    from app.cli import main
    from app.desk.session_file import Session, save_session
    from app.domain.session import WorkingState

    sources = []
    for name in ("sample-red-plain-south.csv", "consult-chongqing.csv"):
        shutil.copy(SAMPLES_DIR / name, tmp_path / name)
        sources.append(str(tmp_path / name))
    record = tmp_path / "record.json"
    assert main(["consult", *sources, "--names", "区域中心,重庆", "--json", str(record)]) == 0
    capsys.readouterr()
    consultation = json.loads(record.read_text(encoding="utf-8"))
    path = save_session(tmp_path / "consult.hazedesk", Session(WorkingState(consultation=consultation)))
    run = screenshot(path, tmp_path / "ok.png")
    assert run.returncode == 0, run.stderr  # the sources are there: the consensus is rebuilt
    (tmp_path / "consult-chongqing.csv").rename(tmp_path / "moved.csv")
    run = screenshot(path, tmp_path / "shot.png")
    assert run.returncode == 2, run.stderr
    assert "重庆" in run.stderr and "Traceback" not in run.stderr and not (tmp_path / "shot.png").exists()


@pytest.mark.parametrize("lang, words", [("en", "has changed since the session was saved"),
                                         ("zh", "会话记录的预报文件在保存会话之后已被修改")])
def test_session_errors_follow_the_message_language(desk, tmp_path, lang, words):
    forecast = tmp_path / "f.csv"
    shutil.copy(DEFAULT_SAMPLE, forecast)
    desk.controller.load_forecast_now(str(forecast))
    path = desk.window.sessions.save_as(str(tmp_path / "work.hazedesk"))
    with forecast.open("a", encoding="utf-8") as handle:
        handle.write("\n")
    env = {**os.environ, "HAZEDESK_LANG": lang, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "app", "gui", str(path), "--screenshot", str(tmp_path / "x.png")],
                         capture_output=True, text=True, timeout=180, env=env, cwd=ROOT)
    assert run.returncode == 2 and words in run.stderr, run.stderr
    if lang == "en":
        assert not re.search(r"[\u4e00-\u9fff]", run.stderr.replace(str(tmp_path), ""))
