"""Where things go on a meeting-map page and what of the geometry a raster page strokes, without matplotlib or
Qt: the page's boxes in millimetres, the map's limits, the unit borders each drawn once, thick outlines cut
into short pieces, and a footnote wrapped to the page's width.

The boxes are those :class:`maps.layout.MeetingMap` lays out (margins, head, foot, the side column with the
legend, the 主城区 inset and the region table); the Qt page (:mod:`app.export_qt.map_page`) draws in them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from maps.page import PAPER_MM

PIECE = 24  # edges of a thick outline stroked at a time (Qt's antialiased stroker slows down on long lines)

Box = tuple[float, float, float, float]  # left, top, width, height (mm from the page's top left)


@dataclass(frozen=True)
class PageBoxes:
    size_mm: tuple[float, float]
    scale: float  # type sizes and line widths grow with the paper (A3 = 1.41 × A4)
    margin: float
    frame: Box  # the map
    legend: Box
    inset: Box  # 主城区放大图
    table: Box  # the regions' levels


def page_boxes(paper: str) -> PageBoxes:
    """The boxes of a landscape page, as :class:`maps.layout.MeetingMap` places its axes."""
    if paper not in PAPER_MM:
        raise ValueError(f"unknown paper {paper!r}; expected one of {', '.join(PAPER_MM)}")
    width, height = PAPER_MM[paper]
    s = width / PAPER_MM["A4"][0]
    margin, head, foot, side = 10 * s, 28 * s, 14 * s, 70 * s
    frame = (margin, margin + head, width - 2 * margin - side, height - 2 * margin - head - foot)
    column_left = margin + frame[2] + 5 * s
    column_width = width - column_left - margin
    bottom = height - margin - foot
    table = (column_left, bottom - 30 * s, column_width, 30 * s)
    inset = (column_left, table[1] - 3 * s - 52 * s, column_width, 52 * s)
    legend = (column_left, frame[1], column_width, inset[1] - 2 * s - frame[1])
    return PageBoxes((width, height), s, margin, frame, legend, inset, table)


def fit_limits(x0: float, y0: float, x1: float, y1: float, pad: float, aspect: float) -> tuple[float, float, float,
                                                                                              float]:
    """The box grown by ``pad`` of its larger side, then to ``aspect`` (height / width) about its centre: the
    limits of a map of it in a frame of that shape at one scale across and up (as the matplotlib page sets its
    axes' limits)."""
    pad *= max(x1 - x0, y1 - y0)
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    if (y1 - y0) / (x1 - x0) < aspect:
        grow = ((x1 - x0) * aspect - (y1 - y0)) / 2
        return x0, y0 - grow, x1, y1 + grow
    grow = ((y1 - y0) / aspect - (x1 - x0)) / 2
    return x0 - grow, y0, x1 + grow, y1


def shared_once(coords: np.ndarray, offsets: np.ndarray) -> list[np.ndarray]:
    """The borders of closed rings (ring i is ``coords[offsets[i]:offsets[i + 1]]``) as open lines of vertex
    numbers, every edge once: an edge two rings share (the same two points, exactly — the drawing data's
    rings share their common vertices) is kept in the first ring that has it. A line is a run of consecutive
    kept edges of one ring."""
    count = len(coords)
    if count < 2:
        return []
    ids = vertex_ids(coords)
    edge = np.ones(count - 1, dtype=bool)  # edge k joins vertex k to k + 1 …
    edge[np.asarray(offsets[1:-1]) - 1] = False  # … within one ring
    low, high = np.minimum(ids[:-1], ids[1:]), np.maximum(ids[:-1], ids[1:])
    edge &= low != high
    candidates = np.flatnonzero(edge)
    _, first = np.unique(low[candidates] * (ids.max() + 1) + high[candidates], return_index=True)
    kept = np.sort(candidates[first])
    if not len(kept):
        return []
    breaks = np.flatnonzero(np.diff(kept) != 1) + 1
    starts, ends = kept[np.r_[0, breaks]], kept[np.r_[breaks - 1, len(kept) - 1]] + 1
    return [np.arange(start, end + 1) for start, end in zip(starts, ends)]


def vertex_ids(coords: np.ndarray) -> np.ndarray:
    """One number per distinct point (equal coordinates, exactly): a 64-bit mix of the coordinates' bits,
    sorted once and checked point by point; when two different points mix to the same number, the points
    sorted by their coordinates instead (twice as slow)."""
    coords = np.ascontiguousarray(coords, dtype=np.float64)
    bits = coords.view(np.uint64)
    key = bits[:, 0] * np.uint64(0x9E3779B97F4A7C15) ^ bits[:, 1]
    _, first, ids = np.unique(key, return_index=True, return_inverse=True)
    ids = ids.ravel()
    if (coords[first[ids]] == coords).all():
        return ids
    order = np.lexsort((coords[:, 1], coords[:, 0]))
    ordered = coords[order]
    new = np.ones(len(coords), dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    ids = np.empty(len(coords), dtype=np.int64)
    ids[order] = np.cumsum(new) - 1
    return ids


def pieces(lines: Sequence[np.ndarray], size: int = PIECE) -> list[np.ndarray]:
    """Each line (an array of points) cut into pieces of ``size`` edges, a piece ending where the next begins."""
    out = []
    for line in lines:
        for start in range(0, max(len(line) - 1, 1), size):
            out.append(line[start:start + size + 1])
    return out


def line_boxes(lines: Sequence[np.ndarray]) -> np.ndarray:
    """(lines, 4): each line's xmin, ymin, xmax, ymax."""
    if not lines:
        return np.zeros((0, 4))
    xy = np.concatenate(lines)
    starts = np.cumsum([0] + [len(line) for line in lines[:-1]])
    return np.hstack([np.minimum.reduceat(xy, starts), np.maximum.reduceat(xy, starts)])


def meeting(boxes: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """Which of ``boxes`` (n × xmin, ymin, xmax, ymax) meet ``box`` (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    return (boxes[:, 2] >= x0) & (boxes[:, 0] <= x1) & (boxes[:, 3] >= y0) & (boxes[:, 1] <= y1)


def grown(box: tuple[float, float, float, float], fraction: float) -> tuple[float, float, float, float]:
    """``box`` (x0, y0, x1, y1) grown on every side by ``fraction`` of its width."""
    x0, y0, x1, y1 = box
    pad = fraction * (x1 - x0)
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def wrap(text: str, width_of: Callable[[str], float], width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` (as ``width_of`` measures), broken between any two characters
    (Chinese is written without spaces), after a space or punctuation where one lies in a line's last third."""
    lines, line = [], ""
    for char in text:
        if line and width_of(line + char) > width:
            cut = max(line.rfind(mark) for mark in " ，；。、")
            if cut >= len(line) * 2 // 3:
                lines.append(line[:cut + 1])
                line = line[cut + 1:]
            else:
                lines.append(line)
                line = ""
        line += char
    return [*lines, line] if line else lines
