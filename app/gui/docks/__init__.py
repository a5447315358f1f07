"""Dock widgets of the main window (timeline, episodes, warnings in force, what-if edits), one per module."""
