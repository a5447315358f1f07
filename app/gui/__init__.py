"""The PySide6 desktop application: the only package that imports Qt.

Once imported, PySide6 reads the source of every module imported after it (its ``__feature__`` import hook
looks for "PySide6" in the text: about a millisecond a module, a quarter of a second for numpy and pandas
after it). The libraries and pure layers the window needs at its start are therefore imported here, before
any module of this package imports Qt.
"""

import builtins as _builtins

import numpy  # noqa: F401
import pandas  # noqa: F401

import app.domain.engine  # noqa: F401
import app.importing  # noqa: F401
import maps.derived  # noqa: F401

# PySide6 replaces ``__import__`` by its ``__feature__`` hook, which after every import statement's first use
# of a module name reads the module's source (inspect.getsource) to see whether it mentions PySide6: 150 such
# reads at the window's start, large modules among them (app.domain.engine, pandas' arrays), some of them in the
# forecast loader's thread while the window is built. HazeDesk selects no ``from __feature__ import`` (snake_case,
# true_property), so the hook is given back to Python's own import once PySide6 has installed it.
_own_import = _builtins.__import__
import PySide6.QtCore  # noqa: E402, F401  (installs the hook)

if _builtins.__import__ is not _own_import and getattr(_builtins.__import__, "__name__", "") == "__feature_import__":
    _builtins.__import__ = _own_import
