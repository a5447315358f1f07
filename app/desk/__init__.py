"""Qt-free logic behind the desk's views: the city × day table, small multiples, finding a unit, session files
and the user guide's content. The docks and dialogs in ``app.gui`` only show what these compute.
"""
