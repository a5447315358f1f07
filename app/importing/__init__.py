"""Forecast import: CSV, Excel, GBK, daily and range tables, NetCDF model grids → ``Forecast``. No Qt.

A layer of its own above ``maps`` because gridded input needs the unit polygons (cell–polygon overlap weights).
The one entry point is :func:`load_forecast`; see ``app/importing/api.py`` for its keywords.
"""

from app.importing.api import load_forecast

__all__ = ["load_forecast"]
