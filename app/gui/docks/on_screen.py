"""Whether a dock's content can be seen: a dock tabbed behind another stays ``isVisible()`` (Qt only covers
it), so work done "when visible" was done for every tab of the group; its visible region is empty."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def on_screen(widget: QWidget) -> bool:
    return widget.isVisible() and not widget.visibleRegion().isEmpty()
