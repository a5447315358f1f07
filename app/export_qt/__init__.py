"""Exports drawn with Qt's raster painter (QtGui on any platform, the offscreen one without a display): the meeting
map's PNG pages (:mod:`app.export_qt.map_page`). Above the Qt-free exports (``app.export``), which they draw for;
the window and the CLI import them, never the layers below.
"""
