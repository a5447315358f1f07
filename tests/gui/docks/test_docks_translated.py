"""Every user-visible string of the docks, the what-if dialog, autosave and the undo binding has English."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "i18n" / "hazedesk_en.ts"
LUPDATE = Path(PySide6.__file__).parent / "lupdate"
OURS = ["app/gui/docks/*.py", "app/gui/dialogs/whatif_dialog.py", "app/gui/dialogs/review_dialog.py",
        "app/gui/autosave.py", "app/gui/undo.py"]


@pytest.mark.skipif(not LUPDATE.exists(), reason="lupdate ships with PySide6")
def test_dock_strings_have_english(tmp_path):
    copy = tmp_path / "check_en.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for pattern in OURS for p in ROOT.glob(pattern))
    subprocess.run([str(LUPDATE), "-silent", *sources, "-ts", str(copy)], check=True, cwd=ROOT)
    ours = {"Docks", "AutoSave", "EditsDock", "EpisodesDock", "InForceDock", "TimelineDock", "WhatIfDialog",
            "WhatIfUndoStack"}
    missing, found = [], 0
    for context in ET.parse(copy).getroot():
        if context.findtext("name") not in ours:
            continue
        for message in context.findall("message"):
            found += 1
            translation = message.find("translation")
            if translation.get("type") == "unfinished" or not "".join(translation.itertext()).strip():
                missing.append(f"{context.findtext('name')}: {message.findtext('source')}")
    assert found > 100  # lupdate really found the strings (a helper hiding them would make this test empty)
    assert not missing, "untranslated (lupdate, translate, lrelease):\n" + "\n".join(missing)
