"""Make the user guide's pictures from the real window: ``hazedesk gui --screenshot`` on the bundled sample, in
Chinese and English, at an office laptop's 1366 × 768, scaled to 1100 px wide, into ``resources/guide/``.

The what-if and warnings-in-force pictures open session files written here (the same files File → Save session
writes). Run after a change that alters what the window looks like::

    .venv/bin/python -m tools.make_guide_pictures
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from app.desk.guide import PICTURES_DIR, picture_path, pictures
from app.desk.session_file import Session, save_session
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING
from app.domain.session import WorkingState, file_sha256
from app.domain.whatif import Edit
from app.paths import DEFAULT_SAMPLE

SIZE = "1366x768"
WIDTH = 1100


def _session(folder: Path, name: str, **working) -> str:
    state = WorkingState(str(DEFAULT_SAMPLE), file_sha256(DEFAULT_SAMPLE), **working)
    return str(save_session(folder / f"{name}.hazedesk", Session(state, ["成都市"])))


def _shots(folder: Path) -> dict[str, list[str]]:
    t = lambda day, hour=0: datetime(2026, 1, day, hour, tzinfo=BEIJING)  # noqa: E731 - a short helper
    whatif = _session(folder, "whatif", edits=[Edit("成都市", t(13), t(15, 23), "scale", 0.6)],
                      hour_time=t(13, 14), layer="warning", mode="calendar")
    inforce = _session(folder, "inforce", in_force=[WarningInForce("成都平原地区", "yellow", t(12), None)],
                       hour_time=t(13, 14), layer="warning", mode="calendar")
    sample = str(DEFAULT_SAMPLE)
    return {
        "overview": [sample, "--time", "2026-01-13T14:00", "--layer", "warning", "--episode", "2"],
        "numbers": [sample, "--time", "2026-01-13T08:00", "--layer", "daily", "--select", "成都市", "--dock",
                    "UnitPanelDock"],
        "table": [sample, "--time", "2026-01-13T08:00", "--layer", "daily", "--dock", "DayTableDock"],
        "whatif": [whatif, "--dock", "EditsDock"],
        "inforce": [inforce, "--dock", "InForceDock"],
    }


def _shrink(path: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication(["shrink"])
    image = QImage(str(path)).scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
    # 256 colours are plenty for flat map colours and UI text, at about a third of the size
    image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither).save(
        str(path), "PNG", 9)


def main() -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    PICTURES_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hazedesk-guide-") as folder:
        shots = _shots(Path(folder))
        for lang in ("zh", "en"):
            for name in pictures(lang):
                out = picture_path(lang, name)
                command = [sys.executable, "-m", "app", "gui", *shots[name], "--lang", lang, "--size", SIZE,
                           "--screenshot", str(out)]
                subprocess.run(command, check=True, env=dict(os.environ, HAZEDESK_HOME=folder))
                _shrink(out)
                print(out, out.stat().st_size // 1024, "KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
