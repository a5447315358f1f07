"""What is drawn over the coloured map besides borders and labels: the selected episode's triggering cluster,
edited units, the hovered and selected units, and the adjacency graph. Plus small helpers of the canvas.

Everything here draws in widget pixels; ``unit_path(name)`` gives a unit's outline already mapped there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QRegion, QTransform

from app.gui.map.geometry import MapGeometry
from app.gui.map.renderer import stroke_thick

SELECTED = QColor(0, 102, 255)
TRIGGER = QColor(20, 20, 20)
EDITED = QColor(0, 92, 112)  # dark teal on a white halo: apart from the selection's bright blue
HOVER = QColor(255, 255, 255)
ADJACENCY = QColor(40, 40, 140, 200)
DOUBTFUL = QColor(130, 0, 170, 210)
ADJACENCY_OVERRIDE = QColor(170, 0, 170, 230)

UnitPath = Callable[[str], QPainterPath | None]


def cosmetic_pen(colour: QColor, width: float, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def draw_highlights(painter: QPainter, state, unit_path: UnitPath) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    draw_doubtful(painter, state, unit_path)
    evaluation = state.evaluation
    if evaluation is not None and 0 <= state.selected_episode < len(evaluation.episodes):
        cluster = [p for n in evaluation.episodes[state.selected_episode].trigger_cities
                   if (p := unit_path(n)) is not None]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(0, 0, 0, 120), Qt.BrushStyle.BDiagPattern))
        for path in cluster:
            painter.drawPath(path)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        stroke_thick(painter, cluster, TRIGGER, 3.2)
    edited = [p for name in sorted(state.edited_units) if (p := unit_path(name)) is not None]
    for pen in (cosmetic_pen(HOVER, 5.0), cosmetic_pen(EDITED, 2.8, Qt.PenStyle.DashLine)):  # halo, then dashes
        painter.setPen(pen)
        for path in edited:
            painter.drawPath(path)
    if state.hovered_unit and (path := unit_path(state.hovered_unit)) is not None:
        stroke_thick(painter, [path], HOVER, 2.2)
    draw_selection(painter, state, unit_path)


def draw_selection(painter: QPainter, state, unit_path: UnitPath, names: tuple = ()) -> None:
    """The selected units' blue outline. Drawn again over the borders (the canvas's selection layer, the
    inset): the thick region borders covered half of it. ``names``: the boxes of the names written on the
    map, which the outline leaves alone (渝中 is smaller than its name in the inset)."""
    selected = [p for n in state.selected_units if (p := unit_path(n)) is not None]
    if not selected:
        return
    if names:
        box = QRectF()
        for path in selected:
            box = box.united(path.boundingRect())
        area = QRegion(box.adjusted(-4, -4, 4, 4).toAlignedRect())
        for rect in names:
            if rect.intersects(box):
                area -= QRegion(rect.adjusted(-1, -1, 1, 1).toAlignedRect())
        painter.save()
        painter.setClipRegion(area, Qt.ClipOperation.IntersectClip)
        stroke_thick(painter, selected, SELECTED, 3.0)
        painter.restore()
        return
    stroke_thick(painter, selected, SELECTED, 3.0)


def highlighted_units(state) -> list[str]:
    """Every unit ``draw_highlights`` draws over: doubtful, the selected episode's cluster, edited, hovered,
    selected."""
    names = list(doubtful_units(state))
    evaluation = state.evaluation
    if evaluation is not None and 0 <= state.selected_episode < len(evaluation.episodes):
        names += list(evaluation.episodes[state.selected_episode].trigger_cities)
    names += sorted(state.edited_units)
    if state.hovered_unit:
        names.append(state.hovered_unit)
    return names + list(state.selected_units)


def doubtful_units(state) -> list[str]:
    """Units coloured from data a finding doubts (the 数据质量 dock lists why)."""
    quality = getattr(state, "quality", None)
    return sorted(quality.flagged_units) if quality is not None else []


def draw_doubtful(painter: QPainter, state, unit_path: UnitPath) -> None:
    """Purple hatch and dotted outline: the colour underneath rests on doubtful or missing data."""
    paths = [p for n in doubtful_units(state) if (p := unit_path(n)) is not None]
    if not paths:
        return
    painter.setPen(cosmetic_pen(DOUBTFUL, 1.6, Qt.PenStyle.DotLine))
    painter.setBrush(QBrush(DOUBTFUL, Qt.BrushStyle.FDiagPattern))
    for path in paths:
        painter.drawPath(path)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def draw_adjacency(painter: QPainter, state, geometry: MapGeometry, transform: QTransform) -> None:
    """Neighbour pairs as lines between label points; pairs added by a named scheme override dashed purple."""
    points = [transform.map(QPointF(x, y)) for x, y in geometry.label_points]
    added = set()
    if state.scheme is not None:
        added = {frozenset((o.a, o.b)) for o in state.scheme.adjacency.overrides if o.action == "add"}
    normal, override = QPainterPath(), QPainterPath()
    for a, others in state.neighbours.items():
        for b in others:
            if a < b and a in geometry.names and b in geometry.names:
                path = override if frozenset((a, b)) in added else normal
                path.moveTo(points[geometry.index(a)])
                path.lineTo(points[geometry.index(b)])
    painter.setPen(cosmetic_pen(ADJACENCY, 1.0))
    painter.drawPath(normal)
    painter.setPen(cosmetic_pen(ADJACENCY_OVERRIDE, 1.8, Qt.PenStyle.DashLine))
    painter.drawPath(override)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ADJACENCY)
    for point in points:
        painter.drawEllipse(point, 2.6, 2.6)


def around(outer: QRectF, inner: QRectF) -> list[QRectF]:
    """The parts of ``outer`` outside ``inner`` (up to four strips)."""
    inner = inner.intersected(outer)
    if inner.isEmpty():
        return [outer]
    strips = [QRectF(outer.left(), outer.top(), outer.width(), inner.top() - outer.top()),
              QRectF(outer.left(), inner.bottom(), outer.width(), outer.bottom() - inner.bottom()),
              QRectF(outer.left(), inner.top(), inner.left() - outer.left(), inner.height()),
              QRectF(inner.right(), inner.top(), outer.right() - inner.right(), inner.height())]
    return [s for s in strips if s.width() > 0 and s.height() > 0]


def label_names(geometry: MapGeometry) -> list[str]:
    """Short Chinese names (成都), or English ones when the interface is English (the canvas is rebuilt on a
    language switch)."""
    if QLocale().language() == QLocale.Language.Chinese:
        return list(geometry.short_names)
    from app.domain.units import load_units

    units = load_units()
    return [short_english(units.by_name[n].name_en) if n in units.by_name else s
            for n, s in zip(geometry.names, geometry.short_names)]


def short_english(name: str) -> str:
    """'Garzê Tibetan Autonomous Prefecture' → 'Garzê', as the Chinese labels drop 藏族自治州."""
    for cut in (" Tibetan", " Yi ", " Tujia", " Qiang", " Autonomous", " County", " District"):
        if cut in name:
            name = name[:name.index(cut)]
    return name
