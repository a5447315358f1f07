"""Run a long function off the GUI thread, with progress and cancel.

The function takes an :class:`app.domain.progress.Progress` and calls ``report`` now and then (that is where a
cancel takes effect). Signals arrive in the GUI thread (queued), so slots may touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.domain.progress import Cancelled, Progress


class _Signals(QObject):
    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()


class Worker(QRunnable):
    """``Worker(fn)``; connect to ``signals`` then ``start()``. ``cancel()`` asks the function to stop."""

    def __init__(self, fn: Callable[[Progress], object]):
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps a reference until a finishing signal arrives
        self._fn = fn
        self.signals = _Signals()
        self.progress = Progress(lambda fraction, message: self.signals.progressed.emit(fraction, message))

    def start(self) -> None:
        QThreadPool.globalInstance().start(self)

    def cancel(self) -> None:
        self.progress.cancel()

    def run(self) -> None:  # runs in a pool thread
        try:
            result = self._fn(self.progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which decides how to show it
            self.signals.failed.emit(exc)
        else:
            if self.progress.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.succeeded.emit(result)
