"""PySide6 6.12.0 on Python 3.11 returns None from void C++ methods without a new reference: every
``fillRect``/``setColorTable``/``setPen`` costs None one reference, and after a few thousand repaints the
process dies with "Fatal Python error: none_dealloc". The lock file pins 6.11.3, which is free of it; this
test keeps an upgrade from bringing the bug back (None and the bools are immortal only from Python 3.12)."""

from __future__ import annotations

import sys

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QImage, QPainter

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12), reason="None/True/False are immortal from 3.12")


def test_void_qt_calls_do_not_spend_references_to_none(qapp):
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(2000):
        painter.fillRect(0, 0, 4, 4, QColor(1, 2, 3))
        painter.setPen(QColor(0, 0, 0))
        image.setPixel(0, 0, 0)
    painter.end()
    assert before - sys.getrefcount(None) < 100  # the buggy build loses 2 × 2000 here


def test_pyqtgraph_range_calls_do_not_spend_references_to_bools(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.plot([1, 2, 3])
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(500):
        widget.setXRange(0, 10 + i % 3)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert before[0] - after[0] < 100 and before[1] - after[1] < 100  # 6.12.0 loses 3 × 500 of True
