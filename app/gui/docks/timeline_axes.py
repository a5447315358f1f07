"""The timeline's axes (pyqtgraph): forecast days along the bottom, AQI and the level bands' names on the left.

Imported only when the timeline's plot is built (:mod:`app.gui.docks.timeline_dock`).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics

from app.domain.scheme import BEIJING
from app.gui.timefmt import day_label, is_observed


class DayAxis(pg.AxisItem):
    """Ticks at each midnight: '01-11 D+1'; six-hourly minor ticks."""

    def __init__(self):
        super().__init__("bottom")
        self.evaluation = None

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph API
        evaluation = self.evaluation
        if evaluation is None or not len(evaluation.times):
            return super().tickValues(minVal, maxVal, size)
        hours = np.array([t.hour for t in evaluation.times.tz_convert(BEIJING)])
        steps = np.arange(len(hours))
        inside = (steps >= minVal) & (steps <= maxVal)
        major = steps[inside & (hours == 0)]
        pixels_per_day = size / max(1.0, (maxVal - minVal) / 24)
        label = QFontMetrics(self.font()).horizontalAdvance("00-00 D+00") + 12
        if pixels_per_day < label:  # many days (observed weeks before the forecast): a label every few days
            stride = int(np.ceil(label / max(pixels_per_day, 1.0)))
            first = int(np.flatnonzero(hours == 0)[0]) if (hours == 0).any() else 0
            major = major[((major - first) // 24) % stride == 0]
        if pixels_per_day < 60:  # narrow: day ticks only
            return [(24.0, major.tolist())]
        every = 6 if pixels_per_day >= 120 else 12
        minor = steps[inside & (hours % every == 0) & (hours != 0)]
        return [(24.0, major.tolist()), (float(every), minor.tolist())]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        evaluation = self.evaluation
        if evaluation is None:
            return [f"{v:g}" for v in values]
        out = []
        for v in values:
            i = int(round(v))
            if not 0 <= i < len(evaluation.times):
                out.append("")
                continue
            t = evaluation.times[i].tz_convert(BEIJING)
            if t.hour:
                out.append(f"{t:%H}")
            else:  # an observed day has its date only (no D−n: the forecast's days are counted from its issue)
                out.append(f"{t:%m-%d}" if is_observed(evaluation, i) else f"{t:%m-%d} {day_label(evaluation, i)}")
        return out


class AqiAxis(pg.AxisItem):
    """AQI ticks from 0 up (the level bands have a plot of their own, so the numbers always show)."""

    def __init__(self):
        super().__init__("left")

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph API
        return [(spacing, [v for v in values if v >= 0]) for spacing, values in
                super().tickValues(max(0.0, minVal), maxVal, size)]


class BandAxis(pg.AxisItem):
    """The band plot's left axis: each strip's name at its centre (strip k spans k…k+1)."""

    def __init__(self):
        super().__init__("left")
        self.bands: dict[float, str] = {}  # strip centre -> label

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph API
        return [(1.0, [v for v in self.bands if minVal <= v <= maxVal])]

    def set_bands(self, bands: dict[float, str]) -> None:
        self.bands = dict(bands)
        self.picture = None  # pyqtgraph caches the drawn ticks until the range changes; the labels changed
        self.update()

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        return [self.bands.get(v, "") for v in values]
