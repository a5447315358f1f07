"""What the desktop bundle carries: read by ``build/pyinstaller.spec`` and by ``tests/test_packaging.py``.

Plain Python without PyInstaller, so CI (which never installs PyInstaller) can check that every file the app
reads at run time lies in a bundled folder, that every discovered subcommand and benchmark is collected, and
that the Qt trimming keeps what the app needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePath

# Copied whole, to the same relative path under the bundle's _internal/ (app.paths reads them via sys._MEIPASS).
BUNDLED_FOLDERS = ("data", "resources")
# Every submodule becomes a hidden import: app.cli and app.bench find theirs with pkgutil at run time, and the
# GUI imports its docks and dialogs lazily.
COLLECTED_PACKAGES = ("app", "maps")
# Compiled packages whose extension modules import each other from C, where PyInstaller cannot see it
# (pyogrio._io needs pyogrio._geometry): all their non-test submodules are hidden imports.
NATIVE_PACKAGES = ("pyogrio",)
# Loaded by name at run time: matplotlib picks the backend for savefig(.pdf/.svg) with importlib.
EXTRA_HIDDEN_IMPORTS = ("matplotlib.backends.backend_agg", "matplotlib.backends.backend_pdf",
                        "matplotlib.backends.backend_svg")
# Packages whose data files the app needs besides what their PyInstaller hooks collect: PROJ's proj.db, GDAL's
# gdal_data (pyogrio reads the GeoPackage), python-docx's default parts, reportlab's standard fonts.
DATA_PACKAGES = ("pyproj", "pyogrio", "docx", "docxtpl", "reportlab")
# Packages kept as .py files on disk, not only in the archive: python-docx opens its part templates as
# docx/parts/../templates/default-footer.xml, and on Linux that path fails unless docx/parts/ is a real folder
# (the review report's page-number footer and the letters' headers need those templates).
MODULE_COLLECTION_MODE = {"docx": "py"}
# Installed but never needed by the app: development tools, benchmark baselines (the benchmark says so when its
# baseline is missing), fiona (geopandas reads through pyogrio; fiona would add a second GDAL of 50 MB), Tk.
EXCLUDED_MODULES = (
    "tkinter", "_tkinter", "IPython", "pytest", "pytestqt", "hypothesis", "importlinter", "grimp", "ruff",
    "libpysal", "sklearn", "aqi_hub", "fiona", "PyInstaller",
    # pyqtgraph imports QtOpenGL and QtOpenGLWidgets unconditionally (kept), these only in try/except ImportError:
    "PySide6.QtNetwork", "PySide6.QtTest", "PySide6.QtDBus",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore", "PySide6.Qt3DCore",
    # Build tools nothing imports at run time; bundled, their PyInstaller run-time hooks import pkg_resources and
    # setuptools at every start (a second and more of the bundled window's start-up on 2 cores).
    "pkg_resources", "setuptools", "_distutils_hack", "distutils", "numpy.distutils",
)
# Data files of collected packages that nothing reads.
UNUSED_DATA = ("pyogrio/tests", "matplotlib/mpl-data/sample_data", "pandas/tests", "numpy/tests")

# Qt plugin folders the app uses: windowing, image formats (PNG export, icons), printing, input methods (Chinese
# IMEs on Linux), GL integration for xcb, and Windows styles. Everything else (wayland, eglfs, tls, network
# information, GTK theme) is dropped with the libraries only those plugins needed.
_KEEP_PLUGIN_DIRS = {"platforms", "imageformats", "iconengines", "printsupport", "platforminputcontexts",
                     "xcbglintegrations", "styles"}
_KEEP_PLATFORMS = ("qxcb", "qoffscreen", "qminimal", "qwindows", "qcocoa")
_KEEP_TRANSLATIONS = ("qt_zh_CN.qm", "qtbase_zh_CN.qm", "qt_en.qm", "qtbase_en.qm")


def is_unneeded_qt_file(dest: str) -> bool:
    """True for a bundled Qt plugin or translation the app never loads (``dest`` as in PyInstaller's TOC)."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if not parts or parts[0] != "PySide6":
        return False
    name = parts[-1]
    if "translations" in parts:
        return name not in _KEEP_TRANSLATIONS
    if "plugins" not in parts:
        return False
    folder = parts[parts.index("plugins") + 1] if parts.index("plugins") + 1 < len(parts) - 1 else ""
    if folder not in _KEEP_PLUGIN_DIRS:
        return True
    if folder == "platforms":
        stem = name.removeprefix("lib").split(".")[0]
        return stem not in _KEEP_PLATFORMS
    return False


def orphaned_libraries(kept: Iterable[str], dropped: Iterable[str],
                       imports_of: Callable[[str], Iterable[str]]) -> set[str]:
    """Bundled libraries that only the ``dropped`` binaries need.

    ``kept`` and ``dropped`` are binary file names; ``imports_of(name)`` gives the library names one of them
    links to. A kept binary that no dropped one links to is a root (an extension module, the Python library,
    a kept plugin, a library loaded with ctypes); whatever a root links to stays.
    """
    def closure(roots: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        todo = list(roots)
        while todo:
            for lib in imports_of(todo.pop()):
                if lib not in seen:
                    seen.add(lib)
                    todo.append(lib)
        return seen

    kept = set(kept)
    needed_by_dropped = closure(dropped)
    roots = kept - needed_by_dropped
    return (needed_by_dropped & kept) - roots - closure(roots)
