"""Forecast import: CSV, Excel, GBK, daily and range tables, NetCDF model grids → ``Forecast``. No Qt.

A layer of its own above ``maps`` because gridded input needs the unit polygons (cell–polygon overlap weights).
"""
