"""hazedesk gui starts loading its first forecast before it builds the window (the load overlaps the window's
construction) when nothing is to be offered first: no earlier working state, no session file."""

from __future__ import annotations

import numpy as np

from app.domain import session
from app.paths import DEFAULT_SAMPLE


def test_the_window_opens_at_once_unless_a_session_or_an_earlier_state_comes_first(qtbot, tmp_path):
    from app.domain.recommend import WarningInForce
    from app.gui.app import opens_at_once
    from app.gui.autosave import working_state
    from app.gui.controller import Controller
    from app.gui.state import AppState

    assert opens_at_once(None) and opens_at_once(str(DEFAULT_SAMPLE))
    assert not opens_at_once(str(tmp_path / "会商.hazedesk")) and not opens_at_once(str(tmp_path / "A.HAZEDESK"))
    worked = Controller(AppState())
    worked.load_forecast_now(DEFAULT_SAMPLE)
    worked.set_in_force([WarningInForce("成都平原地区", "yellow", worked.state.evaluation.times[0])])
    session.save(working_state(worked.state))  # the officer's warnings: the restore is offered first
    assert not opens_at_once(None)


def test_the_first_forecast_loads_while_the_window_is_built(qtbot, tmp_path):
    from app.gui.app import HazeDesk, start
    from app.gui.settings import Settings

    desk = HazeDesk("zh", Settings(tmp_path / "settings.ini"), initial=(None, {}))
    try:
        assert desk.controller.loading and desk.controller.loading_path == str(DEFAULT_SAMPLE)
        assert desk.window.opener.progress is not None  # the window's progress box follows the load under way
        assert desk.state.evaluation is None  # installed by the event loop, once the window exists
        started = []
        desk.controller.loadStarted.connect(started.append)
        desk.window.show()
        with qtbot.waitSignal(desk.controller.loaded, timeout=30000):
            saver = start(desk, None, loading=True)  # no second load, no restore question
        saver.stop()
        assert started == [] and desk.state.forecast_path == str(DEFAULT_SAMPLE)
        assert desk.state.evaluation is not None and desk.window.opener.progress is None
        from app.gui.controller import Controller
        from app.gui.state import AppState

        reference = Controller(AppState())  # opened the usual way, after the window
        reference.load_forecast_now(DEFAULT_SAMPLE)
        np.testing.assert_array_equal(desk.state.evaluation.daily_aqi, reference.state.evaluation.daily_aqi)
        assert desk.state.evaluation.episodes == reference.state.evaluation.episodes
        assert desk.state.mode == reference.state.mode and desk.state.hour == 0
    finally:
        desk.dispose()
