"""The matplotlib pieces the meeting map draws with, imported without building matplotlib's property tables.

At import, matplotlib writes a docstring for the ``set()`` of each of its ~100 artist classes, listing every
property with ``matplotlib.artist.kwdoc`` — a third of what importing its figure, axes, text, patches and
collections costs (0.38–0.42 s → 0.25–0.30 s of CPU here, issue 26), for text only ``help()`` shows. Before
those modules load, :func:`quiet_docstrings` makes ``kwdoc`` return an empty table: the artists, their ``set()``
signatures and everything they draw are unchanged. When another module has imported them already (the window,
a test), the tables exist and nothing is changed.

Import matplotlib's drawing modules through here (``from maps.mpl import Figure, …``), never before it.
"""

from __future__ import annotations

import sys


def _no_property_table(artist) -> str:
    return ""


def quiet_docstrings() -> None:
    """Skip the property tables of the artist classes not defined yet (all of them, on a first import)."""
    if "matplotlib.lines" in sys.modules:  # the artists are built: their docstrings are already paid for
        return
    import matplotlib.artist

    matplotlib.artist.kwdoc = _no_property_table


quiet_docstrings()

from matplotlib import patheffects, rc_context  # noqa: E402  (after quiet_docstrings)
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch, Polygon, Rectangle  # noqa: E402
from matplotlib.path import Path  # noqa: E402

__all__ = ["Figure", "FigureCanvasAgg", "Line2D", "Patch", "Path", "PathCollection", "Polygon", "Rectangle",
           "patheffects", "quiet_docstrings", "rc_context"]
