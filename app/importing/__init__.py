"""Forecast import: CSV, Excel, GBK, daily and range tables, NetCDF model grids → ``Forecast``. No Qt.

A layer of its own above ``maps`` because gridded input needs the unit polygons (cell–polygon overlap weights).
The entry point is :func:`load_forecast` (``app/importing/api.py`` documents what it accepts); the open dialog
can ask :func:`list_sheets` / :func:`grid_variables` first, and :func:`summarise` describes a loaded forecast.
"""

from app.importing.api import load_forecast
from app.importing.probe import FILE_FILTER, SUPPORTED_SUFFIXES, grid_variables, list_sheets
from app.importing.summary import summarise, summary_text

__all__ = ["FILE_FILTER", "SUPPORTED_SUFFIXES", "grid_variables", "list_sheets", "load_forecast", "summarise",
           "summary_text"]
