"""The window shows its coloured map before it pays for pyqtgraph (the timeline's plot), and never imports
the export libraries until an export runs; what is alive at that first paint is frozen out of the collector.
Fresh interpreter, offscreen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_CODE = """
import json, sys, tempfile
from pathlib import Path
from app.gui.app import HazeDesk
from app.gui.settings import Settings
from app.paths import DEFAULT_SAMPLE

desk = HazeDesk("zh", Settings(Path(tempfile.mkdtemp()) / "t.ini"), initial=(str(DEFAULT_SAMPLE), {}))  # as hazedesk gui
window = desk.window
seen = {}
def loaded():
    return sorted({m.split(".")[0] for m in sys.modules} & {"pyqtgraph", "matplotlib", "reportlab", "docx",
                                                              "docxtpl", "geopandas", "shapely", "scipy"})
import gc
from app.gui.app import freeze_after_first_paint
freeze_after_first_paint(desk)  # as hazedesk gui does: before the probe's own slot
window.canvas.firstColouredPaint.connect(lambda: seen.setdefault("at_first_paint", loaded()))
LATER = {"app.cases.library", "app.domain.proposal", "app.gui.desk_exports"}  # the case library, letters, exports
window.canvas.firstColouredPaint.connect(lambda: seen.setdefault("ours_at_first_paint", sorted(LATER & set(sys.modules))))
window.canvas.firstColouredPaint.connect(lambda: seen.setdefault("frozen", gc.get_freeze_count()))
seen["frozen_before"] = gc.get_freeze_count()
window.resize(1366, 768)
window.show()
import time
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    desk.app.processEvents()
    time.sleep(0.005)
    if "at_first_paint" in seen and window.docks["TimelineDock"]._plot is not None:
        break
print(json.dumps({**seen, "after": loaded(), "built": window.docks["TimelineDock"]._plot is not None,
                  "units": window.docks["TimelineDock"].units}))
"""


def test_map_paints_before_pyqtgraph_is_imported_and_the_timeline_follows(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HAZEDESK_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", _CODE], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["at_first_paint"] == []
    # the docks that start behind another's tab load their code when brought up (the case library, the
    # day table's export)
    assert report["ours_at_first_paint"] == []
    assert report["built"] and report["units"]
    assert report["after"] == []  # the timeline draws itself: pyqtgraph only for the weather panel, once opened
    # what was alive at the first paint left the collector's generations (exit no longer collects it), not before
    assert report["frozen_before"] == 0 and report["frozen"] > 10_000


_ORDER = """
import sys
order = []
class Log:
    def find_spec(self, name, path=None, target=None):
        order.append(name)
sys.meta_path.insert(0, Log())
import app.gui.app
print(" ".join(order))
"""


def test_the_pure_libraries_are_imported_before_pyside6():
    """PySide6 reads the source of every module imported after it (its __feature__ hook): numpy, pandas and
    the pure layers the window's start needs come first, whichever app.gui module is imported first."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", _ORDER], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    order = result.stdout.split()
    qt = order.index("PySide6")
    for name in ("numpy", "pandas", "pandas.core.frame", "app.importing.tables", "app.domain.engine", "maps.derived"):
        assert order.index(name) < qt, name


_HOOK = """
import builtins, sys
import app.gui.app
import tomllib  # imported after PySide6: its source is no longer read
feature = sys.modules["shibokensupport.feature"]
print(builtins.__import__.__name__, "tomllib" in feature.pyside_feature_dict)
"""


def test_pyside6s_feature_import_hook_is_given_back():
    """PySide6's __feature__ hook reads the source of every module named by an import after it (~150 at the
    window's start); HazeDesk selects no feature, so app.gui gives Python's own __import__ back."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", _HOOK], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["__import__", "False"]
