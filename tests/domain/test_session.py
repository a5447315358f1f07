"""Working-state autosave: JSON round trip, atomic file, crash marker, sha256 check before restoring edits."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain import session
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING
from app.domain.whatif import Edit
from app.errors import InputError


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BEIJING)


def working(path: str = "", sha: str = "") -> session.WorkingState:
    return session.WorkingState(
        forecast_path=path, forecast_sha256=sha,
        edits=[Edit("成都市", at("2026-01-06T00:00"), at("2026-01-07T23:00"), "scale", 0.8, note="限产")],
        in_force=[WarningInForce("成都平原地区", "orange", at("2026-01-06T00:00")),
                  WarningInForce("川东北地区", "yellow", at("2026-01-05T12:00"), at("2026-01-08T00:00"))],
        selected_episode=1, hour_time=at("2026-01-06T14:00"), layer="warning", mode="rolling")


def test_json_round_trip_keeps_everything():
    state = working("/data/f.csv", "ab" * 32)
    back = session.WorkingState.from_json(state.to_json())
    assert back == state
    assert "成都市" in state.to_json()  # readable, not escaped


def test_save_load_atomic_and_stamped(_private_state):
    assert session.load() is None
    path = session.save(working())
    assert path == _private_state / "autosave.json"
    assert [p.name for p in _private_state.iterdir()] == ["autosave.json"]  # no temporary file left
    loaded = session.load()
    assert loaded.saved_at is not None and loaded.edits == working().edits


@pytest.mark.parametrize("text", ["{", '{"format": "other"}', "[1, 2]",
                                  '{"format": "hazedesk-working-state/1", "edits": [{"unit": "成都市"}]}',
                                  '{"format": "hazedesk-working-state/1", "hour_time": "yesterday"}',
                                  '{"format": "hazedesk-working-state/1", "in_force": [{"region": "x", "level": "blue",'
                                  ' "start": "2026-01-01T00:00"}]}'])
def test_damaged_autosave_is_input_error_naming_the_file(text):
    with pytest.raises(InputError) as err:
        session.WorkingState.from_json(text, "/state/autosave.json")
    assert err.value.problem.file == "/state/autosave.json"


def test_damaged_file_is_not_offered(_private_state):
    (_private_state / "autosave.json").write_text("{broken", encoding="utf-8")
    assert session.previous_session() is None


def test_crash_marker_and_offer(tmp_path):
    forecast = tmp_path / "forecast.csv"
    forecast.write_text("time,city,pm25\n", encoding="utf-8")
    view_only = session.WorkingState(forecast_path=str(forecast), forecast_sha256=session.file_sha256(forecast))
    session.save(view_only)
    assert session.previous_session() is None  # clean restart, nothing the officer typed: no question
    session.mark_running()
    assert session.crashed_last_time()
    plan = session.previous_session()
    assert plan.crashed and plan.file_found and plan.same_data
    session.mark_clean_exit()
    assert not session.crashed_last_time()
    session.save(working(str(forecast), session.file_sha256(forecast)))
    plan = session.previous_session()
    assert not plan.crashed and plan.same_data and plan.edits == working().edits and plan.dropped_edits == 0
    session.discard()
    assert session.previous_session() is None


def test_changed_or_missing_file_keeps_warnings_drops_edits(tmp_path):
    forecast = tmp_path / "forecast.csv"
    forecast.write_text("time,city,pm25\n", encoding="utf-8")
    state = working(str(forecast), session.file_sha256(forecast))
    forecast.write_text("time,city,pm25\n2026-01-06 00:00,成都市,80\n", encoding="utf-8")
    plan = session.plan_restore(state, crashed=True)
    assert plan.file_found and not plan.same_data and plan.edits == [] and plan.dropped_edits == 1
    assert len(plan.state.in_force) == 2
    forecast.unlink()
    plan = session.plan_restore(state, crashed=False)
    assert not plan.file_found and plan.edits == []


def test_the_spec_7_fields_of_a_warning_in_force_survive_a_save():
    w = WarningInForce("成都平原地区", "red", at("2026-01-05T00:00"), at("2026-01-08T23:00"), True, "orange",
                       at("2026-01-06T00:00"))
    plain = WarningInForce("盆地南部地区", "yellow", at("2026-01-05T00:00"))
    assert session._warning(session._warning_dict(w)) == w
    assert session._warning_dict(plain) == {"region": "盆地南部地区", "level": "yellow",
                                            "start": "2026-01-05T00:00:00+08:00", "end": None}
    assert session._warning(session._warning_dict(plain)) == plain
