"""Qt paths and polygons from numpy points, without a Python call per point."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shiboken6
from PySide6.QtGui import QPainterPath, QPolygonF


def polygon(xy: np.ndarray) -> QPolygonF:
    """The points (n × 2) as a QPolygonF, written straight into its buffer (two doubles a point)."""
    points = QPolygonF()
    points.resize(len(xy))
    if len(xy):
        buffer = np.frombuffer(shiboken6.VoidPtr(points.data(), len(xy) * 16, True), dtype=np.float64)
        buffer[:] = np.asarray(xy, dtype=np.float64).ravel()
    return points


def rings_path(rings: Sequence[np.ndarray]) -> QPainterPath:
    """One path (odd-even fill: holes stay holes) of closed rings: 74 000 points in 2 ms, where one
    ``lineTo`` a point takes a tenth of a second."""
    path = QPainterPath()
    for ring in rings:
        path.addPolygon(polygon(ring))
        path.closeSubpath()
    return path


def lines_path(lines: Sequence[np.ndarray]) -> QPainterPath:
    """One path of open lines, each its own subpath."""
    path = QPainterPath()
    for line in lines:
        path.addPolygon(polygon(line))
    return path
