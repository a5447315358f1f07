"""Every user-visible string of the desk's docks and dialogs (issue 14) has an English translation."""

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
OURS = {"app/gui/docks/daytable_dock.py": {"DayTableDock", "DayTableModel"},
        "app/gui/numbers_text.py": {"UnitNumbers"},
        "app/gui/docks/unit_panel_dock.py": {"UnitPanelDock"},
        "app/gui/find_bar.py": {"FindBar"},
        "app/gui/session_files.py": {"SessionFiles"},
        "app/gui/dialogs/multiples_dialog.py": {"MultiplesView", "MultiplesDialog"},
        "app/gui/docks/met_panel.py": {"MetPanel"}}


@pytest.mark.skipif(not LUPDATE.exists(), reason="lupdate ships with PySide6")
def test_desk_strings_have_english(tmp_path):
    copy = tmp_path / "check_en.ts"
    shutil.copy(TS, copy)
    subprocess.run([str(LUPDATE), "-silent", *sorted(OURS), "-ts", str(copy)], check=True, cwd=ROOT)
    contexts = set().union(*OURS.values())
    missing, found = [], 0
    for context in ET.parse(copy).getroot():
        if context.findtext("name") not in contexts:
            continue
        for message in context.findall("message"):
            found += 1
            translation = message.find("translation")
            if translation.get("type") == "unfinished" or not "".join(translation.itertext()).strip():
                missing.append(f"{context.findtext('name')}: {message.findtext('source')}")
    assert found >= 30
    assert not missing, "untranslated (lupdate, translate, lrelease):\n" + "\n".join(missing)
