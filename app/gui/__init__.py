"""The PySide6 desktop application: the only package that imports Qt."""

from app.gui.refcount_guard import guard_none_refcount

guard_none_refcount()  # before any Qt call: see refcount_guard for the PySide6 6.12 / Python 3.11 bug
