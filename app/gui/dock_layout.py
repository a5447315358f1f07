"""Where the main window's docks go and how big they are: the first layout (no saved one), bringing a dock to
the front, and giving the map its height back.

The bottom docks share one area: the timeline wants a third of the height, the city × day table and the case
library half of it for their rows. Bringing up the table (Ctrl+T) enlarges the area and remembers the height it
had; going back to the timeline — Ctrl+T again, its tab, or the View menu — gives that height back, so the map is
not left a strip (on a 1366×768 screen it was ~170 pixels tall after Ctrl+T → 时间序列).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.gui.docks.on_screen import on_screen

BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
RIGHT_DOCKS = ("EpisodesDock", "InForceDock", "EditsDock", "DataQualityDock")
TALL = ("DayTableDock", "CasesDock")  # bottom docks listing rows: the area is enlarged while they are in front
TALL_SHARE = 0.45
FOLDING = ("TimelineDock", "DayTableDock", "CasesDock")  # the bottom docks fold to their title line
RIGHT_SHARE = 0.30


class DockLayout:
    def __init__(self, window):
        self.window = window
        self.docks = window.docks
        self._bottom_height: int | None = None  # the bottom area's height before a tall dock enlarged it
        timeline = self.docks.get("TimelineDock")
        if timeline is not None:
            timeline.visibilityChanged.connect(lambda shown: shown and self._give_back_height())
        from app.gui.dock_title import install

        self.titles = {name: install(dock) for name, dock in self.docks.items() if name in FOLDING}
        for dock in (self.docks[name] for name in self.titles):  # another tab brought up: the area unfolds
            dock.visibilityChanged.connect(lambda shown: shown and self.unfold())

    # -- the first layout ---------------------------------------------------------------------------------
    def default_tabs(self) -> None:
        """First layout (no saved one): the day table a tab behind the timeline; on a screen under 900 px high
        the unit panel a tab beside the episodes (stacked under them it would squeeze the in-force form).
        Done when first shown: tabbing before the window is laid out left a stale tab bar in grabbed images."""
        window, docks = self.window, self.docks
        if "DayTableDock" in docks and "TimelineDock" in docks:
            window.tabifyDockWidget(docks["TimelineDock"], docks["DayTableDock"])
            if "CasesDock" in docks:  # the case library a tab further: a wide list, like the table
                window.tabifyDockWidget(docks["DayTableDock"], docks["CasesDock"])
            docks["TimelineDock"].raise_()
        screen = window.screen()
        if "UnitPanelDock" in docks and "EpisodesDock" in docks and screen is not None \
                and screen.availableGeometry().height() < 900:
            window.tabifyDockWidget(docks["EpisodesDock"], docks["UnitPanelDock"])
            docks["EpisodesDock"].raise_()

    def default_sizes(self) -> None:
        """The map gets most of the window: docks on the right 30% of the width (410 px at 1366, 560 at 1920:
        the episodes' and warnings' columns need it), the timeline about a third of the height (a saved layout
        replaces this)."""
        window = self.window
        right = [self.docks[n] for n in RIGHT_DOCKS if n in self.docks]
        if right:
            width = min(max(int(window.width() * RIGHT_SHARE), 340), 580)
            window.resizeDocks(right[:1], [width], Qt.Orientation.Horizontal)
        if "TimelineDock" in self.docks:
            height = min(max(int(window.height() * 0.32), 230), 330)  # room for the AQI plot and the strips
            window.resizeDocks([self.docks["TimelineDock"]], [height], Qt.Orientation.Vertical)
        self._bottom_height = None

    # -- bringing docks up --------------------------------------------------------------------------------
    def show_dock(self, name: str) -> None:
        window, dock = self.window, self.docks[name]
        if name in self.titles:
            self.unfold()  # brought up: unfolded
        bottom = window.dockWidgetArea(dock) == BOTTOM and not dock.isFloating()
        if bottom and name in TALL and self._bottom_height is None:
            self._bottom_height = self._bottom_area_height(dock)
        dock.show()
        dock.raise_()
        if bottom and name in TALL:
            window.resizeDocks([dock], [int(window.height() * TALL_SHARE)], Qt.Orientation.Vertical)
        elif bottom:
            self._give_back_height()

    def unfold(self) -> None:
        """Unfold every folded bottom dock (they share one area: a folded one holds the others to its strip)."""
        for title in self.titles.values():
            title.set_folded(False)

    def toggle_day_table(self) -> None:
        """Ctrl+T: the city × day table to the front, or, when it is in front already, back to the timeline."""
        table = self.docks.get("DayTableDock")
        if table is not None and on_screen(table) and "TimelineDock" in self.docks:
            self.show_dock("TimelineDock")
        else:
            self.show_dock("DayTableDock")

    def _bottom_area_height(self, dock) -> int:
        shown = [d for d in self.docks.values() if self.window.dockWidgetArea(d) == BOTTOM and on_screen(d)]
        return max((d.height() for d in shown), default=dock.height())

    def _give_back_height(self) -> None:
        height, self._bottom_height = self._bottom_height, None
        timeline = self.docks.get("TimelineDock")
        if height is not None and timeline is not None and not timeline.isFloating():
            self.window.resizeDocks([timeline], [height], Qt.Orientation.Vertical)
