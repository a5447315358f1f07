"""PySide6 6.12 on Python 3.11 drops a reference to None on every void call; the GUI must survive a long day."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QImage

import app.gui  # noqa: F401 - installs the guard


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_none_keeps_a_reserve_far_beyond_a_session_of_repaints(qapp):
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    before = sys.getrefcount(None)
    for _ in range(50_000):  # each void call may cost None one reference (the PySide6 bug)
        image.fill(0)
    assert sys.getrefcount(None) > 1 << 40
    assert before - sys.getrefcount(None) <= 50_000


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True and False are immortal from Python 3.12 on")
def test_true_and_false_keep_a_reserve_for_pyqtgraph(qapp):
    assert sys.getrefcount(True) > 1 << 40 and sys.getrefcount(False) > 1 << 40
