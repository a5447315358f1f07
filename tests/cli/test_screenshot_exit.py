"""``hazedesk gui --screenshot`` ends its process at once when the PNG is written (app.cli.leave_at_once): what
was registered to run at exit still runs and the picture and the audit line are complete, but the interpreter's
tear-down (every object freed one by one, the window and QApplication destroyed) is skipped. Called in
process (``main(argv)``, as tests and other code do) the command returns as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtGui import QImage

from app.paths import SAMPLES_DIR

ROOT = Path(__file__).resolve().parents[2]
ORANGE = SAMPLES_DIR / "sample-regional-orange.csv"

# the console script's own line (sys.exit(main())), with a witness of the interpreter's tear-down (an object
# freed only then) and a function registered to run at exit, as the bench's peak-memory writer is
PROGRAM = textwrap.dedent("""
    import atexit, sys

    class Witness:
        def __del__(self):
            print("torn down", flush=True)

    witness = Witness()
    atexit.register(lambda: print("at exit", "pyqtgraph" in sys.modules, flush=True))
    from app.cli import main

    sys.argv = ["hazedesk", *sys.argv[1:]]
    sys.exit(main())
""")


def run(*args, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HAZEDESK_HOME": str(home), "HAZEDESK_LANG": "en", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", PROGRAM, *map(str, args)], capture_output=True, text=True,
                          timeout=180, env=env, cwd=ROOT)


def test_the_screenshot_process_ends_at_once_with_its_files_written(tmp_path):
    out = tmp_path / "s.png"
    done = run("gui", ORANGE, "--screenshot", out, "--size", "1000x700", home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    # atexit ran; the tear-down (the witness freed) did not; the timeline was drawn without pyqtgraph (its import
    # was a fifth of the command: app.gui.docks.timeline_plot)
    assert done.stdout.splitlines() == ["at exit False"]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    audit = [json.loads(line) for line in (tmp_path / "home" / "audit.jsonl").read_text("utf-8").splitlines()]
    assert [e["kind"] for e in audit] == ["screenshot"] and Path(audit[0]["outputs"][0]["path"]) == out
    assert audit[0]["edits"] == []  # a forecast, no what-if edits
    assert not list(tmp_path.glob("*.tmp*"))  # the atomic write left nothing behind


def test_a_refused_screenshot_exits_2_the_usual_way(tmp_path):
    done = run("gui", ORANGE, "--screenshot", tmp_path / "s.png", "--time", "2031-01-01T00:00",
               home=tmp_path / "home")
    assert done.returncode == 2 and "time outside the forecast" in done.stderr
    assert done.stdout.splitlines() == ["at exit False", "torn down"]
    assert not (tmp_path / "s.png").exists()
