"""Pages for the letter's PDF on ReportLab's pdfgen canvas alone: the part of platypus the letter used (a
document of one frame per page, spacers, page breaks, blocks that split across pages).

Importing ``reportlab.platypus`` cost the letter ~70 ms a run (its paragraph, table and document modules, a
dozen regular expressions compiled), although the letter sets its own lines (``app.export.gridtext``) and
needed of platypus only a frame that stacks blocks down the page. :func:`layout` does what
``BaseDocTemplate.build`` did with such a story and makes the same canvas calls in the same order, so the PDF
is the same bytes (tests/export/test_pdf_pages.py builds letters both ways). The briefing pack, a platypus
document with other page templates, takes the same blocks through :func:`as_platypus`.
"""

from __future__ import annotations

from collections.abc import Callable

FUZZ = 1e-6  # platypus's layout tolerance (rl_config._FUZZ)
EMPTY_PAGES_ALLOWED = 10  # as BaseDocTemplate: more pages in a row without content is a layout error


class LayoutError(ValueError):
    """A block too large for a fresh page, or one whose first part does not fit where it was split."""


class Block:
    """A flowable as a frame sees it: ``wrap`` gives its size for the room offered, ``split`` the parts it
    breaks into when it does not fit (none: it moves to the next page), ``draw`` paints it on ``self.canv``
    with the origin at its lower left corner."""

    keepWithNext = False

    def __init__(self):
        self.width = 0
        self.height = 0

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def split(self, avail_width, avail_height):
        return []

    def draw(self):
        pass

    def drawOn(self, canvas, x, y):  # noqa: N802 - platypus's name, which the blocks' own code calls
        """As platypus's ``Flowable.drawOn`` (a left-aligned flowable): the canvas state saved, the origin
        moved, the block drawn, the state restored."""
        canvas.saveState()
        canvas.translate(x, y)
        self.canv = canvas
        try:
            self.draw()
        finally:
            del self.canv
        canvas.restoreState()


class Space(Block):
    """platypus's ``Spacer``: takes room and draws nothing (its drawOn still saves, moves and restores)."""

    def __init__(self, width: float, height: float):
        super().__init__()
        self.width, self.height = width, height


class NewPage:
    """platypus's ``PageBreak``: the rest of the page stays empty."""


def layout(canvas, story: list, frame: tuple[float, float, float, float],
           on_page_end: Callable[[object], None]) -> int:
    """Flow ``story`` (blocks and :class:`NewPage`) into the frame ``(x, y, width, height)`` of page after
    page, as platypus's ``BaseDocTemplate`` with one ``PageTemplate`` of one unpadded ``Frame`` does:
    each block drawn under the one before (no space between), a block that does not fit split to fill the
    page or moved whole to the next one, ``on_page_end(canvas)`` then ``showPage`` at each page's end, no
    empty page after the last block. Returns the number of pages; the caller saves the canvas."""
    x1, y1, width, height = frame
    pending = list(story)
    state = {"open": False, "y": y1 + height, "drawn": 0, "empty": 0, "pages": 0}

    def begin() -> None:
        state.update(open=True, y=y1 + height, drawn=0)
        state["pages"] += 1

    def end() -> None:
        state["empty"] = state["empty"] + 1 if state["drawn"] == 0 else 0
        if state["empty"] >= EMPTY_PAGES_ALLOWED:
            raise LayoutError(f"more than {EMPTY_PAGES_ALLOWED} pages without content: a block is too large")
        on_page_end(canvas)
        canvas.setPageRotation(0)
        canvas.showPage()
        state["open"] = False

    def add(block) -> bool:
        room = state["y"] - y1
        if room <= 0:
            return False
        _, used = block.wrap(width, room)
        y = state["y"] - used
        if y < y1 - FUZZ:
            return False
        block.drawOn(canvas, x1, y)
        state["y"] = y
        return True

    while pending:
        if not state["open"]:  # platypus begins a page only when something comes to it
            begin()
        block = pending.pop(0)
        if isinstance(block, NewPage):
            end()
            continue
        if add(block):
            state["drawn"] += 1
            continue
        room = state["y"] - y1
        parts = block.split(width, room) if room > 0 else []
        if parts:
            if not add(parts[0]):
                raise LayoutError(f"the first part of a split {type(block).__name__} does not fit on page "
                                  f"{state['pages']}")
            state["drawn"] += 1
            pending[0:0] = parts[1:]
        else:
            if getattr(block, "_postponed", False):
                raise LayoutError(f"{type(block).__name__} ({block.width}×{block.height} pt) is too large for "
                                  f"a page ({width}×{height} pt)")
            block._postponed = True
            pending.insert(0, block)
            end()
    if state["open"]:
        end()
    return state["pages"]


def as_platypus(story: list) -> list:
    """The same story for a platypus document (the briefing pack): blocks drawn by a thin ``Flowable``
    around each, spaces as ``Spacer``, page breaks as ``PageBreak``."""
    from reportlab.platypus import Flowable, PageBreak, Spacer

    class Platypus(Flowable):
        def __init__(self, block: Block):
            super().__init__()
            self.block = block
            self.keepWithNext = block.keepWithNext

        def wrap(self, avail_width, avail_height):
            self.width, self.height = self.block.wrap(avail_width, avail_height)
            return self.width, self.height

        def split(self, avail_width, avail_height):
            return convert(self.block.split(avail_width, avail_height))

        def draw(self):
            self.block.canv = self.canv
            try:
                self.block.draw()
            finally:
                del self.block.canv

    def convert(items: list) -> list:
        out = []
        for item in items:
            if isinstance(item, NewPage):
                out.append(PageBreak())
            elif type(item) is Space:
                out.append(Spacer(item.width, item.height))
            else:
                out.append(Platypus(item))
        return out

    return convert(story)
