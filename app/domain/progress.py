"""Progress and cancellation for long work, without Qt (Orange3's style).

Long functions (loading a big grid, exporting a series) take a :class:`Progress` and call ``report`` now and
then; ``report`` raises :class:`Cancelled` once someone has called ``cancel()``. The GUI runs such a function in
a worker thread and forwards ``on_report`` to a progress dialog; the CLI passes a printer or nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled the work; nothing was changed."""


class Progress:
    def __init__(self, on_report: Callable[[float, str], None] | None = None):
        self._on_report = on_report
        self._cancel = threading.Event()
        self.fraction = 0.0
        self.message = ""

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def report(self, fraction: float, message: str = "") -> None:
        """Record progress (0…1) and raise :class:`Cancelled` if cancel() was called."""
        self.fraction = min(max(float(fraction), 0.0), 1.0)
        if message:
            self.message = message
        if self._on_report is not None:
            self._on_report(self.fraction, self.message)
        self.check()

    def sub(self, start: float, end: float) -> Progress:
        """A child whose 0…1 maps onto ``start…end`` of this one (sharing its cancel flag)."""
        child = Progress(lambda f, m: self.report(start + (end - start) * f, m))
        child._cancel = self._cancel
        return child


NO_PROGRESS = Progress()
