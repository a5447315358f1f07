"""The office-font answer is remembered while the font folders are unchanged, asked again when they change,
and a state folder that cannot be written never fails an export."""

from __future__ import annotations

from app.export import font_lookup


def test_remembered_until_a_font_is_added_or_removed(tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "a.ttf").write_bytes(b"x")
    calls = []

    def compute():
        calls.append(1)
        return len(calls) % 2 == 1

    assert font_lookup.remembered("office", compute, [fonts]) is True
    assert font_lookup.remembered("office", compute, [fonts]) is True
    assert len(calls) == 1
    (fonts / "sub").mkdir()
    (fonts / "sub" / "仿宋_GB2312.ttf").write_bytes(b"yy")
    assert font_lookup.remembered("office", compute, [fonts]) is False  # asked again
    (fonts / "a.ttf").unlink()
    font_lookup.remembered("office", compute, [fonts])
    assert len(calls) == 3
    (fonts / "notes.txt").write_text("not a font")
    font_lookup.remembered("office", compute, [fonts])
    assert len(calls) == 3


def test_a_damaged_or_unwritable_state_folder_only_means_asking_again(tmp_path, monkeypatch, _private_state):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (_private_state / "cache").mkdir()
    (_private_state / "cache" / "system-fonts.json").write_text("[1, 2", "utf-8")
    assert font_lookup.remembered("office", lambda: True, [fonts]) is True
    blocked = tmp_path / "state-is-a-file"
    blocked.write_text("x")
    monkeypatch.setenv("HAZEDESK_HOME", str(blocked))
    assert font_lookup.remembered("office", lambda: False, [fonts]) is False


def test_missing_folders_are_no_fonts(tmp_path):
    assert font_lookup.fingerprint([tmp_path / "absent"]) == font_lookup.fingerprint([])
