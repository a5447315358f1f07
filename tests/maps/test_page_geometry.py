"""maps.page_geometry: the page's boxes, each unit border once, outlines in pieces, the footnote wrapped."""

from __future__ import annotations

import numpy as np
import pytest

from maps.page import PAPER_MM
from maps.page_geometry import (
    fit_limits,
    line_boxes,
    meeting,
    page_boxes,
    pieces,
    shared_once,
    vertex_ids,
    wrap,
)


def _edges(coords, lines) -> set[frozenset]:
    out = set()
    for line in lines:
        for a, b in zip(line[:-1], line[1:]):
            out.add(frozenset((tuple(coords[a]), tuple(coords[b]))))
    return out


def test_two_squares_sharing_a_side_give_seven_edges_each_once():
    left = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
    right = [(1, 0), (2, 0), (2, 1), (1, 1), (1, 0)]
    coords = np.array(left + right, dtype=float)
    offsets = np.array([0, 5, 10])
    lines = shared_once(coords, offsets)
    drawn = [(tuple(coords[a]), tuple(coords[b])) for line in lines for a, b in zip(line[:-1], line[1:])]
    assert len(drawn) == 7 and len({frozenset(e) for e in drawn}) == 7  # the common side once
    assert frozenset({(1.0, 0.0), (1.0, 1.0)}) in {frozenset(e) for e in drawn}
    for line in lines:  # each line runs along one ring, edge after edge
        assert np.all(np.diff(line) == 1)


def test_every_edge_of_the_drawing_data_is_drawn_and_none_twice():
    from maps.derived import drawing_geometry

    rings = drawing_geometry().lods["fine"]
    coords, offsets = rings.coords, rings.offsets
    lines = shared_once(coords, offsets)
    every = set()
    for a, b in zip(offsets[:-1], offsets[1:]):
        ring = [tuple(p) for p in coords[a:b]]
        every |= {frozenset(e) for e in zip(ring[:-1], ring[1:]) if e[0] != e[1]}
    drawn = [frozenset((tuple(coords[i]), tuple(coords[j]))) for line in lines for i, j in zip(line[:-1], line[1:])]
    assert set(drawn) == every and len(drawn) == len(every)
    assert len(drawn) < 0.7 * (len(coords) - len(offsets) + 1)  # most borders are shared by two units


def test_vertex_ids_are_equal_exactly_for_equal_points_even_when_the_mix_collides(monkeypatch):
    coords = np.array([[0.5, 1.0], [2.0, 3.0], [0.5, 1.0], [0.5, 1.0000000000000002]])
    ids = vertex_ids(coords)
    assert ids[0] == ids[2] and len({ids[0], ids[1], ids[3]}) == 3
    import maps.page_geometry as geometry

    real_unique = np.unique

    def colliding(values, **kwargs):  # every point mixed to one number: the exact fallback must sort them out
        if values.dtype == np.uint64:
            values = np.zeros_like(values)
        return real_unique(values, **kwargs)

    monkeypatch.setattr(geometry.np, "unique", colliding)
    ids = vertex_ids(coords)
    assert ids[0] == ids[2] and len({ids[0], ids[1], ids[3]}) == 3


def test_pieces_cover_each_line_end_to_end():
    line = np.column_stack([np.arange(60.0), np.zeros(60)])
    cut = pieces([line, line[:2]], size=24)
    assert [len(p) for p in cut] == [25, 25, 12, 2]
    assert np.array_equal(np.concatenate([cut[0], cut[1][1:], cut[2][1:]]), line)


def test_boxes_and_meeting():
    lines = [np.array([[0, 0], [1, 2]]), np.array([[5, 5], [6, 4], [7, 9]])]
    assert line_boxes(lines).tolist() == [[0, 0, 1, 2], [5, 4, 7, 9]]
    assert meeting(line_boxes(lines), (0.5, 0.5, 4, 4)).tolist() == [True, False]


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_page_boxes_sit_inside_the_page_without_overlapping(paper):
    boxes = page_boxes(paper)
    width, height = PAPER_MM[paper]
    column = [boxes.legend, boxes.inset, boxes.table]
    for left, top, w, h in [boxes.frame, *column]:
        assert left >= boxes.margin - 1e-9 and top >= boxes.margin and w > 0 and h > 0
        assert left + w <= width - boxes.margin + 1e-9 and top + h <= height - boxes.margin
    assert all(box[0] > boxes.frame[0] + boxes.frame[2] for box in column)  # the side column beside the map
    assert boxes.legend[1] + boxes.legend[3] < boxes.inset[1] < boxes.inset[1] + boxes.inset[3] < boxes.table[1]
    with pytest.raises(ValueError, match="unknown paper"):
        page_boxes("Letter")


def test_limits_fit_the_frame_at_one_scale():
    x0, y0, x1, y1 = fit_limits(0, 0, 100, 10, 0.03, aspect=0.5)
    assert (y1 - y0) / (x1 - x0) == pytest.approx(0.5)
    assert x0 <= -3 and x1 >= 103 and y0 <= 0 and y1 >= 10


def test_wrap_breaks_chinese_between_characters_and_after_punctuation():
    def width_of(text: str) -> float:
        return float(len(text))

    assert wrap("一二三四五六七八九十", width_of, 4) == ["一二三四", "五六七八", "九十"]
    assert wrap("一二三，四五六七", width_of, 5) == ["一二三，", "四五六七"]
    assert wrap("", width_of, 5) == []
