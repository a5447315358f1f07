"""What the ``map`` command's modules load (issue 26: the command is timed from interpreter start to exit)."""

from __future__ import annotations

import subprocess
import sys

MAP_COMMAND = "import app.cli.map, app.export.maps, app.export.map_layers, app.export.inputs"


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_map_export_imports_neither_pyproj_nor_shapely():
    """It draws from the drawing data and finds north by formula (maps.lambert)."""
    code = f"{MAP_COMMAND}; import sys; print(sorted(m for m in ('pyproj', 'shapely', 'geopandas') if m in sys.modules))"
    assert _run(code) == "[]"


def test_map_export_modules_import_no_matplotlib():
    """The page's data (maps.page) and the exporter are matplotlib-free: matplotlib loads only when its page
    draws (a PDF or SVG, or the window's export), not for the command's PNG (app.export_qt)."""
    code = f"{MAP_COMMAND}; import sys; print('matplotlib' in sys.modules)"
    assert _run(code) == "False"


def test_matplotlib_without_property_tables_draws_the_same_artists():
    """maps.mpl skips the artists' property tables (docstrings) and nothing else: set() keeps its signature."""
    code = (f"{MAP_COMMAND}, maps.layout; import inspect, matplotlib.artist as a, matplotlib.lines as l;"
            "print(a.kwdoc.__name__, 'color' in inspect.signature(l.Line2D.set).parameters,"
            " 'Properties:' in (l.Line2D.set.__doc__ or ''))")
    assert _run(code) == "_no_property_table True False"


def test_matplotlib_imported_first_is_left_as_it_is():
    code = ("import matplotlib.lines as l; import maps.mpl, matplotlib.artist as a;"
            "print(a.kwdoc.__name__, 'Properties:' in l.Line2D.set.__doc__)")
    assert _run(code) == "kwdoc True"
