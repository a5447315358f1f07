"""The PySide6 desktop application: the only package that imports Qt.

Once imported, PySide6 reads the source of every module imported after it (its ``__feature__`` import hook
looks for "PySide6" in the text: about a millisecond a module, a quarter of a second for numpy and pandas
after it). The libraries and pure layers the window needs at its start are therefore imported here, before
any module of this package imports Qt.
"""

import numpy  # noqa: F401
import pandas  # noqa: F401

import app.domain.engine  # noqa: F401
import app.importing  # noqa: F401
import maps.derived  # noqa: F401
