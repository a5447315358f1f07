"""Session files: round trip, forecast found beside the session, changed and missing forecasts, bad files."""

from __future__ import annotations

import json
import shutil
from datetime import datetime

import pytest

from app.desk.session_file import CHANGED, MISSING, SAME, Session, check_forecast, load_session, save_session
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING
from app.domain.session import WorkingState, file_sha256
from app.domain.whatif import Edit
from app.errors import InputError
from app.paths import DEFAULT_SAMPLE


def _session(forecast) -> Session:
    t0 = datetime(2026, 1, 12, 0, tzinfo=BEIJING)
    working = WorkingState(str(forecast), file_sha256(forecast),
                           [Edit("成都市", t0, datetime(2026, 1, 12, 23, tzinfo=BEIJING), "scale", 1.3)],
                           [WarningInForce("成都平原地区", "orange", t0, None)], 1,
                           datetime(2026, 1, 13, 14, tzinfo=BEIJING), "warning", "calendar")
    return Session(working, ["成都市", "德阳市"], {"doc_number": "川渝预警〔2026〕3号", "signer": "张三"}, app_version="t")


def test_round_trip_keeps_everything(tmp_path):
    forecast = tmp_path / "f.csv"
    shutil.copy(DEFAULT_SAMPLE, forecast)
    path = save_session(tmp_path / "s.hazedesk", _session(forecast))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "hazedesk-session/1" and data["working"]["format"] == "hazedesk-working-state/1"
    assert data["forecast_relative"] == "f.csv"
    back = load_session(path)
    assert back.working.edits == _session(forecast).working.edits
    assert back.working.in_force[0].region == "成都平原地区" and back.working.layer == "warning"
    assert back.selected_units == ["成都市", "德阳市"] and back.letter_draft["signer"] == "张三"
    assert back.saved_at is not None
    assert check_forecast(back, path).status == SAME


def test_a_folder_moved_with_both_files_still_finds_the_forecast(tmp_path):
    first = tmp_path / "a"
    first.mkdir()
    shutil.copy(DEFAULT_SAMPLE, first / "f.csv")
    save_session(first / "s.hazedesk", _session(first / "f.csv"))
    moved = tmp_path / "b"
    shutil.move(first, moved)
    check = check_forecast(load_session(moved / "s.hazedesk"), moved / "s.hazedesk")
    assert check.status == SAME and check.found_path == str((moved / "f.csv").resolve())


def test_changed_and_missing_forecasts_are_named(tmp_path):
    forecast = tmp_path / "f.csv"
    shutil.copy(DEFAULT_SAMPLE, forecast)
    path = save_session(tmp_path / "s.hazedesk", _session(forecast))
    with open(forecast, "a", encoding="utf-8") as handle:
        handle.write("\n")
    check = check_forecast(load_session(path), path)
    assert check.status == CHANGED and check.found_path == str(forecast) and check.found_sha256 != check.saved_sha256
    forecast.unlink()
    check = check_forecast(load_session(path), path)
    assert check.status == MISSING and check.saved_path == str(forecast) and check.found_path == ""


@pytest.mark.parametrize("text, words", [
    ("{not json", "not valid JSON"),
    ('{"format": "something-else"}', "not a HazeDesk session file"),
    ('{"format": "hazedesk-session/1"}', "no working state"),
    ('{"format": "hazedesk-session/1", "working": {"format": "hazedesk-working-state/1"}, "selected_units": 3}',
     "bad selected units"),
    ('{"format": "hazedesk-session/1", "working": {"format": "hazedesk-working-state/1", "in_force": '
     '[{"region": "x", "level": "purple", "start": "2026-01-01T00:00"}]}}', "unknown warning level"),
])
def test_bad_files_say_what_is_wrong(tmp_path, text, words):
    path = tmp_path / "bad.hazedesk"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_session(path)
    assert words in str(caught.value) and "bad.hazedesk" in str(caught.value)


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_session(tmp_path / "none.hazedesk")
    (tmp_path / "bin.hazedesk").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError, match="not a HazeDesk session file"):
        load_session(tmp_path / "bin.hazedesk")
