"""The current hour's line over a timeline plot — its place and whether it is shown — drawn by the plot that
holds it (:class:`app.gui.docks.timeline_plot.TimelinePlot`, :class:`app.gui.docks.plot_cursor.CursorPlot`),
which is told when either changes (``cursor_moved``). It reads like the pyqtgraph ``InfiniteLine`` it replaced
(``value``, ``setPos``, ``setVisible``). No pyqtgraph here: the timeline is drawn without it."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPen

CURSOR_PEN = "#202020"


class HourCursor:
    """The line's place (``value``, in the plot's x, the forecast step) and whether it is shown."""

    def __init__(self, plot, pen: QPen | None = None):
        self._plot = plot
        self.pen = pen if pen is not None else QPen(QColor(CURSOR_PEN), 2)
        self._value: float | None = None
        self._shown = False

    def value(self) -> float | None:
        return self._value

    def isVisible(self) -> bool:  # noqa: N802 - as the InfiniteLine it replaced
        return self._shown

    def setPos(self, value: float) -> None:  # noqa: N802 - as the InfiniteLine it replaced
        if value != self._value:
            self._value = float(value)
            self._plot.cursor_moved()

    def setVisible(self, shown: bool) -> None:  # noqa: N802
        if bool(shown) != self._shown:
            self._shown = bool(shown)
            self._plot.cursor_moved()
