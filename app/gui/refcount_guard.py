"""Work around a reference-count bug of PySide6 6.12 on Python 3.11.

PySide6 6.12 returns ``None`` from void C++ methods (``QPainter.fillRect``, ``QImage.setColorTable``, …)
without taking a new reference. On Python 3.12+ that is harmless (``None`` is immortal, PEP 683); on 3.11
every such call lowers ``None``'s count by one, and once it reaches zero the process dies with "Fatal Python
error: none_dealloc" — after a few thousand repaints, i.e. a few minutes of playing through a forecast.
Measured here: ``sys.getrefcount(None)`` drops by exactly 100 over 100 calls of each of those methods.

The same happens to ``True`` and ``False`` through calls pyqtgraph makes (measured: ``PlotWidget.setXRange``
costs ``True`` three references per call; a timeline redrawn for a while ended in "bool_dealloc").

The guard gives ``None``, ``True`` and ``False`` a reserve of references they can never spend, which is what
Python 3.12 does for them.
Remove this module once the project is on Python ≥ 3.12 or a PySide6 without the bug.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 48  # 2.8e14 calls: centuries of repainting


def guard_none_refcount() -> None:
    if sys.version_info >= (3, 12) or getattr(guard_none_refcount, "done", False):
        return
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt is the first field of every object
        count.value += _RESERVE
    guard_none_refcount.done = True
