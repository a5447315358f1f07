"""HazeDesk — 川渝重污染天气预警会商台.

Package map (data flows one way: forecast → evaluation → views and exports):

- ``app.domain``  pure logic: scheme, units, AQI, forecast model and import, warning engine, proposal content.
- ``maps``        (top-level package) boundaries, projection, adjacency, simplification, matplotlib layouts.
- ``app.export``  proposal letters (docx/pdf), map exports, briefing pack, audit log. No Qt.
- ``app.gui``     the PySide6 desktop application; the only place Qt is imported.
- ``app.cli``     the ``hazedesk`` command and its subcommands.
"""

__version__ = "0.1.0"
