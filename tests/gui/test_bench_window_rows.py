"""The window rows of hazedesk bench measure the window as hazedesk gui has it: what lives once the window is
shown is frozen out of the collector (as app.gui.app.freeze_after_first_paint does), and given back when the
row's window goes, so a row does not pay for walking what earlier rows of the bench process left."""

from __future__ import annotations

import gc


def test_a_shown_bench_window_is_frozen_as_the_program_freezes_it_and_thawed_with_it(qapp):
    from app.bench.gui import _desk, _dispose, _shown_window

    gc.unfreeze()
    leftovers = [[i] for i in range(50_000)]  # what an earlier row left alive
    desk = _desk()
    try:
        _shown_window(desk)
        assert gc.get_freeze_count() > len(leftovers)  # the leftovers and the window: out of the walks
    finally:
        _dispose(desk)
    assert gc.get_freeze_count() == 0  # thawed with the window
    del leftovers
